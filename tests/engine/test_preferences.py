"""How a customer asks to be addressed is a preference the reading keeps, not an ask."""

from __future__ import annotations

import pytest

from humanly.engine.preferences import stated


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Please use formal language with me. Where is my refund?", "Please use formal language with me"),
        ("Please address me as Dr Okafor.", "Please address me as Dr Okafor"),
        ("No need to be formal, I'm Sam.", "No need to be formal"),
    ],
)
def test_how_to_address_them_is_a_formality_preference(text: str, words: str) -> None:
    assert [(p.label, p.text) for p in stated(text)] == [("formality", words)]


@pytest.mark.parametrize(
    "text", ["The letter used formal language.", "Please keep it polite.", "Is the dress formal enough?"]
)
def test_mentioning_formality_is_not_a_preference(text: str) -> None:
    assert stated(text) == ()


def test_a_formality_sentence_is_not_an_ask(engine) -> None:  # type: ignore[no-untyped-def]
    reading = engine.analyze("Please use formal language with me. Where is my refund?")
    assert [a.text for a in reading.asks] == ["Where is my refund?"]
