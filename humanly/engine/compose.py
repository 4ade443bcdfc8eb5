"""The built-in composer: a compassionate draft reply from the reading, the knowledge and the playbook.

Component ``humanly.draft.composer.v3``. It needs no network and no language model. The draft follows
the shape a kind, experienced agent would use: a greeting; an acknowledgement that names the feeling it
read, fitted to how strong it is; ownership and an apology where the company is at fault; an answer to
each ask in the customer's order, quoted from the knowledge with its source, or a clearly marked gap for
the agent; an honest statement of what is and isn't included when the customer expects more than we
offer, with concrete alternatives; the playbook stage's own part (steering back, a kind limit, or an open
door); the next step, who takes it and by when; a warm close.

Every sentence is either written here (short, plain, no stock phrases), quoted from the knowledge, taken
from the agent's instruction, or a marked gap. Nothing else: no number, price, date or promise is
invented. Choices between equally good wordings are made from a hash of the message, so the same message
always gets the same draft and different messages do not all read alike.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from humanly.engine.encoder import FloatArray
from humanly.engine.knowledge import Hit, KnowledgeBase, Passage, terms
from humanly.engine.playbook import contempt, threat_kinds
from humanly.engine.tone_customer import Customer, feeling_to_meet
from humanly.engine.types import Analysis, Ask, DraftPart, Gap, Profile, Stage, Turn, Voice

__all__ = ["COMPOSER", "Composition", "DraftContext", "compose", "gap_text", "name_of", "query"]

COMPOSER = "humanly.draft.composer.v3"

# A passage answers an ask when it scores at least this, with at least this much of each half.
ANSWER_SCORE = 0.55
ANSWER_KEYWORD = 0.3
ANSWER_SEMANTIC = 0.5
# An article that says it answers an expectation (front matter ``answers:``) is used when one of its
# passages scores at least this against an ask: it was chosen for the topic, so the bar is lower.
EXPECTATION_SCORE = 0.45
# ... and at least this when the reading found the words that show the expectation.
EVIDENT_SCORE = 0.2
# An emotion counts for the acknowledgement from this score; a negative one only below this sentiment.
FEELING_SCORE = 0.35
NEGATIVE = -0.2
# A message with no ask that reads at least this positive is thanks or news, not a problem to act on.
POSITIVE = 0.3
# Messages shorter than this, from a calm customer, get a short reply.
SHORT_WORDS = 45
GAP_CHARS = 110


@dataclass(frozen=True)
class DraftContext:
    """What a draft may draw on besides the message: the conversation before it (oldest first), the
    customer's profile, the business's voice, the knowledge base and the agent's instruction. ``stage``
    is the playbook stage the agent asked for (a boundary, a graceful exit); None lets the playbook decide."""

    thread: tuple[Turn, ...] = ()
    profile: Profile = field(default_factory=Profile)
    voice: Voice = field(default_factory=Voice)
    knowledge: KnowledgeBase | None = None
    instruction: str = ""
    stage: Stage | None = None


@dataclass(frozen=True)
class Composition:
    parts: tuple[DraftPart, ...]
    gaps: tuple[Gap, ...]
    confidence: float


# --- small helpers -----------------------------------------------------------------------------------


def _pick(options: Sequence[str], key: str) -> str:
    """One of equally good wordings, always the same for the same message."""
    digest = int(hashlib.sha256(key.encode()).hexdigest()[:8], 16)
    return options[digest % len(options)]


def gap_text(ask: Ask, message: str = "") -> str:
    """The marked place in a draft where the agent answers an ask the knowledge could not; a very short
    ask ("Can you check please?") carries the sentence before it, which says what it is about."""
    said = re.sub(r"\s+", " ", ask.text).strip()
    if message and len(terms(said)) < 3:
        said = re.sub(r"\s+", " ", _before(message, ask) + " " + said).strip()
    if len(said) > GAP_CHARS:
        said = said[: GAP_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return f"[Answer here: {said}]"


_SIGN_OFF = re.compile(
    r"^(?:best|thanks|thank\s+you|many\s+thanks|cheers|regards|kind\s+regards|warm\s+regards|best\s+wishes|"
    r"sincerely|yours|all\s+the\s+best|take\s+care|love|x+)\b",
    re.IGNORECASE,
)
_NAME_LINE = re.compile(r"^[-–—~\s]*([A-Z][a-zA-Z'’-]+(?:\s+[A-Z][a-zA-Z'’-]+){0,2})\s*\.?$")
_MY_NAME = re.compile(r"\bmy\s+name\s+is\s+([A-Z][a-zA-Z'’-]+(?:\s+[A-Z][a-zA-Z'’-]+)?)")
_NOT_NAMES = re.compile(
    r"\b(?:Ltd|Limited|Inc|LLC|School|Studio|Team|Support|Sent|Manager|Director|Customer)\b"
)


def name_of(analysis: Analysis, profile: Profile) -> str:
    """The customer's name: from their profile, else from how they signed or introduced themselves."""
    if profile.name.strip():
        return profile.name.strip()
    for raw in analysis.signature.splitlines():
        line = raw.strip()
        if not line or _SIGN_OFF.match(line):
            continue
        match = _NAME_LINE.match(line)
        if match and not _NOT_NAMES.search(line):
            return match.group(1)
        break
    match = _MY_NAME.search(analysis.text)
    return match.group(1) if match and not _NOT_NAMES.search(match.group(1)) else ""


_CALL_ME = re.compile(
    r"\b(?i:call\s+(?:me|them|her|him)|goes\s+by|prefers\s+to\s+be\s+called)\s+['\"]?([A-Z][\w'’-]+)"
)
_FORMAL = re.compile(r"\b(?:formal|surname|last\s+name|no\s+first\s+names?)\b", re.IGNORECASE)


def _addressed(name: str, context: DraftContext) -> tuple[str, Voice]:
    """The name and voice to greet with: the customer's recorded preferences ("call me Sam", "formal,
    please") come before the business's defaults."""
    voice = context.voice
    for preference in context.profile.preferences:
        called = _CALL_ME.search(preference)
        if called:
            name = called.group(1)
            voice = replace(voice, first_names=True)
        elif _FORMAL.search(preference):
            voice = replace(voice, tone="formal", first_names=False)
    return name, voice


def _greeting(name: str, voice: Voice) -> str:
    if not name:
        return "Hello," if voice.tone == "formal" else "Hi there,"
    if voice.tone == "formal":
        return f"Dear {name.split(maxsplit=1)[0] if voice.first_names else name},"
    return f"Hi {name.split(maxsplit=1)[0] if voice.first_names else name},"


# --- acknowledgement -------------------------------------------------------------------------------

_DURATION = re.compile(
    r"\b((?:\d+|two|three|four|five|six|seven|eight|nine|ten|twenty[- ]\w+|several|a\s+few)\s+"
    r"(?:days?|weeks?|months?|hours?))\b",
    re.IGNORECASE,
)
_ANGER = frozenset({"anger", "annoyance", "disgust", "disapproval"})
_SAD = frozenset({"disappointment", "sadness"})
_WORRY = frozenset({"nervousness", "fear"})
_SHAME = frozenset({"embarrassment", "remorse"})
_GLAD = frozenset({"gratitude", "admiration", "joy", "love"})
_CONFUSED = frozenset({"confusion"})
# Worry said in so many words, whatever the emotion model read.
_WORRIED = re.compile(
    r"\b(?:worried|worrying|anxious|nervous|panicking|stressed|afraid|freaking\s+out)\b", re.IGNORECASE
)

_ACK: dict[str, tuple[str, ...]] = {
    "grief": (
        "I'm so sorry for your loss, and thank you for letting us know.",
        "I'm so sorry for your loss. Thank you for taking the time to write to us.",
    ),
    "fear": (
        "I can hear how worrying this is, and I want to help you get it settled.",
        "This sounds really stressful, and I'm glad you wrote to us straight away.",
    ),
    "distress": (
        "I'm so sorry; I can see how hard this is.",
        "I'm so sorry you're dealing with this; it sounds really hard.",
    ),
    "anger_high": (
        "You have every right to be angry about this, and I'm sorry.",
        "I'm sorry. You shouldn't have had to go through this, and I understand why you're angry.",
    ),
    "anger": (
        "I can see why this is frustrating, and I'm sorry.",
        "That's frustrating, and I'm sorry it has happened.",
    ),
    "sad": (
        "I'm sorry this has been such a disappointment.",
        "I'm sorry; I can see this isn't what you hoped for.",
    ),
    "worry": (
        "I can hear this has been worrying you, so let me help.",
        "I understand how worrying this is, and I want to help you get it sorted.",
    ),
    "shame": (
        "Please don't worry; you've done the right thing by writing to us.",
        "Please don't feel bad about this; you've done the right thing by getting in touch.",
    ),
    "glad": (
        "Thank you so much for taking the time to tell us this.",
        "Thank you for telling us this; it was lovely to read.",
    ),
    "confused": (
        "That's a fair question, and I'm glad you asked.",
        "Thanks for asking; here is how it works.",
    ),
}


def _feeling_group(analysis: Analysis, customer: Customer) -> str | None:
    """Which acknowledgement fits: the rules' reading of a clearly upset customer first, then the emotions
    the reading is fairly sure of (a negative one only in a message that reads negative)."""
    feeling = feeling_to_meet(customer)  # a loved one dying is met as distress, not with condolence
    if feeling in ("grief", "fear", "distress"):
        return feeling
    emotions = analysis.emotions
    labels = {label for label in emotions.labels if emotions.scores.get(label, 0.0) >= FEELING_SCORE}
    negative = analysis.sentiment < NEGATIVE or customer.company_fault or bool(analysis.flags)
    strong = emotions.intensity >= 0.6 or "shouting" in analysis.flags or "abuse" in analysis.flags
    if customer.feeling == "anger" or (negative and labels & _ANGER):
        return "anger_high" if strong or customer.feeling == "anger" else "anger"
    if _WORRIED.search(analysis.text[:3000]):
        return "worry"
    if negative:
        for group, names in (("worry", _WORRY), ("shame", _SHAME), ("sad", _SAD)):
            if labels & names:
                return group
    # Thanks for something said or done; not the "Thanks" that ends a request ("Could I get an invoice? Thanks").
    if (
        emotions.dominant in _GLAD
        and analysis.sentiment >= 0.3
        and not customer.company_fault
        and not analysis.asks
    ):
        return "glad"
    if customer.blames_self:
        return "shame"
    if labels & _CONFUSED:
        return "confused"
    return None


# The acknowledgement of someone upset who has had to write again: one sorry, for both.
_AGAIN = {
    "anger_high": (
        "You have every right to be angry, and I'm sorry you've had to write to us more than once about it.",
        "I understand why you're angry, and I'm sorry you've had to write to us more than once about this.",
    ),
    "anger": (
        "I can see why this is frustrating, and I'm sorry you've had to write to us more than once about it.",
        "That's frustrating, and I'm sorry you've had to get in touch more than once about it.",
    ),
    "sad": (
        "I'm sorry this has been such a disappointment, and that you've had to write to us more than once.",
        "I'm sorry this isn't what you hoped for, and that you've had to get in touch more than once about it.",
    ),
}


def _acknowledgement(analysis: Analysis, customer: Customer, key: str) -> str | None:
    group = _feeling_group(analysis, customer)
    if group is None:
        return None
    if group in _AGAIN and "repeat_contact" in analysis.flags:
        return _pick(_AGAIN[group], key)
    line = _pick(_ACK[group], key)
    if group in ("anger", "anger_high", "sad", "worry"):
        waited = _DURATION.search(analysis.text)
        if waited and re.search(r"\b(?:wait|waiting|waited|since|still|for)\b", analysis.text, re.IGNORECASE):
            said = waited.group(1).lower() if waited.group(1).isupper() else waited.group(1)
            line += f" {said[0].upper()}{said[1:]} is a long time to be left waiting."
    return line


# For a problem told with no question asked.
_HEARD = (
    "I'm sorry about this, and thank you for telling us.",
    "Thank you for letting us know, and I'm sorry this has happened.",
)
RAISED_GAP = "[Say here what you will do about what they raised.]"

_APOLOGY = (
    "This is our mistake, and it's ours to put right.",
    "That shouldn't have happened, and it's on us to fix it.",
)


# --- answers from the knowledge --------------------------------------------------------------------


def _confident(hit: Hit) -> bool:
    return hit.score >= ANSWER_SCORE and hit.keyword >= ANSWER_KEYWORD and hit.semantic >= ANSWER_SEMANTIC


def query(ask: Ask, analysis: Analysis) -> str:
    """What the knowledge is searched with for one ask: the ask, with the gist when the ask is very short."""
    if len(terms(ask.text)) < 3:  # "Can you resend them?": the sentence before says what "them" is
        return f"{_before(analysis.text, ask) or analysis.gist} {ask.text}"
    return ask.text


def _before(message: str, ask: Ask) -> str:
    """The sentence just before an ask in the message."""
    before = message[: ask.start].rstrip()
    cut = max(before.rfind(c, 0, len(before) - 1) for c in ".!?\n") + 1
    return before[cut:].strip()


_INSTEAD = re.compile(r"\binstead\b", re.IGNORECASE)


def _instead(kb: KnowledgeBase, article_id: str) -> list[Passage]:
    """The article's "What we can do instead" passages."""
    return [p for p in kb.passages(article_id) if _INSTEAD.search(p.source.section)]


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
    ends = [i for i in (text.find(c, end) for c in ".!?\n") if i >= 0]
    return text[left : min(ends) + 1 if ends else len(text)].strip()


_REFUSE = re.compile(
    r"\b(?:refuse|decline|turn\s+down|say\s+no\s+to|(?:we\s+)?can'?t\s+(?:do|give|offer|accept)|reject)\s+"
    r"((?:the\s+|a\s+|their\s+|his\s+|her\s+)?.+?)(?:\s+(?:kindly|politely|gently|firmly|nicely))?(?=\s*(?:[,;.]|"
    r"\s+and\b|\s+but\b|$))",
    re.IGNORECASE,
)
# A passage that states a limit: the reason behind a "no".
_LIMIT = re.compile(
    r"\b(?:can'?t|cannot|don'?t|do\s+not|won'?t|isn'?t|aren'?t|no\s+longer|only)\b", re.IGNORECASE
)
_OFFER = re.compile(
    r"\boffer\s+(?:them\s+|her\s+|him\s+|instead\s+)?(.+?)(?:\s+instead)?(?=\s*(?:[,;.]|\s+and\b|$))",
    re.IGNORECASE,
)
_TELL = re.compile(
    r"\b(?:tell|let)\s+(?:them|her|him)\s+(?:know\s+)?(?:that\s+)?(.+?)(?=\s*(?:[;.]|$))", re.IGNORECASE
)


def _reason(kb: KnowledgeBase | None, refused: str, used: set[str]) -> Hit | None:
    """The passage that says why the answer is no: about what is refused, and stating a limit."""
    if kb is None:
        return None
    wanted = set(terms(refused))
    for hit in kb.search(f"why can't I have {refused}", 10, kinds=("article",)):
        words = set(terms(hit.passage.text))
        if (
            hit.passage.id not in used
            and _LIMIT.search(hit.passage.text)
            and wanted & words
            and hit.score >= 0.4
        ):
            return hit
    return None


def _sentence(text: str) -> str:
    text = text.strip().rstrip(".")
    return f"{text[0].upper()}{text[1:]}." if text else ""


@dataclass
class _Builder:
    analysis: Analysis
    customer: Customer
    stage: Stage
    context: DraftContext
    key: str
    parts: list[DraftPart] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    used: set[str] = field(default_factory=set)
    scores: list[float] = field(default_factory=list)

    def add(self, text: str, role: str, ask: Ask | None = None, passage: Passage | None = None) -> None:
        source = passage.source if passage is not None else None
        if passage is not None:
            self.used.add(passage.id)
        self.parts.append(DraftPart(text=text, role=role, ask=ask, source=source))  # type: ignore[arg-type]

    def gap(self, ask: Ask, why: str) -> None:
        text = gap_text(ask, self.analysis.text)
        # "How do I do it?" carries the sentence before it; when that sentence is the gap just above, once is enough.
        above = self.parts[-1] if self.parts and self.parts[-1].role == "gap" else None
        if above is not None and above.ask is not None and above.ask.text.strip() in text:
            text = gap_text(ask)
        self.gaps.append(Gap(ask=ask, text=text, why=why))
        self.add(text, "gap", ask)
        self.scores.append(0.0)


_CLAUSE = re.compile(
    r"(?:,\s*|\s+)(?:and|also|plus)\s+(?=(?:do|does|did|is|are|can|could|will|would|how|what|when|where|which|"
    r"who|why|should)\b)",
    re.IGNORECASE,
)


def _answer(b: _Builder, ask: Ask, kb: KnowledgeBase | None, hits: list[Hit]) -> None:
    if kb is None:
        b.gap(ask, "No knowledge base was given.")
        return
    fresh = [h for h in hits if h.passage.id not in b.used]
    if hits and hits[0].passage.id in b.used and _confident(hits[0]):
        b.scores.append(hits[0].score)  # already answered by a passage quoted above: tie the ask to it
        b.add("", "answer", ask, hits[0].passage)
        return
    if fresh and _confident(fresh[0]):
        b.add(fresh[0].passage.text, "answer", ask, fresh[0].passage)
        b.scores.append(fresh[0].score)
        return
    clauses = [c.strip(" ,") for c in _CLAUSE.split(ask.text) if c.strip(" ,")]
    if len(clauses) > 1 and _answer_clauses(b, ask, kb, clauses):
        return
    b.gap(ask, "The knowledge base has no passage that clearly answers this.")


def _answer_clauses(b: _Builder, ask: Ask, kb: KnowledgeBase, clauses: list[str]) -> bool:
    """An ask of two questions ("Is it too late to start again, and do the videos have subtitles?"): the
    knowledge answers the parts it can, and the rest is a marked gap. False when it answers none."""
    found = []
    for clause in clauses:
        top = next((h for h in kb.search(clause, 3, kinds=("article",)) if h.passage.id not in b.used), None)
        found.append(top if top is not None and _confident(top) else None)
    if not any(found):
        return False
    for clause, hit in zip(clauses, found, strict=True):
        if hit is not None:
            b.add(hit.passage.text, "answer", ask, hit.passage)
            b.scores.append(hit.score)
        else:
            text = f"[Answer here: {clause[0].upper()}{clause[1:].rstrip('?')}?]"
            b.gaps.append(
                Gap(ask=ask, text=text, why="The knowledge base has no passage for this part of the ask.")
            )
            b.add(text, "gap", ask)
            b.scores.append(0.0)
    return True


def compose(
    analysis: Analysis,
    customer: Customer,
    stage: Stage,
    context: DraftContext,
    hits: Sequence[list[Hit]],
    vectors: Sequence[FloatArray] | None = None,
) -> Composition:
    """The draft's parts, in order. ``hits`` holds the knowledge search results for each of ``analysis.asks``
    and ``vectors`` their queries' sentence vectors (to search again without encoding again)."""
    b = _Builder(analysis, customer, stage, context, analysis.text)
    kb = context.knowledge
    b.add(_greeting(*_addressed(name_of(analysis, context.profile), context)), "greeting")
    short = (
        len(analysis.text.split()) < SHORT_WORDS
        and not customer.upset
        and not analysis.expectations
        and stage == "calm"
    )
    _opening(b, short)
    covered = _expectations(b, kb, hits, vectors) if kb is not None else []
    raised = (
        not analysis.asks
        and _feeling_group(analysis, customer) != "glad"
        and customer.complains
        and (analysis.sentiment < POSITIVE or customer.upset or customer.company_fault)
    )
    if raised:  # no question, but a problem told: the agent says what will be done about it
        if not any(p.role in ("acknowledgement", "apology") for p in b.parts):
            b.add(_pick(_HEARD, b.key), "acknowledgement")
        b.add(RAISED_GAP, "prose")
    refused = _REFUSE.search(context.instruction)
    offers = [m.group(1) for m in _OFFER.finditer(context.instruction)]
    _answers(b, kb, hits, refused)
    for said in (m.group(1) for m in _TELL.finditer(context.instruction)):
        b.add(_sentence(said), "answer")
    for offer in offers:
        b.add(f"What I can offer instead is {offer.strip().rstrip('.')}.", "alternative")
    if kb is not None and not offers:
        _alternatives(b, kb, covered, refused is not None)
    offered = {p.role for p in b.parts} & {"answer", "gap", "expectation", "alternative"}
    if (
        stage == "boundary"
        and "alternative" not in offered
        and (refused is not None or analysis.expectations or not offered)
    ):  # a limit comes with what we can do
        b.add("What I can do instead is [say what you can offer].", "alternative")
    if stage == "graceful_exit":
        _exit_parts(b, kb)
    _next_step(b, kb)
    _close(b, short)
    confidence = sum(b.scores) / len(b.scores) if b.scores else (0.6 if not analysis.asks else 0.3)
    return Composition(tuple(p for p in b.parts if p.text or p.ask), tuple(b.gaps), round(confidence, 3))


def _opening(b: _Builder, short: bool) -> None:
    """The acknowledgement, an apology when we are at fault, and the stage's own opening words."""
    analysis, customer = b.analysis, b.customer
    ack = _acknowledgement(analysis, customer, b.key)
    if ack and not (short and _feeling_group(analysis, customer) == "confused"):
        b.add(ack, "acknowledgement")
    if customer.company_fault and b.stage != "graceful_exit":
        b.add(_pick(_APOLOGY, b.key), "apology")
    if "repeat_contact" in analysis.flags:
        if b.context.profile.history:  # we have their earlier messages
            b.add(
                "I've read back through your earlier messages, so you won't need to explain it again.",
                "acknowledgement",
            )
        elif not ack:  # nothing named yet: having to write again is worth a word of its own
            b.add("I'm sorry you've had to get in touch about this more than once.", "acknowledgement")
    if b.stage == "redirect" and b.context.thread:  # steering back needs a conversation to steer
        b.add(
            _pick(
                ("Let me focus on what I can do for you now.", "Here is what I can do to move this on."),
                b.key,
            ),
            "prose",
        )
    if b.stage == "boundary":
        _boundary(b)


# A boundary answers what is there: names and contempt with a request to keep it respectful, a threat to
# go to the bank, the press or the law with the customer's right to do so, any other threat with a limit,
# a demand for what we can't give with honesty about what we can.
_RESPECT = (
    "I do want to help with this, and I'll keep working on it with you as long as we keep things "
    "respectful on both sides."
)
_RIGHTS = {
    "bank": "to raise this with your bank",
    "public": "to share your experience publicly",
    "legal": "to take advice or take this further",
}
_NO_THREATS = "I do want to sort this out with you, and I can only do that if we leave threats out of it."
_HONEST = (
    "I want to be clear and honest with you about what I can and can't do here, so you can decide what works "
    "best for you.",
    "I'd rather be straight with you about what I can and can't do than keep you waiting on something I "
    "can't give.",
)


def _boundary(b: _Builder) -> None:
    """The boundary's own words: a calm, respectful limit on how the conversation goes, fitted to the
    message. What can be done follows in the answers and the alternatives."""
    text = b.analysis.text
    rude = "abuse" in b.analysis.flags or contempt(text)
    threats = threat_kinds(text) or (("legal",) if "legal_threat" in b.analysis.flags else ())
    if rude and "other" in threats:
        b.add(_RESPECT.removesuffix(".") + " and leave threats out of it.", "boundary")
    elif rude:
        b.add(_RESPECT, "boundary")
    elif "other" in threats:
        b.add(_NO_THREATS, "boundary")
    rights = [_RIGHTS[k] for k in threats if k in _RIGHTS]
    if rights:
        b.add(
            f"You're entitled {' or '.join(rights)}, and that's your choice to make. Before you decide, here "
            "is what I can do.",
            "boundary",
        )
    if not rude and not threats:
        b.add(_pick(_HONEST, b.key), "boundary")


def _expectations(
    b: _Builder, kb: KnowledgeBase, hits: Sequence[list[Hit]], vectors: Sequence[FloatArray] | None
) -> list[str]:
    """What they expect beyond what we offer: the honest answer from the article that says it answers that
    expectation. Returns the articles used, whose alternatives follow later."""
    analysis = b.analysis
    covered: list[str] = []
    for expectation in analysis.expectations:
        ids = [a.id for a in kb.answering(expectation) if a.id not in covered]
        if not ids:
            continue
        seen = [e for e in analysis.evidence if e.label == expectation]
        searches: list[tuple[Ask | None, str, FloatArray | None]] = [
            (ask, query(ask, analysis), vectors[i] if vectors else None)
            for i, ask in enumerate(analysis.asks)
        ]
        shown = None
        for e in seen:  # the words that showed the expectation, tied to the ask they sit in
            inside = next((a for a in analysis.asks if a.start <= e.start < a.end), None)
            shown = shown or inside
            searches.append((inside, _sentence_around(analysis.text, e.start, e.end), None))
        if not searches:
            searches.append((None, analysis.gist or analysis.text[:400], None))
        best = _best_in(kb, ids, searches)
        if best is None or best[0] < (EVIDENT_SCORE if seen else EXPECTATION_SCORE):
            continue  # what we know does not speak to what the reading saw: say nothing rather than misfire
        score, tied, hit = best
        if shown is not None:  # the honest answer answers the ask that showed the expectation
            tied = shown
        elif tied is not None and tied in analysis.asks:
            i = analysis.asks.index(tied)
            own = hits[i] if i < len(hits) else []
            if own and own[0].passage.source.article_id not in ids and own[0].score >= score + 0.05:
                tied = None  # that ask has a better answer of its own
        covered.append(hit.passage.source.article_id)
        b.add(hit.passage.text, "expectation", tied, hit.passage)
        b.scores.append(hit.score)
    return covered


def _best_in(
    kb: KnowledgeBase, ids: list[str], searches: list[tuple[Ask | None, str, FloatArray | None]]
) -> tuple[float, Ask | None, Hit] | None:
    best: tuple[float, Ask | None, Hit] | None = None
    for ask, said, vector in searches:
        found = [
            h
            for h in kb.search(said, 12, vector=vector, articles=ids, kinds=("article",))
            if not _INSTEAD.search(h.passage.source.section)
        ]
        if not found:
            continue
        top = found[0]
        # An article's opening states its honest answer in general: use it unless a section answers the
        # ask outright.
        first = kb.passages(top.passage.source.article_id)[0]
        chosen = top if top.score >= ANSWER_SCORE else Hit(first, top.score, top.keyword, top.semantic)
        if best is None or top.score > best[0]:
            best = (top.score, ask, chosen)
    return best


def _answers(
    b: _Builder, kb: KnowledgeBase | None, hits: Sequence[list[Hit]], refused: re.Match[str] | None
) -> None:
    """An answer or a gap for each ask, in the customer's order; the one the agent said no to gets the no."""
    asks = b.analysis.asks
    refused_ask: Ask | None = None
    if refused is not None:
        wanted = set(terms(refused.group(1)))
        overlaps = [len(wanted & set(terms(a.text))) for a in asks]
        if overlaps and max(overlaps) > 0:
            refused_ask = asks[overlaps.index(max(overlaps))]
        else:
            refused_ask = next((a for a in asks if a.kind == "request"), None)
    for i, ask in enumerate(asks):
        if any(p.ask == ask for p in b.parts):
            continue
        if refused is not None and ask == refused_ask:
            said = f"I'm sorry, but I can't say yes to {refused.group(1).strip()} this time."
            reason = _reason(kb, refused.group(1), b.used)
            if reason is not None:
                b.add(f"{said} {reason.passage.text}", "answer", ask, reason.passage)
            else:
                b.add(said, "answer", ask)
            b.scores.append(0.8)
            continue
        _answer(b, ask, kb, hits[i] if i < len(hits) else [])
    if refused is not None and refused_ask is None:
        b.add(f"I'm sorry, but I can't say yes to {refused.group(1).strip()} this time.", "answer")


def _alternatives(b: _Builder, kb: KnowledgeBase, covered: list[str], refused: bool) -> None:
    """What we can do instead: from the expectation articles, else from the article behind a "no"."""
    articles = list(covered)
    if not articles and (refused or b.stage == "boundary"):
        articles = [p.source.article_id for p in b.parts if p.source is not None][:1]
    for article_id in articles:
        for passage in _instead(kb, article_id)[:2]:
            if passage.id in b.used:
                continue
            first = not any(p.role == "alternative" for p in b.parts)
            lead = "Here is what I can suggest instead. " if first else ""
            b.add(lead + passage.text, "alternative", None, passage)


def _exit_parts(b: _Builder, kb: KnowledgeBase | None) -> None:
    b.add(
        _pick(
            (
                "I'm sorry we haven't been able to put this right for you.",
                "I'm sorry this hasn't gone the way you needed.",
            ),
            b.key,
        ),
        "exit",
    )
    b.add(
        "If you decide to leave, that is completely your choice, and I'll make it as simple as I can.", "exit"
    )
    if kb is not None:
        for query in (
            "how do I cancel my membership or subscription",
            "complaint reviewed by the support lead",
        ):
            hits = kb.search(query, 1, kinds=("article",))
            if hits and hits[0].score >= ANSWER_SCORE - 0.05 and hits[0].passage.id not in b.used:
                b.add(hits[0].passage.text, "exit", None, hits[0].passage)
    b.add(
        "If you'd like someone else to look at this with fresh eyes, I can pass it to my team lead.", "exit"
    )
    b.add("Whatever you decide, the door stays open.", "exit")


_WITHIN = re.compile(r"\bwithin\s+(?:\d+|one|two|three)\s+working\s+days?\b", re.IGNORECASE)


def _next_step(b: _Builder, kb: KnowledgeBase | None) -> None:
    pending = bool(b.gaps) or b.customer.wants_action or any(p.text == RAISED_GAP for p in b.parts)
    if not pending:
        if b.analysis.asks:
            b.add("If anything is still unclear, just reply to this email and I'll help.", "next_step")
        return
    when: str | None = None
    passage: Passage | None = None
    if kb is not None:
        for hit in kb.search("how quickly will you reply to my email", 3, kinds=("article",)):
            found = _WITHIN.search(hit.passage.text)
            if found and hit.score >= ANSWER_SCORE - 0.1:
                when, passage = found.group(0), hit.passage
                break
    if when is None:
        b.add("I'll come back to you by [say when].", "next_step")
    else:
        b.add(f"I'll come back to you {when}.", "next_step", None, passage)


_CLOSE = {
    "grief": ("Please take all the time you need.",),
    "fear": ("I'm here if you need anything else in the meantime.",),
    "distress": ("I'm here if you need anything else in the meantime.",),
    "glad": ("Thank you again for your kind words.", "It was lovely to hear from you."),
}


def _close(b: _Builder, short: bool) -> None:
    group = _feeling_group(b.analysis, b.customer) or ""
    line = _CLOSE.get(group) or _CLOSE.get(b.customer.feeling or "")
    if line and not short:
        b.add(_pick(line, b.key), "close")
    voice = b.context.voice
    sign_off = "Kind regards," if voice.tone == "formal" else _pick(("Best wishes,", "Take care,"), b.key)
    if b.customer.upset and voice.tone != "formal":
        sign_off = "Take care,"
    signature = voice.signature.strip()
    b.add(f"{sign_off}\n{signature}" if signature else sign_off.rstrip(","), "signature")
