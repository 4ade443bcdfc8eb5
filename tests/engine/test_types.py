from __future__ import annotations

import dataclasses
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from humanly.engine.types import Analysis, Ask, Emotions, Escalation, Evidence, Intent, Language


def sample() -> Analysis:
    return Analysis(
        text="Where is my order? It was due Monday.",
        quoted="> earlier",
        signature="Thanks,\nAva",
        language=Language("en", 0.97, True),
        emotions=Emotions({"annoyance": 0.61, "neutral": 0.2}, ("annoyance",), "annoyance", 0.55),
        sentiment=-0.4,
        intents=(Intent("delivery", 0.93),),
        asks=(Ask("Where is my order?", 0, 18, "question"),),
        gist="Delivery: Where is my order?",
        expectations=(),
        flags=("repeat_contact",),
        escalation=Escalation("medium", ("has been in touch about this before",)),
        needs=("information", "action"),
        evidence=(Evidence("repeat_contact", "again", 3, 8),),
    )


def test_analysis_round_trips_through_json_losslessly() -> None:
    original = sample()
    again = Analysis.from_dict(json.loads(json.dumps(original.to_dict())))
    assert again == original
    assert isinstance(again.asks, tuple)
    assert isinstance(again.asks[0], Ask)


def test_results_are_frozen() -> None:
    reading = sample()
    with pytest.raises(dataclasses.FrozenInstanceError):
        reading.gist = "changed"  # type: ignore[misc]


@settings(max_examples=50)
@given(
    text=st.text(max_size=50),
    score=st.floats(min_value=0, max_value=1, allow_nan=False),
    labels=st.lists(st.sampled_from(["anger", "joy", "neutral"]), max_size=3, unique=True),
)
def test_any_emotions_round_trip(text: str, score: float, labels: list[str]) -> None:
    emotions = Emotions(
        dict.fromkeys(labels, score), tuple(labels), labels[0] if labels else "neutral", score
    )
    assert Emotions.from_dict(json.loads(json.dumps(emotions.to_dict()))) == emotions
    ask = Ask(text, 0, len(text), "request")
    assert Ask.from_dict(json.loads(json.dumps(ask.to_dict()))) == ask
