"""Blame: replies that make the problem the customer's fault.

Component ``humanly.tone.blame.v1``; the definition is in ``docs/tone.md``. Changing a rule means a new version.
"""

from __future__ import annotations

from humanly.engine.tone_rules import REST_OF_CLAUSE, Rule, drop, rule, say, strip

BLAME = "humanly.tone.blame.v10"
_BLAME = (
    rule(
        "blame",
        r"\bif you(?:'d| had)\s+(?:only\s+|just\s+)?(?:double-?checked|checked|read|followed|looked|kept|entered|"
        r"updated|used|chosen|paid attention|saved|contacted|tested|installed|registered|activated|confirmed)\b"
        r"[^.!?]{0,80}",
        "Tells the customer it was their own fault; they will defend themselves instead of working with you.",
        say("Let's get this sorted"),
        "sentence",
    ),
    rule(
        "blame",
        r"\b(?:which\s+)?you\s+(?:really\s+)?(?:should|ought to|were supposed to|needed to)(?:'ve|\s+have)\s+"
        r"(?!been\s+(?:told|sent|given|contacted|refunded|offered|informed|warned|asked|notified|called|consulted|"
        r"updated|kept|shown|alerted)|had\b|heard\b|got(?:ten)?\b|received\b|it\b|them\b|to\b|nothing\b|no\b|"
        r"(?:a|an|the|your|some|any)\s)\w+[^.!?;]{0,80}",
        "Points to what the customer should have done; it reads as a reprimand after the fact.",
        drop,
    ),
    rule(
        "blame",
        r"\b(?:then\s+)?you(?:'re|\s+are)?\s+(?:probably\s+|likely\s+|clearly\s+|obviously\s+|just\s+)?(?:typing|"
        r"entering|using|selecting|clicking|typed|entered|selected|chose|ordered|clicked|put)\s+(?:in\s+)?(?:the\s+|a\s+|"
        r"your\s+)?(?:\S+\s+){0,2}?(?:wrong|incorrect)\b[^.!?,;]{0,30}",
        "Assumes the customer made the mistake; they will feel accused before anyone has checked.",
        say("it may be worth double-checking the details"),
    ),
    rule(
        "blame",
        r"\b(?:it\s+seems\s+|it\s+looks\s+like\s+)?you\s+(?:probably|likely|must|may|might|must have|may have|"
        r"might have|probably have)\s+(?:have\s+)?(?:typed|entered|put|selected|chosen|clicked|used|given|"
        r"misspelled|mistyped)\b[^.!?,;]{0,50}?\b(?:wrong|incorrect(?:ly)?|by mistake)\b[^.!?,;]{0,30}",
        "Guesses that the customer got it wrong; even if true, leading with it feels like an accusation.",
        say("the details on the order may not have matched"),
    ),
    rule(
        "blame",
        r"\b(?:you\s+(?:simply|just|merely)\s+(?:needed|had)\s+to|all\s+you\s+(?:had|needed)\s+to\s+do\s+"
        r"(?:was|is)(?:\s+to)?)\s+(?=\w)",
        "Says the fix was easy and the customer missed it; it lands as a telling-off, however true.",
        say("the fix is to "),
    ),
    rule(
        "blame",
        r"\bthis\s+(?:usually\s+|normally\s+|often\s+|typically\s+|only\s+)?happens\s+(?:when|if|because)\s+"
        r"(?:customers|people|users|you|buyers|clients|someone)\b[^.!?]{0,80}",
        "Explains the problem as something customers cause; the customer hears 'you did this'.",
        say("This can happen for a few reasons"),
        "sentence",
    ),
    rule(
        "blame",
        r"\b(?:it'?s\s+)?(?:usually\s+|often\s+)?a\s+sign\s+(?:that\s+)?you\s+(?:haven'?t|didn'?t|aren'?t|weren'?t|"
        r"don'?t)\b[^.!?]{0,60}",
        "Reads the customer's results as proof they did not try hard enough.",
        say("it can help to go through the steps together"),
    ),
    rule(
        "blame",
        r"\b(?:results|success|progress|it all)\s+(?:depends?|relies|rely)\s+(?:entirely\s+|mostly\s+)?on\s+"
        r"(?:the\s+work|the\s+effort|how\s+much|what)\s+you\b[^.!?]{0,40}",
        "Puts the whole outcome on the customer's effort; it sounds like a way of saying 'your fault'.",
        say("Results vary, and I'd like to help you get more from it"),
    ),
    rule(
        "blame",
        # v9: watching one's step or keeping it safe; keeping or saving it "this time" is impatience
        # (irritated v12).
        r"\b(?:please\s+)?(?:watch|mind)\s+(?:your|where)\s+(?:\S+\s+){0,2}?(?:this|next)\s+time\b|\b(?:please\s+)?"
        r"(?:try\s+to\s+)?keep\s+(?:\S+\s+){0,2}?safe\s+(?:this|next)\s+time\b",
        "Implies the customer was careless; 'this time' or 'next time' turns help into a telling-off.",
        drop,
    ),
    rule(
        "blame",
        r"\bplease\s+(?:\S+\s+){0,2}?(?:review|check|read)\s+(?:the\s+|our\s+)?(?:\S+\s+){0,2}?(?:rules|terms|"
        r"guide|instructions|policy|conditions|label|manual)\s+before\s+(?:booking|ordering|buying|purchasing|"
        r"you\s+(?:book|order|buy))\b",
        "Lectures the customer about what they should have read; it adds blame to a bad moment.",
        drop,
        "sentence",
    ),
    rule(
        "blame",
        r"\b(?:so\s+)?we(?:'d|\s+would)?\s+(?:always\s+)?(?:recommend|advise|suggest)\s+(?:checking|reading|"
        r"reviewing|testing)\b[^.!?]{0,40}?\bbefore\s+(?:ordering|buying|booking|purchasing|installing|updating)\b",
        "Hints that the customer skipped a step; it sounds like 'you should have checked'.",
        drop,
    ),
    rule(
        "blame",
        r"\b(?:which|that)\s+we\s+(?:advise|recommend|tell|ask)\s+(?:all\s+)?(?:our\s+)?(?:customers|users|"
        r"people|clients)\s+to\s+\w+",
        "Suggests the customer ignored advice; it shifts the fault to them.",
        drop,
    ),
    rule(
        "blame",
        r"\b(?:because|since|as)\s+your\s+\w+(?:\s+\w+)?\s+(?:is|was|were|are)\s+(?:outdated|out\s+of\s+date|"
        r"too\s+old|incompatible|not\s+compatible|faulty|wrong|incorrect)\b",
        "Blames the customer's own set-up before offering any help.",
        say("because of a compatibility problem"),
    ),
    rule(
        "blame",
        r"\b(?:it'?s\s+)?(?:likely|probably)\s+(?:that\s+)?(?:the\s+\w+\s+)?\w+\s+(?:\S+\s+){0,3}?(?:due\s+to|"
        r"because\s+of|caused\s+by)\s+(?:\S+\s+){0,4}?on\s+your\s+(?:end|side)\b",
        "Pins the cause on the customer's side without evidence.",
        say("we're not yet sure what caused it"),
    ),
    rule(
        "blame",
        r"\b(?:it'?s\s+)?(?:likely|probably|possible)\s+(?:that\s+)?(?:it|the\s+\w+)\s+(?:wasn'?t|was\s+not|"
        r"weren'?t)\s+(?:set\s+up|installed|used|fitted|assembled|washed|stored|handled|connected)\s+"
        r"(?:according\s+to|correctly|properly|as\s+(?:described|instructed))\b[^.!?,;]{0,30}",
        "Assumes the customer set it up wrong before anyone has looked.",
        say("we'd like to check how it was set up together"),
    ),
    rule(
        "blame",
        r"\b(?:which|as)\s+(?:the|our)\s+(?:manual|instructions|guide|label|terms|faq|docs|documentation)\s+"
        r"(?:clearly\s+)?(?:warns?|says|explains|mentions|states)(?:\s+about)?\b",
        "Reminds the customer that they were warned; it sounds like 'told you so'.",
        drop,
    ),
    rule(
        "blame",
        r"\b[^.!?]{0,60}\bclearly\s+(?:marked|shown|stated|labell?ed|displayed)\b[^.!?]{0,40}\byou\s+(?:selected|"
        r"chose|picked|clicked|agreed|ticked|accepted|signed)\b[^.!?]{0,20}",
        "Argues that the customer chose this themselves; they will feel caught out, not helped.",
        say("I can see how this happened, and I understand it isn't what you wanted."),
        "sentence",
    ),
    rule(
        "blame",
        r"\b(?:customers|people|users)\s+(?:enter(?:ing)?|typ(?:e|ing)|us(?:e|ing))\s+(?:their\s+)?(?:card\s+)?"
        r"details\s+incorrectly\b",
        "Explains the fault as the customer's typing; they will feel accused.",
        say("a mismatch in the details"),
    ),
)

_BLAME_MORE = (
    rule(
        "blame",
        r"\b(?:it'?s|it\s+is)\s+(?:entirely\s+|solely\s+)?your\s+responsibility\b[^.!?,;]{0,50}|\bthe\s+onus\s+is\s+on\s+you\b"
        r"[^.!?,;]{0,40}",
        "Hands the whole problem back to the customer; it reads as 'not our problem, yours'.",
        drop,
        "clause",
    ),
    rule(
        "blame",
        r"\b(?:this|it|that)\s+(?:wouldn'?t|would\s+not)\s+have\s+happened\s+if\s+you\b[^.!?]{0,60}",
        "Tells the customer it was their own fault; they will defend themselves instead of working with you.",
        say("Let's get this sorted."),
        "sentence",
    ),
    rule(
        "blame",
        r"(?<!if\s)\byou\s+(?:forgot|failed|neglected|didn'?t\s+bother)\s+to\b[^.!?,;]{0,50}",
        "Names what the customer failed to do; it lands as blame, not help.",
        say("the step may have been missed"),
    ),
    rule(
        "blame",
        r"\b(?:the\s+)?(?:problem|issue|fault|error)\s+is\s+(?:on\s+your\s+(?:end|side)|with\s+your\s+\w+)\b",
        "Places the problem with the customer before anyone has checked.",
        say("the problem may be with the set-up, and I'd like to check it with you"),
    ),
    rule(
        "blame",
        r"\bthat'?s\s+(?:because|why)\s+you\s+(?:didn'?t|did\s+not|haven'?t|forgot|entered|chose|selected|ignored)\b"
        r"[^.!?,;]{0,50}|(?<!if\s)\byou\s+(?:didn'?t|did\s+not|never)\s+(?:read|follow|check|update|save|confirm|"
        r"activate|register|test)\b[^.!?,;]{0,50}",
        "Says the problem happened because the customer missed a step; they will feel blamed.",
        say("that step may not have gone through"),
    ),
    rule(
        "blame",
        r"\b(?:next\s+time|in\s+future),?\s+(?:please\s+)?(?:make\s+sure|remember\s+to|double-?check|be\s+(?:more\s+)?"
        r"careful)\b[^.!?]{0,60}",
        "A lesson for next time, given to someone with a problem now, reads as a telling-off.",
        drop,
        "sentence",
    ),
)

# Families of blame that never say "you must have": rules about what customers are responsible for,
# "it's worth checking your ...", "sounds like you didn't", pointing at what the customer signed.
_BLAME_FAMILIES = (
    rule(
        "blame",
        r"\b(?:customers|users|guests|members|clients|passengers|tenants|buyers|learners)\s+(?:are|were)\s+(?:solely\s+)?"
        r"(?:responsible\s+for|advised\s+to|asked\s+to|expected\s+to|reminded\s+to)\b[^.!?]*|\b(?:customers|users|people)\s+"
        r"who\s+[^.!?]{3,60}\s+usually\s+(?:avoid|don'?t|never)\b[^.!?]*",
        "Quotes the customer's duties back at them; it puts the problem on them.",
        drop,
        "sentence",
    ),
    rule(
        "blame",
        r"\bsounds\s+like\s+you\s+(?:didn'?t|did\s+not|forgot|missed|haven'?t)\b[^.!?,]*|\bit'?s\s+worth\s+(?:checking|"
        r"reading|being\s+honest\s+with)\s+(?:your|yourself)\b[^.!?,]*|\bmaybe\s+(?:re-?watch|re-?read|try\s+reading|"
        r"read)\b[^.!?]*|\bas\s+(?:is\s+)?(?:clearly\s+(?:stated|explained|shown|set\s+out)|(?:stated|explained|shown|set\s+"
        r"out)\s+clearly)\s+(?:on|in)\s+(?:our|the|your|every)\b[^.!?,]*|\bshould\s+have\s+been\s+(?:disclosed|declared|mentioned|reported)\s+when\s+you\b"
        r"[^.!?,]*",
        "Implies the customer slipped up; even if true, leading with it feels like an accusation.",
        drop,
    ),
)

# Blame asked as a question, or put on "users" in general (v3).
_BLAME_QUESTIONS = (
    rule(
        "blame",
        r"^(?:but\s+)?(?:did|have|had|were)\s+you\s+(?:\w+\s+)?(?:read|check|make\s+sure|follow|use|using|been\s+using|"
        r"remember|try|tried|enter|clicked?|confirm|save|charge|plug|update|test)\b[^?]*\?",
        "A question that hints the customer slipped up; it reads as an accusation, not help.",
        drop,
        "sentence",
    ),
    rule(
        "blame",
        r"\b(?:is|are)\s+the\s+(?:user|customer|buyer|client|rider|guest|member|tenant|owner)'?s'?\s+responsibility\b|"
        r"\b[a-z]+s\s+(?:are|were)\s+(?:asked|advised|expected|reminded|required)\s+to\b[^.!?]*|\b(?:down\s+to|because\s+of|"
        r"caused\s+by)\s+(?:tenants|customers|users|drivers|owners|riders|people|guests)\s+not\b[^.!?,]*|\bthe\s+customer'?s\s+own\b[^.!?,]*|\bthe\s+\w+\s+"
        r"you\s+(?:provided|gave\s+us|entered|supplied)\s+was\s+(?:incorrect|wrong|invalid)\b|\bwas\s+never\s+(?:clicked|"
        r"submitted|confirmed|completed|sent)\b",
        "Puts the problem on the customer's side; even if true, it feels like being told off.",
        drop,
        "sentence",
    ),
)

# What would not have happened had the customer done otherwise, and what they may have missed (v7).
_BLAME_COUNTERFACTUAL = (
    rule(
        "blame",
        r"\b(?:if|had)\s+(?:you|your|the|it|this|that)\b[^.!?]{0,80}?\b(?:had|been)\b[^.!?]{0,80}?\bwould(?:n'?t|\s+not)?"
        r"(?:\s+\w+)?\s+have\b",
        "Says it would not have happened had the customer done things differently; they will hear 'your fault'.",
        drop,
        "sentence",
    ),
    rule(
        "blame",
        r"\b(?!(?:no|some|any|every)thing\b)(?:\w+ing|a\s+quick\s+(?:look|check)|regular\s+checks?)\b[^.!?,;]{0,50}?"
        r"\bwould\s+(?:have\s+)?(?:avoided|prevented|shown|caught|flagged|avoid|prevent)\b[^.!?]*",
        "Points to what the customer could have done to avoid it; it reads as a reprimand after the fact.",
        drop,
    ),
    rule(
        "blame",
        r"\byou\s+(?:may|might|must|probably)\s+(?:have\s+)?(?:accidentally\s+|mistakenly\s+)?(?:closed|sent|set\s+up|"
        r"reported|ticked|missed|deleted|clicked|signed\s+up|enabled|disabled|skipped|removed|cancelled|turned\s+off|"
        r"switched\s+off|ignored|overlooked|forgotten)\b[^.!?;]*|\bit\s+(?:appears|looks\s+like|seems)\s+(?:that\s+)?"
        r"you\s+(?:set\s+up|ticked|selected|chose|opted|deleted|cancelled|didn'?t|did\s+not|haven'?t|never|missed)\b"
        r"[^.!?;]*|\bsomeone\s+(?:on|at|in)\s+your\s+(?:team|end|side|company|household|home)\s+(?:must|may|might|"
        r"probably)\b[^.!?;]*",
        "Guesses at the customer's mistake; even if right, they will feel accused before anyone has checked.",
        drop,
    ),
)

# It was written down for them (v8): "which is explained on the sign-up screen", "which you'd have
# agreed to during setup", "as this slows down processing for everyone", "make sure you actually...".
_BLAME_WRITTEN_DOWN = (
    rule(
        "blame",
        r",?\s*\bwhich\s+(?:is|was)\s+(?:clearly\s+)?(?:explained|shown|stated|listed|set\s+out|written)\s+(?:on|in)\s+"
        r"(?:the|your)\b[^.!?;]*|,?\s*\bwhich\s+you(?:'d|\s+would)\s+have\s+(?:agreed|seen|read|accepted|ticked)\b[^.!?;]*|"
        r",?\s*\bas\s+this\s+slows?\s+(?:things\s+)?down\s+(?:processing\s+)?for\s+everyone\b|\bmake\s+sure\s+you\s+"
        r"actually\b[^.!?;]*",
        "Points to where it was written down for them; it reads as 'you should have known'.",
        drop,
    ),
)

# v10: more guesses at the customer's mistake ("you're probably adding a space somewhere", "it may be
# that you reported it too soon", "It may be your browser.") and what they failed to do ("You didn't
# install the package.", "because you clicked Pay twice") and how to avoid it next time ("Do double-check next time before paying.").
_PAST = r"(?:\w+ed|didn'?t|did\s+not|haven'?t|have\s+not|forgot|hit|put|sent|set|made|left|took|got|wrote|chose|gave)"
_BLAME_MORE10 = (
    rule(
        "blame",
        r"\byou\s+(?:probably|most\s+likely|likely)\s+"
        + _PAST
        + r"\b"
        + REST_OF_CLAUSE
        + r"|\byou'?re\s+(?:probably|most\s+likely)\s+"
        r"(?:adding|typing|entering|using|pressing|clicking|tapping|logging|signing|scanning|holding|leaving|putting|"
        r"selecting)\b"
        + REST_OF_CLAUSE
        + r"|\b(?:it|this)\s+(?:may|might)\s+(?:well\s+)?be\s+(?:that\s+)?(?:you\s+"
        + _PAST
        + r"\b|your\s+"
        r"(?:device|phone|browser|computer|laptop|router|connection|network|install|settings?)\b)"
        + REST_OF_CLAUSE,
        "Guesses at the customer's mistake; even if right, they will feel accused before anyone has checked.",
        drop,
    ),
    rule(
        "blame",
        # "You didn't install the package.", "I can see you didn't complete payment", "because you did not
        # return the form"; not what we then do about it ("Because you didn't agree to it, I've reduced...").
        r"(?:^|\bbecause\s+|\bsince\s+|\b(?:records?|system|account|notes?)\s+shows?\s+(?:that\s+)?|\bI\s+(?:can\s+|am\s+)?"
        r"see(?:ing)?\s+(?:that\s+)?)you\s+(?:didn'?t|did\s+not)\s+(?!need|have\s+to|get|receive|hear|mean|deserve|expect)"
        r"\w+(?![^.!?]*,\s*(?:so\s+)?(?:I|we)(?:'ve|'ll|\s+have|\s+will|\s+can)\b)" + REST_OF_CLAUSE,
        "Tells the customer what they failed to do; they will hear that it is their own fault.",
        drop,
    ),
    rule(
        "blame",
        r"\b(?:because|since)\s+you\s+(?:clicked|pressed|tapped|entered|selected|chose|opted|booked|ordered|typed|ticked|"
        r"used|set|left|missed|forgot|sent|submitted|cancelled|changed|deleted|paid)\b"
        + REST_OF_CLAUSE
        + r"|\bwhich\s+is\s+what\s+"
        r"(?:triggered|caused|led\s+to|set\s+off)\b" + REST_OF_CLAUSE,
        "Names what the customer did as the cause; they will hear that it is their own fault.",
        drop,
    ),
    rule(
        "blame",
        r"^(?:\w+,\s+)?(?:so\s+)?(?:please\s+|do\s+|just\s+)?(?:make\s+sure|ensure|double[- ]check|remember)\b[^.!?]*\b(?:next\s+"
        r"time|in\s+(?:the\s+)?future|going\s+forward|from\s+now\s+on)\b" + REST_OF_CLAUSE,
        "Tells the customer how to avoid it next time; they will hear that it was their fault this time.",
        strip(r"\s*\b(?:next\s+time|in\s+(?:the\s+)?future|going\s+forward|from\s+now\s+on)\b"),
    ),
)

RULES: tuple[Rule, ...] = (
    _BLAME
    + _BLAME_MORE
    + _BLAME_FAMILIES
    + _BLAME_QUESTIONS
    + _BLAME_COUNTERFACTUAL
    + _BLAME_WRITTEN_DOWN
    + _BLAME_MORE10
)
