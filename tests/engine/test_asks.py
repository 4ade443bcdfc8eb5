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


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        # indirect questions: wondering / curious / someone else asking / wants to know
        ("Would love to know if the cafe does gluten-free scones.", "question"),
        ("Curious whether the monthly plan includes backups.", "question"),
        ("My husband is asking whether the warranty covers the battery.", "question"),
        ("The electrician wants to know where the fuse box is.", "question"),
        ("I'd also want to know how long the installation takes.", "question"),
        ("lmk if the blue one is back in stock", "question"),
        # questions without a question mark
        ("do you ship to ireland or only the uk", "question"),
        ("what's the notice period on the flexible plan", "question"),
        # wants and needs stated as facts
        ("Looking for the invoice for my October order.", "request"),
        ("I'm after a spare key for the bike lock.", "request"),
        ("I'll need the revised quote before we sign.", "request"),
        ("I want please that you change the delivery address.", "request"),
        ("The shower door needs fixing.", "request"),
        # polite frames and suggestions
        ("We'd be grateful for a copy of the floor plan.", "request"),
        ("If someone could call me after six, that would be perfect.", "request"),
        ("A morning delivery would be ideal.", "request"),
        ("I was thinking you could add the extra guests to our table.", "request"),
        ("Any chance of a window seat?", "request"),
        # ultimatums and imperatives
        ("I'm giving you until Monday to replace the router.", "request"),
        ("Reissue invoice 7731 with the new address.", "request"),
        ("If the parts aren't in stock, then cancel the order.", "request"),
        ("Please freeze the card on my account.", "request"),
        ("I'll leave it with you to sort out the exchange.", "request"),
    ],
)
def test_finds_asks_phrased_as_statements(message: str, kind: str) -> None:
    assert asks_of(message) == [(kind, message)]


def test_run_on_texting_is_read_part_by_part() -> None:
    text = "i ordered on tuesday. where is the parcel. the app says nothing"
    assert asks_of(text) == [("question", "where is the parcel.")]


def test_items_of_a_list_introduced_by_an_ask() -> None:
    needed = "Here's what we need from you:\n- the signed contract\n- a copy of your insurance"
    assert asks_of(needed) == [("request", "the signed contract"), ("request", "a copy of your insurance")]
    questions = "A few questions:\n1. do you open on sundays\n2. is parking free"
    assert [kind for kind, _ in asks_of(questions)] == ["question", "question"]
    story = "This is what happened:\n- the driver came\n- nobody knocked"
    assert asks_of(story) == []


def test_an_ask_before_a_rhetorical_jibe_still_counts() -> None:
    text = "I need to know when it will ship, because otherwise what's the point?"
    assert asks_of(text) == [("question", text)]


@pytest.mark.parametrize(
    "message",
    [
        "Did I keep the receipt? Yes, of course.",
        "Cancelled again. For the third week running?",
        "And you fixed it how?",
        "What would we do without you all?",
        "Is it too much to ask for a receipt?",
        "I stood at the till thinking, is this worth it?",
        "Did anyone actually check the address before sending it?",
        "Who designs a form that deletes everything you typed?",
        "Thought you'd want to know.",
        "I'd like to thank the night staff.",
        "I want you to know how kind your driver was.",
        "Let me know if you need any more details.",
        "When I phoned, nobody answered",
        "My neighbour has kindly taken the parcel in.",
        "I need to check with my wife first.",
        "Please respond asap, this is the second email.",
    ],
)
def test_leaves_out_rhetoric_thanks_and_offers(message: str) -> None:
    assert asks_of(message) == []
