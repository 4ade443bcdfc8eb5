"""Intents: what the message is about, from a catalogue of names, descriptions and examples.

Component name: ``humanly.intents.similarity.v1``. A message is compared with each
intent's example sentences in the encoder's vector space, with a small lift when one of
the intent's keywords appears. A business adds intents by writing the same three fields
in TOML or YAML: the examples are encoded when the engine loads, with no training step.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import re
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from humanly.engine.types import Intent

log = logging.getLogger(__name__)

FloatArray = npt.NDArray[np.float32]
CATALOGUE = Path(__file__).parent / "catalogue" / "intents.toml"
LONG_STORY = "long_story"
LONG_STORY_WORDS = 150
KEYWORD_LIFT = 0.10
CENTRE = 0.40
SLOPE = 0.05
REPORT_AT = 0.5
MAX_INTENTS = 3


class CatalogueError(ValueError):
    """A custom intent file that cannot be used; the message says which entry and why."""


@dataclass(frozen=True, slots=True)
class IntentDefinition:
    name: str
    description: str
    examples: tuple[str, ...]
    keywords: tuple[str, ...] = ()


def load_catalogue(path: Path) -> list[IntentDefinition]:
    """Read intents from a TOML (``[[intent]]`` tables) or YAML (``intents:`` list) file."""
    raw = path.read_text(encoding="utf-8")
    data: Any
    if path.suffix.lower() in {".yaml", ".yml"}:
        import yaml

        data = yaml.safe_load(raw) or {}
    else:
        try:
            data = tomllib.loads(raw)
        except tomllib.TOMLDecodeError as exc:
            raise CatalogueError(f"{path}: not valid TOML: {exc}") from exc
    entries = data.get("intent") or data.get("intents") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise CatalogueError(f"{path}: expected a list of intents under 'intent' (TOML) or 'intents' (YAML)")
    return parse_intents(entries, where=str(path))


def _texts(value: object) -> tuple[str, ...]:
    """A list of sentences or words (one string counts as one), trimmed, the empty ones left out."""
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else value if isinstance(value, list | tuple) else [value]
    return tuple(text for text in (str(item).strip() for item in items) if text)


def parse_intent(entry: object, *, where: str = "", n: int = 0) -> IntentDefinition:
    """One intent from a table of ``name``, ``description``, ``examples`` and ``keywords`` (or an
    ``IntentDefinition`` to check), checked as an intents file is. ``where`` (the file) and ``n`` (the
    entry's place in it) begin each ``CatalogueError`` message when given."""
    at = f"{where}: " if where else ""
    if isinstance(entry, IntentDefinition):
        entry = {
            "name": entry.name,
            "description": entry.description,
            "examples": list(entry.examples),
            "keywords": list(entry.keywords),
        }
    if not isinstance(entry, Mapping):
        raise CatalogueError(f"{at}intent {n} is not a table" if n else f"{at}an intent is not a table")
    name = str(entry.get("name") or "").strip()
    examples = _texts(entry.get("examples"))
    if not re.fullmatch(r"[a-z][a-z0-9_]{0,63}", name):
        position = f"intent {n}: " if n else ""
        raise CatalogueError(f"{at}{position}name must be lower_snake_case, got {name!r}")
    if name == LONG_STORY:
        raise CatalogueError(
            f"{at}intent {name!r}: the name is the engine's own (a long message with no ask)"
        )
    if not examples:
        raise CatalogueError(f"{at}intent {name!r} needs at least one example sentence")
    return IntentDefinition(
        name=name,
        description=str(entry.get("description") or "").strip(),
        examples=examples,
        keywords=tuple(k.lower() for k in _texts(entry.get("keywords"))),
    )


def parse_intents(entries: Sequence[object], *, where: str = "") -> list[IntentDefinition]:
    """Intents from tables (or ``IntentDefinition``s), each checked by ``parse_intent``; a name given
    twice is refused."""
    definitions: list[IntentDefinition] = []
    for n, entry in enumerate(entries, 1):
        definition = parse_intent(entry, where=where, n=n)
        if any(d.name == definition.name for d in definitions):
            at = f"{where}: " if where else ""
            raise CatalogueError(f"{at}intent {definition.name!r} is given twice")
        definitions.append(definition)
    return definitions


def merge(base: Sequence[IntentDefinition], extra: Sequence[IntentDefinition]) -> list[IntentDefinition]:
    """The business's intents replace built-in ones of the same name and add the rest."""
    replaced = {d.name for d in extra}
    return [d for d in base if d.name not in replaced] + list(extra)


def cache_dir() -> Path:
    """Where the engine keeps vectors it can recompute: ``HUMANLY_CACHE_DIR``, else the user cache folder."""
    configured = os.environ.get("HUMANLY_CACHE_DIR")
    if configured:
        return Path(configured)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "humanly"


def _sentences(definitions: Sequence[IntentDefinition]) -> tuple[list[str], npt.NDArray[np.int64]]:
    """Every example and description, and which definition each belongs to."""
    pairs = [(s, i) for i, d in enumerate(definitions) for s in (*d.examples, d.description) if s]
    return [s for s, _ in pairs], np.asarray([i for _, i in pairs], dtype=np.int64)


class IntentMatcher:
    def __init__(
        self,
        definitions: Sequence[IntentDefinition],
        encode: Callable[[list[str]], FloatArray],
        model_id: str,
    ) -> None:
        """``model_id`` identifies the encoder's weights: cached example vectors are keyed on it."""
        sentences, owners = _sentences(definitions)
        self._set(definitions, owners, self._example_vectors(sentences, encode, model_id))

    def _set(
        self, definitions: Sequence[IntentDefinition], owners: npt.NDArray[np.int64], vectors: FloatArray
    ) -> None:
        self.definitions = list(definitions)
        self._owners = owners
        self._vectors = vectors
        self._keywords = [
            re.compile(r"\b(?:" + "|".join(re.escape(k) for k in d.keywords) + r")\b", re.IGNORECASE)
            if d.keywords
            else None
            for d in self.definitions
        ]

    def extended(
        self,
        extra: Sequence[IntentDefinition],
        encode: Callable[[list[str]], FloatArray],
        model_id: str,
    ) -> IntentMatcher:
        """A new matcher: this catalogue with ``extra`` merged in (as ``merge`` does: a same name replaces).
        Only the sentences of ``extra`` are encoded; the rest keep this matcher's vectors. This matcher is
        unchanged."""
        if not extra:
            return self
        replaced = {d.name for d in extra}
        kept = [i for i, d in enumerate(self.definitions) if d.name not in replaced]
        rows = np.isin(self._owners, kept)
        renumbered = np.full(len(self.definitions), -1, dtype=np.int64)
        renumbered[kept] = np.arange(len(kept), dtype=np.int64)
        sentences, owners = _sentences(extra)
        vectors = self._example_vectors(sentences, encode, model_id)
        matcher = IntentMatcher.__new__(IntentMatcher)
        matcher._set(
            [self.definitions[i] for i in kept] + list(extra),
            np.concatenate([renumbered[self._owners[rows]], owners + len(kept)]),
            np.concatenate([self._vectors[rows], vectors]) if rows.any() else vectors,
        )
        return matcher

    @staticmethod
    def _example_vectors(
        sentences: list[str], encode: Callable[[list[str]], FloatArray], model_id: str
    ) -> FloatArray:
        key = hashlib.sha256(json.dumps([model_id, sentences]).encode()).hexdigest()[:24]
        path = cache_dir() / f"intents-{key}.npy"
        try:
            cached: FloatArray = np.load(path)
            if cached.shape[0] == len(sentences):
                return cached
        except (OSError, ValueError):
            pass
        vectors = encode(sentences)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            np.save(path, vectors)
        except OSError as exc:
            log.debug("intent vector cache not written: %s", exc)
        return vectors

    def score(self, vectors: FloatArray, text: str, *, words: int, has_asks: bool) -> tuple[Intent, ...]:
        """Intents of one message given its chunk vectors, strongest first, those scoring 0.5 or more."""
        found: list[Intent] = []
        if vectors.size and self._vectors.size:
            similarity = (vectors @ self._vectors.T).max(axis=0)
            best = np.full(len(self.definitions), -1.0, dtype=np.float64)
            np.maximum.at(best, self._owners, similarity.astype(np.float64))
            head = text[:20000]
            for i, definition in enumerate(self.definitions):
                keyword = self._keywords[i]
                lift = KEYWORD_LIFT if keyword is not None and keyword.search(head) else 0.0
                value = 1.0 / (1.0 + math.exp(-(best[i] + lift - CENTRE) / SLOPE))
                if value >= REPORT_AT:
                    found.append(Intent(definition.name, round(value, 4)))
        if words >= LONG_STORY_WORDS and not has_asks:
            found.append(Intent(LONG_STORY, round(min(1.0, 0.6 + words / 2000), 4)))
        found.sort(key=lambda intent: -intent.score)
        return tuple(found[:MAX_INTENTS])
