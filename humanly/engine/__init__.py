"""The humanly empathy engine: read a customer's message.

    >>> import humanly.engine
    >>> engine = humanly.engine.load()
    >>> reading = engine.analyze("Where is my order? It was due on Monday.")
    >>> reading.asks[0].kind
    'question'

The engine is pure Python over small bundled models; it never imports a web framework,
never prints, and never reaches the network.
"""

from __future__ import annotations

from pathlib import Path

from humanly.engine.analyzer import MODELS, Analyzer
from humanly.engine.intents import CatalogueError
from humanly.engine.politeness import DRAFT_TOKENS, Politeness
from humanly.engine.tone import check_reply, draft_politeness
from humanly.engine.tone_model import ToneModel
from humanly.engine.types import (
    Analysis,
    Ask,
    Emotions,
    Escalation,
    Evidence,
    Finding,
    Intent,
    Landing,
    Language,
    Missing,
    ToneReport,
    ToneScores,
)

__all__ = [
    "Analysis",
    "Ask",
    "CatalogueError",
    "Emotions",
    "Engine",
    "Escalation",
    "Evidence",
    "Finding",
    "Intent",
    "Landing",
    "Language",
    "Missing",
    "ToneReport",
    "ToneScores",
    "load",
]


class Engine:
    """The three verbs over one set of loaded models. Create it once with ``load()`` and reuse it."""

    def __init__(self, *, intents_file: Path | None = None, threads: int = 2) -> None:
        self._analyzer = Analyzer(intents_file=intents_file, threads=threads)
        self._politeness = Politeness(MODELS, threads=threads, encoder=self._analyzer.encoder)
        self._tone = ToneModel(MODELS, encoder=self._analyzer.encoder, threads=threads)

    def analyze(self, message: str | bytes) -> Analysis:
        """Read one customer message (plain text or an HTML mail body)."""
        return self._analyzer.analyze(message)

    def analyze_many(self, messages: list[str | bytes]) -> list[Analysis]:
        """Read several messages at once: faster than one by one, same results."""
        return self._analyzer.analyze_many(messages)

    def check_reply(
        self,
        draft: str,
        message: str | bytes | None = None,
        analysis: Analysis | None = None,
        *,
        whole_rewrite: bool = True,
    ) -> ToneReport:
        """Check an agent's draft before it is sent, against the customer's message when given.

        Pass ``analysis`` when the message has already been read, to save reading it twice. A live
        check while the agent types can pass ``whole_rewrite=False``: the report is the same but for
        ``rewrite``, which is ``None`` (each finding keeps its own calmer wording), at about half the cost.
        """
        if analysis is None and message:
            analysis = self.analyze(message)
        text = message.decode("utf-8", "replace") if isinstance(message, bytes) else message
        return check_reply(
            draft,
            message=text,
            analysis=analysis,
            politeness=self._draft_politeness,
            model=self._tone.flags,
            whole_rewrite=whole_rewrite,
        )

    def _draft_politeness(self, draft: str) -> float:
        return draft_politeness(self._politeness, self._tone, draft)

    def politeness(self, text: str) -> float:
        """How polite a text reads, 0-1 (0.5 is the line between impolite and polite requests).

        Reads the first ``politeness.DRAFT_TOKENS`` tokens (about 45 words)."""
        return self._politeness.score([text], max_tokens=DRAFT_TOKENS)[0]

    def check_replies(self, drafts: list[str], messages: list[str | None]) -> list[ToneReport]:
        """Check several drafts, each against its message (or ``None``); the messages are read at once."""
        if len(drafts) != len(messages):
            raise ValueError("give one message (or None) per draft")
        given = [i for i, m in enumerate(messages) if m]
        readings: list[Analysis | None] = [None] * len(drafts)
        for i, reading in zip(given, self.analyze_many([messages[i] or "" for i in given]), strict=True):
            readings[i] = reading
        return [
            check_reply(
                draft,
                message=message,
                analysis=reading,
                politeness=self._draft_politeness,
                model=self._tone.flags,
            )
            for draft, message, reading in zip(drafts, messages, readings, strict=True)
        ]


def load(*, intents_file: Path | None = None, threads: int = 2) -> Engine:
    """Load the engine. ``intents_file`` adds a business's own intents (TOML or YAML)."""
    return Engine(intents_file=intents_file, threads=threads)
