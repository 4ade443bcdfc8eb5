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

from humanly.engine.analyzer import Analyzer
from humanly.engine.intents import CatalogueError
from humanly.engine.types import Analysis, Ask, Emotions, Escalation, Evidence, Intent, Language

__all__ = [
    "Analysis",
    "Ask",
    "CatalogueError",
    "Emotions",
    "Engine",
    "Escalation",
    "Evidence",
    "Intent",
    "Language",
    "load",
]


class Engine:
    """The three verbs over one set of loaded models. Create it once with ``load()`` and reuse it."""

    def __init__(self, *, intents_file: Path | None = None, threads: int = 2) -> None:
        self._analyzer = Analyzer(intents_file=intents_file, threads=threads)

    def analyze(self, message: str | bytes) -> Analysis:
        """Read one customer message (plain text or an HTML mail body)."""
        return self._analyzer.analyze(message)

    def analyze_many(self, messages: list[str | bytes]) -> list[Analysis]:
        """Read several messages at once: faster than one by one, same results."""
        return self._analyzer.analyze_many(messages)


def load(*, intents_file: Path | None = None, threads: int = 2) -> Engine:
    """Load the engine. ``intents_file`` adds a business's own intents (TOML or YAML)."""
    return Engine(intents_file=intents_file, threads=threads)
