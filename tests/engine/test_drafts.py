"""draft_reply: drafts a kind agent would send, grounded in the knowledge, with nothing invented."""

from __future__ import annotations

import json
import re

import pytest

from humanly.engine import Draft, DraftContext, Profile, Turn, Voice
from humanly.engine.drafting import render, split_thread, thread_of, unsupported_numbers
from humanly.engine.types import DraftPart

STOCK = (
    "i understand your frustration",
    "inconvenience",
    "valued customer",
    "as per our policy",
    "calm down",
)


@pytest.fixture(scope="module")
def demo(engine):  # type: ignore[no-untyped-def]
    return DraftContext(knowledge=engine.knowledge(), voice=Voice(signature="Alex\nBrightwater Academy"))


def _draft(engine, demo, message: str, **changes) -> Draft:  # type: ignore[no-untyped-def]
    import dataclasses

    return engine.draft_reply(message, dataclasses.replace(demo, **changes))


MESSAGES = [
    "How much is Momentum Coaching if I pay monthly?",
    "I HAVE BEEN WAITING 23 DAYS FOR MY REFUND. This is ridiculous. Where is my money?",
    "will you do everything for me? i just want the store up and making money",
    "My dad died last month. He had a Studio membership, how do I cancel it?",
    "You lot are useless clowns. My certificate still isn't on my profile. Sort it out.",
    "I'd love to have your founder on my podcast (12k downloads a month) in exchange for free access!",
    "Just wanted to say the Newsletter Lab changed how I work. Thank you so much!",
    "Do you sell gift vouchers for the pottery evening classes, and is there parking near the studio?",
]


@pytest.mark.parametrize("message", MESSAGES)
def test_every_draft_passes_the_tone_guard_and_covers_every_ask(engine, demo, message: str) -> None:  # type: ignore[no-untyped-def]
    draft = _draft(engine, demo, message)
    report = engine.check_reply(draft.text, message)
    assert report.verdict == "send", [(f.kind, draft.text[f.start : f.end]) for f in report.findings] + [
        m.kind for m in report.missing
    ]
    answered = {p.ask for p in draft.parts if p.ask is not None} | {g.ask for g in draft.gaps}
    assert set(engine.analyze(message).asks) <= answered
    assert not any(s in draft.text.lower() for s in STOCK)
    sources = [message] + [p.text for p in draft.parts if p.source is not None]
    assert unsupported_numbers(draft.text, sources) == []
    assert Draft.from_dict(json.loads(json.dumps(draft.to_dict()))) == draft


def test_a_short_question_gets_a_short_answer_from_the_knowledge(engine, demo) -> None:  # type: ignore[no-untyped-def]
    draft = _draft(engine, demo, "How much is Momentum Coaching if I pay monthly?")
    assert "£420" in draft.text
    answer = next(p for p in draft.parts if p.role == "answer")
    assert answer.source is not None
    assert answer.source.article_id == "momentum-coaching"
    assert answer.ask is not None
    assert answer.ask.text.startswith("How much")
    assert not draft.gaps
    assert len(draft.text.split()) < 80
    assert draft.text.startswith("Hi there,")
    assert draft.text.endswith("Alex\nBrightwater Academy")


def test_an_angry_customer_is_acknowledged_and_the_wait_is_named(engine, demo) -> None:  # type: ignore[no-untyped-def]
    draft = _draft(engine, demo, MESSAGES[1])
    first = next(p for p in draft.parts if p.role == "acknowledgement")
    assert "angry" in first.text or "frustrating" in first.text
    assert "23 days is a long time" in first.text  # in its own words, not shouted back


def test_someone_upset_who_writes_again_gets_one_sorry_for_both(engine, demo) -> None:  # type: ignore[no-untyped-def]
    draft = _draft(
        engine, demo, "I've emailed twice!! My order still hasn't arrived and it was a birthday present."
    )
    opening = " ".join(p.text for p in draft.parts if p.role == "acknowledgement")
    assert "more than once" in opening
    assert opening.lower().count("sorry") == 1


def test_what_the_knowledge_cannot_answer_is_a_marked_gap(engine, demo) -> None:  # type: ignore[no-untyped-def]
    draft = _draft(engine, demo, MESSAGES[7])
    assert draft.gaps
    for gap in draft.gaps:
        assert gap.text in draft.text
        assert gap.text.startswith("[Answer here: ")
        assert gap.ask.text in MESSAGES[7]
    assert draft.confidence < 0.5


def test_do_it_for_me_gets_an_honest_answer_and_alternatives(engine, demo) -> None:  # type: ignore[no-untyped-def]
    draft = _draft(engine, demo, MESSAGES[2])
    assert "We don't do the work for you" in draft.text
    alternatives = [p for p in draft.parts if p.role == "alternative"]
    assert alternatives
    assert all(p.source is not None for p in alternatives)
    assert "instead" in alternatives[0].text


def test_a_partnership_pitch_is_declined_kindly_with_the_affiliate_programme(engine, demo) -> None:  # type: ignore[no-untyped-def]
    draft = _draft(engine, demo, MESSAGES[5])
    used = {p.source.article_id for p in draft.parts if p.source is not None}
    assert used & {"partnerships-and-podcast-requests", "affiliate-programme"}
    assert "affiliate" in draft.text


def test_grief_is_met_with_condolence_and_no_rush(engine, demo) -> None:  # type: ignore[no-untyped-def]
    draft = _draft(engine, demo, MESSAGES[3])
    assert "sorry for your loss" in draft.text
    assert "take all the time you need" in draft.text


def test_a_loved_one_dying_is_met_with_care_not_condolence(engine, demo) -> None:  # type: ignore[no-untyped-def]
    draft = _draft(
        engine, demo, "My dad is dying and I need to cancel my subscription this week. How do I do it?"
    )
    assert "sorry for your loss" not in draft.text
    assert "I'm so sorry" in draft.text
    # "How do I do it?" needs the sentence before it, which the gap just above already holds.
    gaps = [g.text for g in draft.gaps]
    assert gaps == [
        "[Answer here: My dad is dying and I need to cancel my subscription this week.]",
        "[Answer here: How do I do it?]",
    ], gaps


def test_an_instruction_to_refuse_gives_the_reason_and_the_offer(engine, demo) -> None:  # type: ignore[no-untyped-def]
    message = "I bought Blog to Business two months ago and I'd like a refund please."
    draft = _draft(engine, demo, message, instruction="refuse the refund kindly, offer a credit")
    assert "I'm sorry, but I can't say yes to the refund this time. Once 14 days have passed" in draft.text
    assert "What I can offer instead is a credit." in draft.text
    assert engine.check_reply(draft.text, message).verdict == "send"


def test_abuse_is_met_with_a_kind_limit_and_never_mirrored(engine, demo) -> None:  # type: ignore[no-untyped-def]
    draft = _draft(engine, demo, MESSAGES[4])
    assert draft.stage == "boundary"
    assert "respectful" in draft.text
    assert not re.search(r"useless|clowns", draft.text, re.IGNORECASE)


def test_repeated_abuse_after_a_limit_leads_to_a_graceful_exit(engine, demo) -> None:  # type: ignore[no-untyped-def]
    thread = (
        Turn("customer", "Your course is a scam and you're all liars."),
        Turn(
            "agent",
            "I'm sorry it has felt that way. I'm happy to help, and I'd ask that we keep things respectful.",
        ),
        Turn("customer", "Respectful? You're thieves. I'll tell all my followers what crooks you are."),
    )
    earlier, message = split_thread(thread, None)
    draft = _draft(engine, demo, message, thread=earlier)
    assert draft.stage == "graceful_exit"
    assert "door" in draft.text
    assert "choice" in draft.text


def test_the_voice_and_the_name_shape_the_greeting_and_sign_off(engine, demo) -> None:  # type: ignore[no-untyped-def]
    formal = _draft(
        engine,
        demo,
        "Could you send me an invoice with our company name on it?",
        profile=Profile(name="Priya Natarajan"),
        voice=Voice(tone="formal", first_names=False, signature="Jordan Lee"),
    )
    assert formal.text.startswith("Dear Priya Natarajan,")
    assert formal.text.endswith("Kind regards,\nJordan Lee")
    signed = _draft(engine, demo, "Where can I download my invoice?\n\nThanks,\nTomasz Nowak")
    assert signed.text.startswith("Hi Tomasz,")


def test_without_knowledge_every_ask_is_a_gap(engine) -> None:  # type: ignore[no-untyped-def]
    draft = engine.draft_reply("Can I pay in instalments? And do you offer student discounts?")
    assert len(draft.gaps) == 2
    assert draft.text.count("[Answer here:") == 2
    assert "[say when]" in draft.text


def test_the_parts_are_the_text() -> None:
    parts = [
        DraftPart("Hi Ana,", "greeting"),
        DraftPart("I'm sorry about the wait.", "acknowledgement"),
        DraftPart("It ships today.", "answer"),
        DraftPart("", "answer"),
        DraftPart("Best wishes,\nAlex", "signature"),
    ]
    rendered = render(parts)
    assert rendered.text == "Hi Ana,\n\nI'm sorry about the wait.\n\nIt ships today.\n\nBest wishes,\nAlex"
    assert [rendered.text[s:e] for s, e in rendered.spans if s >= 0] == [p.text for p in parts if p.text]


def test_numbers_must_come_from_a_source() -> None:
    assert (
        unsupported_numbers(
            "It costs £1,200 and arrives in 5 days. [Answer here: 99 things?]", ["£1200", "5 days"]
        )
        == []
    )
    assert unsupported_numbers("Your refund of £45 went out on 3 May.", ["I paid £45."]) == ["3"]


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("not a list", "must be a list"),
        ([{"role": "boss", "text": "hi"}], "needs a role"),
        ([{"role": "agent"}], "needs a 'text'"),
    ],
)
def test_a_bad_thread_says_what_is_wrong(value: object, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        thread_of(value)


def test_a_thread_ending_with_the_message_loses_it_and_a_bare_thread_gives_it() -> None:
    turns = (Turn("customer", "hi"), Turn("agent", "hello"), Turn("customer", "where is it?"))
    assert split_thread(turns, "where is it?") == (turns[:2], "where is it?")
    assert split_thread(turns, None) == (turns[:2], "where is it?")
    assert split_thread(turns[:2], "new message") == (turns[:2], "new message")
    with pytest.raises(ValueError, match="must end with"):
        split_thread(turns[:2], None)


def test_the_customer_s_preferences_and_history_are_honoured(engine, demo) -> None:  # type: ignore[no-untyped-def]
    called = _draft(
        engine,
        demo,
        "Where is my certificate?",
        profile=Profile(name="Samantha Jones", preferences=("Call me Sam",)),
    )
    assert called.text.startswith("Hi Sam,")
    formal = _draft(
        engine,
        demo,
        "Where is my certificate?",
        profile=Profile(name="Samantha Jones", preferences=("formal, please",)),
    )
    assert formal.text.startswith("Dear Samantha Jones,")
    again = "This is the third time I'm writing about my missing certificate. Where is it?"
    remembered = _draft(engine, demo, again, profile=Profile(history=("2026-11-20: certificate missing",)))
    assert "won't need to explain it again" in remembered.text
    assert "won't need to explain" not in _draft(engine, demo, again).text


def test_the_agent_can_ask_for_a_boundary_or_a_graceful_exit(engine, demo) -> None:  # type: ignore[no-untyped-def]
    message = "This is the third time I've asked. Your course is useless and so is your support."
    import dataclasses

    decided = engine.draft_reply(message, demo)
    exit_ = engine.draft_reply(message, dataclasses.replace(demo, stage="graceful_exit"))
    assert decided.stage != "graceful_exit"
    assert exit_.stage == "graceful_exit"
    assert "door stays open" in exit_.text
    assert engine.check_reply(exit_.text, message).findings == ()


BOUNDARY_ASKED = [  # the message; what the limit says; one of the wordings it may say it in
    (
        "Funny how quiet you all went. I want my £249. Your 'support lead' is a condescending prick who thinks "
        "quoting policy makes him clever. Refund me or I go to the bank and then the papers.",
        (
            "respectful on both sides",
            "entitled to raise this with your bank or to share your experience publicly",
        ),
        (),
    ),
    (
        "Sort my refund out by Friday or I'll see you in court.",
        ("entitled to take advice or take this further",),
        (),
    ),
    ("Refund me today or you'll regret it.", ("leave threats out of it",), ()),
    (
        "You useless idiots, refund me today or you'll regret it.",
        ("respectful on both sides and leave threats out of it",),
        (),
    ),
    (
        "I've asked for the refund three times now. I want it today.",
        (),
        ("clear and honest with you about what I can and can't do", "straight with you about what I can"),
    ),
]


@pytest.mark.parametrize(("message", "said", "one_of"), BOUNDARY_ASKED)
def test_a_boundary_asked_for_sets_a_calm_limit_fitted_to_the_message(  # type: ignore[no-untyped-def]
    engine, demo, message: str, said: tuple[str, ...], one_of: tuple[str, ...]
) -> None:
    draft = _draft(engine, demo, message, stage="boundary")
    assert draft.stage == "boundary"
    assert any(p.role == "boundary" for p in draft.parts), "a boundary draft holds a limit"
    assert all(s in draft.text for s in said)
    assert not one_of or any(s in draft.text for s in one_of)
    offered = {p.role for p in draft.parts} & {"answer", "gap", "alternative"}
    assert offered, "and what we can do, or a marked place for the agent to say it"
    ours = re.sub(
        r"\[[^\]]*\]", "", draft.text
    )  # the draft's own words, not the marked gaps that quote the ask
    assert not re.search(r"prick|regret|court|idiots", ours, re.IGNORECASE)
    assert engine.check_reply(draft.text, message).verdict == "send"


def test_a_boundary_never_asks_a_polite_customer_to_be_respectful(engine, demo) -> None:  # type: ignore[no-untyped-def]
    message = "Hi, I'm panicking a bit. Could you change my email to this one? Thank you"
    assert _draft(engine, demo, message).stage == "calm"
    asked = _draft(engine, demo, message, stage="boundary")
    assert any(p.role == "boundary" for p in asked.parts)
    assert "respectful" not in asked.text
    assert "threats" not in asked.text
