"""Coverage: whether a draft answers what the customer asked, and what else it leaves out.

Component ``humanly.tone.coverage.v4``. An ask is open only when the draft clearly skips it: no
answer of the kind the question calls for, no action, no honest "no", no marked gap to fill, and
either a filler sentence standing in for the answer or almost no words in common with the ask.
``missing`` lists the other things a customer clearly needs and the draft leaves out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from humanly.engine.text import stem
from humanly.engine.tone_context import POLICY
from humanly.engine.tone_customer import (
    NEXT_STEP,
    OPENER,
    QUESTION_START,
    REFUSAL,
    Customer,
    any_of,
    offers_alternative,
    owns,
    unacknowledged,
)
from humanly.engine.types import Ask, Missing

__all__ = [
    "COVERAGE",
    "FILLER",
    "UNANSWERED_ASK_WHY",
    "UNANSWERED_WHY",
    "answered",
    "clearly_answered",
    "missing",
    "plainly_answered",
    "unanswered",
]

COVERAGE = "humanly.tone.coverage.v7"
_I = re.IGNORECASE
Span = tuple[int, int]

# --- unanswered asks ----------------------------------------------------------------------------

_STOP_WORDS = """
a an the and or but if so to of in on at for from with by about as is are was were be been being do
does did done have has had i me my mine we us our you your yours it its this that these those there
here what when where why how which who whom can could will would should shall may might must not no
yes please pls just also really actually any some get got give tell know let like want need help hi
hello hey thanks thank still now then than too very much many more most quick one ok okay sure
wondering wonder going gonna able way thing things anyone someone somebody anything something even
ever again already since
"""
_STOP = frozenset(_STOP_WORDS.split())
_WORD = re.compile(r"[a-z][a-z-]*[a-z]")
_YES_NO = re.compile(
    r"(?:^|[.!?]\s+|:\s+)(?:well,?\s+)?(?:yes|no|yep|yeah|nope|not\s+(?:yet|at\s+all)|sure|of\s+course|absolutely|"
    r"definitely|unfortunately|i'?m\s+afraid|correct|confirmed|done|that'?s\s+(?:right|normal)|only\s+(?:if|when)|"
    r"not\s+unless|"
    r"it\s+(?:does|is|isn'?t|doesn'?t|will|won'?t)|you\s+(?:do|don'?t|will|won'?t|can'?t)|we\s+(?:do|don'?t|"
    r"can'?t)|yes\s+to\s+both|it(?:'s|\s+is)\s+(?:pretty|quite|very|fairly|really|not|a\s+bit|rather|super|totally|"
    r"completely|too|so)\b)\b|,\s*(?:yes|no)\b[.!;:]|"
    # "Is that a problem?" - "nothing to worry about".
    r"\bnothing\s+to\s+worry\s+about\b|"
    # After a greeting: "Hi Dana, yes, it went out this morning."
    r"^(?:hi|hello|hey|dear)\b[^,.!?\n]{0,30},\s+(?:yes|no|yep|yeah|nope|sure|of\s+course|absolutely|definitely|"
    r"not\s+yet)\b|"
    # A bare short answer: "I do, mostly within Europe.", "She can't."
    r"(?:^|[.!?]\s+|^(?:hi|hello|hey|dear)\b[^,.!?\n]{0,30},\s+)(?:I|we|he|she|they)\s+(?:do|don'?t|can|can'?t|cannot|will|won'?t|does|doesn'?t)(?=\s*[,.;!])",
    _I,
)
_PIECES = re.compile(r"(?<=[.!?])\s+")
_ANSWER_START = re.compile(r"(?:^|[.!?]\s+)(?:yes|no|it|you|we|there|that|they)\b", _I)
_ACTION = any_of(
    r"\b(?:I|we)(?:'ve|\s+have|'ll|\s+will|\s+cannot|\s+can'?t|'m\s+(?:not\s+)?able|\s+am\s+(?:not\s+)?able|"
    r"'re\s+not\s+able)\b",
    r"\b(?:I|we)\s+can\s+(?:also\s+)?(?:refund|send|resend|cancel|change|book|arrange|move|switch|add|waive|offer|"
    r"give|extend|fix|set|help\s+you|pause|transfer|credit|replace|process|reissue|update|check|look|escalate|call|"
    r"email|confirm|sort|reset|remove|restore|unlock|push)\b",
    r"\b(?:has|have)\s+been\s+(?:sent|refunded|booked|moved|credited|cancelled|fixed|restored|reissued|extended|"
    r"resent|removed|updated|approved)\b",
    r"\b(?:go\s+to|click|tap|simply|reply\s+(?:here|to)|send\s+(?:me|us))\b|[→>]|\[[^\]]{3,}\]",
    r"^(?:confirmed|done|sorted|all\s+set)\b",
)
_WHEN = re.compile(
    r"\b(?:today|tomorrow|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|"
    r"march|april|june|july|august|september|october|november|december|next\s+(?:week|month|year)|"
    r"\d{1,2}(?:st|nd|rd|th)|\d{1,2}(?::\d\d)?\s*(?:am|pm)|\d\d:\d\d|within\s+\S+|no\s+(?:fixed\s+)?date|"
    r"not\s+yet)\b",
    _I,
)
_DURATION = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|a\s+few|a\s+couple\s+of)\s+(?:years?|"
    r"months?|weeks?|days?|hours?|minutes?)\b",
    _I,
)
_MONEY = re.compile(
    r"[£$€]\s?\d|\b\d+(?:\.\d\d)?\s*(?:pounds|dollars|euros|%|percent)\b|\bfree\b|\bno\s+charge\b", _I
)
_PRICE_ASK = re.compile(r"\b(?:charge[ds]?|cost|price|fee|pay|owe|free|refund|money|discount)\b", _I)
_FILLER_PARTS = (
    r"\b(?:you\s+can|you'?ll)\s+(?:find|view|see|check|track)\s+(?:all\s+)?(?:the\s+)?(?:details|status|"
    r"information|everything|your\s+(?:\w+\s+)?details)\b[^.!?]*\b(?:in|on|at|via)\s+(?:your|the|our|my)\b",
    r"\b(?:our|the)\s+(?:faqs?|help\s+cent(?:re|er)|knowledge\s+base|newsletter)\b[^.!?]*\b(?:cover|has|have|"
    r"for\s+(?:all|the\s+latest))\b",
    r"\b(?:please\s+)?refer\s+to\s+the\b|\bstay\s+tuned\b|\bcheck\s+out\s+our\b|\bsee\s+for\s+yourself\b|"
    r"\bjoin\s+(?:us\s+)?today\b|\bfor\s+inspiration\b",
    r"\b(?:let\s+(?:me|us)\s+know|feel\s+free\s+to\s+(?:reach\s+out|get\s+in\s+touch|contact\s+us))\s+if\s+"
    r"(?:there'?s|there\s+is|you\s+have)\s+anything\s+else\b|\bif\s+you\s+have\s+any\s+other\s+questions\b",
    r"\bwe\s+take\s+\w+(?:\s+\w+)?\s+(?:very\s+)?seriously\b",
    # Families of deflection: pointing at a resource or a vague future instead of answering.
    r"\b(?:check|see|visit|review|read|consult|browse)\s+(?:our|the)\s+(?:[\w-]+\s+){0,2}?(?:map|faqs?|website|site|"
    r"guidelines|help\s+(?:hub|cent(?:re|er))|pages?|terms|roadmap|blog|forum|community)\b[^.!?]*(?:for\s+(?:more\s+)?"
    r"(?:details|information|info)|at\s+any\s+time|[.!?]?$)",
    r"\b(?:you\s+can|you'?ll)\s+(?:find|get|read)\s+(?:more|all\s+the|further)\s+(?:information|details|info)\b[^.!?]*"
    r"\b(?:in|on|at|via)\s+our\b",
    r"^(?:it'?s|this\s+is)\s+on\s+(?:the|our)\s+roadmap\.?$|\bcome\s+and\s+see\s+for\s+yourselves?\b|\bwill\s+be\s+"
    r"kept\s+(?:updated|informed|in\s+the\s+loop)\.?$|\bwill\s+be\s+(?:completed|resolved|reviewed)\s+in\s+due\s+course\b",
    r"\b(?:is|are)\s+being\s+(?:processed|reviewed|looked\s+into|handled)\s*[.!]?$",
    r"\byour\s+feedback\s+has\s+been\s+(?:passed|forwarded|shared|noted|logged)\b",
    r"\banything\s+(?:we|I)\s+can\s+do\s+to\s+change\s+your\s+mind\b|\bare\s+you\s+sure\s+you\s+want\s+to\s+"
    r"(?:miss\s+out|leave|go)\b",
    r"\b(?:fantastic|great|amazing|wonderful)\s+(?:opportunity|value)\b|\bmost\s+popular\s+option\b",
    r"\beverything\s+is\s+(?:running|working)\s+(?:normally|fine|as\s+normal)(?:\s+now)?\b",
    r"\byour\s+satisfaction\s+is\s+our\s+(?:top\s+)?priority\b|\bwe\s+value\s+your\s+(?:feedback|business|custom)\b|"
    r"\b(?:please\s+)?visit\s+our\s+(?:website|faq|help\s+cent(?:re|er))\b|\bfor\s+more\s+information\b",
)
_STRONG_FILLER = any_of(*_FILLER_PARTS)
FILLER = any_of(
    *_FILLER_PARTS, r"^thanks?\s+(?:you\s+)?for\s+(?:travelling|flying|shopping|your\s+interest)\b"
)

UNANSWERED_WHY = "Stands in for an answer the customer asked for; they will have to ask again."
UNANSWERED_ASK_WHY = "This question or request gets no answer in the draft."
_WARM = any_of(
    r"\b(?:sorry|thank|thanks|congratulations|wonderful\s+news|best\s+wishes|glad|great\s+question|"
    r"understand|hear\s+you|love\s+to)\b",
    r"^(?:hi|hello|dear|hey)\b[^.!?]{0,30}[,!]?$|^(?:absolutely|of\s+course|sure|great)[!.]$",
)


def _content(text: str) -> list[str]:
    """Content words in order, stemmed; "what's" and "money's" lose their "'s"."""
    words = _WORD.findall(text.lower().replace("'s ", " ").replace("’s ", " "))
    return [stem(w) for w in words if w not in _STOP and len(w) > 2]


_WHEREABOUTS = re.compile(
    r"\b(?:arriv\w*|deliver\w*|dispatch\w*|ship(?:ped|s|ping)?|sent|posted|tracking|tracked|courier|depot|on\s+its\s+way|"
    r"out\s+for|held|stuck|lost|returned|collect\w*|locker|neighbou?r|warehouse|sorting|customs|reception|safe\s+place|"
    r"porch|doorstep|driver)\b",
    _I,
)


# "Can you tell me when pre-orders open?" asks when they open.
_EMBEDDED = re.compile(
    r"^(?:(?:can|could)\s+(?:you|someone|anyone)\s+(?:please\s+)?(?:tell|let)\s+me|do\s+you\s+know|any\s+idea|"
    r"I(?:'d|\s+would)\s+like\s+to\s+know|I\s+was\s+wondering|I\s+wonder)\s+(?=(?:when|what|where|why|how|which|who|"
    r"if|whether)\b)",
    _I,
)


def _question_kind(ask: Ask) -> str:
    opener = OPENER.sub("", ask.text.strip()).lower()
    opener = (
        re.sub(r"^(?:if|whether)\s+", "is ", _EMBEDDED.sub("", opener)) if _EMBEDDED.match(opener) else opener
    )
    if ask.kind == "request":
        return "request"
    if re.match(r"how\s+long\b", opener):
        return "how_long"
    if re.match(r"(?:when|what\s+time|how\s+soon)\b", opener):
        return "when"
    if re.match(r"how\s+much\b", opener):
        return "money"
    if re.match(r"where(?:'s|\s+is|\s+are)\s+(?:my|our|the|it|they)\b", opener):
        return "whereabouts"
    if re.match(r"(?:who|what|where|why|how|which)\b", opener) or not QUESTION_START.match(opener):
        return "open"
    return "yes_no"


def clearly_answered(ask: Ask, draft: str) -> bool:
    """Positive evidence that the draft answers this ask (``answered`` also gives the benefit of the
    doubt): most of its words, the shape of answer it calls for, an action taken or an honest no."""
    words = set(_content(ask.text))
    drafted = set(_content(draft))
    coverage = len(words & drafted) / len(words) if words else 0.0
    return (
        coverage >= 0.6
        or plainly_answered(ask, draft)
        or any(p.search(draft) for p in (_ACTION, POLICY, REFUSAL))
    )


def answered(ask: Ask, draft: str, context: str = "") -> bool:
    """Whether the draft answers this ask: an answer, an action, an honest 'no', or a marked gap to fill.

    Unsure counts as answered: an ask is open only when the draft clearly skips it.
    """
    words = _content(ask.text)
    if len(set(words)) < 2:
        words += _content(context)
    drafted = set(_content(draft))
    coverage = len(set(words) & drafted) / len(set(words)) if words else 1.0
    if coverage >= 0.6 or _ACTION.search(draft) or POLICY.search(draft) or REFUSAL.search(draft):
        return True
    filler = any(FILLER.search(piece) for piece in _PIECES.split(draft))
    kind = _question_kind(ask)
    if _PRICE_ASK.search(ask.text) and _MONEY.search(draft):
        return True
    if kind in {"when", "how_long"}:
        timed = _WHEN.search(draft) is not None or (
            kind == "how_long" and _DURATION.search(draft) is not None
        )
        return timed or not (filler or coverage == 0.0)
    if kind == "whereabouts":  # "Where is my parcel?" wants a place, a status or a time
        return bool(_WHEN.search(draft) or _WHEREABOUTS.search(draft)) or not (
            filler or coverage == 0.0 or coverage < 0.34
        )
    if kind == "money":
        return _MONEY.search(draft) is not None or not (filler or coverage == 0.0)
    if kind in {"open", "request"}:
        return not filler
    if _YES_NO.search(draft):
        return not (filler and coverage < 0.34)
    # No filler: open only when the draft talks around the question (shares its topic, misses its point)
    # and no sentence even starts like an answer.
    last = words[-1] if words else ""
    around = 0.0 < coverage < 0.5 and last not in drafted and not _ANSWER_START.search(draft)
    return not (filler or around)


_ABOUT_TIME = re.compile(
    r"\b(?:hours?|times?|open(?:ing)?|clos(?:e|ing)|dates?|days?|deadline|how\s+long)\b", _I
)


def plainly_answered(ask: Ask, draft: str) -> bool:
    """Whether the draft holds the very shape of answer this ask calls for: an amount for a question of
    money, a time for one of time, a yes or no for a yes/no question, a place or status for "where is
    my...". ``answered`` gives the benefit of the doubt; this is the strong evidence that overrules the
    tone model's reading of a sentence as standing in for an answer."""
    kind = _question_kind(ask)
    if (_PRICE_ASK.search(ask.text) or kind == "money") and _MONEY.search(draft):
        return True
    if (kind in {"when", "how_long"} or _ABOUT_TIME.search(ask.text)) and (
        _WHEN.search(draft) or _DURATION.search(draft)
    ):
        return True
    if kind == "whereabouts":
        return bool(_WHEN.search(draft) or _WHEREABOUTS.search(draft))
    return kind == "yes_no" and _YES_NO.search(draft) is not None


_PIECE_LEAD = re.compile(r"[\s,;:-]*(?:(?:and|but|so)\s+)?", _I)


def _free_parts(draft: str, sentences: Sequence[Span], taken: Sequence[Span]) -> list[Span]:
    """The sentences, less any words already claimed by another finding (at least three words left)."""
    parts = []
    for start, end in sentences:
        pieces = [(start, end)]
        for a, b in taken:
            pieces = [p for s, e in pieces for p in ((s, min(e, a)), (max(s, b), e)) if p[0] < p[1]]
        for piece_start, piece_end in pieces:
            lead = _PIECE_LEAD.match(draft, piece_start, piece_end)
            s = lead.end() if lead else piece_start
            piece = draft[s:piece_end].rstrip()
            if len(piece.split()) >= 3:
                parts.append((s, s + len(piece)))
    return parts


def unanswered(
    draft: str, sentences: Sequence[Span], taken: Sequence[Span], customer: Customer | None
) -> tuple[list[Ask], Span | None]:
    """The asks the draft leaves without an answer, and the sentence standing in for the answer."""
    if customer is None or not customer.asks or not draft.strip():
        return [], None
    open_asks = [ask for ask in customer.asks if not answered(ask, draft, customer.text)]
    if not open_asks:
        return [], None
    parts = _free_parts(draft, sentences, taken)
    for filler in (_STRONG_FILLER, FILLER):
        for start, end in parts:
            if filler.search(draft[start:end]):
                return open_asks, (start, end)
    whole = [(s, e) for s, e in sentences if not any(a < e and s < b for a, b in taken)]
    for start, end in whole:
        if not _WARM.search(draft[start:end]) and not draft[start:end].endswith("?"):
            return open_asks, (start, end)
    return open_asks, None


def missing(
    draft: str, customer: Customer | None, open_asks: Sequence[Ask], refused_without_alternative: bool
) -> list[Missing]:
    """What the draft leaves out that this customer clearly needs; nothing when unsure."""
    found = [Missing(kind="unanswered_ask", why=UNANSWERED_ASK_WHY, ask=ask) for ask in open_asks]
    if unacknowledged(draft, customer):
        found.append(
            Missing(
                kind="no_acknowledgement",
                why="The customer is clearly upset and the draft never recognises it.",
                ask=None,
            )
        )
    if customer is not None and customer.company_fault and not owns(draft):
        found.append(
            Missing(
                kind="no_apology",
                why="The customer reports our mistake; the draft neither apologises nor owns it.",
                ask=None,
            )
        )
    refuses = refused_without_alternative or (
        REFUSAL.search(draft) is not None and not offers_alternative(REFUSAL.sub("", draft))
    )
    if refuses:
        found.append(
            Missing(kind="no_alternative", why="The draft says no and offers nothing else.", ask=None)
        )
    if customer is not None and customer.wants_action and draft.strip() and not NEXT_STEP.search(draft):
        found.append(
            Missing(
                kind="no_next_step",
                why="The customer asked for something to be done; the draft gives no next step.",
                ask=None,
            )
        )
    return found
