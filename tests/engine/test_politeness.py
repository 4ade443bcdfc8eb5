"""The politeness model: ordered sensibly, bounded, deterministic, and calm about odd input."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from humanly.engine.encoder import Encoder
from humanly.engine.politeness import Politeness

MODELS = Path(__file__).resolve().parents[2] / "humanly" / "engine" / "models"

POLITE = [
    "Thanks so much for looking into this! Could you please let me know when you have a moment?",
    "Hi, sorry to bother you again. Would you mind checking the settings when you get a chance?",
    "I really appreciate your help with the migration. Would it be possible to share the logs?",
]
RUDE = [
    "Why on earth did you delete my changes? Put them back now.",
    "What is wrong with you? Read the docs before asking stupid questions.",
    "This makes no sense. Did you even test it?",
]


@pytest.fixture(scope="module")
def politeness() -> Politeness:
    return Politeness(MODELS, threads=1, encoder=Encoder(MODELS, threads=1))


def test_polite_requests_score_above_rude_ones(politeness: Politeness) -> None:
    polite, rude = politeness.score(POLITE), politeness.score(RUDE)
    assert min(polite) > max(rude)
    assert all(s > 0.5 for s in polite)
    assert all(s < 0.5 for s in rude)


def test_please_and_thanks_raise_the_score(politeness: Politeness) -> None:
    bare, kind = politeness.score(["Send me the invoice.", "Could you please send me the invoice? Thanks!"])
    assert kind > bare


def test_scores_are_bounded_deterministic_and_batch_independent(politeness: Politeness) -> None:
    texts = [*POLITE, *RUDE]
    first = politeness.score(texts)
    assert all(0.0 <= s <= 1.0 for s in first)
    assert politeness.score(texts) == first
    assert [politeness.score([t])[0] for t in texts] == first


def test_odd_input_does_not_crash(politeness: Politeness) -> None:
    huge = "Could you please have a look at this? " * 5000
    odd = [
        "",
        "   ",
        "🙂🙂🙂",
        huge,
        "¿Podrías ayudarme con mi pedido, por favor?",
        "請幫我看一下",
        "\x00\ufffd",
    ]
    scores = politeness.score(odd)
    assert len(scores) == len(odd)
    assert all(0.0 <= s <= 1.0 and np.isfinite(s) for s in scores)
    assert politeness.score([]) == []


def test_reads_the_states_of_the_encoder_lower_part(politeness: Politeness) -> None:
    states = politeness.encoder.states(POLITE)
    assert [s.shape[1] for s in states] == [384] * len(POLITE)
    assert politeness.score_states(states) == politeness.score(POLITE)


def test_loads_its_own_encoder_when_none_is_given() -> None:
    alone = Politeness(MODELS, threads=1)
    assert alone.score(RUDE[:1])[0] < 0.5


def test_the_tone_guard_reports_the_model_on_the_opening_of_the_draft(engine) -> None:  # type: ignore[no-untyped-def]
    kind = "Thanks so much for your patience, and sorry for the wait. Your refund went out today."
    curt = "Read the FAQ. Your refund went out today."
    assert engine.check_reply(kind).politeness == round(engine.politeness(kind), 3)
    assert engine.check_reply(kind).politeness > 0.5 > engine.check_reply(curt).politeness
    # Only the first 64 tokens are read: words past them do not move the score.
    opening = " ".join(["Thank you so much for writing in, we really appreciate it."] * 8)
    assert engine.politeness(opening + " Whatever.") == engine.politeness(opening)
