"""The playbook: the stage of the next reply and the customer's trajectory, from the thread."""

from __future__ import annotations

import pytest

from humanly.engine import Turn
from humanly.engine.playbook import STAGES, rule_stage, trajectory


def _thread(*texts: str) -> list[Turn]:
    return [Turn("customer" if i % 2 == 0 else "agent", t) for i, t in enumerate(texts)]


@pytest.mark.parametrize(
    ("thread", "stage"),
    [
        (
            _thread(
                "Where is my parcel?",
                "It's out for delivery today, between 1 and 3pm.",
                "Great, thanks! Can they leave it with a neighbour?",
            ),
            "calm",
        ),
        (_thread("You are useless idiots. Refund me now."), "boundary"),
        (
            _thread(
                "This is a scam and you're all liars.",
                "I'm sorry it feels that way. I'd ask that we keep things respectful so I can help.",
                "Respectful? You're thieves and I'll tell everyone. Last chance.",
            ),
            "graceful_exit",
        ),
    ],
)
def test_clear_threads_get_their_stage(engine, thread: list[Turn], stage: str) -> None:  # type: ignore[no-untyped-def]
    reading = engine.stage(thread)
    assert reading.stage == stage
    assert set(reading.scores) == set(STAGES)
    assert abs(sum(reading.scores.values()) - 1.0) < 0.01
    assert 0.0 < reading.confidence <= 1.0


def test_a_thread_needs_a_customer_message(engine) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match="no customer message"):
        engine.stage([Turn("agent", "Hello!")])


def test_the_rules_stand_in_without_a_model() -> None:
    quiet = dict.fromkeys(
        (
            "insult",
            "abuse_flag",
            "limit_set",
            "insult_before",
            "threat",
            "leave",
            "refuse",
            "scope",
            "cooperate",
            "loop",
            "negative_no_ask",
        ),
        0.0,
    ) | {"sentiment": 0.0}
    assert rule_stage(quiet) == "calm"
    assert rule_stage(quiet | {"insult": 1.0}) == "boundary"
    assert rule_stage(quiet | {"insult": 1.0, "limit_set": 1.0}) == "graceful_exit"
    assert rule_stage(quiet | {"loop": 1.0, "sentiment": -0.6}) == "redirect"


def test_trajectory_follows_the_customer_tone() -> None:
    assert trajectory([0.0], [False]) == "steady"
    assert trajectory([0.2, -0.5], [False, False]) == "escalating"
    assert trajectory([-0.1, -0.1], [False, True]) == "escalating"
    assert trajectory([-0.7, 0.4], [True, False]) == "de_escalating"
