"""How clearly upset a customer is, read from their message: what makes a reply cold."""

from __future__ import annotations

import pytest

from humanly.engine.tone_coverage import answered
from humanly.engine.tone_customer import (
    acknowledgement_for,
    acknowledges,
    chills,
    offers_alternative,
    read_customer,
)
from humanly.engine.types import Ask


@pytest.mark.parametrize(
    ("message", "feeling"),
    [
        ("My dad just died, three weeks before the wedding. Do we have to go ahead?", "grief"),
        ("My phone had the only photos of my late son on it and now it won't turn on.", "distress"),
        ("The repair man didn't turn up AGAIN. I've taken three days off work now.", "anger"),
        ("Your app took the payment twice. This is the 3rd time this month.", "anger"),
        ("My business cards came with the wrong number!!! The trade show is tomorrow", "anger"),
        ("Your scooter braked on its own and I fell off, my wrist is swollen", "distress"),
        ("A man groped me during the film and your staff didn't believe me.", "distress"),
        ("I lost my laptop on the train, it has my whole PhD on it. Please please help", "distress"),
        (
            "We're 3 days from go-live and your sandbox keeps timing out. I'm stressed out of my mind.",
            "distress",
        ),
        ("Stuck on the A14 hard shoulder for 2 hours now with my elderly mum.", "distress"),
        ("I'm 84 and my heating's been off since yesterday. I'm sitting in my coat.", "distress"),
        ("My flatmate tried to kill herself last night. Please can I move somewhere", "distress"),
        ("i've been without internet for nine days and my son needs it. i am at breaking point", "distress"),
        ("I pushed an API key to a public repo. What do I do?? Am I going to get fired", "distress"),
        ("My son is in halls and hasn't answered his phone in 3 days. I'm so worried", "fear"),
        ("Your e-scooter stopped dead in a junction. I nearly got hit by a bus. I'm still shaking.", "fear"),
        ("I've been trying to cancel for 2 months and you keep charging me. This is theft.", "anger"),
        ("Your recovery driver was rude to my wife and swore at her.", "anger"),
    ],
)
def test_clearly_upset_customers_are_recognised(message: str, feeling: str) -> None:
    customer = read_customer(message, None)
    assert customer is not None
    assert customer.feeling == feeling


@pytest.mark.parametrize(
    "message",
    [
        "The scooter died halfway up the hill and the app still charged me for 40 minutes.",
        "Is there step-free access at the station? I use a wheelchair.",
        "hi!! a client just told me your template got her 30 signups in a day, had to tell you",
        "How much is the annual plan?",
        "My battery died after two hours, is that normal?",
        # Worry asked about, a disappointment or an age told in passing is not yet clearly upset.
        "I'm really anxious about the move, what happens on the day?",
        "Really disappointed the blue one is sold out. Any idea when it's back?",
        "I'm 84 and not very good with computers. How do I reset my password?",
    ],
)
def test_calm_questions_and_things_that_die_are_not_grief(message: str) -> None:
    customer = read_customer(message, None)
    assert customer is not None
    assert customer.feeling is None


@pytest.mark.parametrize(
    "draft",
    [
        "Of course, please don't worry about that. Pay whenever the insurance comes through.",
        "You've done the right thing checking with us. Hang up if he calls again.",
        "Lots of people feel this way before a first flight, and you're doing the right thing by asking.",
        "You're entitled to, and I'd understand if you did. Before you do, let me fix this.",
        "Thank you for taking the time to tell us this. I hope your mum enjoyed her trip.",
    ],
)
def test_reassurance_counts_as_acknowledgement(draft: str) -> None:
    assert acknowledges(draft)


def test_a_formula_of_thanks_is_not_acknowledgement() -> None:
    assert not acknowledges("Thank you for taking the time to contact us. Your claim has been logged.")


@pytest.mark.parametrize(
    ("message", "blames_self"),
    [
        ("Honestly I'm so embarrassed, I booked the 12th but I meant the 19th.", True),
        ("I paid twice by mistake, can you refund one?", True),
        ("Your driver left my parcel in the rain.", False),
        ("So sorry, I missed my appointment because I got the dates mixed up.", True),
        # Embarrassed by what the company did: a feeling to take seriously, not a slip of their own.
        ("The cake was dry inside and half the guests left their slice. I was mortified.", False),
        ("A client got an invoice with another client's name on it. This is so embarrassing.", False),
    ],
)
def test_a_customer_who_blames_themselves_is_recognised(message: str, blames_self: bool) -> None:
    customer = read_customer(message, None)
    assert customer is not None
    assert customer.blames_self is blames_self


def test_asking_about_the_company_is_recognised() -> None:
    asked = read_customer("Are you any good? Never heard of you before.", None)
    plain = read_customer("Where is my parcel?", None)
    assert asked is not None
    assert plain is not None
    assert asked.asks_about_us
    assert not plain.asks_about_us


@pytest.mark.parametrize(
    "draft",
    ["I'm on it now. The site will be back within 15 minutes.", "I want to get this sorted for you today."],
)
def test_taking_the_problem_on_counts_as_acknowledgement(draft: str) -> None:
    assert acknowledges(draft)


@pytest.mark.parametrize(
    "draft",
    [
        "I can't share other applicants' CVs. If you're hiring again, I'd be glad to put together a summary.",
        "I can't change the fact it's late, but if it helps, I'm free to join your board meeting by video.",
        "We can't refund the lesson, but we would be happy to move you to Saturday.",
    ],
)
def test_an_offer_in_any_person_counts_as_an_alternative(draft: str) -> None:
    assert offers_alternative(draft)


@pytest.mark.parametrize(
    ("question", "draft"),
    [
        # Asked inside "can you tell me": a time answers it.
        (
            "Hi, can you tell me when the winter timetable starts on your site?",
            "Monday 4 November. The new timetable is in the app already.",
        ),
        # A yes/no question answered with its condition.
        (
            "Do shared links expire eventually?",
            "Only if you choose a date. By default a link stays live until you switch it off.",
        ),
    ],
)
def test_a_plain_answer_in_another_shape_is_an_answer(question: str, draft: str) -> None:
    ask = Ask(text=question, start=0, end=len(question), kind="question")
    assert answered(ask, draft)


@pytest.mark.parametrize(
    ("message", "pleased"),
    [
        ("The engineer who came today, Anil, was fantastic. Explained everything. Top man.", True),
        ("Thanks for the quick fix yesterday, you guys rock", True),
        ("Been on hold 2 hours. Wonderful service as always.", False),
        ("My package arrived completely crushed. Great job.", False),
        ("loved paying £80 to watch the back of a pillar all night", False),
        ("Thanks! Can you also send me the invoice?", False),
        ("THANK YOU SO MUCH for nothing", False),
    ],
)
def test_thanks_and_praise_read_as_pleased_and_irony_does_not(message: str, pleased: bool) -> None:
    customer = read_customer(message, None)
    assert customer is not None
    assert customer.pleased is pleased


@pytest.mark.parametrize(
    "words",
    [
        "That's a lot of pressure, and it makes complete sense that you're scared.",
        "Take a moment, you've had a shock.",
        "Please don't panic, it's a really common mistake and it's fixable.",
        "If you end up paying for an emergency passport because of our mistake, we'll cover the fee.",
    ],
)
def test_naming_the_weight_of_it_acknowledges_an_upset_person(words: str) -> None:
    assert acknowledges(words)


def test_a_reply_chills_whom_the_warmth_reading_says_and_never_when_it_acknowledges() -> None:
    import dataclasses

    notice = "Your order has been cancelled."
    upset = read_customer("I'm furious, you cancelled my order without asking!", None)
    calm = read_customer("Has my order been cancelled?", None)
    assert upset is not None
    assert calm is not None
    # Without the warmth reading, a clearly upset customer is the one a notice chills.
    assert chills(notice, upset)
    assert not chills(notice, calm)
    assert chills(notice, dataclasses.replace(calm, wants_warmth=True))
    assert not chills(notice, dataclasses.replace(upset, wants_warmth=False))
    assert not chills("I'm so sorry about this. " + notice, dataclasses.replace(calm, wants_warmth=True))
    assert not chills(notice, None)


@pytest.mark.parametrize(
    ("message", "line"),
    [
        ("My husband died in January. I keep getting letters in his name.", "I'm so sorry for your loss."),
        (
            "The sweater I ordered for my dog who passed last week arrived. Can I return it?",
            "I'm so sorry for your loss.",
        ),
        ("My mum passed away last month, please close her account.", "I'm so sorry for your loss."),
        # A death ahead is not a loss to be sorry for yet.
        (
            "my dad is dying and my phone has stopped working, no calls going out",
            "I'm so sorry; I can see how hard this is.",
        ),
        (
            "I'm terminally ill and need to access my pension now.",
            "I'm so sorry; I can see how hard this is.",
        ),
        (
            "My father is in a hospice and the landline is his only way to hear me.",
            "I'm so sorry; I can see how hard this is.",
        ),
    ],
)
def test_condolence_is_for_a_death_told_and_a_death_ahead_is_met_as_distress(message: str, line: str) -> None:
    customer = read_customer(message, None)
    assert customer is not None
    assert customer.feeling == "grief"
    assert acknowledgement_for(customer) == line
    assert acknowledges(line)


@pytest.mark.parametrize(
    ("message", "grieving"),
    [
        ("My father is in a hospice and the landline is his only way to hear me.", True),
        ("Mum was moved into a hospice yesterday. Can I pause her account?", True),
        # A hospice's name, or a hospice someone works for, is not a loved one's last weeks.
        (
            "I think my donation went out twice? Two payments of £15 to Harbourside Hospice. Can you check pls",
            False,
        ),
        ("I've volunteered at the hospice for 3 years and nobody ever says thank you.", False),
        ("I set up a fundraising page for our half marathon in aid of the local hospice.", False),
    ],
)
def test_a_hospice_is_grief_only_when_someone_is_in_it(message: str, grieving: bool) -> None:
    customer = read_customer(message, None)
    assert customer is not None
    assert (customer.feeling == "grief") is grieving


def test_a_calm_question_about_a_hospice_donation_needs_no_condolence() -> None:
    from humanly.engine.tone import check_reply

    message = "Hi, I think my donation went out twice this month? Two payments of £15 to Harbourside Hospice. Can you check pls"
    draft = "Two payments of £15 were taken on the 3rd and 4th. I've refunded the second one."
    report = check_reply(draft, message, model=lambda t, s, m: [], politeness=lambda t: 0.5)
    assert report.verdict == "send", (report.findings, report.missing)
