"""Dismissal: replies that minimise the customer's feeling or problem.

Component ``humanly.tone.dismissive.v1``; the definition is in ``docs/tone.md``. Changing a rule means a new version.
"""

from __future__ import annotations

import re

from humanly.engine.tone_customer import acknowledges
from humanly.engine.tone_rules import Rule, clean, drop, lead_in, rule, say, strip, when

DISMISSIVE = "humanly.tone.dismissive.v8"
_DISMISSIVE = (
    rule(
        "dismissive",
        r"\bI'?m\s+(?:sure|certain)\s+(?:she|he|they|it|that|this)\s+(?:didn'?t|did\s+not|wasn'?t|was\s+not|"
        r"never|meant)\b[^.!?]{0,60}",
        "Decides on the customer's behalf that it wasn't so bad; their experience is waved away.",
        say("I'm sorry; that isn't how we want anyone to feel"),
    ),
    rule(
        "dismissive",
        r"\b(?:it'?s|that'?s|this\s+is|it\s+was|it\s+is|was)\s+(?:just|only|merely|probably\s+just|really\s+only)\s+"
        r"(?:a\s+)?(?:\S+\s+)?(?:one-off\s+)?(?:glitch|blip|hiccup|strain|bug|inconvenience|small\s+delay|"
        r"(?:small|minor|little|tiny)\s+\w+|few\s+(?:hours|days|minutes|pounds|dollars|quid)|couple\s+of\s+(?:hours|days|minutes|pounds|dollars))\b",
        "Shrinks the problem with 'just' or 'only'; the customer hears that their trouble doesn't matter.",
        strip(
            r"\b(?:just|only|merely|probably\s+just|really\s+only)\s+|\b(?:one-off|minor|little|tiny|small)\s+"
        ),
    ),
    rule(
        "dismissive",
        r"\bit'?s\s+only\s+been\s+(?:down\s+)?(?:for\s+)?(?:a\s+few|an?|\d+)\b[^.!?]{0,60}",
        "Measures the problem as small; it brushes off how it affected the customer.",
        strip(r"\bonly\s+|,?\s*so\s+I\s+wouldn'?t\s+worry\s+too\s+much"),
    ),
    rule(
        "dismissive",
        r"\bit'?s\s+only\s+[£$€]\s?\d[\d.,]*\s+(?:more|extra)\b[^.!?]{0,20}",
        "Calling a price rise 'only' tells the customer their concern is petty.",
        strip(r"\bonly\s+"),
    ),
    rule(
        "dismissive",
        r"\b(?:really\s+|quite\s+|fairly\s+|pretty\s+)+minor\b[^.!?]{0,40}|\bin\s+the\s+grand\s+scheme\s+of\s+things\b"
        r"|\b(?:not|no)\s+(?:a|that|such\s+a)?\s*big\s+(?:of\s+a\s+)?deal\b|\bimpact\s+(?:was|is)\s+(?:limited|"
        r"minimal|small|negligible)\b",
        "Minimises what happened; the customer will feel their experience is not taken seriously.",
        drop,
        "clause",
    ),
    rule(
        "dismissive",
        r"\b(?:kids|children|they|he|she)\s+(?:will\s+|usually\s+)?bounce\s+back\b[^.!?]{0,20}",
        "Brushes off a real upset with a cheerful generality.",
        say("I'm so sorry; that must have been hard."),
        "sentence",
    ),
    rule(
        "dismissive",
        r"^(?:speeds?|results|times|performance|mileage)\s+(?:may|can|will)\s+vary\s*\.$",
        "A stock disclaimer in reply to a real complaint; it shrugs the problem off.",
        say("I'd like to check what you're actually getting."),
        "sentence",
    ),
    rule(
        "dismissive",
        r"^please\s+(?:re-?watch|re-?read)\b[^.!?]{0,60}",
        "Sends the customer back to material that already didn't help them.",
        say("Could you tell me which part is unclear, so I can help with it directly?"),
        "sentence",
    ),
    rule(
        "dismissive",
        r"^(?:he|she|they)(?:'ll|\s+will)\s+get\s+back\s+to\s+you\s*\.$",
        "A vague 'they'll get back to you' brushes off a customer who is already waiting.",
        say("I'm sorry for the wait; I've asked them to reply to you today."),
        "sentence",
    ),
    rule(
        "dismissive",
        r"\b(?:longer|slower|busier)\s+than\s+usual\s+for\s+everyone\b[^.!?]{0,30}|\b(?:crashes|errors|error\s+pages"
        r"|delays|outages|glitches|bugs)\s+(?:\S+\s+){0,2}?happen\s+(?:with|to|in|for)\s+(?:all|every)\b[^.!?]{0,40}",
        "Tells the customer it happens to everyone; their own bad day is waved away.",
        say("I'm sorry about this"),
        "sentence",
    ),
    rule(
        "dismissive",
        r"\b(?:clients|customers|people|users)\s+(?:see|get|experience|have)\s+(?:\S+\s+){0,2}?all\s+the\s+time\b"
        r"[^.!?]{0,50}",
        "Normalises the problem instead of recognising how it felt for this customer.",
        say("I'm sorry that happened to you."),
        "sentence",
    ),
    rule(
        "dismissive",
        r"\b(?:that'?s|that\s+is|it'?s)\s+(?:a\s+bit\s+of\s+|rather\s+)?an\s+overreaction\b|\boverreact\w*\b|"
        r"\bcalm\s+down\b",
        "Tells the customer their reaction is too much; it will make them angrier.",
        say("I understand why you're worried"),
        "clause",
    ),
    rule(
        "dismissive",
        r"\bnothing\s+to\s+be\s+(?:afraid|scared|frightened|upset|anxious)\s+(?:of|about)\b|\b(?:there'?s\s+|there\s+"
        r"is\s+)?(?:really|honestly|absolutely)\s+no\s+need\s+to\s+(?:be\s+)?(?:anxious|worried|upset|scared|afraid|"
        r"stressed|panic|worry)\b",
        "Tells the customer how not to feel; it brushes their feelings aside.",
        drop,
        "clause",
    ),
    rule(
        "dismissive",
        r"\bdon'?t\s+(?:stress|be\s+silly|be\s+so\s+dramatic|be\s+dramatic|overthink\s+it)\b[^.!?]{0,40}",
        "Waves away a real worry; the customer will feel unheard.",
        say("I understand why this is stressful."),
        "sentence",
    ),
    rule(
        "dismissive",
        r"\b(?:I\s+)?wouldn'?t\s+worry\s+(?:too\s+much|about\s+it)\b|\bso\s+(?:there'?s\s+)?nothing\s+to\s+worry\s+"
        r"about\b",
        "Tells the customer not to worry instead of dealing with what worries them.",
        drop,
    ),
    rule(
        "dismissive",
        r"\b(?:easy|quick|simple)\s+to\s+(?:recreate|redo|replace|rebuild|make\s+again)\b[^.!?]{0,20}",
        "Treats the customer's lost work as no great loss.",
        say("I know losing that is a real blow"),
        "sentence",
    ),
    rule(
        "dismissive",
        r"\bstill\s+(?:taste|tastes|look|looks|work|works)\s+(?:just\s+as|perfectly)\s+(?:good|fine)\b[^.!?]{0,20}",
        "Looks on the bright side of the customer's loss; it sounds like 'stop complaining'.",
        say("I'm so sorry this happened on such an important day."),
        "sentence",
    ),
    rule(
        "dismissive",
        r"\bstill\s+(?:captured|managed\s+to|got|delivered|took)\b[^.!?]{0,40}",
        "Counts what went right against the customer's loss; it sounds like 'stop complaining'.",
        lambda span: (
            "I'm so sorry about what was missed. "
            + clean(re.sub(r"\bstill\s+", "", span)).rstrip(".!")
            + ", though I know that doesn't make up for it."
        ),
        "sentence",
    ),
    rule(
        "dismissive",
        r"\b(?:never|won'?t|don'?t|rarely)\s+(?:even\s+)?notice\s+(?:that|this|these|things\s+like)\b[^.!?]{0,30}",
        "Decides the customer's embarrassment doesn't count.",
        drop,
        "clause",
    ),
    rule(
        "dismissive",
        r"\ba\s+(?:bit|little)\s+of\s+\w+\b[^.!?]{0,40}\b(?:is|are)\s+(?:quite\s+|pretty\s+|fairly\s+)?(?:common|"
        r"normal)\b[^.!?]{0,40}",
        "Calls the problem normal; the customer's concern is waved away.",
        say("That isn't acceptable, and I'm sorry."),
        "sentence",
        only_if="not_asked_if_normal",
    ),
)

_DISMISSIVE_MORE = (
    rule(
        "dismissive",
        r"\b(?:only|purely|just)\s+cosmetic\b|\byou'?ll\s+(?:soon\s+)?get\s+used\s+to\s+it\b|\bI'?m\s+sure\s+it(?:'s|'ll\s+be)"
        r"\s+fine\b|\bno\s+need\s+to\s+(?:get|be)\s+(?:so\s+)?(?:upset|angry|worked\s+up|cross)\b|\ba\s+small\s+price\s+"
        r"to\s+pay\b",
        "Brushes the customer's concern aside instead of dealing with it.",
        drop,
        "clause",
    ),
    rule(
        "dismissive",
        r"\bnot\s+the\s+end\s+of\s+the\s+world\b|\bworse\s+things\s+happen\b|\bhardly\s+a\s+disaster\b|\byou'?ll\s+"
        r"survive\b|\bfirst[- ]world\s+problems?\b|^(?:relax|chill(?:\s+out)?|cheer\s+up)\b[,!.]?",
        "Waves the problem away; the customer will feel their trouble doesn't count.",
        drop,
        "clause",
    ),
    rule(
        "dismissive",
        r"\b(?:it'?s|that'?s|this\s+is|it\s+isn'?t|that\s+isn'?t)\s+(?:not\s+)?(?:that|so|really\s+that)\s+(?:serious|bad|big"
        r"\s+a\s+deal|important)\b|\byou(?:'re|\s+are)\s+being\s+(?:dramatic|over-?sensitive|unreasonable)\b",
        "Tells the customer it isn't as bad as they feel; they will feel brushed off.",
        drop,
        "clause",
    ),
    rule(
        "dismissive",
        r"\b(?:these|such)\s+things\s+(?:do\s+)?happen\b[^.!?]{0,30}|\beveryone\s+(?:has|gets|experiences)\s+(?:these|this|"
        r"that|the\s+same)\s+(?:problems?|issues?)\b[^.!?]{0,20}",
        "'These things happen' shrugs off trouble the customer didn't cause.",
        drop,
        "clause",
        only_if="not_self_blaming",
    ),
    rule(
        "dismissive",
        r"\bat\s+least\s+(?:it|you|they|the\s+\w+)\s+(?:arrived|got|works|came|has|have|still)\b[^.!?]{0,30}|\blook\s+on\s+"
        r"the\s+bright\s+side\b[^.!?]{0,30}|\b(?:it|things)\s+could\s+(?:have\s+been|be)\s+(?:a\s+lot\s+|much\s+)?worse\b"
        r"[^.!?]{0,20}|\b(?:try\s+not\s+to|don'?t)\s+take\s+it\s+personally\b[^.!?]{0,20}",
        "Looks on the bright side of the customer's problem; it minimises how they feel.",
        drop,
        "sentence",
    ),
)


# Families of minimising: "just a", "nothing to get upset about", "a normal part of", small shares.
_DISMISSIVE_FAMILIES = (
    rule(
        "dismissive",
        r"\b(?:it'?s|that'?s|is)\s+just\s+a\s+(?:number|phone|bag|game|label|\w+)\b(?=[,.!?])|\bnothing\s+to\s+(?:get\s+)?"
        r"(?:upset|worried|stress|panic)\s*(?:about|over)\b|\bnot\s+as\s+bad\s+as\s+(?:all\s+that|you\s+think|it\s+"
        r"seems)\b|\b(?:is|are)\s+a\s+normal\s+part\s+of\b[^.!?,]*|\b(?:kids|boys|people)\s+will\s+be\s+\w+\b|"
        r"\bas\s+I'?m\s+sure\s+you\s+can\s+appreciate\b",
        "Makes the customer's problem sound small; they hear that it doesn't matter.",
        drop,
    ),
    # Asked "is that a problem?", "nothing to worry about" is the answer.
    rule(
        "dismissive",
        r"\bnothing\s+to\s+worry\s+about\b",
        "Makes the customer's problem sound small; they hear that it doesn't matter.",
        drop,
        only_if="not_asked_if_normal",
    ),
    rule(
        "dismissive",
        r"\b(?:affected|affects|impacted|hit)\s+(?:fewer|less)\s+than\s+\d+(?:\.\d+)?%\s+of\b[^.!?,]*|\bit\s+only\s+takes\s+"
        r"(?:a\s+few|a\s+couple\s+of|\d+)\s+(?:minutes|seconds|moments)\b",
        "Measures the problem as small; it brushes off how it affected this customer.",
        drop,
    ),
)


# More minimising (v3): "quite normal", "part of camping", "before you know it", "I doubt anyone
# noticed", "try not to stress".
_DISMISSIVE_MORE3 = (
    rule(
        "dismissive",
        r"\b(?:is|are)\s+(?:just\s+)?(?:a\s+)?part\s+of\s+(?:camping|trading|life|travel|(?!(?:finding|working|getting|"
        r"sorting|fixing|checking|making)\b)\w+ing)\b|\bhappen\s+for\s+a\s+"
        r"(?:range|variety|number)\s+of\s+reasons\b|\bcan\s+vary\s+depending\s+on\s+(?:many|lots\s+of|a\s+number\s+of)\s+"
        r"factors\b|\bbefore\s+you\s+know\s+it\b|\bI\s+doubt\s+(?:anyone|any\s+\w+|many\s+\w+)\s+(?:even\s+)?noticed\b|"
        r"\bI'?m\s+sure\s+it\s+was\s+(?:just|only)\b[^.!?,]*|\btry\s+not\s+to\s+(?:stress|worry|panic)\b[^.!?]*|\bthey\s+always\s+"
        r"do\b|\bmost\s+of\s+the\s+(?:audience|customers|guests|users|class)\s+(?:enjoyed|loved|liked)\b[^.!?,]*|\blike\s+"
        r"everyone\s+else\b|\bso\s+you'?re\s+fine\b|\bthere\s+are\s+plenty\s+of\s+other\b[^.!?]*",
        "Makes the customer's problem sound small or routine; they hear that it doesn't matter.",
        drop,
    ),
    # Asked "is this normal?", "yes, it's normal" is the answer, not a shrug.
    rule(
        "dismissive",
        r"\b(?:is|are)\s+(?:quite\s+|perfectly\s+|completely\s+|totally\s+)?normal\b(?!\s+(?:for\s+us\s+to|practice))"
        r"[^.!?,]*",
        "Makes the customer's problem sound small or routine; they hear that it doesn't matter.",
        drop,
        only_if="not_asked_if_normal",
    ),
)

# Minimising only happens to a complaint or a feeling: with neither, these words are just facts.
# v7: "nothing to get worked up about", "people always panic about it", "it's really nothing".
_DISMISSIVE_MORE7 = (
    rule(
        "dismissive",
        r"\b(?:it'?s\s+)?(?:really\s+)?nothing\s+to\s+(?:get\s+)?(?:worked\s+up|stress|fret)\s+(?:about|over)\b|\b(?:people|"
        r"everyone|customers|patients)\s+always\s+(?:panic|fret|worry|stress)\b[^.!?,]*|\bit'?s\s+really\s+nothing\b",
        "Makes the customer's worry sound like a fuss; they hear that it doesn't matter.",
        drop,
        "clause",
    ),
)


def _after_feeling_named(draft: str, start: int, words: str) -> bool:
    """'I understand your frustration and I'm sorry for the inconvenience' has already met the feeling
    (the coverage rules' own reading of an acknowledgement)."""
    return acknowledges(lead_in(draft, start))


# v8: the apology that apologises for nothing ("I'm sorry you feel that way", "We're sorry for any
# inconvenience", "Apologies for any confusion"): to someone complaining, it sounds like a form letter.
_DISMISSIVE_MORE8 = (
    rule(
        "dismissive",
        r"(?:\b(?:I'?m|I\s+am|we'?re|we\s+are)\s+(?:so\s+|very\s+|truly\s+)?)?\bsorry\s+(?:that\s+)?you\s+(?:feel|felt)\s+(?:that\s+"
        r"way|like\s+that|this\s+way)\b|(?:\b(?:I'?m|I\s+am|we'?re|we\s+are)\s+(?:so\s+|very\s+|truly\s+)?)?\bsorry\s+(?:for|about)\s+"
        r"(?:any|the)\s+inconvenience(?:\s+(?:caused|this\s+(?:has|may\s+have)\s+caused))?|\bapologies\s+for\s+any\s+"
        r"(?:confusion|inconvenience)\b",
        "Apologises for their feelings or 'any inconvenience' rather than for what happened; it reads like a form letter.",
        say("I'm sorry about what happened"),
        unless=_after_feeling_named,
        only_if="trouble",
    ),
)

RULES: tuple[Rule, ...] = when(
    "complaint",
    _DISMISSIVE
    + _DISMISSIVE_MORE
    + _DISMISSIVE_FAMILIES
    + _DISMISSIVE_MORE3
    + _DISMISSIVE_MORE7
    + _DISMISSIVE_MORE8,
)
