"""Asks: direct and indirect questions and requests, not rhetorical questions or quoted speech."""

from __future__ import annotations

import pytest

from humanly.engine.asks import find_asks
from humanly.engine.text import sentences


def asks_of(text: str) -> list[tuple[str, str]]:
    return [(a.kind, a.text) for a in find_asks(text, sentences(text))]


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("Where is my order? It was due Monday.", [("question", "Where is my order?")]),
        (
            "I was wondering whether the course includes a certificate.",
            [("question", "I was wondering whether the course includes a certificate.")],
        ),
        ("I need the invoice by Friday.", [("request", "I need the invoice by Friday.")]),
        (
            "Could you please reissue invoice 4411 with our VAT number?",
            [("request", "Could you please reissue invoice 4411 with our VAT number?")],
        ),
        (
            "Is there any chance you could still honour the early-bird price?",
            [("request", "Is there any chance you could still honour the early-bird price?")],
        ),
        (
            "Cancel my subscription and refund last month's charge.",
            [("request", "Cancel my subscription and refund last month's charge.")],
        ),
        (
            "I'd be grateful if you could refund the duplicate charge.",
            [("request", "I'd be grateful if you could refund the duplicate charge.")],
        ),
        (
            "Hi, quick question: how much is the monthly plan?",
            [("question", "how much is the monthly plan?")],
        ),
        ("how soon would it start making sales", [("question", "how soon would it start making sales")]),
    ],
)
def test_finds_direct_and_indirect_asks(message: str, expected: list[tuple[str, str]]) -> None:
    assert asks_of(message) == expected


@pytest.mark.parametrize(
    "message",
    [
        "Do you people even test these updates before you ship them?",
        "Who hires these people?",
        "My friend keeps asking me 'is it really worth the money?' and I keep telling her yes!",
        'My son said "can we keep it?" the moment it arrived. Thanks for the quick delivery.',
        "I'll be asking for this month's fee back if this carries on.",
        "Please reply me fast.",
        "Grey text on a grey background, seriously?",
        "Just wanted to say thanks, the course was brilliant.",
        "I'm not asking for anything right now, I just needed to tell someone.",
        "",
    ],
)
def test_leaves_out_distractors(message: str) -> None:
    assert asks_of(message) == []


def test_offsets_point_into_the_text() -> None:
    text = (
        "Hello team,\n\nMy parcel never came. Can you send a replacement? Also, what is your returns address?"
    )
    found = find_asks(text, sentences(text))
    assert [a.kind for a in found] == ["request", "question"]
    for ask in found:
        assert text[ask.start : ask.end] == ask.text


def test_a_flood_of_questions_is_capped() -> None:
    text = " ".join(f"Question {n}, is it ready?" for n in range(500))
    assert len(find_asks(text, sentences(text))) == 50
