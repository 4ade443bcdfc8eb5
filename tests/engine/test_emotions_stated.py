"""Feelings the writer states about themselves are always in the reading; denied, asked or quoted ones are not."""

from __future__ import annotations

import pytest

from humanly.engine.emotions_stated import PLAIN, SOFT, STRONG, insults, stated_feelings


@pytest.mark.parametrize(
    ("message", "label"),
    [
        (
            "Hi, I'm panicking a bit. I signed up with my old work email and I left that job on Friday, so I "
            "can't get into that inbox anymore. The login link goes there. The final live session is TOMORROW at 7.",
            "nervousness",
        ),
        (
            "My order was meant to arrive last Tuesday and the tracking page hasn't changed in a week. It was a "
            "present for my dad. I'm really worried.",
            "nervousness",
        ),
        (
            "Hello again. Is The Studio in English only? I want to join but I am nervous to write posts. "
            "The price is £19 every month?",
            "nervousness",
        ),
        ("This is making me anxious.", "nervousness"),
        ("I'm scared.", "fear"),
        ("I'm furious.", "anger"),
        ("I feel let down.", "disappointment"),
        ("Feeling very let down by the whole thing.", "disappointment"),
        ("I'm gutted.", "disappointment"),
        ("I'm so confused.", "confusion"),
        ("I'm over the moon!", "joy"),
        ("I'm grateful.", "gratitude"),
        ("Thank you so much.", "gratitude"),
        ("Thank you so much, that's a weight off", "relief"),
    ],
)
def test_a_stated_feeling_is_among_the_labels(engine, message: str, label: str) -> None:  # type: ignore[no-untyped-def]
    assert label in engine.analyze(message).emotions.labels


def test_a_stated_feeling_leads_a_reading_the_model_got_wrong(engine) -> None:  # type: ignore[no-untyped-def]
    reading = engine.analyze(
        "Hi, I'm panicking a bit. I signed up for Newsletter Lab with my old work email and I left that job "
        "on Friday, so I can't get into that inbox anymore. The login link goes there. The final live session "
        "is TOMORROW at 7 and it's the one I was looking forward to most."
    )
    assert reading.emotions.dominant == "nervousness"


def test_insulting_staff_reads_as_anger_not_amusement(engine) -> None:  # type: ignore[no-untyped-def]
    reading = engine.analyze(
        "Funny how quiet you all went. I want my £249. Your 'support lead' is a condescending prick who thinks "
        "quoting policy makes him clever. Refund me or I go to the bank and then the papers."
    )
    assert reading.emotions.dominant == "anger"
    assert "amusement" not in reading.emotions.labels


@pytest.mark.parametrize(
    ("message", "absent"),
    [
        ("I'm not worried, just wondering when it ships.", {"nervousness", "fear"}),
        ("No need to panic, but could you check my order?", {"nervousness", "fear"}),
        ("I'm not angry, just disappointed.", {"anger", "annoyance"}),
        ("Are you angry?", {"anger"}),
        ("I'm afraid I can't make Thursday's session. Could we move it?", {"fear"}),
    ],
)
def test_a_denied_or_asked_feeling_is_not_read(engine, message: str, absent: set[str]) -> None:  # type: ignore[no-untyped-def]
    assert not absent & set(engine.analyze(message).emotions.labels)


def test_not_happy_is_displeasure(engine) -> None:  # type: ignore[no-untyped-def]
    labels = engine.analyze("I'm not happy about this at all.").emotions.labels
    assert "disappointment" in labels
    assert "joy" not in labels


@pytest.mark.parametrize(
    "text",
    [
        "Is it normal that I'm nervous?",  # a question
        'He said "I\'m furious" on the phone.',  # quoted speech
        "My wife is worried sick.",  # someone else
        "I was so excited when I signed up.",  # not now
        "I'm happy to pay the difference.",  # willingness, not joy
        "I would be grateful if you could confirm the dates.",  # a formal request
    ],
)
def test_only_the_writers_own_feeling_now_counts(text: str) -> None:
    assert [f for f in stated_feelings(text) if f.strength > 0] == []


def test_a_condition_or_a_negation_denies_the_feeling() -> None:
    assert {(f.label, f.strength) for f in stated_feelings("If I'm not happy, can I get a refund?")} == {
        ("joy", 0.0)
    }
    assert {(f.label, f.strength) for f in stated_feelings("I'm not worried.")} == {
        ("nervousness", 0.0),
        ("fear", 0.0),
    }


@pytest.mark.parametrize(
    ("text", "strength"),
    [
        ("I'm a bit worried.", SOFT),
        ("I'm worried.", PLAIN),
        ("I'm so worried.", STRONG),
        ("I'm furious.", STRONG),
        ("I'm panicking a bit.", PLAIN),
    ],
)
def test_how_strongly_it_is_said(text: str, strength: float) -> None:
    assert [f.strength for f in stated_feelings(text)] == [strength]


def test_insulting_oneself_is_not_insulting_staff() -> None:
    assert insults("I feel like such an idiot, I bought the wrong course.") == ()
    assert insults("Your support lead is a condescending prick.") != ()
    assert insults("You're all idiots.") != ()
