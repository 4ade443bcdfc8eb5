"""What a customer says about how they want to be answered: a name to use, a way to be reached or not,
when they can be reached, a language, their pronouns, a need for accessible replies.

Only what they state outright counts ("please call me Sam", "email rather than phone, I'm deaf"); a
request for one thing ("email me the invoice", "call me back") is not a preference. Each is kept as
the words that said it (``Evidence``: label, text, offsets), so an agent sees exactly what was asked.
"""

from __future__ import annotations

import re

from humanly.engine.types import Evidence

SCAN_LIMIT = 20_000
_I = re.IGNORECASE

# Capitalised words that follow "call me" without being a name.
_NOT_NAMES = frozenset(
    [
        "Back",
        "Asap",
        "ASAP",
        "Today",
        "Tomorrow",
        "Tonight",
        "Now",
        "Soon",
        "Please",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "After",
        "Before",
        "Between",
        "On",
        "At",
        "Any",
        "Anytime",
        "Whenever",
        "When",
        "If",
        "Or",
        "And",
    ]
)
_NAME = re.compile(
    r"\b(?i:(?:please\s+)?call\s+me|i\s+go\s+by|i\s+prefer\s+to\s+be\s+called|(?:i'?m|i\s+am)\s+known\s+as)\s+"
    r"['\"“]?([A-Z][a-z][\w'’-]*)"
)
_CHANNELS = r"e-?mails?|phone(?:\s+calls?)?|calls?|texts?|sms|whatsapp|letters?|post"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "channel",
        re.compile(
            rf"\b(?:i(?:'d|\s+would)?\s+(?:much\s+)?prefer|i\s+prefer)\s+(?:to\s+be\s+contacted\s+by\s+|to\s+hear\s+by\s+|"
            rf"(?:an?\s+)?)(?:{_CHANNELS})\b[^.!?\n]{{0,60}}",
            _I,
        ),
    ),
    (
        "channel",
        re.compile(
            r"\b(?:please\s+)?(?:only\s+|just\s+)?(?:e-?mail|text|write\s+to|message)\s+(?:me\s+)?(?:rather\s+than|instead\s+of)\s+"
            r"(?:call|phon|ring)\w*[^.!?\n]{0,40}|\b(?:please\s+)?(?:only|just)\s+(?:e-?mail|text|write\s+to)\s+me\b(?!\s+(?:the|a|an|my|your|it|them|this|that)\b)",
            _I,
        ),
    ),
    (
        "channel",
        re.compile(
            r"\b(?:please\s+)?(?:do\s+not|don'?t|never)\s+(?:call|phone|ring|text)\s+me\b[^.!?\n]{0,40}", _I
        ),
    ),
    (
        "availability",
        re.compile(
            r"\b(?:i(?:'m|\s+am)\s+only\s+(?:free|available|reachable|around)|(?:call|ring|phone)\s+(?:me\s+)?(?:only\s+)?"
            r"(?:after|before|between)\s+\d)[^.!?\n]{0,50}",
            _I,
        ),
    ),
    (
        "accessibility",
        re.compile(
            r"\b(?:i(?:'m|\s+am)\s+(?:deaf|hard\s+of\s+hearing|blind|partially\s+sighted|visually\s+impaired|dyslexic|autistic)|"
            r"i\s+use\s+a\s+screen\s?-?reader|(?:in\s+)?large\s+print|plain\s+english,?\s+please)\b",
            _I,
        ),
    ),
    (
        "formality",
        re.compile(
            r"\b(?:(?:please\s+)?(?:use|keep\s+(?:it|things))\s+formal(?:\s+(?:language|english|tone))?"
            r"(?:\s+with\s+me)?|please\s+be\s+formal|(?:please\s+)?address\s+me\s+as\s+(?:Mr|Mrs|Ms|Miss|Mx|Dr|"
            r"Professor)\.?\s+[A-Z][a-z]+|no\s+need\s+(?:to\s+be\s+formal|for\s+formalit(?:y|ies)))\b",
            _I,
        ),
    ),
    ("pronouns", re.compile(r"\bmy\s+pronouns\s+are\s+[a-z]+(?:\s*/\s*[a-z]+)+", _I)),
    (
        "language",
        re.compile(
            r"\b(?:please\s+)?(?:reply|write|answer|respond)\s+(?:to\s+me\s+)?in\s+(?:English|Spanish|French|German|Italian|"
            r"Portuguese|Polish|Welsh|Dutch|Arabic|Chinese|Mandarin|Cantonese|Japanese|Korean|Turkish|Romanian|Ukrainian|"
            r"Russian|Hindi|Urdu|Bengali|Punjabi|Greek|Swedish|Norwegian|Danish|Finnish|Czech|Hungarian)\b",
            _I,
        ),
    ),
)


def stated(text: str) -> tuple[Evidence, ...]:
    """The preferences ``text`` states outright, in the order they appear."""
    text = text[:SCAN_LIMIT]
    found: list[Evidence] = []
    for match in _NAME.finditer(text):
        if match.group(1) not in _NOT_NAMES:
            found.append(Evidence("name", match.group(0).strip(" ,;:"), match.start(), match.end()))
    for label, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            words = match.group(0).rstrip(" ,;:")
            if not any(e.start < match.end() and match.start() < e.end for e in found):
                found.append(Evidence(label, words, match.start(), match.start() + len(words)))
    return tuple(sorted(found, key=lambda e: e.start))
