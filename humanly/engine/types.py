"""The engine's result objects: frozen dataclasses that round-trip through JSON.

Every result is immutable and serialises with ``to_dict()`` to plain JSON types;
``from_dict()`` rebuilds an equal object, so ``X.from_dict(json.loads(json.dumps(x.to_dict()))) == x``.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Self, TypeVar, get_args, get_origin, get_type_hints

AskKind = Literal["question", "request"]
Risk = Literal["low", "medium", "high"]

T = TypeVar("T")


class Serialisable:
    """Mixin: ``to_dict``/``from_dict`` for nested frozen dataclasses of JSON-friendly fields."""

    def to_dict(self) -> dict[str, Any]:
        return {f.name: _dump(getattr(self, f.name)) for f in dataclasses.fields(self)}  # type: ignore[arg-type]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        hints = get_type_hints(cls)
        kwargs: dict[str, Any] = {}
        for f in dataclasses.fields(cls):  # type: ignore[arg-type]
            if f.name in data:
                kwargs[f.name] = _load(hints[f.name], data[f.name])
        return cls(**kwargs)


def _dump(value: Any) -> Any:
    if isinstance(value, Serialisable):
        return value.to_dict()
    if isinstance(value, tuple | list):
        return [_dump(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _dump(v) for k, v in value.items()}
    return value


def _load(hint: Any, value: Any) -> Any:
    origin = get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        inner = [a for a in get_args(hint) if a is not type(None)]
        return _load(inner[0], value)
    if origin is tuple:
        (item,) = get_args(hint)[:1]
        return tuple(_load(item, v) for v in value)
    if origin is dict:
        _, vt = get_args(hint)
        return {str(k): _load(vt, v) for k, v in value.items()}
    if isinstance(hint, type) and issubclass(hint, Serialisable):
        return hint.from_dict(value)
    if hint is float and isinstance(value, int):
        return float(value)
    return value


@dataclass(frozen=True, slots=True)
class Language(Serialisable):
    """The language the new text is written in (ISO 639-1), and whether the models cover it."""

    code: str
    confidence: float
    supported: bool


@dataclass(frozen=True, slots=True)
class Emotions(Serialisable):
    """The 28 GoEmotions labels scored 0-1, the predicted set, its strongest member and overall intensity."""

    scores: dict[str, float]
    labels: tuple[str, ...]
    dominant: str
    intensity: float


@dataclass(frozen=True, slots=True)
class Intent(Serialisable):
    label: str
    score: float


@dataclass(frozen=True, slots=True)
class Ask(Serialisable):
    """One question or request, with character offsets into ``Analysis.text``."""

    text: str
    start: int
    end: int
    kind: AskKind


@dataclass(frozen=True, slots=True)
class Evidence(Serialisable):
    """Why a signal (expectation, flag or need) was raised: the words that raised it."""

    label: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Escalation(Serialisable):
    risk: Risk
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Analysis(Serialisable):
    """The engine's reading of one customer message."""

    text: str
    quoted: str
    signature: str
    language: Language
    emotions: Emotions
    sentiment: float
    intents: tuple[Intent, ...]
    asks: tuple[Ask, ...]
    gist: str
    expectations: tuple[str, ...]
    flags: tuple[str, ...]
    escalation: Escalation
    needs: tuple[str, ...]
    evidence: tuple[Evidence, ...] = field(default=())
    # What they say about how to answer them: a name, a way to be reached, a language, accessibility.
    preferences: tuple[Evidence, ...] = field(default=())
    version: str = "humanly.analyze.v1"


FindingKind = Literal[
    "blame",
    "defensive",
    "condescending",
    "dismissive",
    "sarcastic",
    "irritated",
    "policy_wall",
    "overpromise",
    "self_promotion",
    "cold",
    "unanswered",
]
MissingKind = Literal["unanswered_ask", "no_acknowledgement", "no_next_step", "no_apology", "no_alternative"]
Verdict = Literal["send", "revise"]


@dataclass(frozen=True, slots=True)
class Finding(Serialisable):
    """One tone problem in a draft: its kind, the words (offsets into the draft), why it lands badly, a calmer wording."""

    kind: FindingKind
    start: int
    end: int
    why: str
    suggestion: str


@dataclass(frozen=True, slots=True)
class Missing(Serialisable):
    """Something the customer needs that the draft leaves out; ``ask`` is the unanswered ask, if that is it."""

    kind: MissingKind
    why: str
    ask: Ask | None = None


@dataclass(frozen=True, slots=True)
class ToneScores(Serialisable):
    """How the draft reads, each 0-100: warmth, calm and clarity."""

    warmth: int
    calm: int
    clarity: int


@dataclass(frozen=True, slots=True)
class Landing(Serialisable):
    """How the draft is likely to land: the customer's probable reaction and the main reason for it."""

    reaction: str
    reason: str


@dataclass(frozen=True, slots=True)
class ToneReport(Serialisable):
    """The tone guard's check of one draft reply, with a suggested rewrite.

    ``rewrite`` is ``None`` only when the check was asked not to write one (a live check while the
    agent types: each finding still carries its own calmer wording)."""

    draft: str
    findings: tuple[Finding, ...]
    missing: tuple[Missing, ...]
    scores: ToneScores
    politeness: float
    landing: Landing
    heat: float
    verdict: Verdict
    rewrite: str | None
    version: str = "humanly.check_reply.v1"


# --- drafts ----------------------------------------------------------------------------------------

ArticleKind = Literal["article", "saved_reply"]
Role = Literal["customer", "agent"]
Stage = Literal["calm", "redirect", "boundary", "graceful_exit"]
Trajectory = Literal["escalating", "de_escalating", "steady"]
PartRole = Literal[
    "greeting",
    "acknowledgement",
    "apology",
    "answer",
    "gap",
    "expectation",
    "alternative",
    "boundary",
    "exit",
    "next_step",
    "close",
    "signature",
    "prose",
]


@dataclass(frozen=True, slots=True)
class Source(Serialisable):
    """Where a passage of knowledge comes from: the article, its title and the heading it sits under."""

    article_id: str
    title: str
    section: str
    kind: ArticleKind


@dataclass(frozen=True, slots=True)
class Turn(Serialisable):
    """One message of a conversation: who wrote it and what they wrote."""

    role: Role
    text: str


@dataclass(frozen=True, slots=True)
class Voice(Serialisable):
    """How the business sounds: ``warm`` or ``formal``, first names or full names, and the sign-off."""

    tone: Literal["warm", "formal"] = "warm"
    first_names: bool = True
    signature: str = ""


@dataclass(frozen=True, slots=True)
class Profile(Serialisable):
    """What the desk knows about the customer: their name, earlier conversations and preferences."""

    name: str = ""
    history: tuple[str, ...] = ()
    preferences: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Reading(Serialisable):
    """Where a conversation stands: the playbook stage for the next reply, the customer's trajectory,
    how sure the engine is, and the signals that decided it."""

    stage: Stage
    trajectory: Trajectory
    confidence: float
    scores: dict[str, float]
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DraftPart(Serialisable):
    """A piece of the draft, in order: what it is for, the ask it answers and the knowledge it used."""

    text: str
    role: PartRole
    ask: Ask | None = None
    source: Source | None = None


@dataclass(frozen=True, slots=True)
class Gap(Serialisable):
    """An ask the knowledge could not answer; ``text`` is the marked place for it in the draft."""

    ask: Ask
    text: str
    why: str


@dataclass(frozen=True, slots=True)
class Draft(Serialisable):
    """A suggested reply. Never sent by the engine: the agent reads, edits and sends it.

    ``text`` is the whole reply; ``parts`` are its pieces in order; ``gaps`` the asks left for the agent,
    each marked in the text; ``stage`` the playbook stage followed; ``confidence`` 0-1 how much of it the
    knowledge supports; ``backend`` which writer produced it (``composer`` or ``llm``) and ``notes`` why a
    model's draft was not used, when it was not."""

    text: str
    parts: tuple[DraftPart, ...]
    gaps: tuple[Gap, ...]
    stage: Stage
    confidence: float
    trajectory: Trajectory = "steady"
    backend: str = "composer"
    notes: tuple[str, ...] = ()
    version: str = "humanly.draft_reply.v1"
