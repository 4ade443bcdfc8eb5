"""The playbook: the stage of the next reply and the customer's trajectory, from the thread."""

from __future__ import annotations

import pytest

from humanly.engine import Turn
from humanly.engine.playbook import (
    CONFIDENCE_FLOOR,
    FEATURES,
    STAGES,
    contempt,
    grounds,
    rule_stage,
    threat_kinds,
    trajectory,
)

# Customers of the demo desk, as they wrote.
WORRIED = (
    "Hi, I'm panicking a bit. I signed up for Newsletter Lab with my old work email and I left that job on "
    "Friday, so I can't get into that inbox anymore. The login link goes there. The final live session is "
    "TOMORROW at 7 and it's the one where we get feedback on our launch plans and I really don't want to miss "
    "it. Please can you change my email to this one? I can send proof of purchase, a screenshot of the "
    "payment, whatever you need. Thank you"
)
LETTER = (
    "Hi Jordan (I think it was you before?),\n\nSorry in advance, this is going to be a long one, I've had a "
    "week. So as you know I run the bakery with my sister Aoife. Well, I do the baking and she does the "
    "talking, which has worked grand for eleven years. Then in January she announced she's moving to Galway "
    "with her fella, which, fair play to her, but it means I'm now doing the counter, the orders, the "
    "Instagram and the baking, and I'm up at half four most days. My accountant (the same one who wanted the "
    "invoice, God love her) says the thing that'll save us is getting the regulars ordering ahead, and my "
    "niece said a newsletter would do that, which is why I signed up for Newsletter Lab in the first place. "
    "I've about 300 email addresses on a clipboard from a competition we ran two summers ago, half of which "
    "I can't read.\n\nAnyway. The new girl we've hired can only do Monday to Friday daytimes, so I've had to "
    "take the Tuesday evening shift doing the prep for Wednesday's wholesale orders, and I've just realised "
    "the live sessions are Tuesdays at 7. So my question is, if I can't make any of the live sessions, is "
    "there any point me doing it at all? Are they recorded? And would I still get feedback on the homework if "
    "I'm not there on the night? I don't want to be paying for something I can't use, but I also really "
    "think this could be the thing that helps.\n\nAlso is it normal to be this tired. Don't answer "
    "that.\n\nThanks,\nSiobhan"
)
PRODUCT = (
    "ok random q but could someone just make me a digital product i can sell? like an ebook or whatever. "
    "ill split the money 50/50 with u"
)
ABUSE = (
    "Funny how quiet you all went. I want my £249. Your 'support lead' is a condescending prick who thinks "
    "quoting policy makes him clever. Refund me or I go to the bank and then the papers."
)


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


@pytest.mark.parametrize("message", [WORRIED, LETTER, PRODUCT])
def test_a_worried_polite_or_friendly_customer_is_never_told_they_need_a_boundary(
    engine, message: str
) -> None:  # type: ignore[no-untyped-def]
    reading = engine.stage([Turn("customer", message)])
    assert reading.stage == "calm"
    assert reading.scores["boundary"] == 0.0
    assert "insult" not in reading.reasons


def test_a_thank_you_after_a_no_is_calm(engine) -> None:  # type: ignore[no-untyped-def]
    thread = _thread(
        "Hola! Is Momentum Coaching possible in Spanish? My English is ok but for business things I think "
        "better in Spanish.",
        "I'm afraid our coaching calls are in English only. Coaches are happy to slow down and send the key "
        "points in writing after each call.",
        "Ok, I think I can do it. Thank you!",
    )
    assert engine.stage(thread).stage == "calm"


def test_names_and_a_threat_the_reading_missed_still_call_for_a_limit(engine) -> None:  # type: ignore[no-untyped-def]
    reading = engine.stage([Turn("customer", ABUSE)])
    assert reading.stage in ("boundary", "graceful_exit")
    assert {"insult", "threat"} <= set(reading.reasons)
    assert reading.confidence >= CONFIDENCE_FLOOR


@pytest.mark.parametrize(
    "thread",
    [
        _thread(ABUSE),
        _thread("Hi, is it possible to get a recording of my second coaching call? I missed half of it."),
        _thread("how long till i start making money fr. a month? 2? need to know before i spend my loan"),
        _thread(
            "Hello again. I want to start Blog to Business again from zero. Is possible to reset the progress?"
        ),
        _thread("THIRD time writing about this. Where is my certificate??"),
        _thread(
            "I want a refund.", "I can't refund after 14 days, but I can move you to April.", "No. Refund."
        ),
    ],
)
def test_a_firm_stage_is_offered_only_when_the_engine_is_fairly_sure(engine, thread: list[Turn]) -> None:  # type: ignore[no-untyped-def]
    reading = engine.stage(thread)
    assert reading.stage == "calm" or reading.confidence >= CONFIDENCE_FLOOR


@pytest.mark.parametrize(
    "text",
    [
        "it's the one where we get feedback on our launch plans",
        "Someone on Facebook said you'd get in trouble for it",
        "My accountant (God love her) wanted the invoice",
        "Thanks mate, that's sorted it!",
        "I love it, thank you",
        "Thank you to everyone who answered my stupid questions",
        "I feel like such an idiot, I forgot my password",
        "What the hell happened to my order? It's bloody late",
    ],
)
def test_friendly_words_and_words_about_oneself_are_not_contempt(text: str) -> None:
    assert not contempt(text)


@pytest.mark.parametrize(
    "text",
    [
        "Your 'support lead' is a condescending prick",
        "you're a joke, all of you, greedy scum",
        "are you f***ing kidding me",
        "Are you people actually thick, or just pretending?",
        "Listen, love, just refund me",
        "maybe hire ppl with a brain",
    ],
)
def test_names_and_contempt_are_read_as_such(text: str) -> None:
    assert contempt(text)


def test_threats_are_told_apart_from_plans() -> None:
    assert threat_kinds(ABUSE) == ("bank", "public")
    assert threat_kinds("Sort it today or I'll see you in court.") == ("legal",)
    assert threat_kinds("Refund me now or you'll regret it.") == ("other",)
    assert threat_kinds("I'll contact my bank to check the payment went through.") == ()
    assert threat_kinds("I'll tell everyone how good the course is!") == ()
    assert threat_kinds("Can you send me the papers for the course?") == ()


def test_a_limit_needs_hostility_or_pressure_from_the_customer() -> None:
    quiet = dict.fromkeys(FEATURES, 0.0) | {"first_contact": 1.0}
    asks_more = quiet | {"scope": 1.0, "asks": 1.0, "question": 1.0}
    assert "boundary" not in grounds(asks_more)  # a first ask, however far beyond what we offer
    assert "boundary" in grounds(asks_more | {"insult": 1.0})
    again = asks_more | {"first_contact": 0.0, "limit_set": 1.0, "said_no": 1.0}
    assert "boundary" in grounds(again)  # the same push after our no
    thanks = quiet | {"first_contact": 0.0, "limit_set": 1.0, "said_no": 1.0, "cooperate": 1.0}
    assert set(grounds(thanks | {"politeness": 1.0})) == {"calm", "redirect"}  # "Ok, thank you!" after a no


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
    assert rule_stage(quiet | {"scope": 1.0, "first_contact": 1.0}) == "calm"
    assert rule_stage(quiet | {"scope": 1.0, "limit_set": 1.0}) == "boundary"


def test_trajectory_follows_the_customer_tone() -> None:
    assert trajectory([0.0], [False]) == "steady"
    assert trajectory([0.2, -0.5], [False, False]) == "escalating"
    assert trajectory([-0.1, -0.1], [False, True]) == "escalating"
    assert trajectory([-0.7, 0.4], [True, False]) == "de_escalating"
