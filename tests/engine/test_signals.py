"""Expectations, flags and needs follow the definitions in docs/engine.md."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("message", "flag"),
    [
        ("I'll be cancelling at the end of the month unless this is fixed.", "churn_threat"),
        ("You are useless. Absolute clowns, every one of you.", "abuse"),
        ("Our checkout is down and the launch goes live in 2 hours.", "urgency"),
        ("WHERE IS MY ORDER. I ORDERED THREE WEEKS AGO.", "shouting"),
        ("This is the third time I have written about this (ticket 20417).", "repeat_contact"),
        ("If this isn't refunded I will file a chargeback with my bank.", "legal_threat"),
    ],
)
def test_flags_are_raised_with_evidence(engine, message: str, flag: str) -> None:  # type: ignore[no-untyped-def]
    reading = engine.analyze(message)
    assert flag in reading.flags
    evidence = [e for e in reading.evidence if e.label == flag]
    assert evidence
    assert reading.text[evidence[0].start : evidence[0].end] == evidence[0].text


@pytest.mark.parametrize(
    "message",
    [
        "Thanks so much, the parcel arrived this morning.",
        "The new dashboard is hard to read and I find that disappointing.",
        "Could you send me last month's invoice?",
        "I'M so happy with it.",
    ],
)
def test_calm_or_merely_critical_messages_carry_no_flags(engine, message: str) -> None:  # type: ignore[no-untyped-def]
    reading = engine.analyze(message)
    assert reading.flags == ()
    assert reading.escalation.risk == "low"


@pytest.mark.parametrize(
    ("message", "expectation"),
    [
        ("Will you do everything for me? I don't want to learn the tech stuff.", "do_it_for_me"),
        ("If I join today how fast will I get my first sale?", "quick_results"),
        ("Bring back the old dashboard, please.", "restore_previous_state"),
        ("I know I'm past the refund window, but could you make an exception?", "special_exception"),
        ("Could you also build us an online shop under the care plan?", "free_work"),
        (
            "I host a podcast with 12k listeners; in exchange for free access we'd promote you.",
            "partnership_pitch",
        ),
    ],
)
def test_expectations(engine, message: str, expectation: str) -> None:  # type: ignore[no-untyped-def]
    assert expectation in engine.analyze(message).expectations


def test_legal_threat_and_abuse_make_escalation_high(engine) -> None:  # type: ignore[no-untyped-def]
    reading = engine.analyze("You thieves. Refund me today or my lawyer will be in touch.")
    assert reading.escalation.risk == "high"
    assert any("legal" in reason for reason in reading.escalation.reasons)


def test_needs_follow_asks_and_feelings(engine) -> None:  # type: ignore[no-untyped-def]
    anxious = engine.analyze("I'm really worried. Is my data safe? Please restore my account.")
    assert {"information", "action", "reassurance"} <= set(anxious.needs)
    praise = engine.analyze("Just wanted to say thank you, the course changed how I work!")
    assert praise.needs == ("acknowledgement",)


@pytest.mark.parametrize(
    ("message", "flag"),
    [
        ("I've rung your helpline three times about this leak.", "repeat_contact"),
        ("Further to our phone conversation on Monday, the boiler is still broken.", "repeat_contact"),
        ("I emailed the photos last week and nobody has replied.", "repeat_contact"),
        ("If the refund isn't back on my card by Friday, I'm taking this further.", "urgency"),
        ("We're moving on Saturday and the van booking still isn't confirmed.", "urgency"),
        ("I need the form for my appointment on Thursday.", "urgency"),
        ("Consider this my notice.", "churn_threat"),
        ("I won't be ordering from you again.", "churn_threat"),
        ("Your installer is a cowboy.", "abuse"),
        ("Listen you condescending prick, refund me.", "abuse"),
    ],
)
def test_flags_from_general_patterns(engine, message: str, flag: str) -> None:  # type: ignore[no-untyped-def]
    assert flag in engine.analyze(message).flags


@pytest.mark.parametrize(
    ("message", "expectation"),
    [
        ("I know the course is non-refundable, but could you refund me this once?", "special_exception"),
        (
            "I'm a week past the cooling-off period but I'd like to cancel and get my money back.",
            "special_exception",
        ),
        ("I want my deleted playlists restored.", "restore_previous_state"),
        ("Could you also add a contact form, seeing as we're already clients?", "free_work"),
    ],
)
def test_expectations_from_general_patterns(engine, message: str, expectation: str) -> None:  # type: ignore[no-untyped-def]
    assert expectation in engine.analyze(message).expectations


@pytest.mark.parametrize(
    ("message", "label"),
    [
        ("The mould keeps coming back on the ceiling. Can someone look at it?", "restore_previous_state"),
        ("I'll leave it with you to arrange the refund.", "churn_threat"),
        ("Today is Friday, so the parcel is now a week late.", "urgency"),
        ("Could you refund the deposit and get my money back to me?", "restore_previous_state"),
        ("When I rang to book, the line was busy.", "repeat_contact"),
    ],
)
def test_general_patterns_keep_their_limits(engine, message: str, label: str) -> None:  # type: ignore[no-untyped-def]
    reading = engine.analyze(message)
    assert label not in reading.flags
    assert label not in reading.expectations


@pytest.mark.parametrize(
    "message",
    [
        "I'm such an idiot, I forgot my password again.",
        "I feel like a muppet for asking.",
        "Your agent called me a liar!",
        "Can I get a refund on my ferry ticket? I bought the wrong date like an idiot.",
    ],
)
def test_an_insult_not_aimed_at_staff_is_not_abuse(engine, message: str) -> None:  # type: ignore[no-untyped-def]
    assert "abuse" not in engine.analyze(message).flags


@pytest.mark.parametrize(
    ("message", "reassure"),
    [
        ("I'm really worried my order won't come in time. Where is it?", True),
        ("I'm not worried, just curious: where is my order?", False),
        ("I'm afraid I can't find the form. Where is it?", False),
    ],
)
def test_reassurance_follows_worry_said_not_denied(engine, message: str, reassure: bool) -> None:  # type: ignore[no-untyped-def]
    assert ("reassurance" in engine.analyze(message).needs) is reassure
