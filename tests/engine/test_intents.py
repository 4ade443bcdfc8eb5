"""Intent example vectors are cached per encoder, never reused across different weights."""

from __future__ import annotations

import numpy as np
import pytest

from humanly.engine.intents import IntentDefinition, IntentMatcher

DEFINITIONS = [IntentDefinition("refund", "Wants money back.", ("I'd like a refund.",))]


def test_cached_vectors_belong_to_the_encoder_that_made_them(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("HUMANLY_CACHE_DIR", str(tmp_path))
    calls: list[str] = []

    def encoder(value: float, name: str):  # type: ignore[no-untyped-def]
        def encode(sentences: list[str]) -> np.ndarray:  # type: ignore[type-arg]
            calls.append(name)
            return np.full((len(sentences), 4), value, dtype=np.float32)

        return encode

    IntentMatcher(DEFINITIONS, encoder(1.0, "first"), model_id="weights-a")
    again = IntentMatcher(DEFINITIONS, encoder(9.0, "again"), model_id="weights-a")
    other = IntentMatcher(DEFINITIONS, encoder(0.5, "other"), model_id="weights-b")
    assert calls == ["first", "other"]
    assert float(again._vectors[0, 0]) == 1.0
    assert float(other._vectors[0, 0]) == 0.5
