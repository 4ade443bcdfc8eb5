"""Irritation: replies that sound impatient with the customer.

Component ``humanly.tone.irritated.v1``; the definition is in ``docs/tone.md``. Changing a rule means a new version.
"""

from __future__ import annotations

import re

from humanly.engine.tone_rules import Rule, drop, rule, say, strip

IRRITATED = "humanly.tone.irritated.v12"

# A bare "as I said" ("As I said on the phone, it's Thursday"), with no "already", "twice" or "last ..."
# in it: impatient only by its surroundings (see ``kind_reminder`` and the customer checking back).
_BARE_BACK_REFERENCE = re.compile(
    r"^(?:as|like)\s+(?:I|we)\s+(?:said|told\s+you|stated|wrote|mentioned)\b(?![^.!?]*\b(?:already|previously|twice|"
    r"last|again)\b)",
    re.IGNORECASE,
)
_WARM_BEFORE = re.compile(
    r"\b(?:no\s+problem|not\s+a\s+problem|of\s+course|no\s+need\s+to\s+apologi[sz]e|no\s+bother|no\s+worries|"
    r"happy\s+to\s+help|(?:good|fair)\s+question|not\s+at\s+all|ask\s+away|(?:never|not)\s+a\s+bother|"
    r"not\s+a\s+(?:daft|silly|stupid|dumb|bad)\s+question|(?:you'?re|you\s+are)\s+not\s+(?:a\s+)?(?:pain|bother|"
    r"nuisance)|(?:don'?t|do\s+not|never)\s+apologi[sz]e|not\s+confusing|(?:always\s+)?(?:good|worth|sensible)\s+"
    r"(?:thing\s+)?to\s+(?:double[-\s]?check|check|ask))\b|\bthat'?s\s+(?:right|correct)\b|\bunderstandabl[ey]\b|\byou'?re\s+(?:very\s+|most\s+)?welcome\b",
    re.IGNORECASE,
)


def only_warm(sentence: str) -> bool:
    """ "Not a bother at all, Lily!" or "Of course." on its own: nothing in it to revise."""
    words = re.sub(r"^(?:oh\s+|ah\s+)?|,?\s*[A-Z][\w'-]*\s*[.!]*$|[\s.!,]+$", "", sentence.strip())
    match = _WARM_BEFORE.match(words)
    return match is not None and not re.sub(r"^\s*at\s+all\b", "", words[match.end() :]).strip(" ,.!")


# After a warm word, "as I said last time" or "as I mentioned in my last message" points back kindly
# too; "already", "twice" or "again" still count the times.
_WARM_BACK_REFERENCE = re.compile(
    r"^(?:as|like)\s+(?:I|we)\s+(?:said|told\s+you|stated|wrote|mentioned)\b(?![^.!?,]*\b(?:already|twice|again|times|"
    r"several|repeatedly)\b)",
    re.IGNORECASE,
)


def kind_reminder(draft: str, start: int, matched: str) -> bool:
    """An "as I said" after a warm word earlier in the draft: a kind reminder, not impatience."""
    return (
        bool(_WARM_BACK_REFERENCE.match(matched.strip())) and _WARM_BEFORE.search(draft[:start]) is not None
    )


def bare_reminder(matched: str) -> bool:
    """ "As I said" with no "already", "before" or "last" in it: impatient only by its surroundings."""
    return bool(_BARE_BACK_REFERENCE.match(matched.strip()))


_BACK_REFERENCE_START = re.compile(r"\b(?:as|like)\s+(?:I|we)\s+", re.IGNORECASE)


def holds_kind_reminder(draft: str, start: int, end: int, rechecking: bool = False) -> bool:
    """Whether the sentence at ``draft[start:end]`` points back kindly (the tone model's flags respect it
    too); to a customer checking back on what they were told, any bare "as I said" does."""
    for m in _BACK_REFERENCE_START.finditer(draft[start:end]):
        matched = draft[start + m.start() : end].split(",", maxsplit=1)[0]
        if kind_reminder(draft, start + m.start(), matched) or (rechecking and bare_reminder(matched)):
            return True
    return False


_IRRITATED = (
    rule(
        "irritated",
        r"(?:^|(?<=[.!?]\s))(?:what|seriously|really|honestly|come\s+on|again|ugh|sigh)\s*(?:\?!|!\?|[?!]{2,})[?!]*",
        "An exclamation on its own, all heat and no content; the customer hears exasperation before anything else.",
        drop,
    ),
    rule(
        "irritated",
        r"\b(?:as|like)\s+(?:I|we)\s+(?:(?:have\s+|'ve\s+)?(?:already|previously)\s+(?:said|mentioned|explained|told\s+"
        r"you|stated|wrote|pointed\s+out)|(?:said|told\s+you|stated|wrote))(?:\s+(?:in\s+my\s+(?:last|previous|first)\s+(?:email|"
        r"message|reply)|before|earlier|yesterday|already|twice|last\s+time|on\s+\w+day|on\s+the\s+phone))?,?",
        "'As I already said' tells the customer they should have listened; it sounds impatient.",
        drop,
        unless=kind_reminder,
    ),
    rule(
        "irritated",
        r"\bsame\s+as\s+I\s+(?:told\s+you|said|mentioned|explained)(?:\s+(?:yesterday|before|earlier|last\s+time))?",
        "Points out that the customer was already told; it sounds impatient.",
        drop,
    ),
    rule(
        "irritated",
        r"\bI(?:'ve|\s+have)\s+(?:already\s+)?(?:explained|told\s+you|said|answered)\s+(?:this|that|it)\s+"
        r"(?:twice|three\s+times|several\s+times|before|already)(?:\s+now)?\b\.?",
        "Counting how often you've explained it sounds exasperated.",
        say("Happy to go through it again if anything is still unclear."),
    ),
    rule(
        "irritated",
        r"\bI(?:'ve|\s+have)\s+already\s+(?:checked|tested|sent|resent)\s+(?:it|this|that)\s+(?:twice|three\s+times|"
        r"several\s+times)\b",
        "Sounds like you are tired of the customer rather than curious about the problem.",
        say("I've checked it on my side"),
    ),
    rule(
        "irritated",
        r"\bfor\s+the\s+(?:second|third|fourth|fifth|last|umpteenth|hundredth|nth)\s+time\b,?",
        "'For the third time' keeps score; it reads as exasperation.",
        say("To confirm,"),
    ),
    rule(
        "irritated",
        r"^(?:once\s+)?again[,:](?!\s*(?:I'?m\s+)?(?:so\s+|really\s+|very\s+|truly\s+)?(?:sorry|thank|thanks|apologies|my\s+apologies)\b)",
        "Starting with 'Again,' signals impatience before the answer.",
        drop,
    ),
    rule(
        "irritated",
        r"\b(?:(?:okay|ok|right|fine),?\s+)?(?:let'?s|let\s+me|I'?ll|I\s+will)\s+(?:go\s+over|go\s+through|try|"
        r"explain)\s+(?:this|it|that)?\s*(?:one\s+more\s+time|once\s+more|again)\b\.?",
        "'One more time' sounds like patience running out.",
        say("Happy to go through it again."),
    ),
    rule(
        "irritated",
        r"\b(?:you\s+don'?t\s+need\s+to|there'?s\s+no\s+need\s+to|please\s+(?:don'?t|stop))\s+(?:keep\s+)?"
        r"(?:messaging|emailing|chasing|calling|writing|asking|sending|chase|message|email|call)\b[^.!?]{0,50}",
        "Tells the customer off for following up; they will feel like a nuisance.",
        say("Thanks for checking in"),
    ),
    rule(
        "irritated",
        r"\bplease\s+(?:check|read|look)\s+(?:there|the\s+\w+|it)\s+before\s+(?:sending|asking|emailing)\b"
        r"[^.!?]{0,30}",
        "Asks the customer to stop asking; it sounds fed up.",
        say("If anything else is unclear, just ask."),
        "sentence",
    ),
    rule(
        "irritated",
        r"\bsome\s+of\s+us\s+have\s+other\s+\w+(?:\s+\w+)?(?:,?\s+you\s+know)?\b\.?|\bI\s+have\s+other\s+"
        r"customers\b[^.!?]{0,30}",
        "Makes the customer feel like a burden; it sounds irritated.",
        say("Sorry for the wait."),
    ),
    rule(
        "irritated",
        r"\b(?:I\s+)?hope\s+(?:that'?s|that\s+is|this\s+is)\s+(?:clear|clearer)\s+now\b\.?|\bis\s+that\s+clear\s+"
        r"now\?",
        "'Clear now?' suggests the customer was slow to understand.",
        say("I hope that helps."),
    ),
    rule(
        "irritated",
        r"^fine,\s+",
        "Opening with 'Fine,' sounds grudging.",
        drop,
    ),
)

_IRRITATED_MORE = (
    rule(
        "irritated",
        r"\bas\s+per\s+my\s+(?:last|previous|earlier)\s+(?:email|message|reply)\b,?|\bI\s+did\s+(?:say|mention|explain)\b"
        r"(?:\s+(?:this|that|it))?,?|\bfeel\s+free\s+to\s+take\s+your\s+business\s+elsewhere\b[.!]?",
        "Sounds like patience has run out with the customer.",
        drop,
    ),
    rule(
        "irritated",
        r"^look,\s+|\b(?:say|explain|repeat)\s+(?:this|it)\s+one\s+last\s+time\b",
        "Sounds like patience has run out; the customer will feel told off.",
        drop,
    ),
    rule(
        "irritated",
        r"\bas\s+(?:previously|already)\s+(?:stated|mentioned|explained|said)\b,?|\bas\s+stated\s+in\s+my\s+"
        r"(?:previous|last|earlier)\s+(?:email|message|reply)\b,?",
        "Points back to what you already said; it sounds impatient.",
        drop,
    ),
    rule(
        "irritated",
        r"\bI(?:'ve|\s+have)\s+(?:already\s+)?told\s+you\s+(?:this\s+)?(?:twice|three\s+times|several\s+times|already|"
        r"before)\b\.?|\bI(?:'ve|\s+have)?\s+already\s+answered\s+(?:this|that|your\s+question)\b\.?",
        "Counting how often you've answered sounds exasperated.",
        say("Happy to go through it again."),
    ),
    rule(
        "irritated",
        r"\bplease\s+(?:re-?read|read|refer\s+(?:back\s+)?to)\s+my\s+(?:previous|last|earlier)\s+(?:email|message|"
        r"reply)\b[^.!?]{0,20}",
        "Sends the customer back to your last email instead of answering; it sounds fed up.",
        drop,
        "sentence",
    ),
    rule(
        "irritated",
        r"\bI'?m\s+not\s+going\s+to\s+(?:repeat|explain)\b[^.!?]{0,30}|\bhow\s+many\s+times\s+(?:do|must|have|will)\s+I\b"
        r"[^.!?]{0,40}",
        "Open exasperation; the customer will match your tone.",
        drop,
        "sentence",
    ),
)

# Families of impatience that do not depend on one phrasing: counting the times, pointing back at
# earlier answers, telling the customer to stop chasing.
_IRRITATED_FAMILIES = (
    rule(
        "irritated",
        r"\b(?:I|we)(?:'ve|\s+have)\s+(?:already\s+)?(?:given|sent|told|explained|shown)\s+(?:you\s+)?(?:this|these|that|"
        r"those|it|the\s+\w+)(?:\s+\w+)?\s+(?:twice|three\s+times|\w+\s+times|several\s+times|again|already)(?:\s+now)?\b\.?",
        "Counting how often the customer has been told sounds exasperated.",
        say("Here are the steps again, in case they help."),
    ),
    rule(
        "irritated",
        r"\b(?:as|like)\s+(?:previously|already|I\s+previously|we\s+previously)\s+(?:advised|stated|explained|mentioned|"
        r"said|noted)\b,?|\bper\s+my\s+(?:last|previous|earlier)(?:\s+\w+)?\s+(?:emails?|messages?|replies)\b,?|"
        r"\bas\s+I'?ve\s+said\s+(?:twice|three\s+times|\w+\s+times|before|already)(?:\s+already)?\b",
        "Pointing back at earlier answers tells the customer they should have listened.",
        drop,
    ),
    rule(
        "irritated",
        r"\b(?:this|that|it)\s+(?:was|has\s+been|is)\s+(?:already\s+)?(?:covered|explained|answered|addressed)\s+"
        r"(?:in|on|during)\s+(?:our|my|the)\s+(?:call|email|chat|reply|message|page|faq)\b(?:\s+\w+day)?|"
        r"\bit\s+says\s+(?:this|that|so)\s+(?:at\s+the\s+top|right|clearly|on|in)\b[^.!?]{0,40}",
        "Points out that the answer was already given; it sounds like the customer is wasting your time.",
        drop,
        "sentence",
    ),
    rule(
        "irritated",
        r"\bplease\s+stop\s+(?:opening|sending|emailing|calling|chasing|posting|messaging)\b[^.!?]*|"
        r"\b(?:chasing|posting|emailing|calling|messaging|asking)\b[^.!?]{0,50}\bwon'?t\s+(?:make|move|get|speed)\b"
        r"[^.!?]*|\b(?:this|it)\s+comes\s+up\s+(?:constantly|all\s+the\s+time|every\s+day)\b|\bI'?m\s+not\s+sure\s+"
        r"how\s+else\s+to\s+(?:explain|say|put)\s+(?:it|this|that)\b|\bwe(?:'re|\s+are)\s+aware\s+of\s+all\s+\w+\s+"
        r"(?:emails|messages|calls|tickets)\b|\bgive\s+me\s+a\s+(?:second|minute|moment)\b|\bthis\s+is\s+the\s+"
        r"(?:third|fourth|fifth|\w+th)\s+time\s+this\s+(?:week|month)\b",
        "Sounds like patience has run out; the customer hears that they are a nuisance.",
        drop,
        "sentence",
    ),
)

# More impatience (v3): listing every place it was already written, "I do have other clients",
# "check properly before messaging", "the back of the queue".
_IRRITATED_MORE3 = (
    rule(
        "irritated",
        r"\b(?:is|are)\s+(?:all\s+)?(?:on|in)\s+(?:your|the|our)\s+[\w\s-]{2,30},\s+(?:on|in)\s+(?:your|the|our)\b[^.!?]*\band\s+"
        r"(?:on|in)\s+(?:your|the|our)\b[^.!?]*|\b(?:which\s+is\s+)?the\s+first\s+link\s+on\b[^.!?,]*|\bwe\s+gave\s+you\s+twice\b|"
        r"\bthat'?s\s+the\s+(?:second|third|fourth|fifth|\w+th)\s+(?:copy|change|request|email|message|time)\b[^.!?]*|\bplease\s+"
        r"(?:batch|bundle)\s+them\b|\bcheck\s+the\s+\w+\s+properly\s+before\b[^.!?]*|\bno\s+point\s+chasing\b[^.!?]*|\bback\s+of\s+"
        r"the\s+queue\b[^.!?]*|\bI\s+do\s+have\s+other\s+(?:clients|customers|things)\b|\bis\s+that\s+everything\s+now\?|"
        r"\bas\s+mentioned\s+(?:on|in)\b[^.!?,]*\band\s+again\s+in\b[^.!?,]*,?|\bon\s+every\s+single\s+(?:document|email|"
        r"letter|page)\b[^.!?,]*|\blike\s+we'?ve\s+said\s+in\b[^.!?,]*,?|\bsame\s+as\s+it\s+says\s+on\b[^.!?]*|\beveryone\s+has\s+a\s+reason\b",
        "Sounds like patience has run out; the customer hears that they should have known already.",
        drop,
        "sentence",
    ),
)

# v11: counting the replies it took ("as stated in both of my previous replies", "which I pointed out
# in my first reply too", "Right, once more then:") and asking the customer to stop writing ("no need
# to send another message", "please do not submit duplicate appeals").
_IRRITATED_MORE11 = (
    rule(
        "irritated",
        r"\b(?:as\s+)?(?:I(?:'ve|\s+have)?\s+)?(?:stated|said|explained|mentioned|pointed\s+out)\s+in\s+(?:both|each|all)\s+of\s+"
        r"(?:my|our)\s+(?:\w+\s+)?(?:previous|earlier|last)\b[^.!?,;:]*[,;:]?|\b(?:right|ok(?:ay)?|so)?[,\s]*(?:so\s+)?once\s+"
        r"(?:more|again)(?:\s+then)?\s*:|\bI'?ll\s+say\s+it\s+again\s*:?|\b(?:as\s+)?I(?:'ve|\s+have)\s+(?:now\s+)?(?:said|"
        r"explained|gone\s+through\s+this|told\s+you)\b[^.!?]{0,30}\b(?:more\s+than\s+once|once\s+already)\b[^.!?,]*,?|"
        r"\bwhich\s+I\s+(?:pointed\s+out|mentioned|explained|said)\s+in\s+my\s+(?:first|last|previous|earlier)\b[^.!?,;]*",
        "Counting the replies it took tells the customer they should have listened the first time.",
        drop,
    ),
    rule(
        "irritated",
        r"\b(?:there'?s\s+)?(?:no\s+need\s+to|please\s+(?:don'?t|do\s+not))\s+(?:feel\s+you\s+need\s+to\s+)?(?:send|email|"
        r"submit|chase|call|ring|contact|message)\s+(?:us\s+)?(?:another|again|every|duplicate)\b[^.!?;]*|\brather\s+than\s+"
        r"(?:checking|chasing|emailing|calling|ringing)\s+(?:in\s+)?every\b[^.!?;]*",
        "Asking the customer to stop getting in touch tells them they are a nuisance; say when they will hear instead.",
        drop,
    ),
)

# v12: telling the customer to keep it this time ("Please save it somewhere this time"; keeping it
# "safe" this time says they were careless, blame v9) or to look
# before getting in touch again ("Please check the README before opening a ticket next time").
_IRRITATED_MORE12 = (
    rule(
        "irritated",
        r"\b(?:please\s+)?(?:try\s+to\s+)?(?:keep|save|store|hang\s+on\s+to|keep\s+hold\s+of|hold\s+on\s+to)\s+"
        r"(?:(?!safe\b)\S+\s+){0,3}?this\s+time\b|\bbefore\s+(?:(?:emailing|writing|contacting|calling|ringing|chasing|"
        r"messaging)(?:\s+(?:us|in|back))?|getting\s+in\s+touch|opening\s+a\s+(?:ticket|case))\s+(?:again|next\s+time|"
        r"in\s+future)\b",
        "Telling the customer what to do before they get in touch again, or to keep it this time, says they "
        "are a nuisance.",
        strip(
            r"\s*\bthis\s+time\b|\s*\bbefore\s+(?:(?:emailing|writing|contacting|calling|ringing|chasing|messaging)"
            r"(?:\s+(?:us|in|back))?|getting\s+in\s+touch|opening\s+a\s+(?:ticket|case))\s+(?:again|next\s+time|in\s+future)\b"
        ),
        "clause",
    ),
)

RULES: tuple[Rule, ...] = (
    _IRRITATED
    + _IRRITATED_MORE
    + _IRRITATED_FAMILIES
    + _IRRITATED_MORE3
    + _IRRITATED_MORE11
    + _IRRITATED_MORE12
)
