"""Feelings customers state about themselves, as GoEmotions labels with a strength.

Component name: ``humanly.emotions.stated.v1``. "I'm panicking a bit", "I am so worried", "I feel let
down", "this is making me anxious", "thank you so much": the writer says outright what they feel, and
the emotion model, reading a long message in pieces or trained on Reddit comments, can miss it. Only
the writer's own present feeling counts: a first-person frame ("I'm", "we are", "I feel", "I've been",
"makes me", or a sentence opening "Really ..." / "Feeling ..."), then at most four modifiers, then a
cue word of ``CUES``. Quoted speech and questions ("Is it normal that I'm nervous?") count for nothing.
A feeling denied ("I'm not worried", "no need to panic"), made a condition ("if I'm not happy") or
asked of someone else ("are you angry?") is kept with strength 0: the writer does not say they feel
it. ``insults`` finds insults aimed at staff (the abuse flag's words, and a few it lacks).
``EmotionModel.stated`` merges both into the model's scores.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from humanly.engine.asks import quoted_regions
from humanly.engine.signals import FLAG_PATTERNS

NAME = "humanly.emotions.stated.v1"
SCAN_LIMIT = 20_000
PLAIN, STRONG, SOFT = 0.7, 0.85, 0.55
"""How strongly a stated feeling is felt: plain ("I'm worried"), intensified ("I'm so worried", or a
strong word: "I'm furious") and softened ("I'm a bit worried")."""

# The cue words of each label, as regular expressions (matched whole, case-insensitive).
CUES: dict[str, tuple[str, ...]] = {
    "nervousness": (
        "worried",
        "anxious",
        "nervous",
        r"panick(?:ing|y)",
        r"stressed(?:\s+out)?",
        "overwhelmed",
        "uneasy",
        "apprehensive",
        r"on\s+edge",
        r"freaking\s+out",
    ),
    # "I'm afraid I can't make it" is politeness, not fear: afraid counts before "of", "for" or a stop.
    "fear": ("scared", "frightened", "terrified", "petrified", r"afraid(?=\s+(?:of|for)\b|\s*[.!,;)]|\s*$)"),
    "anger": ("angry", "furious", "livid", "fuming", "seething", "outraged", "incensed", r"mad\s+at"),
    "annoyance": (
        "annoyed",
        "frustrated",
        "irritated",
        "exasperated",
        r"fed\s+up",
        r"(?:sick|tired)\s+(?:and\s+tired\s+)?of",
        r"(?:hacked|cheesed|pissed)\s+off",
    ),
    "disappointment": ("disappointed", r"let\s+down", "gutted", "disheartened", "disillusioned"),
    "sadness": ("sad", "upset", "heartbroken", "devastated", "miserable", "depressed", "hurt", r"in\s+tears"),
    "grief": ("grieving", "bereaved", r"in\s+mourning"),
    "disgust": ("disgusted", "appalled", "sickened", "revolted"),
    "embarrassment": ("embarrassed", "mortified", "ashamed", "humiliated"),
    "confusion": (
        "confused",
        "puzzled",
        "baffled",
        "perplexed",
        "bewildered",
        r"lost(?=\s*[.!,;)]|\s*$|\s+(?:here|now|with|about)\b)",
    ),
    # "I'm happy to pay" is willingness, not joy; "I'm happy to hear that" is joy.
    "joy": (
        r"happy(?!\s+to\s+(?!hear|see|read|know|say|report)\w)",
        "delighted",
        "thrilled",
        "overjoyed",
        "ecstatic",
        "chuffed",
        r"over\s+the\s+moon",
    ),
    "gratitude": ("grateful", "thankful"),
    "relief": ("relieved",),
    "excitement": ("excited",),
    "optimism": ("hopeful", "optimistic"),
}
STRONG_CUES = re.compile(
    r"furious|livid|fuming|seething|outraged|terrified|petrified|heartbroken|devastated|mortified|"
    r"disgusted|appalled|overjoyed|ecstatic|over\s+the\s+moon|panick",
    re.IGNORECASE,
)

# Other ways of saying it in the first person, each read at the strength given.
PHRASES: tuple[tuple[str, float, str], ...] = (
    ("gratitude", STRONG, r"thank\s+you\s+(?:so|very)\s+much|thanks\s+(?:so|very)\s+much|thank\s+you,?\s+thank\s+you"),
    ("gratitude", PLAIN, r"many\s+thanks|thanks\s+a\s+million|(?:i|we)\s+(?:really\s+|truly\s+|so\s+)?appreciate\s+it"),
    ("relief", PLAIN, r"what\s+a\s+relief|(?:that's|that\s+is|it's|it\s+is|such)\s+a\s+(?:huge\s+|real\s+)?relief|"
     r"(?:a|such\s+a)\s+weight\s+off"),
    ("nervousness", PLAIN, r"losing\s+sleep\s+over|at\s+my\s+wits'?\s+end"),
)  # fmt: skip
# Saying a feeling is not there, and which labels that denies: "no need to panic", "don't worry";
# "I'm afraid I can't make it" is politeness, not fear.
DENIALS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("nervousness", "fear"), r"(?:no\s+need\s+to|do\s+not|don'?t|don’t|not\s+to|nothing\s+to)\s+(?:worry|panic|stress)|no\s+worries"),
    (("fear",), r"(?:i'm|i’m|i\s+am)\s+afraid\s+(?:i|we|you|not|so)"),
)  # fmt: skip
# "I'm not happy" says displeasure, not only the absence of joy.
DENIED_MEANS = {"joy": "disappointment"}
# What else saying "not" denies: "I'm not worried" is not afraid either.
KIN = {"nervousness": ("fear",), "fear": ("nervousness",), "anger": ("annoyance",), "annoyance": ("anger",)}

_MODIFIER = (
    r"(?:now|just|still|also|honestly|genuinely|actually|really|so|very|quite|pretty|extremely|incredibly|"
    r"absolutely|completely|totally|utterly|seriously|truly|deeply|bloody|fucking|super|beyond|properly|"
    r"terribly|increasingly|getting|becoming|feeling|starting\s+to\s+(?:feel|get)|beginning\s+to\s+(?:feel|get)|"
    r"a\s+(?:little\s+)?bit|a\s+little|a\s+tad|bit|slightly|somewhat|kind\s+of|kinda|sort\s+of|too|that|"
    r"not|never|no\s+longer|at\s+all|more\s+than\s+a\s+little)"
)
_FRAME = (
    r"\b(?:i|we)(?:'m|’m|'re|’re|\s+am|\s+are)"  # I'm, we are
    r"|\bim\b"  # im (as typed in a hurry)
    r"|\b(?:i|we)(?:'ve|’ve|\s+have)\s+been"  # I've been
    r"|\b(?:i|we)(?:\s+(?:do\s+not|don'?t|don’t|really|honestly|genuinely|just|still))?\s+feel"  # I feel
    r"|\b(?:doesn'?t\s+|does\s+not\s+)?(?:makes?|making|made|leaves?|leaving|left)\s+(?:me|us)(?:\s+feel(?:ing)?)?"
    r"|(?:^|(?<=[.!?\n]))\s*(?:feeling|so|really|very|absolutely|totally|utterly|completely|pretty|quite|"
    r"extremely|a\s+bit|bit)"  # "Really worried." "Feeling let down."
)
STATED = re.compile(
    rf"(?P<frame>{_FRAME})(?P<mods>(?:\s+{_MODIFIER}){{0,4}})\s+(?:"
    + "|".join(f"(?P<{label}>(?:{'|'.join(cues)}))" for label, cues in CUES.items())
    + r")\b(?P<after>\s+(?:a\s+(?:little\s+)?bit|a\s+little|slightly|somewhat))?",
    re.IGNORECASE | re.MULTILINE,
)
# A feeling asked about: "Are you angry?" is not the writer's anger.
ASKED = re.compile(
    rf"\b(?:are|aren't|were|weren't|is|isn't|was)\s+(?:you|u|they|he|she)(?:\s+{_MODIFIER}){{0,4}}\s+(?:"
    + "|".join(f"(?P<{label}>(?:{'|'.join(cues)}))" for label, cues in CUES.items())
    + r")\b",
    re.IGNORECASE,
)
_PHRASES = [(label, strength, re.compile(rf"\b(?:{p})\b", re.IGNORECASE)) for label, strength, p in PHRASES]
_DENIALS = [(labels, re.compile(rf"\b(?:{p})\b", re.IGNORECASE)) for labels, p in DENIALS]
_NEGATED = re.compile(r"\b(?:not|never|no\s+longer)\b|n'?t\b|n’t\b", re.IGNORECASE)
_SOFTENED = re.compile(
    r"\b(?:a\s+(?:little\s+)?bit|a\s+little|a\s+tad|bit|slightly|somewhat|kind\s+of|kinda|sort\s+of)\b",
    re.IGNORECASE,
)
_INTENSIFIED = re.compile(
    r"\b(?:so|really|very|extremely|incredibly|absolutely|completely|totally|utterly|seriously|truly|deeply|"
    r"bloody|fucking|super|beyond|properly|terribly|more\s+than\s+a\s+little)\b",
    re.IGNORECASE,
)
_CONDITION = re.compile(r"\b(?:if|unless|whether|in\s+case|once|until)\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[.!?;,\n]")

# Insults: the abuse flag's words, and a few it lacks; aimed at staff when the sentence speaks to or of them.
INSULT = re.compile(
    "|".join(f"(?:{p})" for p in FLAG_PATTERNS["abuse"])
    + r"|\b(?:pricks?|twats?|wankers?|tossers?|knobheads?|jobsworths?)\b",
    re.IGNORECASE,
)
_AT_STAFF = re.compile(
    r"\b(?:you|your|you're|youre|yours|ya|u|ur|y'all|staff|agents?|team|company|support|management|managers?|"
    r"lead|reps?|representatives?|customer\s+service|people\s+there)\b",
    re.IGNORECASE,
)
_AT_SELF = re.compile(
    r"\b(?:i|we)(?:'m|’m|'re|\s+am|\s+are|\s+was|\s+were|\s+feel|\s+felt|\s+look|\s+looked)\b|"
    r"\b(?:me|us)\s+(?:feel|look)|\bmyself\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Felt:
    """One feeling the writer states about themselves: a GoEmotions label, how strongly (0-1; 0 for a
    feeling they say they do not have) and where it was said."""

    label: str
    strength: float
    start: int
    end: int


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around ``text[start:end]``: from the last stop or comma before it to the next one
    after it (that one included)."""
    before = max((m.end() for m in _CLAUSE_END.finditer(text, max(0, start - 300), start)), default=0)
    after = _CLAUSE_END.search(text, end)
    return before, after.end() if after else len(text)


def _where(text: str, start: int, end: int, regions: list[tuple[int, int]]) -> str:
    """How the words at ``text[start:end]`` are said: ``quoted``, in a ``question``, in a ``condition``
    ("if I'm not happy"), or ``said`` as a fact about now."""
    if any(a <= start < b for a, b in regions):
        return "quoted"
    first, last = _clause(text, start, end)
    if _CONDITION.search(text, first, start):
        return "condition"
    return "question" if text[first:last].rstrip().endswith("?") else "said"


def _label(m: re.Match[str]) -> str:
    return next(name for name in CUES if m.group(name))


def _stated(m: re.Match[str], how: str) -> list[Felt]:
    """The feelings one first-person statement gives: none when quoted or in a question, a denial in a
    condition or with a negation (with what that denial says instead), else the feeling at its strength."""
    label = _label(m)
    said = m.group("frame") + m.group("mods")
    if how in ("quoted", "question"):
        return []
    if how == "condition":
        return [Felt(label, 0.0, m.start(), m.end())]
    if _NEGATED.search(said):
        denied = [Felt(name, 0.0, m.start(), m.end()) for name in (label, *KIN.get(label, ()))]
        instead = [Felt(DENIED_MEANS[label], PLAIN, m.start(), m.end())] if label in DENIED_MEANS else []
        return denied + instead
    strength = STRONG if STRONG_CUES.search(m.group(label)) else PLAIN
    if m.group("after") or _SOFTENED.search(said):
        strength -= STRONG - PLAIN
    elif _INTENSIFIED.search(said):
        strength += STRONG - PLAIN
    return [Felt(label, round(min(STRONG, max(SOFT, strength)), 2), m.start(), m.end())]


def _at_staff(text: str, m: re.Match[str], regions: list[tuple[int, int]]) -> bool:
    """An insult in the writer's own words, in a sentence that speaks to or of staff, not of themselves
    ("I feel like an idiot")."""
    first, last = _clause(text, m.start(), m.end())
    return (
        not any(a <= m.start() < b for a, b in regions)
        and _AT_STAFF.search(text[first:last]) is not None
        and _AT_SELF.search(text, first, m.start()) is None
    )


def stated_feelings(text: str) -> tuple[Felt, ...]:
    """Every feeling the writer states about themselves in ``text`` (or says they do not have), in order."""
    text = text[:SCAN_LIMIT]
    regions = quoted_regions(text)
    found: list[Felt] = []
    for m in STATED.finditer(text):
        found += _stated(m, _where(text, m.start(), m.end(), regions))
    for m in ASKED.finditer(text):
        if _where(text, m.start(), m.end(), regions) == "question":
            found.append(Felt(_label(m), 0.0, m.start(), m.end()))
    for label, strength, pattern in _PHRASES:
        for m in pattern.finditer(text):
            if _where(text, m.start(), m.end(), regions) == "said":
                found.append(Felt(label, strength, m.start(), m.end()))
    for labels, pattern in _DENIALS:
        for m in pattern.finditer(text):
            if _where(text, m.start(), m.end(), regions) != "quoted":
                found += [Felt(label, 0.0, m.start(), m.end()) for label in labels]
    return tuple(sorted(found, key=lambda f: f.start))


def insults(text: str) -> tuple[Felt, ...]:
    """Insults aimed at staff in ``text``, each read as anger at the plain strength."""
    text = text[:SCAN_LIMIT]
    regions = quoted_regions(text)
    return tuple(
        Felt("anger", PLAIN, m.start(), m.end()) for m in INSULT.finditer(text) if _at_staff(text, m, regions)
    )


def merged_feelings(felt: tuple[Felt, ...]) -> tuple[dict[str, float], frozenset[str]]:
    """The labels the writer says they feel, each at its strongest statement, and those they only say
    they do not feel."""
    affirmed: dict[str, float] = {}
    for f in felt:
        if f.strength > 0:
            affirmed[f.label] = max(affirmed.get(f.label, 0.0), f.strength)
    return affirmed, frozenset(f.label for f in felt if f.label not in affirmed)
