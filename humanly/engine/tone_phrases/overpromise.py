"""Over-promising: guarantees the company cannot keep.

Component ``humanly.tone.overpromise.v1``; the definition is in ``docs/tone.md``. Changing a rule means a new version.
"""

from __future__ import annotations

import re

from humanly.engine.tone_rules import REST, Rule, clean, drop, rule, say, strip

_I = re.IGNORECASE
_ABSOLUTE = re.compile(
    r",?\s*\b(?:guaranteed|I\s+guarantee(?:\s+it)?|I\s+promise(?:\s+you)?|no\s+matter\s+what|no\s+questions?\s+"
    r"asked|no\s+question|without\s+(?:a|any)\s+doubt|hand\s+on\s+heart|easily|on\s+the\s+dot|for\s+sure|"
    r"(?:so\s+)?you\s+can\s+count\s+on\s+it|perfectly|flawlessly|I\s+can\s+(?:promise|assure)\s+you(?:\s+that)?|"
    r"rest\s+assured|I\s+can\s+guarantee(?:\s+(?:you|that))*|without\s+fail|you\s+have\s+my\s+(?:word|promise)(?:\s+on\s+"
    r"(?:that|it))?|I\s+give\s+you\s+my\s+word)\b[.!]?|[,;]?\s*\bI\s+(?:can\s+)?promise\s+you\s+that\s*(?=[.!]|$)|\b100%,?\s*",
    _I,
)
_LEAD_IN = re.compile(r"^(?:(?:yes|definitely|absolutely|totally|of\s+course|so)\b[,!.]?\s*)+", _I)
_WILL = re.compile(r"\b(?!I\b|we\b|We\b)(\w+)(?:'ll|\s+will)\b(?!\s+never)")


def _unsure(span: str) -> str:
    """The span without its absolute words ('guaranteed', '100%', 'Yes!') and the punctuation they leave."""
    text = clean(_ABSOLUTE.sub("", span)).lstrip(" ,.;:!")
    return clean(_LEAD_IN.sub("", text)).lstrip(" ,.;:!")


def _core(span: str) -> str:
    core = _unsure(span).rstrip(".!,;")
    core = re.sub(r"^which\s+", "it ", core, flags=_I)
    return (
        core[0].lower() + core[1:]
        if core[:1].isupper() and not core[1:2].isupper() and not re.match(r"I\b", core)
        else core
    )


def calm_promise(span: str) -> str:
    """A promise about timing or service, said as what we expect rather than what we guarantee."""
    softened = _WILL.sub(lambda m: f"{m.group(1)} should", _unsure(span))
    softened = softened.rstrip(",; ")
    if softened and not any(rule.pattern.search(softened) for rule in _OVERPROMISE):
        return softened[0].upper() + softened[1:] if span[:1].isupper() else softened
    core = _core(span)
    return f"I can't promise that {core}, but I'll do everything I can and keep you updated." if core else ""


def calm_claim(span: str) -> str:
    """A promise of results, said honestly: outcomes vary from person to person."""
    core = _core(span)
    return f"Results vary from person to person, so I can't promise that {core}." if core else ""


def calm_never(span: str) -> str:
    """'It will never happen again', said as what we are doing about it."""
    return "I can't promise it will never happen again, but we're doing everything we can to prevent it."


# The comfort a promise was meant to give, which goes with the promise: "..., so you have nothing to
# worry about", "..., so you can rest easy".
_COMFORT = re.compile(
    r",?\s*so\s+(?:you\s+(?:have|'ve\s+got)\s+nothing\s+to\s+worry\s+about|you\s+can\s+(?:relax|rest\s+easy)|there'?s\s+"
    r"nothing\s+to\s+worry\s+about)\W*$",
    _I,
)


def calm_effort(span: str) -> str:
    """'I'll make sure X', said as effort rather than a guarantee."""
    rest = _COMFORT.sub(
        "", re.sub(r"^.*?\bmake\s+sure\s+(?:that\s+)?", "", _ABSOLUTE.sub("", span), flags=_I).strip()
    )
    rest = rest.rstrip(".!,;")
    return f"I'll do everything I can so that {rest}, but I can't promise it." if rest else ""


OVERPROMISE = "humanly.tone.overpromise.v6"
_OVERPROMISE: tuple[Rule, ...] = (
    rule(
        "overpromise",
        # "the guaranteed minimum" and "fillings are guaranteed for a year" name terms; "the room was guaranteed" reports a fact.
        r"\b(?:(?<!the\s)(?<!was\s)(?<!were\s)(?<!\bis\s)(?<!\bare\s)guaranteed|I\s+guarantee|we\s+guarantee|no\s+matter\s+what|no\s+questions?\s+"
        r"asked|no\s+question|you\s+can\s+count\s+on\s+it|on\s+the\s+dot)\b|\b(?:it|he|she|they|you|this|that|(?:the|your)\s+\w+)(?:'ll|\s+will)"
        r"\b[^.!?]{0,80}\bI\s+promise\b|\bI\s+(?:can\s+)?promise\s+(?:you\s+)?(?:that\s+)?(?:it|he|she|they|you|this|the\s+"
        r"\w+|your\s+\w+)(?:'ll|\s+will)\b",
        "An absolute promise about something outside your full control; if it slips, trust goes with it.",
        calm_promise,
        "tail",
    ),
    rule(
        "overpromise",
        r"^without\s+(?:a|any)\s+doubt\b[!.]?",
        "Certainty you cannot have; the customer will hold you to it.",
        say("I can't promise results, but I can explain what we do."),
    ),
    rule(
        "overpromise",
        r"\b(?:will|'ll|won'?t)\s+never\b[^.!?]*\b(?:again|another)\b|\bnever\s+(?:happens?|be\s+lost)\s+again\b|"
        r"\b(?:this|it|that)\s+won'?t\s+happen\s+again\b",
        "'Never again' is a promise nobody can keep; it sets up a second disappointment.",
        calm_never,
        "tail",
    ),
    rule(
        "overpromise",
        r"\b(?:won'?t|will\s+not)\s+(?:have|hear|get|see|experience)\s+(?:any\s+more|any|a)\s+(?:problems?|"
        r"issues?|trouble|thing|noise)\b|\btotally\s+quiet\b",
        "Promises a perfect outcome that you cannot control.",
        calm_promise,
        "tail",
    ),
    rule(
        "overpromise",
        r"\byou(?:'ll|\s+will)\s+be\s+(?:making|earning|fluent|job-ready|getting\s+(?:interview|clients|offers))\b|"
        r"\byou(?:'ll|\s+will)\s+(?:double|triple|make\s+back|earn\s+back)\b|"
        r"\bI'?m\s+(?:100%\s+)?(?:certain|positive)\s+(?:it|this|that|you|they|he|she)(?:'ll|\s+will)\b|"
        r"\bwill\s+have\s+you\s+(?:fluent|earning|making|back\s+online|job-ready)\b|\b(?:will|'ll)\s+pay\s+for\s+"
        r"itself\b|\b(?:every\s+single\s+one|all|every\s+one)\s+of\s+our\s+(?:clients|students|customers)\b"
        r"[^.!?]*\b(?:made|got|hit|achieved|doubled)\b|\bclients\s+always\s+(?:hit|get|see|make|double|achieve)\b|"
        r"\bis\s+all\s+it\s+takes\b|\byou\s+won'?t\s+be\s+disappointed\b|\bnothing\s+(?:can|will)\s+go\s+wrong\b|\b(?:clears?|cures?)\s+(?:\S+\s+)?completely\b|\bcompletely\s+(?:clears?|"
        r"cures?)\b",
        "Promises a result that depends on far more than you; the customer may buy on a false hope.",
        calm_claim,
        "tail",
    ),
    rule(
        "overpromise",
        r"\b(?:will|'ll)\s+(?:go|be\s+sorted(?:\s+out)?|work|run)\s+(?:perfectly|flawlessly)\b|\bwill\s+be\s+perfect\b|"
        r"\b(?:will|'ll)\s+(?:definitely|certainly|100%|absolutely)\s+(?:fix|solve|work|arrive|be)\b|\bwith\s+zero\s+"
        r"downtime\b|\beverything\s+(?:is|will\s+be)\s+covered\b|\bany\s+(?:device|problem|issue),\s*any\s+"
        r"(?:problem|issue|device)\b",
        "Promises perfection; any hiccup will now feel like a broken promise.",
        calm_promise,
        "tail",
    ),
    rule(
        "overpromise",
        # "I'll have it to you within the hour" is our own work, ours to time; a bank or courier's is not.
        r"(?<!\bI)(?<!\bwe)(?<!\bI\s)(?<!\bwe\s)\b(?:will|'ll)\s+(?:see|be|have|get|arrive|reach|show)\b[^.!?]{0,40}\bwithin\s+"
        r"the\s+(?:hour|next\s+hour)\b",
        "A precise time that depends on others (banks, couriers); if it slips, the customer feels misled.",
        calm_promise,
        "tail",
    ),
    rule(
        "overpromise",
        r"\bI(?:'ll|\s+will)\s+(?:personally\s+)?make\s+sure\b(?=[^.!?]*\b(?:next\s+(?:update|release|version)|at\s+"
        r"your\s+door|no\s+matter\s+what)\b)",
        "Commits to something that isn't yours to decide.",
        calm_effort,
        "tail",
    ),
)

# Families of promises nobody controls: certainty words with a future outcome.
_OVERPROMISE_FAMILIES = (
    rule(
        "overpromise",
        r"\byou'?ll\s+definitely\s+(?:have|get|be|see|receive)\b|\b(?:always|invariably)\s+(?:improve|pass|succeed|"
        r"get|see|earn|lose)\b|,?\s*every\s+single\s+time\b|\byou'?ll\s+(?:\w+\s+){0,4}?easily\b|\bI'?m\s+(?:sure|"
        r"certain)\s+they'?ll\b",
        "Promises an outcome nobody can guarantee; if it doesn't happen, trust goes with it.",
        strip(
            r"\b(?:definitely|always|invariably|easily)\s*|,?\s*every\s+single\s+time\b|\bI'?m\s+(?:sure|certain)\s+"
        ),
    ),
    rule(
        "overpromise",
        r"\b(?:is|are)\s+(?:a\s+)?(?:certainty|a\s+sure\s+thing|a\s+given)\b",
        "Promises what nobody can guarantee; if it slips, trust goes with it.",
        say("is possible"),
    ),
    rule(
        "overpromise",
        r"\b(?:so\s+)?(?:this|it)\s+won'?t\s+happen\s+(?:to\s+you\s+)?again\b",
        "'It won't happen again' is a promise nobody can keep for certain; if it does, trust goes with it.",
        say("to make this much less likely to happen again"),
    ),
)

# More promises nobody controls (v3): "for sure", "I promise", "you'll see", "in no time", "ever
# again", outcomes with a deadline.
_OVERPROMISE_MORE3 = (
    rule(
        "overpromise",
        r"\b(?:for\s+(?:sure|certain)|in\s+no\s+time)\b,?",
        "Promises an outcome nobody can guarantee; if it doesn't happen, trust goes with it.",
        drop,
    ),
    rule(
        "overpromise",
        r"\b(?:nothing|everything|every\s+\w+)\b[^.!?,]{0,40}\b(?:will|'ll)\s+(?:ever\s+)?(?:be\s+)?(?:absolutely\s+)?"
        r"(?:perfect|flawless|damaged\s+again|arrive\s+in\s+perfect|get\s+so\s+much\s+as)\b[^.!?]*|\bwill\s+be\s+exactly\s+right\b|\byou'?ll\s+(?:hit|be\s+on|be\s+up\s+and\s+"
        r"running|be\s+getting\s+at\s+least)\b[^.!?]*",
        "Promises a result that depends on more than us; if it falls short, it will feel like a broken promise.",
        calm_promise,
        "clause",
    ),
)

# More (v5): a guarantee or an assurance about what will happen, "without fail", a future with none
# of something in it ("you won't see another outage", "you won't feel a thing"), every penny, and
# "I'll make sure it never happens again". "So you won't get any more emails" confirms what the agent
# has just done and is left alone; a sentence that says what it cannot promise ("I can't promise it
# won't hurt at all") is skipped by the guard before any overpromise rule runs.
_JOIN = re.compile(r"^\W*(?:(?:and|so|but|then)\b[,\s]*)+", _I)


def calm_certainty(span: str) -> str:
    """A certainty said as what we will try for: the absolute words go, what was promised stays."""
    core = _core(_JOIN.sub("", span))
    return f"I can't promise that {core}, but I'll do everything I can." if core else ""


_CLAUSE_CHAR = r"(?:(?!\s[-–—]\s|\s(?:and|but)\s)[^,;:.!?]|(?<=\d)[.,:](?=\d))"
_ABSOLUTELY = (
    "An absolute promise about something outside your full control; if it slips, trust goes with it."
)
_OVERPROMISE_MORE5 = (
    rule(
        "overpromise",
        # "What I can promise is that we'll..." sets what can be promised against what cannot.
        r"(?<!what\s)\bI\s+can\s+(?:guarantee|assure\s+you|promise(?:\s+you)?)\b(?=(?:\s+that)?\s+[^.!?]{0,60}?(?:\bwill|'ll|"
        r"\bwon'?t|\bwouldn'?t|\bgoing\s+to|\bnever)\b)[^.!?]*|\bI\s+promise(?:\s+you)?(?:\s+that)?\s+we(?:'ll|\s+will)\b"
        r"[^.!?]*",
        _ABSOLUTELY,
        calm_certainty,
    ),
    rule("overpromise", r"\bwithout\s+fail\b", _ABSOLUTELY, calm_promise, "tail"),
    # "I'll have it fixed by Thursday, guaranteed": the promise is the words before the guarantee (a
    # future; "It does exist, I promise" vouches for a fact).
    rule(
        "overpromise",
        # A clause runs between punctuation marks, a spaced dash or "and" (v6), but "5.5 litres" is one
        # clause: in "yes, 100% - our crews are the fastest and they'll be done by 2, you have my word"
        # the promise is the last part alone.
        r"(?<![\w.,:])(?!(?:and|but)\s)(?="
        + _CLAUSE_CHAR
        + r"{0,160}?(?:\bwill\b|'ll\b|\b(?:you|it|they)'d\b|\bwon'?t\b|\bgoing\s+to\b|"
        r"\bby\s+\w+|\btomorrow\b|\btonight\b))"
        + _CLAUSE_CHAR
        + r"{8,160}[,;]\s*(?:guaranteed|100\s*%|I\s+(?:can\s+)?promise"
        r"(?:\s+you)?(?:\s+that)?|you\s+have\s+my\s+(?:word|promise)(?:\s+on\s+(?:that|it))?|I\s+give\s+you\s+my\s+word)"
        r"(?=\s*(?:[,;.!?)]|$))",
        _ABSOLUTELY,
        calm_certainty,
    ),
    rule(
        "overpromise",
        r"\b(?:won'?t|will\s+not|never)\s+(?:\w+\s+)?(?:see|have|feel|lose|hear|miss|find|catch|pick\s+up|notice|need|"
        r"suffer)\s+(?:a\s+single|another|a\s+thing)\b|\b(?:won'?t|will\s+not)\s+(?:hurt|be\s+affected|feel\s+"
        r"anything)\s+at\s+all\b|\bbarely\s+feel\s+(?:a\s+thing|it|anything)\b|\bevery\s+(?:last\s+|single\s+)?"
        r"penny\b|\bzero\s+risk\b",
        "Promises a perfect outcome that you cannot control; if it falls short, it will feel like a broken promise.",
        calm_certainty,
        "tail",
    ),
    rule(
        "overpromise",
        r"\b(?:I|we)(?:'ll|\s+will)\s+(?:personally\s+)?make\s+sure\b(?=[^.!?]*\b(?:never|ever|again|whatever|forever|"
        r"every\s+(?:penny|product|time))\b)[^.!?]*",
        "Commits to something that isn't all yours to decide; if it slips, trust goes with it.",
        calm_effort,
    ),
)

# v6: the promise sealed with one's word ("..., you have my word", "...; I can promise you that", "I'll
# personally make sure of it.") and reassurance resting on a promise ("Don't worry, I'll make sure your
# bill comes back down").
_OVERPROMISE_MORE6 = (
    rule(
        "overpromise",
        r"\bI'?ll\s+personally\s+make\s+sure\s+of\s+it\b[.!]?|\btake\s+my\s+word\s+for\s+it\b[.!]?|\bmark\s+my\s+words\b[.!]?",
        "Stakes your word on something that isn't all yours to decide; if it slips, trust goes with it.",
        say("I'll do everything I can."),
        "sentence",
    ),
    rule(
        "overpromise",
        # "Don't worry, I'll make sure you get every penny back": reassurance resting on a promise.
        r"\b(?:(?:please\s+)?don'?t\s+worry|no\s+need\s+to\s+worry|leave\s+it\s+with\s+(?:me|us))\b[^.!?]*?\b(?:I|we)(?:'ll|"
        r"\s+will)\s+(?:personally\s+)?make\s+sure\s+(?!of\s+it)"
        + REST
        + r"|\b(?:I|we)(?:'ll|\s+will)\s+(?:personally\s+)?make\s+"
        r"sure\b" + REST + r"\bnothing\s+to\s+worry\s+about\b",
        "Commits to something that isn't all yours to decide; if it slips, trust goes with it.",
        calm_effort,
    ),
)

RULES: tuple[Rule, ...] = (
    _OVERPROMISE + _OVERPROMISE_FAMILIES + _OVERPROMISE_MORE3 + _OVERPROMISE_MORE5 + _OVERPROMISE_MORE6
)
