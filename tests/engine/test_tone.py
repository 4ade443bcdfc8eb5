"""``check_reply``, the tone guard, through its verb: findings and spans, precision, rewrites, hard inputs."""

from __future__ import annotations

import json
import os
import random
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from humanly.engine.tone import COMPONENTS, check_reply
from humanly.engine.tone_phrases.irritated import holds_kind_reminder, only_warm
from humanly.engine.tone_unanswered import Answers
from humanly.engine.types import Analysis, ToneReport

# (kind, customer message, draft, the words that carry the problem). Drafts are our own.
CAUGHT = [
    (
        "irritated",
        "I still cannot log in.",
        "WHAT?! I reset it an hour ago.",
        "WHAT?!",
    ),
    (
        "blame",
        "The printer doesn't work and I've wasted my whole evening.",
        "You simply needed to read the instructions.",
        "You simply needed to",
    ),
    (
        "blame",
        "The app won't sync.",
        "All you had to do was log out and back in.",
        "All you had to do was",
    ),
    (
        "blame",
        "My parcel never came.",
        "You must have typed the wrong postcode at checkout.",
        "typed the wrong postcode",
    ),
    (
        "blame",
        "The app crashed and I lost my notes.",
        "That's because you didn't save your work before closing it. Autosave is under Settings.",
        "you didn't save your work",
    ),
    (
        "blame",
        "Why was my order cancelled?",
        "It was cancelled because the card was declined. If you had checked your card details, this wouldn't "
        "have happened.",
        "If you had checked your card details",
    ),
    (
        "defensive",
        "Your driver was rude to me at the door.",
        "Our drivers never speak to customers like that. Is there anything else?",
        "Our drivers never speak to customers like that",
    ),
    (
        "defensive",
        "Your update wiped my settings.",
        "Updates are thoroughly tested before release. Please re-enter the settings.",
        "thoroughly tested before release",
    ),
    (
        "condescending",
        "How do I export my data?",
        "It's really not that complicated. Go to Settings > Export.",
        "It's really not that complicated",
    ),
    (
        "condescending",
        "I don't understand the bill.",
        "Okay sweetie, let me go through it slowly. The £12 is your line rental.",
        "sweetie",
    ),
    (
        "dismissive",
        "My wedding flowers arrived wilted and I was in tears.",
        "It's only a small delay in freshness, and these things happen. New ones are on the way.",
        "these things happen",
    ),
    (
        "dismissive",
        "Your outage cost me a whole day of sales.",
        "Outages happen with all providers from time to time. Service is back now.",
        "Outages happen with all providers from time to time.",
    ),
    (
        "sarcastic",
        "Your app is rubbish.",
        "Thanks for the detailed and constructive feedback. Which phone are you using?",
        "Thanks for the detailed and constructive feedback",
    ),
    (
        "sarcastic",
        "I need my refund NOW.",
        "Well, since you asked so nicely, I'll get right on it. Refunds take 5 days.",
        "since you asked so nicely",
    ),
    (
        "irritated",
        "When does my plan renew?",
        "As I already said in my last email, it renews on the 5th.",
        "As I already said in my last email",
    ),
    (
        "irritated",
        "Sorry, which form do I need?",
        "For the third time, it's form B2. It's on the website.",
        "For the third time",
    ),
    (
        "policy_wall",
        "Can I return the jacket? It's 40 days since I bought it.",
        "Returns are not permitted after 30 days as per our returns policy.",
        "Returns are not permitted after 30 days as per our returns policy.",
    ),
    (
        "overpromise",
        "Will my parcel get here before the party on Saturday?",
        "Yes, it'll be with you by Friday, guaranteed.",
        "guaranteed",
    ),
    (
        "overpromise",
        "Will this happen again?",
        "I'm sorry it happened. I can promise you it will never happen again.",
        "it will never happen again",
    ),
    (
        "self_promotion",
        "My broadband keeps dropping.",
        "We're the UK's number one broadband provider, trusted by 2 million homes. Please restart the router.",
        "number one broadband provider",
    ),
    (
        "cold",
        "My mum passed away last week and I need to close her account.",
        "Account closures require a death certificate. Processing takes 10 working days.",
        "Account closures require a death certificate.",
    ),
    (
        "unanswered",
        "Does the annual plan include the video lessons?",
        "Thanks for your interest! The annual plan is a fantastic value option. Let me know if you'd like to upgrade.",
        "The annual plan is a fantastic value option.",
    ),
    # The families: the shape of each problem, not one phrasing of it.
    (
        "irritated",
        "Still no word on my visa letter.",
        "We've sent you the checklist three times now. The letter goes out once it is complete.",
        "We've sent you the checklist three times now.",
    ),
    (
        "irritated",
        "Any news on my claim??",
        "Emailing us every day won't speed this up. The assessor visits on 9 May.",
        "Emailing us every day won't speed this up.",
    ),
    (
        "condescending",
        "I can't work out how to export my data.",
        "As you may not be aware, there is an Export button in Settings.",
        "As you may not be aware,",
    ),
    (
        "condescending",
        "The booking form keeps confusing me.",
        "Honestly it's really easy to use once you look properly. Pick a date and press Book.",
        "it's really easy to use",
    ),
    (
        "overpromise",
        "Will this fix my slow laptop?",
        "Yes, you'll definitely get double the speed after the upgrade.",
        "you'll definitely get",
    ),
    (
        "self_promotion",
        "My heating has been broken for a week and no one has come.",
        "We're the country's fastest-growing boiler company. An engineer can come on Friday.",
        "We're the country's fastest-growing boiler company.",
    ),
    (
        "dismissive",
        "My luggage was lost and my holiday is ruined.",
        "Honestly it's nothing to get worried about, bags turn up. File the form and we'll trace it.",
        "nothing to get worried about",
    ),
    (
        "sarcastic",
        "The train broke down and we sat in a field for three hours.",
        "On the bright side, you got to enjoy the countryside! A refund form is on our site.",
        "On the bright side, you got to enjoy the countryside!",
    ),
    (
        "blame",
        "My bike was stolen from your car park.",
        "Members are responsible for locking bikes to the rails. Here is the incident form.",
        "Members are responsible for locking bikes to the rails.",
    ),
    (
        "defensive",
        "Your app lost all my notes after the update!",
        "The update worked exactly as designed and was tested on every device.",
        "worked exactly as designed",
    ),
    (
        "policy_wall",
        "Can I bring my own cake to the party room?",
        "Outside food is not permitted in the party rooms. Party packages must be paid in full before the day.",
        "Outside food is not permitted in the party rooms.",
    ),
    (
        "unanswered",
        "Does the Pro plan work offline?",
        "Thanks for asking! Check our feature comparison page for more details.",
        "Check our feature comparison page for more details.",
    ),
    (
        "blame",
        "The blender stopped working after a week.",
        "Did you read the safety leaflet before using it with ice? A replacement is on its way.",
        "Did you read the safety leaflet before using it with ice?",
    ),
    (
        "defensive",
        "The venue lost power halfway through our wedding dinner!",
        "The outage was outside our control. We have refunded the evening's bar tab.",
        "outside our control",
    ),
    (
        "dismissive",
        "My kitchen is still full of dust from the fitting.",
        "A little dust is quite normal after a fitting. The cleaners come on Monday.",
        "is quite normal after a fitting",
    ),
    (
        "self_promotion",
        "The roses I ordered arrived wilted.",
        "Our Red Velvet bunch is a bestseller and always gets compliments! A fresh bunch goes out today.",
        "Our Red Velvet bunch is a bestseller and always gets compliments!",
    ),
    # A guarantee of what will happen, a future with none of something in it, and "had you done otherwise".
    (
        "overpromise",
        "Will the service be back before our launch on Friday?",
        "Our engineers are working on it, and I can guarantee the service will be back by Thursday.",
        "I can guarantee the service will be back by Thursday",
    ),
    (
        "overpromise",
        "Will the rib piece hurt? I'm nervous.",
        "Don't worry, with me you won't feel a thing.",
        "you won't feel a thing",
    ),
    (
        "overpromise",
        "My parcel is a week late.",
        "It's on the van now and will be with you tomorrow without fail.",
        "without fail",
    ),
    (
        "overpromise",
        "You've charged us tax again even though we're exempt.",
        "Send the certificate again and I'll make sure you're never charged tax by us again.",
        "I'll make sure you're never charged tax by us again",
    ),
    (
        "blame",
        "My sister's gift membership wasn't activated and she was turned away at the gate.",
        "If the activation code had been entered at purchase, this wouldn't have happened. It's active now.",
        "If the activation code had been entered at purchase, this wouldn't have happened.",
    ),
    (
        "blame",
        "I was charged for another month after cancelling.",
        "Cancelling before your billing date would have avoided it. I've refunded the charge as a one-off.",
        "Cancelling before your billing date would have avoided it",
    ),
    (
        "blame",
        "My class booking isn't showing and the money has gone.",
        "It looks like you may have closed the app before the booking confirmed. You're booked in for 6pm now.",
        "you may have closed the app before the booking confirmed",
    ),
    (
        "policy_wall",
        "Can I get a partial refund on the 40 spare invitations I ordered?",
        "All custom print is made to order. I'm unable to process refunds on personalised items.",
        "I'm unable to process refunds on personalised items.",
    ),
    (
        "condescending",
        "How do I change the audio quality? Sorry, I'm new to this.",
        "No worries, hun, we all started somewhere! 128 kbps mono works well for speech.",
        "No worries, hun",
    ),
    (
        "defensive",
        "I posted my meter reading weeks ago and you've still estimated my bill. Did you lose it?",
        "We don't lose letters. Your bill was estimated because no reading reached us by the 5th.",
        "We don't lose letters",
    ),
    (
        "irritated",
        "When will the dining table be ready? I've asked before.",
        "Hi Claire, as I've said in each of my last three emails, the table will be ready when the oil has cured.",
        "as I've said in each of my last three emails",
    ),
    (
        "irritated",
        "Has my parcel arrived at your depot yet?",
        "Yes, it arrived on Tuesday. Please don't feel you need to email every day to check; we'll text you.",
        "Please don't feel you need to email every day to check",
    ),
    (
        "self_promotion",
        "My cat needs her booster. Can I book for Thursday?",
        "Thanks for choosing Millbrook, the only practice in town with a dedicated feline ward! Thursday at 3pm is free.",
        "the only practice in town with a dedicated feline ward",
    ),
    (
        "condescending",
        "How do I book a class in the app? I'm 74 and I keep getting lost.",
        "Lots of ladies your age are in the same boat! Tap Book, then pick a time.",
        "Lots of ladies your age",
    ),
    (
        "dismissive",
        "My tap water has been brown all morning and I'm worried about the kids drinking it.",
        "Discoloured water is very common and nothing to get worked up about. Run the cold tap for ten minutes.",
        "nothing to get worked up about",
    ),
    (
        "blame",
        "Why did you cancel my appointment? I never got a call!",
        "Confirmation texts need a Y reply, which is explained in the booking email. I can rebook you for Friday.",
        "which is explained in the booking email",
    ),
    (
        "sarcastic",
        "Can you bind my thesis by Friday and drop it at the library for me?",
        "Of course, and while I'm at it I'll paint the ceiling of the Sistine Chapel. Binding takes five working days.",
        "while I'm at it I'll paint the ceiling of the Sistine Chapel",
    ),
    (
        "condescending",
        "What does 'conditional unconditional' mean on my offer? I'm confused",
        "There's no such thing as a 'conditional unconditional', bless. Your offer is unconditional.",
        "bless",
    ),
    (
        "condescending",
        "Does the gym have any equipment for people in wheelchairs?",
        "Great question, and well done for asking! Riverside has two accessible cross-trainers.",
        "well done for asking",
    ),
    (
        "irritated",
        "Can you resend my activation code? I can't find it.",
        "I've sent it again. Please save it somewhere this time.",
        "Please save it somewhere this time",
    ),
    (
        "irritated",
        "Why does the SDK throw invalid_request?",
        "Please check the README before opening a ticket next time; the content type must be JSON.",
        "Please check the README before opening a ticket next time",
    ),
    (
        "blame",
        "I slipped on the wet floor by the pool.",
        "The signs are always out after cleaning, so please watch your step next time.",
        "please watch your step next time",
    ),
    (
        "blame",
        "The e-book app keeps saying my card number is invalid.",
        "Card numbers are checked by your bank. If it still says invalid, you're probably adding a space somewhere.",
        "you're probably adding a space somewhere",
    ),
    (
        "blame",
        "I followed the quickstart exactly and I get 'module not found'.",
        "You didn't install the package. Run npm install first.",
        "You didn't install the package.",
    ),
    (
        "blame",
        "You took my annual fee twice! I need it back today.",
        "Hi Ella, the second payment went through because you clicked Pay twice on the checkout page.",
        "because you clicked Pay twice on the checkout page",
    ),
    (
        "blame",
        "omg I just booked my exam for the wrong city, can I change it?",
        "Changes cost £25. Do double-check next time before paying.",
        "Do double-check next time before paying.",
    ),
    (
        "overpromise",
        "Where is my refund? You said it was processed.",
        "We will refund the full amount to you within 48 hours, you have my word.",
        "We will refund the full amount to you within 48 hours, you have my word",
    ),
    (
        "overpromise",
        "My bill has tripled since the new meter went in.",
        "Please don't worry at all - I'll make sure your bill comes back down to what it was before.",
        "I'll make sure your bill comes back down to what it was before",
    ),
    (
        "dismissive",
        "You people are useless. I've been waiting for my accommodation refund since AUGUST.",
        "I'm sorry you feel that way. Refunds are processed in date order.",
        "I'm sorry you feel that way",
    ),
    (
        "dismissive",
        "You cancelled my exam the day before and I'd paid for a train ticket. Who pays this?",
        "We are sorry for the inconvenience. The exam is now on 4 June.",
        "We are sorry for the inconvenience",
    ),
    (
        "defensive",
        "You've taken £250 off my card as a deposit and it's still not back 9 days later. That's my rent money.",
        "We release hundreds of deposits a week without any issue. I'll check yours today.",
        "We release hundreds of deposits a week without any issue.",
    ),
    (
        "defensive",
        "your cleaners never clean the spin bikes, they're sweaty and gross every morning",
        "Hiya Mel, the bikes are wiped down every night, it's on the cleaning schedule and signed off.",
        "it's on the cleaning schedule and signed off",
    ),
    (
        "policy_wall",
        "I'm 23 and need a car for my mum's funeral in Aberdeen. Can you waive the young driver surcharge?",
        "The young driver surcharge applies to all drivers under 25 with no exceptions.",
        "with no exceptions",
    ),
    (
        "condescending",
        "How do i make the tickets come up on my phone??? It just shows a blank page",
        "It's really very easy! Open the app, tap Tickets and pull down to refresh.",
        "It's really very easy!",
    ),
]

# Drafts that use words a nagging checker would flag, kindly. None of these should be flagged.
KIND_USES = [
    (
        "Are you going to refund me for the broken blender or not?",
        "I understand your frustration and I'm sorry for the inconvenience. Yes: the £40 refund went to your card today.",
    ),
    (
        "can i change my username? i made it when i was 11 and its really embarrassing now lol",
        "Haha, we've all been there 😅 Yes, you can! Go to Profile > Edit > Display name, once every 30 days.",
    ),
    (
        "Could I have a copy of the fund's winter report?",
        "Of course. It comes out in March, and I'll make sure you get a copy.",
    ),
    (
        "You charged me £460 for the removal when the quote said £380.",
        "Sorry about that. Because you didn't agree to it, I've reduced the bill to the £380 we quoted.",
    ),
    (
        "Has my order shipped yet?",
        "You're probably wondering where it is: it left our warehouse this morning and arrives Monday.",
    ),
    (
        "How do I change the opening hours on my listing?",
        "I've recorded a one-minute video of the steps so you can keep it for next time: loom.example/hours.",
    ),
    (
        "My mum passed away last week and I need to close her account.",
        "I'm so sorry for your loss. I've closed the account today; God bless, and please call if you need anything.",
    ),
    (
        "Where is my sofa? It was due on Tuesday.",
        "It's with the courier and arrives Thursday; sorry it's late.",
    ),
    ("Where's my refund?", "I've sent it today, so you should have it in your account by Friday."),
    (
        "Do you do student discounts?",
        "We do: students get 20% off with a valid card. Just show it at the desk when you join.",
    ),
    (
        "Can I get a refund? I bought it 40 days ago.",
        "I'm sorry, but unfortunately our refund window is 30 days, so I can't refund it. What I can do is move "
        "the full amount to store credit. Would that help?",
    ),
    (
        "Why can't I pay in cash any more?",
        "Sorry, I know the change is a nuisance. Our policy changed in May for security reasons, but you can "
        "still pay by card at the desk or buy a prepaid card with cash at the Post Office.",
    ),
    (
        "How do I cancel my trial?",
        "Simply go to Account > Billing and click 'Cancel trial'. You won't be charged.",
    ),
    (
        "Will the update fix the login bug?",
        "Yes. You should see version 4.3 in the App Store today; once it's installed, the login bug is fixed.",
    ),
    (
        "So when is the engineer coming?",
        "As I mentioned on the phone, the engineer is booked for Thursday between 8am and 1pm. They'll text "
        "30 minutes before they arrive.",
    ),
    (
        "Can you deliver on Sunday?",
        "I'm afraid our couriers don't deliver on Sundays, but Saturday delivery is available for £4.95 if you "
        "order by 2pm today.",
    ),
    (
        "Can you tell me my husband's balance? He's in hospital.",
        "I'm so sorry he's in hospital. I can't share his account details, but if he adds you as a trusted "
        "contact with a quick call, I can talk you through everything.",
    ),
]

FIRM_REFUSALS = [
    (
        "Can you send me the other applicants' CVs so I can compare?",
        "I understand wanting the full picture, but I can't share other applicants' CVs. I'd be glad to send you "
        "an anonymised summary of the shortlist instead.",
    ),
    (
        "I have 40k followers. Give me the course free and I'll post about you.",
        "Thanks for thinking of us, and congratulations on the audience you've built. We don't give free access "
        "in exchange for posts, but our affiliate programme pays 30% on every sale you refer. I can send you the "
        "sign-up link if you'd like.",
    ),
    (
        "Can you build my whole website for me as part of the course?",
        "I can see why that would save you time. Building sites for students isn't part of the course, but we "
        "run a separate done-for-you service from £900, or I can book you a free review of your draft site with "
        "one of our tutors. Which would suit you better?",
    ),
    (
        "Can I download the recordings to watch offline?",
        "I'm sorry, recordings can't be downloaded under our agreement with the speakers. But the app lets you "
        "save any session for offline viewing: tap Save under the video.",
    ),
    (
        "I've double-booked the hall for my daughter's party and I'm panicking!! Can you cancel one?",
        "That's a worrying one, but it's easily fixed. I've cancelled the second booking, and the £40 deposit is "
        "on its way back to your card.",
    ),
]

FACTUAL = [
    ("What's your phone number?", "It's 0808 157 0199, open 8am to 8pm, Monday to Saturday."),
    ("Do you ship to Ireland?", "We do. Orders to Ireland usually take 3-5 working days."),
    ("Is there a student discount?", "Yes, 30% off any annual plan with a university email address."),
    ("What file formats can I upload?", "PNG, JPG and PDF, up to 20 MB each."),
    # A request met by handing the thing over, or by a plain yes, needs no further next step.
    (
        "Can you send me the song list for the ceremony again please?",
        "Sure! Here's the current list: processional 'River Flows in You', recessional 'Signed, Sealed, "
        "Delivered'.",
    ),
    (
        "Can you print on recycled card? We're trying to keep the wedding eco.",
        "Love that! Yes, every card stock we sell has a 100% recycled option.",
    ),
    # A question asked inside "can you tell me", a yes/no answered "only if", a term of the contract.
    (
        "Could you tell me when the summer sale starts?",
        "It starts on Thursday at 9am, online and in every shop.",
    ),
    ("Do gift cards expire?", "Only if they go unused for two years; any purchase resets the clock."),
    (
        "Is any speed actually promised on my plan?",
        "Yes: the guaranteed minimum on your plan is 30Mb, and your line has run above 45Mb every day this month.",
    ),
]

REWRITES = [
    (
        "The printer doesn't work and I've wasted my whole evening.",
        "It's not complicated, you simply needed to read the instructions on page 4.",
        ["instructions on page 4"],
    ),
    (
        "Why was I charged £45 instead of £30?",
        "As I already said, the £45 includes the £15 setup fee from 3 March. Thanks for the detailed and "
        "constructive feedback.",
        ["£45", "£15", "3 March"],
    ),
    (
        "My refund still hasn't arrived.",
        "I've pushed it through now, so you'll see the £84.99 in your account within the hour, guaranteed.",
        ["£84.99"],
    ),
    (
        "My father died and I need to cancel his phone line.",
        "Please send form BR-7 with a copy of the death certificate. Cancellation takes 10 working days. "
        "Reference: CX-4411.",
        ["BR-7", "10", "CX-4411"],
    ),
    (
        "Can I pause my membership for 6 weeks? I'm having surgery.",
        "Memberships cannot be paused under any circumstances. Your next payment of £29 is due on 1 August.",
        ["£29", "1 August"],
    ),
    (
        "Your engineer Tom was rude to me.",
        "I've worked with Tom for six years and he's one of the kindest people here. He'll be back on 14 May "
        "to finish the job at 9am.",
        ["14 May", "9am", "Tom"],
    ),
]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    return inter / max(1, min(a[1] - a[0], b[1] - b[0])) >= 0.5


def _check(engine, draft: str, message: str | None) -> ToneReport:  # type: ignore[no-untyped-def]
    return check_reply(draft, message=message, analysis=engine.analyze(message) if message else None)


@pytest.mark.parametrize(("kind", "message", "draft", "quote"), CAUGHT)
def test_each_kind_is_caught_with_the_words_that_carry_it(engine, kind, message, draft, quote) -> None:  # type: ignore[no-untyped-def]
    report = _check(engine, draft, message)
    gold = (draft.index(quote), draft.index(quote) + len(quote))
    spans = [(f.start, f.end) for f in report.findings if f.kind == kind]
    assert any(_overlap(gold, span) for span in spans), [
        (f.kind, draft[f.start : f.end]) for f in report.findings
    ]
    assert report.verdict == "revise"
    for finding in report.findings:
        assert 0 <= finding.start < finding.end <= len(draft)
        assert finding.why.endswith(".")
        assert len(finding.why.split()) >= 5


@pytest.mark.parametrize(("message", "draft"), KIND_USES + FIRM_REFUSALS + FACTUAL)
def test_kind_replies_firm_refusals_and_short_answers_are_sent(engine, message, draft) -> None:  # type: ignore[no-untyped-def]
    report = _check(engine, draft, message)
    assert report.findings == ()
    assert report.missing == ()
    assert report.verdict == "send"
    assert report.rewrite == draft


def test_cold_is_only_for_a_clearly_upset_customer(engine) -> None:  # type: ignore[no-untyped-def]
    draft = "Your replacement card has been dispatched. It will arrive within 3 working days."
    calm = _check(engine, draft, "When will my replacement card arrive?")
    stranded = "I'm stranded abroad with no money and my card is blocked. Please help!"
    upset = _check(engine, draft, stranded)
    assert calm.verdict == "send"
    assert [f.kind for f in upset.findings] == ["cold"]
    assert {m.kind for m in upset.missing} >= {"no_acknowledgement"}
    warm = _check(engine, "I'm so sorry, that sounds frightening. " + draft, stranded)
    assert warm.findings == ()


def test_cold_marks_the_whole_notice_up_to_a_personal_word() -> None:
    """Coldness belongs to the run of notice-like sentences, not to whichever one comes first."""
    notice = "Your claim has been logged. Reference HC-448120. Claims are assessed in order of receipt."
    draft = notice + " I can call you tomorrow if that helps."
    report = check_reply(
        draft,
        "My husband died last week and the house flooded. I don't know what to do.",
        model=lambda text, spans, message: [],
        politeness=lambda t: 0.5,
    )
    cold = [f for f in report.findings if f.kind == "cold"]
    assert [(f.start, f.end) for f in cold] == [(0, len(notice))]


def test_without_a_message_only_the_draft_is_judged() -> None:
    assert check_reply("Your ticket has been logged.").verdict == "send"
    report = check_reply("As I already said, the fee is £10. It's not complicated.")
    assert {f.kind for f in report.findings} == {"irritated", "condescending"}
    assert report.missing == ()


@pytest.mark.parametrize(
    ("message", "draft", "kind"),
    [
        (
            "Can you confirm whether my data is stored in the EU?",
            "We take data protection very seriously. Let me know if there's anything else I can help with!",
            "unanswered_ask",
        ),
        (
            "You sent me the wrong size again.",
            "A new pair in size 10 goes out today by next-day delivery.",
            "no_apology",
        ),
        ("Can you extend my trial by a week?", "Trials can't be extended.", "no_alternative"),
        (
            "Where is my sofa? It was due on Tuesday.",
            "Thanks for getting in touch. We value every customer and aim to give the best service.",
            "unanswered_ask",
        ),
        (
            "I'm devastated, the cake for my daughter's party arrived smashed.",
            "A replacement cake will go out tomorrow morning.",
            "no_acknowledgement",
        ),
    ],
)
def test_what_the_draft_leaves_out_is_listed(engine, message, draft, kind) -> None:  # type: ignore[no-untyped-def]
    report = _check(engine, draft, message)
    assert kind in {m.kind for m in report.missing}
    assert report.verdict == "revise"
    if kind == "unanswered_ask":
        ask = next(m.ask for m in report.missing if m.kind == kind)
        assert ask is not None
        assert ask.text.endswith("?")
        assert ask.text in message


def test_no_next_step_when_action_was_asked_for(engine) -> None:  # type: ignore[no-untyped-def]
    report = _check(engine, "Our team is looking forward to hearing from you.", "Please cancel my order.")
    assert "no_next_step" in {m.kind for m in report.missing}


@pytest.mark.parametrize(("message", "draft", "facts"), REWRITES)
def test_rewrites_keep_the_facts_and_pass_the_guard(engine, message, draft, facts) -> None:  # type: ignore[no-untyped-def]
    report = _check(engine, draft, message)
    assert report.verdict == "revise"
    for fact in facts:
        assert fact in report.rewrite, (fact, report.rewrite)
    again = _check(engine, report.rewrite, message)
    assert again.findings == (), [(f.kind, report.rewrite[f.start : f.end]) for f in again.findings]


def test_a_suggestion_keeps_the_numbers_of_its_span(engine) -> None:  # type: ignore[no-untyped-def]
    report = _check(
        engine, "He'll be there at 8am on the dot, guaranteed.", "Will the engineer come tomorrow?"
    )
    (finding,) = report.findings
    assert finding.kind == "overpromise"
    assert "8am" in finding.suggestion
    assert "guaranteed" not in finding.suggestion


def test_scores_heat_landing_and_politeness(engine) -> None:  # type: ignore[no-untyped-def]
    kind = _check(engine, KIND_USES[0][1], KIND_USES[0][0])
    hot = _check(
        engine, "Like I said, it's in the FAQ. Wow, what a surprise!! Read it properly this time.", None
    )
    for report in (kind, hot):
        assert 0.0 <= report.heat <= 1.0
        assert 0.0 <= report.politeness <= 1.0
        assert all(0 <= s <= 100 for s in (report.scores.warmth, report.scores.calm, report.scores.clarity))
        assert report.landing.reaction
        assert report.landing.reason
    assert hot.heat > kind.heat
    assert hot.scores.calm < kind.scores.calm
    assert hot.scores.warmth < kind.scores.warmth
    assert hot.politeness < kind.politeness
    assert hot.landing.reaction != kind.landing.reaction


def test_the_report_round_trips_through_json(engine) -> None:  # type: ignore[no-untyped-def]
    report = _check(engine, REWRITES[0][1], REWRITES[0][0])
    assert report.findings
    assert report.version == "humanly.check_reply.v1"
    assert ToneReport.from_dict(json.loads(json.dumps(report.to_dict()))) == report
    unanswered = _check(engine, "We value your feedback.", "Can I change my delivery date?")
    assert any(m.ask is not None for m in unanswered.missing)
    assert ToneReport.from_dict(json.loads(json.dumps(unanswered.to_dict()))) == unanswered


def test_analyze_is_called_when_only_the_message_is_given(engine) -> None:  # type: ignore[no-untyped-def]
    seen: list[str] = []

    def analyze(message: str) -> Analysis:
        seen.append(message)
        return engine.analyze(message)  # type: ignore[no-any-return]

    draft = "Account closures require a death certificate."
    report = check_reply(draft, message="My husband died last week.", analyze=analyze)
    assert seen == ["My husband died last week."]
    assert [f.kind for f in report.findings] == ["cold"]


def test_components_are_versioned_names() -> None:
    assert len(set(COMPONENTS)) == len(COMPONENTS)
    assert all(re.fullmatch(r"humanly\.tone\.[a-z_]+(?:\.[a-z_]+)*\.v\d+", c) for c in COMPONENTS)


_GARBAGE = random.Random(7)
HARD_DRAFTS = [
    "",
    "   \n\t ",
    "😀🙏🔥",
    "!!!???...,,,",
    "\x00\x01\x7f control",
    "".join(chr(_GARBAGE.randint(32, 0x2FFF)) for _ in range(3000)),
    "you will never again " * 3000,
    "Okay. " * 5000,
    "I'M SO SORRY!!! WE WILL FIX IT!!!",
    "[[[]]] [Answer here: ]",
    "ok",
]


@pytest.mark.parametrize("draft", HARD_DRAFTS)
@pytest.mark.parametrize("message", [None, "", "My order is late!!", "😀"])
def test_never_crashes_on_hard_inputs(draft: str, message: str | None) -> None:
    report = check_reply(draft, message=message)
    assert report.draft == draft
    assert report.verdict == ("revise" if report.findings or report.missing else "send")
    assert 0.0 <= report.heat <= 1.0
    assert isinstance(report.rewrite, str)
    assert ToneReport.from_dict(json.loads(json.dumps(report.to_dict()))) == report


def _development_replies() -> list[dict[str, str]]:
    """Every replies_extra file (in the repository) and, where the shared data is present, the development 70%."""
    from humanly.engine.training.splits import split

    root = Path(__file__).resolve().parents[2]
    rows = []
    for path in sorted((root / "benchmarks" / "data").glob("replies_extra*.jsonl")):
        extra = path.read_text(encoding="utf-8")
        rows += [json.loads(line) for line in extra.splitlines() if line.strip()]
    shared = Path(os.environ.get("HUMANLY_SHARED_DATA", root.parent / "shared" / "data"))
    labelled = shared / "humanly_dev" / "replies.jsonl"
    if labelled.exists():
        lines = labelled.read_text(encoding="utf-8").splitlines()
        development, _ = split([json.loads(line) for line in lines if line.strip()])
        rows += development
    return rows


# humanly_dev's development replies and the first set written for humanly.
STRICT = re.compile(r"dR\d+|xR\d{3}")


def test_every_development_rewrite_passes_the_guard_and_keeps_its_numbers(engine) -> None:  # type: ignore[no-untyped-def]
    rows = _development_replies()
    readings = engine.analyze_many([r["customer"] for r in rows])
    for row, reading in zip(rows, readings, strict=True):
        report = check_reply(row["reply"], message=row["customer"], analysis=reading)
        again = check_reply(report.rewrite, message=row["customer"], analysis=reading)
        assert again.findings == (), (row["id"], report.rewrite)
        # Good replies are sent; the later sets, written to surprise the guard, keep a few known misses.
        if row["verdict"] == "send" and STRICT.fullmatch(row["id"]):
            assert report.verdict == "send", row["id"]
        # Boasts, the statistics a defensive reply quotes against the customer and the details a
        # sarcastic remark mocks go, numbers and all.
        boasts = [
            row["reply"][f.start : f.end]
            for f in report.findings
            if f.kind in {"self_promotion", "defensive", "sarcastic"}
        ]
        for number in re.findall(r"\d+(?:[.,:]\d+)*(?!\d*%)", row["reply"]):  # not '100%': it is a promise
            assert number in report.rewrite or any(number in b for b in boasts), (
                row["id"],
                number,
                report.rewrite,
            )


def test_a_rule_only_runs_where_it_can_match() -> None:
    """The quick word test in front of each rule never hides a match (checked on the extra replies)."""
    from humanly.engine.text import sentences
    from humanly.engine.tone_phrases import RULES

    texts = [r["reply"] for r in _development_replies()] + [d for _, _, d, _ in CAUGHT]
    pieces = [t[s:e] for t in texts for s, e in sentences(t)]
    for rules in RULES.values():
        for rule in rules:
            for piece in pieces:
                if rule.pattern.search(piece) and rule.needs:
                    assert any(word in piece.lower() for word in rule.needs), (rule.pattern.pattern, piece)


def test_the_word_index_opens_exactly_the_rules_a_sentence_can_need() -> None:
    """The index in front of the rules picks the same rules, in the same order, as testing every
    rule's words against the sentence (checked on the extra replies and a few hard pieces)."""
    from humanly.engine.text import sentences
    from humanly.engine.tone import _ORDERED, _rules_for

    texts = [r["reply"] for r in _development_replies()] + [d for _, _, d, _ in CAUGHT]
    pieces = [t[s:e].lower() for t in texts for s, e in sentences(t)] + ["", "ok", "100% sure, well, fine,"]
    for piece in pieces:
        expected = [i for i, (_, needs) in enumerate(_ORDERED) if not needs or any(w in piece for w in needs)]
        assert _rules_for(piece) == expected, piece


def test_a_cold_reply_gets_its_acknowledgement_first(engine) -> None:  # type: ignore[no-untyped-def]
    message = "My husband died last month. Please cancel his phone contract, I can't face the bills."
    draft = "Contract 5521 has been cancelled. The final bill will be sent on 3 June."
    report = _check(engine, draft, message)
    assert "cold" in {f.kind for f in report.findings}
    assert report.rewrite.startswith("I'm so sorry")
    assert "5521" in report.rewrite
    assert "3 June" in report.rewrite
    assert report.rewrite.count("sorry") == 1


def test_the_tone_model_finds_what_no_rule_has_words_for(engine) -> None:  # type: ignore[no-untyped-def]
    from humanly.engine.tone import MODEL_WHY

    message = "Why was I charged a late fee?"
    draft = (
        "Our team has forty years of experience and a shelf full of trophies. The fee applies after 14 days."
    )
    report = _check(engine, draft, message)
    found = [f for f in report.findings if f.why in MODEL_WHY.values()]
    assert found, report.findings
    assert draft[found[0].start : found[0].end].startswith("Our team has forty years")
    assert "14 days" in report.rewrite
    assert "trophies" not in report.rewrite
    assert _check(engine, report.rewrite, message).findings == ()


def test_a_model_finding_with_a_commitment_is_kept_for_the_agent_to_reword(engine) -> None:  # type: ignore[no-untyped-def]
    message = "My order arrived broken and I needed it for today."
    draft = (
        "Most customers manage to handle these boxes without breaking anything. A replacement ships tomorrow."
    )
    report = _check(engine, draft, message)
    assert report.verdict == "revise"
    assert "tomorrow" in report.rewrite
    assert "without breaking anything" not in report.rewrite


def test_a_live_check_is_the_report_without_the_whole_rewrite(engine) -> None:  # type: ignore[no-untyped-def]
    message = "My parcel never came and it was a birthday present. Where is it?"
    draft = "As I already said, you must have typed the wrong address. I will send a new one today."
    full = engine.check_reply(draft, message)
    live = engine.check_reply(draft, message, whole_rewrite=False)
    assert live.rewrite is None
    assert full.rewrite
    assert live.findings == full.findings
    assert live.missing == full.missing
    assert (live.verdict, live.scores, live.heat, live.politeness) == (
        full.verdict,
        full.scores,
        full.heat,
        full.politeness,
    )
    assert ToneReport.from_dict(json.loads(json.dumps(live.to_dict()))) == live


def test_the_model_reads_the_draft_against_the_customers_message() -> None:
    from humanly.engine.tone_model import Flag

    seen: list[str | None] = []

    def model(text: str, spans: object, message: str | None) -> list[Flag]:
        seen.append(message)
        return []

    check_reply(
        "Your order ships on Monday.", "When does my order ship?", model=model, politeness=lambda t: 0.5
    )
    check_reply("Your order ships on Monday.", model=model, politeness=lambda t: 0.5)
    assert seen == ["When does my order ship?", None]


def test_a_marked_place_for_the_answer_settles_an_unanswered_sentence() -> None:
    """However sure the model is that a sentence stands in for an answer, the rewrite marks one place
    for the agent's answer and stops there."""
    from humanly.engine.tone_model import Flag

    def model(text: str, spans: list[tuple[int, int]], message: str | None) -> list[Flag]:
        return [Flag(s, e, 0.99, "unanswered") for s, e in spans]

    report = check_reply(
        "We'll take a look.",
        "Do you test your updates before release?",
        model=model,
        politeness=lambda t: 0.5,
    )
    assert [f.kind for f in report.findings] == ["unanswered"]
    assert report.rewrite is not None
    assert report.rewrite.count("[Answer") == 1
    assert "We'll take a look." in report.rewrite


def test_telling_an_embarrassed_customer_it_is_common_is_kindness() -> None:
    from humanly.engine.tone_model import Flag

    def model(text: str, spans: list[tuple[int, int]], message: str | None) -> list[Flag]:
        return [Flag(s, e, 0.99, "dismissive") for s, e in spans[:1]]

    draft = "No need to worry, lots of people mix the dates up! I've moved you to the 19th."
    embarrassed = check_reply(draft, "So embarrassed, I booked the 12th but I meant the 19th.", model=model)
    annoyed = check_reply(draft, "Your site booked me on the wrong date and I missed the class.", model=model)
    # Embarrassed by the company's own failure: telling them it's common brushes the feeling aside.
    mortified = check_reply(
        draft, "The cake was dry inside and half the guests left it. I was mortified.", model=model
    )
    assert embarrassed.findings == ()
    assert [f.kind for f in annoyed.findings] == ["dismissive"]
    assert [f.kind for f in mortified.findings] == ["dismissive"]


def test_a_rewording_never_loses_a_number_the_customer_needs(engine) -> None:  # type: ignore[no-untyped-def]
    message = "My sales page got no sales after using your template."
    draft = "If you'd followed the module 4 checklist properly, you'd have seen results. Send me the link."
    report = _check(engine, draft, message)
    assert "blame" in {f.kind for f in report.findings}
    assert report.rewrite is not None
    assert "module 4" in report.rewrite


def test_the_record_a_customer_asked_about_is_the_answer_not_a_boast(engine) -> None:  # type: ignore[no-untyped-def]
    draft = "We've won Regional Caterer of the Year three times and have a 4.9 rating from 800 reviews."
    asked = _check(engine, draft, "Do you have any awards or reviews I can show my boss?")
    unasked = _check(engine, draft, "The food at our party arrived cold.")
    assert "self_promotion" not in {f.kind for f in asked.findings}
    assert "self_promotion" in {f.kind for f in unasked.findings}


def test_a_rewrite_marks_one_place_per_skipped_ask(engine) -> None:  # type: ignore[no-untyped-def]
    message = "I was charged twice for my daughter's funeral flowers. When will I get the money back?"
    report = _check(
        engine, "Your refund was processed. Refunds take 5-7 days. Please refer to our FAQ.", message
    )
    assert report.rewrite is not None
    assert report.rewrite.count("[Answer") == 1, report.rewrite
    assert "[Answer here: When will I get the money back?]" in report.rewrite
    assert "5-7 days" in report.rewrite


def test_a_sentence_the_model_names_is_not_also_called_cold() -> None:
    """A reply that never acknowledges an upset person still misses that; the sentence the model reads
    as defensive is named for its own problem."""
    from humanly.engine.tone_model import Flag

    draft = "Our systems don't delete playlists on their own. They will be on your account."

    def model(text: str, spans: list[tuple[int, int]], message: str | None) -> list[Flag]:
        return [Flag(s, e, 0.99, "defensive") for s, e in spans[:1]]

    report = check_reply(
        draft,
        "the app deleted all my playlists, years of them, I'm devastated",
        model=model,
        politeness=lambda t: 0.5,
    )
    assert ("defensive", 0) in {(f.kind, f.start) for f in report.findings}
    assert all(f.start > 0 for f in report.findings if f.kind == "cold")
    assert "no_acknowledgement" in {m.kind for m in report.missing}


def test_the_tone_model_flags_a_likely_problem_of_a_kind_it_reads_well(tmp_path: Path) -> None:
    """Under the threshold, a sentence is flagged only as one of the ``joint`` kinds, and only when its
    score times that kind's probability reaches the joint threshold."""
    import shutil

    from humanly.engine.analyzer import MODELS
    from humanly.engine.encoder import Encoder
    from humanly.engine.text import sentences
    from humanly.engine.tone_model import ToneModel

    meta = json.loads((MODELS / "tone.json").read_text(encoding="utf-8"))
    for name in ("tone.int8.onnx", "tone_kinds_words.npz", "tone_kinds_chars.npz"):
        shutil.copy(MODELS / name, tmp_path / name)
    encoder = Encoder(MODELS, threads=1)

    def model(joint: dict[str, object]) -> ToneModel:
        # Nothing reaches a threshold over 1, so only the joint test can flag a sentence.
        (tmp_path / "tone.json").write_text(json.dumps({**meta, "threshold": 1.01, "joint": joint}))
        return ToneModel(tmp_path, encoder=encoder)

    draft = "Wow, you finally read the email. Well done, that only took three weeks!"
    spans = sentences(draft)
    assert model({}).flags(draft, spans) == []
    assert model({"threshold": 0.99, "kinds": ["sarcastic"]}).flags(draft, spans) == []
    loose = model({"threshold": 1e-6, "kinds": ["sarcastic"]}).flags(draft, spans)
    assert [(f.start, f.end, f.kind) for f in loose] == [(s, e, "sarcastic") for s, e in spans]
    assert all(0.0 < f.score < 1.01 for f in loose)


@pytest.mark.parametrize(
    ("message", "draft"),
    [
        (
            "What are your opening hours for phone support?",
            "Phone support is open 8am-8pm, Monday to Friday.",
        ),
        ("Is there a fee for sending money abroad?", "Transfers to the EU are free; elsewhere it's 0.5%."),
        ("Do you have lockers?", "We do: there are lockers by the front desk, and they take a £1 coin."),
    ],
)
def test_a_plain_answer_is_not_called_unanswered_whatever_the_model_reads(message: str, draft: str) -> None:
    from humanly.engine.tone_model import Flag

    def model(text: str, spans: list[tuple[int, int]], message: str | None) -> list[Flag]:
        return [Flag(s, e, 0.99, "unanswered") for s, e in spans]

    report = check_reply(draft, message, model=model, politeness=lambda t: 0.5)
    assert "unanswered" not in {f.kind for f in report.findings}
    # The same reading of a reply that skips the question stands.
    skipped = check_reply(
        "Thanks for getting in touch! We love hearing from our customers.",
        message,
        model=model,
        politeness=lambda t: 0.5,
    )
    assert "unanswered" in {f.kind for f in skipped.findings}


def test_an_emoji_on_its_own_is_never_a_finding() -> None:
    from humanly.engine.tone_model import Flag

    draft = "Yes, the watercolour kit suits ages 8 and up. 🎨"

    def model(text: str, spans: list[tuple[int, int]], message: str | None) -> list[Flag]:
        return [Flag(s, e, 0.99, "sarcastic") for s, e in spans if text[s:e].strip() == "🎨"]

    report = check_reply(
        draft, "Is the watercolour kit ok for a 10 year old?", model=model, politeness=lambda t: 0.5
    )
    assert report.findings == ()


def test_as_i_said_after_a_warm_word_is_a_kind_reminder(engine) -> None:  # type: ignore[no-untyped-def]
    message = "Sorry, I forgot to write it down. When is the plumber coming?"
    kind = _check(
        engine, "No problem. As I said on the phone, he's coming Thursday between 8am and 1pm.", message
    )
    assert "irritated" not in {f.kind for f in kind.findings}
    curt = _check(engine, "As I said on the phone, he's coming Thursday between 8am and 1pm.", message)
    assert "irritated" in {f.kind for f in curt.findings}
    pointed = _check(
        engine,
        "No problem. As I already said in my last email, he's coming Thursday between 8am and 1pm.",
        message,
    )
    assert "irritated" in {f.kind for f in pointed.findings}
    before = _check(
        engine, "No worries at all! As I said before, he's coming Thursday between 8am and 1pm.", message
    )
    assert "irritated" not in {f.kind for f in before.findings}
    last = _check(
        engine, "No problem. As I said in my last email, he's coming Thursday between 8am and 1pm.", message
    )
    assert "irritated" not in {f.kind for f in last.findings}


@pytest.mark.parametrize(
    ("sentence", "warm"),
    [
        ("Not a bother at all, Lily!", True),
        ("No worries, Sam.", True),
        ("Of course.", True),
        ("Of course you can.", False),
        ("Not a bother at all, Lily! You should have read it.", False),
    ],
)
def test_a_warm_word_alone_is_nothing_to_revise(sentence: str, warm: bool) -> None:
    assert only_warm(sentence) is warm


def test_a_short_reminder_after_a_warm_opener_is_sent(engine) -> None:  # type: ignore[no-untyped-def]
    report = _check(
        engine,
        "Not a bother at all, Lily! As I said on the phone, I'd go with the 350gsm cotton.",
        "Sorry to bother you again, was it 350gsm or 400 you recommended?",
    )
    assert report.verdict == "send", report.findings


@pytest.mark.parametrize(
    ("before", "sentence", "kind"),
    [
        ("No problem. ", "As I said on the phone, he's coming Thursday.", True),
        ("Of course! ", "Like we said, the room is yours until noon.", True),
        ("", "As I said on the phone, he's coming Thursday.", False),
        ("No problem. ", "As I said before, he's coming Thursday.", True),
        ("No problem. ", "As I said twice now, he's coming Thursday.", False),
        ("No problem. ", "As I already told you, he's coming Thursday.", False),
        ("No problem. ", "He's coming Thursday.", False),
    ],
)
def test_the_models_irritated_flags_leave_a_kind_reminder_alone(
    before: str, sentence: str, kind: bool
) -> None:
    """The sentence test the tone model's flags go through agrees with the "as I said" rule."""
    draft = before + sentence
    assert holds_kind_reminder(draft, len(before), len(draft)) is kind


def test_a_hard_situation_named_calmly_is_not_distress(engine) -> None:  # type: ignore[no-untyped-def]
    """ "Emergency" or "newborn" in a calm question is not a scared customer; with urgency it is."""
    calm = _check(
        engine, "It's 0300 555 0199, open 24 hours.", "What's the number for emergency repairs out of hours?"
    )
    assert calm.verdict == "send"
    scared = _check(
        engine,
        "Please see the safety information on the packaging. Incidents can be reported via our website.",
        "I think my little boy swallowed one of the magnets from your toy set, what should I do??",
    )
    assert "cold" in {f.kind for f in scared.findings} or "no_acknowledgement" in {
        m.kind for m in scared.missing
    }


def test_the_guard_never_flags_its_own_words(engine) -> None:  # type: ignore[no-untyped-def]
    """A calmer wording the guard offers, standing alone, passes the guard: "Let's get this sorted." """
    from humanly.engine.tone import _ORDERED
    from humanly.engine.tone_rules import Say

    lines = {r.fix.words for r, _ in _ORDERED if isinstance(r.fix, Say) and r.fix.words.endswith(".")}
    assert "Let's get this sorted." in lines
    message = "The printer doesn't work and I've wasted my whole evening."
    flagged = {line: _check(engine, line, message).findings for line in sorted(lines)}
    assert not {line: found for line, found in flagged.items() if found}


def test_a_rewrite_is_never_empty_and_keeps_an_instruction(engine) -> None:  # type: ignore[no-untyped-def]
    message = "The printer doesn't work and I've wasted my whole evening."
    blaming = _check(engine, "If you had read the instructions you would have known this.", message)
    assert blaming.verdict == "revise"
    assert blaming.rewrite == "Let's get this sorted."
    curt = _check(engine, "It's not complicated, just restart it.", message)
    assert curt.rewrite is not None
    assert curt.rewrite.startswith("It can be confusing at first. ")
    assert "restart it" in curt.rewrite


# Kind replies that first reads by other hands showed the guard flagging: each pair keeps the words and
# changes only what makes them kind or not.
KIND_READS = [
    (
        "Great service as always, thanks Omar. Quick one: how do I switch to the annual plan?",
        "Sorry for any inconvenience with the late email. To switch, tap Plan, then Annual.",
        "dismissive",
    ),
    pytest.param(
        "Sorry to bother you again, was it 350gsm or 400 you recommended?",
        "Not a bother at all, Lily! As I said on the phone, I'd go with the 350gsm cotton.",
        "irritated",
        id="a reminder after 'not a bother at all'",
    ),
    pytest.param(
        "My daughter was driving your car and got rear-ended. She's really shaken up and terrified you'll charge her.",
        "I'm glad she's not hurt; that's the important thing. The damage is normally claimed from the other "
        "driver's insurer, not from her. Send us their name and registration and we'll handle the rest.",
        "no_acknowledgement",
        id="glad she is not hurt acknowledges the fright",
    ),
    pytest.param(
        "are lockers free or do I need a coin?",
        "Free! They take a 4-digit code you set yourself, so no coins needed.",
        "no_next_step",
        id="'do I need a coin?' asks to be told, not for something to be done",
    ),
    pytest.param(
        "hey can you confirm you received our W-9? sent it monday",
        "Got it, thanks. It was processed Tuesday and is on file now, so nothing else needed from you.",
        "no_next_step",
        id="'can you confirm' is answered by confirming",
    ),
    pytest.param(
        "Do you travel abroad for weddings?",
        "I do, mostly within Europe. Travel and accommodation are charged at cost on top of the package.",
        "unanswered_ask",
        id="'I do' answers a yes/no question",
    ),
    pytest.param(
        "Can you tell me who reported me for noise? I want to talk to them.",
        "I can't share who made the report; people need to be able to raise concerns safely. If it would help, "
        "Residence Life can arrange a flat meeting with a mediator.",
        "no_alternative",
        id="someone else can arrange something",
    ),
    pytest.param(
        "You sent Luna's ashes back in the wrong urn. This was supposed to be the last thing we do for her.",
        "I'm so sorry, Mrs Evans. That's our mistake, and I know it's the last thing you should have to deal with "
        "right now. I'll bring the engraved casket you chose to your home on Wednesday, at no charge.",
        "blame",
        id="'the last thing you should have to deal with' takes the weight off",
    ),
    pytest.param(
        "I rent car from you 3 days ago, I return it but I see on bank still 300 pound taken. Is this normal?",
        "Hello Tomasz, yes, this is normal, and thank you for checking. The £300 is a hold, not a payment, and "
        "banks usually remove it in 5 to 10 working days.",
        "dismissive",
        id="'this is normal' answers 'is this normal?'",
    ),
    pytest.param(
        "I think my daughter swallowed a lot of water at her lesson, she's coughing a lot. Is that normal?",
        "That must be worrying, Nat. A bit of coughing after swallowing water is common and usually settles "
        "quickly, but if she's struggling to breathe, please call 111.",
        "dismissive",
        id="'a bit of coughing is common' answers 'is that normal?'",
    ),
    pytest.param(
        "I want a full refund for Pip's consultation. The vet couldn't tell me what was wrong.",
        "I'm sorry you left without an answer. I can't refund the consultation, because Dr Shah ruled out the most "
        "serious causes, which is part of finding out what's wrong. What I can do is book a free follow-up.",
        "dismissive",
        id="'part of finding out' explains, it does not minimise",
    ),
    pytest.param(
        "I missed the deadline to apply for halls. Is there any way to still get a room?",
        "Unfortunately all first-year halls are full, so I can't offer you a guaranteed room. I've added you to "
        "the waiting list, and around 60 rooms usually come free in the first fortnight.",
        "overpromise",
        id="a guarantee refused is not a promise",
    ),
    pytest.param(
        "We accidentally sent 40k requests with the wrong customer IDs. Can you roll them back?",
        "I can't roll them back, but I can export exactly those 40k requests for a cleanup script. Send me the "
        "time window and I'll have it to you within the hour.",
        "overpromise",
        id="our own work within the hour is ours to time",
    ),
    pytest.param(
        "Can you tell me whether my ex-partner has an account with you?",
        "I can't share whether anyone has an account or what's on it; we protect every member's privacy the same "
        "way, including yours.",
        "policy_wall",
        id="privacy kept for everyone is not a wall",
    ),
    pytest.param(
        "Should I move my savings into your fixed-rate account now?",
        "I'm not able to give personal advice on whether to move your money, and I don't want you to make a big "
        "decision on a guess from me. The fixed rate is 4.1% for a year, and a free adviser at MoneyHelper can "
        "talk it through with you.",
        "policy_wall",
        id="declining to advise, with somewhere to go, is not a wall",
    ),
    pytest.param(
        "Is the RSV jab worth it for my dad? He's 81.",
        "Yes: RSV is a common virus that can be serious in older people, and your father is eligible. He can book "
        "at reception.",
        "condescending",
        id="age as a clinical fact is not talking down",
    ),
    pytest.param(
        "The export keeps timing out, it's really slowing my team down.",
        "Sorry about that, and thanks for telling us; I'll be sure to pass it on to the developers. Exports over "
        "10,000 rows run faster from Reports > Schedule, and I can set one up for you now.",
        "sarcastic",
        id="'I'll be sure to pass it on' is sincere",
    ),
    pytest.param(
        "Will my order arrive by Friday?",
        "I can't promise it will arrive by Friday, but I'll chase the courier today and let you know by 5pm.",
        "overpromise",
        id="an honest 'I can't promise' is not a promise",
    ),
    pytest.param(
        "Do your fillings come with any guarantee?",
        "They do: fillings are guaranteed for a year, so if one fails we'll replace it free of charge.",
        "overpromise",
        id="a guarantee that is a term of the service is a fact",
    ),
    pytest.param(
        "I unsubscribed but I keep getting your emails.",
        "Sorry about that. I've removed you from every list, so you won't get any more emails from us.",
        "overpromise",
        id="what the agent has just done is not a promise",
    ),
    pytest.param(
        "Can you note that I prefer afternoon appointments?",
        "Of course. I've put it at the top of your notes so it's easy to find.",
        "condescending",
        id="made easy by the agent is help, not talking down",
    ),
    pytest.param(
        "Sorry, me again! Is the knit and natter group the first Tuesday or the first Thursday?",
        "Never a bother, Maureen. As I said last time, it's the first Thursday of the month, 2 to 4pm.",
        "irritated",
        id="'as I said last time' after a warm word points back kindly",
    ),
]


@pytest.mark.parametrize(("message", "draft", "kind"), KIND_READS)
def test_kind_replies_other_hands_wrote_are_not_flagged(engine, message, draft, kind) -> None:  # type: ignore[no-untyped-def]
    report = _check(engine, draft, message)
    assert kind not in {f.kind for f in report.findings} | {m.kind for m in report.missing}


@pytest.mark.parametrize(
    ("message", "draft", "kind"),
    [
        (
            "Where is my refund? It's been three weeks and I'm fed up.",
            "The refund will be with you within the hour.",
            "overpromise",
        ),
        (
            "The rash on my dog's leg is red and sore after your groomer shaved it. Not happy.",
            "Some redness is normal after a clip and it will settle.",
            "dismissive",
        ),
        (
            "My dog came back from your groomer coughing and I'm furious.",
            "A bit of coughing after a groom is quite normal.",
            "dismissive",
        ),
        (
            "Your engineer never turned up and I lost a day's pay.",
            "Our engineer did knock twice, with respect, and left a card at 10am.",
            "defensive",
        ),
        ("Is it the grey bin or the blue bin?", "As I said last time, the blue bin.", "irritated"),
        (
            "Is the car safe to drive after the repair?",
            "We'll have it back to you tomorrow, and I can assure you there won't be any lasting harm to the engine.",
            "overpromise",
        ),
    ],
)
def test_the_same_words_still_flag_where_they_land_badly(engine, message, draft, kind) -> None:  # type: ignore[no-untyped-def]
    assert kind in {f.kind for f in _check(engine, draft, message).findings}


def test_a_greeting_or_sign_off_is_never_the_cold_sentence(engine) -> None:  # type: ignore[no-untyped-def]
    message = "Our bin's been missed AGAIN. Third week running on Station Road. It's stinking in this heat."
    draft = (
        "Hello Mr Okafor,\n\nThe crew have marked your bin as not presented at the kerb at 7:10am. A return "
        "visit is logged for Thursday.\n\nRegards,\nWaste Services"
    )
    report = _check(engine, draft, message)
    cold = [draft[f.start : f.end] for f in report.findings if f.kind == "cold"]
    assert cold
    assert all("crew" in span or "return visit" in span for span in cold), cold
    assert "no_acknowledgement" in {m.kind for m in report.missing}


def test_a_notice_opening_a_reply_to_a_grieving_person_is_cold_before_it_is_a_wall(engine) -> None:  # type: ignore[no-untyped-def]
    message = (
        "My mum died last month and the housing office says I have to leave the house I've lived in for 30 "
        "years. Is that true? I cared for her."
    )
    opening = (
        "Under the Housing Act, a tenancy can only be succeeded once, and your mother's tenancy was already a "
        "succession tenancy from your father."
    )
    draft = f"{opening} Your case will be reviewed by the tenancy team."
    report = _check(engine, draft, message)
    kinds = {(f.kind, f.start) for f in report.findings}
    assert ("cold", 0) in kinds
    assert ("policy_wall", 0) not in kinds
    # The refusal is still missing its alternative, whichever name its sentence carries.
    assert {"no_acknowledgement", "no_alternative"} <= {m.kind for m in report.missing}


def test_ironic_praise_taken_at_its_word_is_sarcastic_and_sincere_praise_is_not(engine) -> None:  # type: ignore[no-untyped-def]
    for message, draft in (
        (
            "thanks for NOTHING. 2 weeks no internet and you give me £10 credit",
            "You're welcome! The credit stays.",
        ),
        (
            "great, another price rise. love that for me",
            "Glad to hear you're loving it! Prices rise by 4% in April.",
        ),
        (
            "Your CLI just deleted my local config. Nice work, guys.",
            "Glad you appreciated it. Version 2.1 asks first.",
        ),
    ):
        report = _check(engine, draft, message)
        assert "sarcastic" in {f.kind for f in report.findings}, (message, report.findings)
        again = _check(engine, report.rewrite or "", message)
        assert again.findings == (), report.rewrite
    # Thanks for what went well, said with a word of trouble, is still thanks.
    for message, draft in (
        ("Great service as always, thanks Omar", "Always a pleasure, and see you next month!"),
        ("Thanks for the quick refund. Genuinely didn't expect it.", "You're very welcome."),
    ):
        assert "sarcastic" not in {f.kind for f in _check(engine, draft, message).findings}, message


def test_telling_them_it_is_easy_goes_and_the_how_to_stays(engine) -> None:  # type: ignore[no-untyped-def]
    message = "I want to pay in euros, how do I change the currency on my invoice?"
    draft = (
        "It's really very simple: open the invoice, click the currency next to the total and pick a new one."
    )
    report = _check(engine, draft, message)
    assert [draft[f.start : f.end] for f in report.findings if f.kind == "condescending"] == [
        "It's really very simple"
    ]
    assert report.rewrite is not None
    assert report.rewrite.startswith("Open the invoice, click the currency next to the total")


def test_a_promise_said_as_effort_drops_the_comfort_it_was_meant_to_give(engine) -> None:  # type: ignore[no-untyped-def]
    message = "Will I get a placement job before I graduate?"
    for draft in (
        "We'll make sure you have a job lined up before you graduate, so you have nothing to worry about.",
        "Don't worry, we'll make sure you have a job lined up before you graduate, so you can rest easy.",
    ):
        report = _check(engine, draft, message)
        assert report.rewrite == (
            "I'll do everything I can so that you have a job lined up before you graduate, but I can't promise it."
        ), report.rewrite


def test_a_boast_running_into_a_promise_is_named_apart_from_it(engine) -> None:  # type: ignore[no-untyped-def]
    message = "Booking RM-7719: can you confirm the crew will definitely be finished by 2pm? Our settlement is at 3."
    draft = "Hi Ahmed, yes - our crews are the fastest in Perth and they'll be done well before 2, you have my word."
    report = _check(engine, draft, message)
    found = {f.kind: draft[f.start : f.end] for f in report.findings}
    assert found["self_promotion"] == "our crews are the fastest in Perth"
    assert found["overpromise"] == "they'll be done well before 2, you have my word"
    assert report.rewrite is not None
    assert "before 2" in report.rewrite
    assert "fastest" not in report.rewrite


def test_the_same_calmer_wording_is_not_put_in_twice(engine) -> None:  # type: ignore[no-untyped-def]
    message = "thanks for NOTHING. 2 weeks no internet and you give me £10 credit. love that for me"
    draft = "You're welcome! Glad to hear you're loving it. The credit is on your next bill."
    report = _check(engine, draft, message)
    assert [f.kind for f in report.findings][:2] == ["sarcastic", "sarcastic"]
    assert report.rewrite is not None
    assert report.rewrite.count("I'm sorry; that isn't good enough.") == 1


def test_an_emoji_closing_a_sentence_goes_with_it(engine) -> None:  # type: ignore[no-untyped-def]
    message = (
        "Driver took a massive detour and charged me £38 for a £15 trip. I'm not stupid, I know the route."
    )
    draft = "Wow, a route expert! 🙂 Our fares are calculated from the route driven. I can check the trip for you."
    report = _check(engine, draft, message)
    sarcastic = [f for f in report.findings if f.kind == "sarcastic"]
    assert [draft[f.start : f.end] for f in sarcastic] == ["Wow, a route expert! 🙂"]
    assert report.rewrite is not None
    assert "🙂" not in report.rewrite
    assert report.rewrite.startswith("I'm sorry about this. ")
    assert _check(engine, report.rewrite, message).findings == ()


def test_a_glad_reply_to_praise_is_sent(engine) -> None:  # type: ignore[no-untyped-def]
    message = "The delivery guys were great, so polite, put the sofa exactly where I wanted it."
    for draft in (
        "Lovely to hear, Margaret! I'll pass that on to Tom and Jay.",
        "Ah, thanks a million - that's really kind.",
    ):
        report = _check(engine, draft, message)
        assert report.verdict == "send", report.findings
    # A boast is still a boast, whoever it answers.
    boast = _check(
        engine,
        "Thanks! We're the best-rated removals firm in the county, voted number one three years running.",
        message,
    )
    assert "self_promotion" in {f.kind for f in boast.findings}


@pytest.mark.parametrize(
    "draft",
    [
        "That's right, as I said, you're all set. The refund is on its way and there's nothing else to do.",
        "Right, as I said, nothing gets deleted. Projects over the limit become read-only.",
    ],
)
def test_as_i_said_to_a_customer_checking_back_is_an_answer(engine, draft: str) -> None:  # type: ignore[no-untyped-def]
    report = _check(engine, draft, "Ok so just to confirm I don't need to do anything else?")
    assert "irritated" not in {f.kind for f in report.findings}


def test_as_i_said_with_already_is_impatient_even_to_a_customer_checking_back(engine) -> None:  # type: ignore[no-untyped-def]
    report = _check(
        engine,
        "As I already said in my last email, you don't need to do anything else.",
        "Ok so just to confirm I don't need to do anything else?",
    )
    assert "irritated" in {f.kind for f in report.findings}


def _rules_only(draft: str, message: str) -> ToneReport:
    """The guard's rules alone, with no tone model."""
    return check_reply(draft, message, model=lambda text, spans, message: [], politeness=lambda t: 0.5)


def test_owning_the_fault_is_neither_blame_nor_defence() -> None:
    message = "I was quoted £420 for brake discs and then charged £510. Nobody phoned me about the extra."
    owned = _rules_only(
        "You're right to be annoyed. The extra £90 did need doing, but you should have been asked first, "
        "which is our fault. I've refunded the £90.",
        message,
    )
    assert not {"blame", "defensive"} & {f.kind for f in owned.findings}, owned.findings
    deflected = _rules_only("That isn't our fault. The garage sets the price.", message)
    assert "defensive" in {f.kind for f in deflected.findings}
    blamed = _rules_only("You should have read the quote before you signed it.", message)
    assert "blame" in {f.kind for f in blamed.findings}


def test_you_should_have_as_an_instruction_is_not_blame(engine) -> None:  # type: ignore[no-untyped-def]
    report = _check(
        engine,
        "Yes - you should have nothing but water for 10-12 hours beforehand.",
        "Do I need to fast before my blood test tomorrow?",
    )
    assert report.verdict == "send", report.findings


def test_a_yes_after_the_greeting_answers_the_question(engine) -> None:  # type: ignore[no-untyped-def]
    from humanly.engine.tone_coverage import plainly_answered
    from humanly.engine.types import Ask

    ask = Ask(text="is my prescription for sertraline sent yet?", start=4, end=47, kind="question")
    assert plainly_answered(ask, "Hi Dana, yes, PX-20931 left our pharmacy this morning.")
    assert not plainly_answered(ask, "Hi Dana, PX-20931 left our pharmacy this morning.")
    report = _check(
        engine,
        "Hi Dana, yes, PX-20931 was dispatched this morning by Royal Mail Tracked 24, so it should reach you "
        "tomorrow.",
        "hi, is my prescription for sertraline sent yet? order PX-20931",
    )
    assert report.verdict == "send", (report.findings, report.missing)


def test_nothing_to_worry_about_answers_is_that_a_problem() -> None:
    draft = "LWD means 'lift with dolly' - nothing to worry about, the crew bring a trolley."
    asked = _rules_only(draft, "What does 'LWD' mean on my booking? Is that a problem?")
    assert "dismissive" not in {f.kind for f in asked.findings}
    assert "unanswered_ask" not in {m.kind for m in asked.missing}
    told = _rules_only(draft, "The crew scratched my floor with their trolley.")
    assert "dismissive" in {f.kind for f in told.findings}


def test_conceding_the_point_is_not_sarcasm() -> None:
    from humanly.engine.tone_model import Flag

    message = (
        "Oh great, another 'we're experiencing high demand' email. Love that for me. Where are my lenses?"
    )
    draft = "{opening}, that email didn't tell you anything useful. Your lenses arrive tomorrow by 1pm."

    def model(text, spans, message):  # type: ignore[no-untyped-def]
        start, end = spans[0]
        return [Flag(start, end, 0.9, "sarcastic")]

    for opening, sarcastic in (("Fair enough", False), ("Oh wow", True)):
        report = check_reply(draft.format(opening=opening), message, model=model, politeness=lambda t: 0.5)
        assert ("sarcastic" in {f.kind for f in report.findings}) is sarcastic, opening


def test_validating_the_customer_is_never_a_model_finding() -> None:
    from humanly.engine.tone_model import Flag

    def model(text, spans, message):  # type: ignore[no-untyped-def]
        start, end = spans[0]
        return [Flag(start, end, 0.9, "condescending")]

    message = "Im not sure if I need to re-register for the autumn? sorry if stupid question"
    for opening, flagged in (
        ("Not a stupid question at all - lots of people ask.", False),
        ("Totally normal to wonder - here's how it works.", False),
        ("Lots of people ask, it's on the website.", True),
    ):
        report = check_reply(
            f"{opening} Re-registration is automatic.", message, model=model, politeness=lambda t: 0.5
        )
        assert ("condescending" in {f.kind for f in report.findings}) is flagged, opening


def test_what_the_customer_received_from_us_is_not_our_fault() -> None:
    report = _rules_only(
        "Thank you, Bernie! I'll pass this on to the team.",
        "Thank you for the lovely card you sent after the move. Little touches like that matter.",
    )
    assert "no_apology" not in {m.kind for m in report.missing}
    wrong = _rules_only("Here is the return label.", "You sent me the wrong size and I need it for Friday.")
    assert "no_apology" in {m.kind for m in wrong.missing}


def test_a_third_party_way_round_a_refusal_is_an_alternative_and_a_file_handed_over_a_next_step() -> None:
    refusal = _rules_only(
        "I can't share or reset someone else's login. What works: your workspace admin can transfer the file "
        "to you in Admin > Files.",
        "Can you just give me the password for my coworker's account? I need a file.",
    )
    assert "no_alternative" not in {m.kind for m in refusal.missing}
    handed = _rules_only(
        "Attached: usage_by_project.csv. Columns are project, calls and cost. Shout if you want it by team.",
        "can you send me last month's usage broken down by project? csv is fine",
    )
    assert "no_next_step" not in {m.kind for m in handed.missing}


def test_a_reply_that_mocks_or_snaps_is_named_for_that_not_also_called_cold() -> None:
    """Sarcasm, talking down and impatience are what such a reply is; calling its plain last sentence
    cold as well would nag. The missing acknowledgement is still reported, and a reply that only
    fails to acknowledge, or only argues, is still cold."""
    from humanly.engine.tone_model import Flag

    message = "WHY was I banned??? I didn't do anything!!!"
    draft = (
        "Sending 300 identical messages in one evening is quite the hobby. Your account breached rule 4. "
        "The ban stays for 7 days."
    )

    def reading(kind: str) -> Callable[[str, Sequence[tuple[int, int]], str | None], list[Flag]]:
        return lambda text, spans, message: [Flag(s, e, 0.99, kind) for s, e in spans[:1]]

    for kind in ("sarcastic", "condescending", "irritated"):
        report = check_reply(draft, message, model=reading(kind), politeness=lambda t: 0.5)
        kinds = {f.kind for f in report.findings}
        assert kind in kinds, report.findings
        assert "cold" not in kinds, report.findings
        assert "no_acknowledgement" in {m.kind for m in report.missing}
        assert report.verdict == "revise"
    defended = check_reply(draft, message, model=reading("defensive"), politeness=lambda t: 0.5)
    assert {"defensive", "cold"} <= {f.kind for f in defended.findings}, defended.findings
    notice = _rules_only("Your account was suspended for spam. The ban stays for 7 days.", message)
    assert "cold" in {f.kind for f in notice.findings}, notice.findings


def test_every_second_reading_labels_each_reply_of_its_file_with_exact_quotes() -> None:
    """benchmarks/data/second_reading holds blind second labels of replies_extra files: one line per
    reply, known kinds, quotes found verbatim in the reply, revise exactly when there are issues."""
    from typing import get_args

    from humanly.engine.types import FindingKind

    kinds = set(get_args(FindingKind))
    data = Path(__file__).resolve().parents[2] / "benchmarks" / "data"
    readings = sorted((data / "second_reading").glob("replies_extra*.jsonl"))
    assert readings
    for path in readings:
        replies = {
            r["id"]: r["reply"]
            for r in map(json.loads, (data / path.name).read_text(encoding="utf-8").splitlines())
        }
        lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        assert sorted(line["id"] for line in lines) == sorted(replies), path.name
        for line in lines:
            assert line["verdict"] == ("revise" if line["issues"] else "send"), line["id"]
            for issue in line["issues"]:
                assert issue["kind"] in kinds, line["id"]
                assert issue["quote"], line["id"]
                assert issue["quote"] in replies[line["id"]], line["id"]


def test_a_plain_notice_to_someone_in_plain_trouble_is_cold() -> None:
    """Many people in trouble say so without a word of feeling. The warmth reading decides whether a
    reply that recognises nothing reads cold to them; the rules alone wait for a clearly upset word,
    and a reply that recognises their trouble is never cold."""
    message = "Our boiler has been broken for 9 days and we have a toddler at home."
    draft = "An engineer visit has been booked for Thursday. The engineer will arrive between 8am and 1pm."

    def none(text: str, spans: Sequence[tuple[int, int]], m: str | None) -> list[object]:
        return []

    plain = check_reply(draft, message, model=none, politeness=lambda t: 0.5)
    assert "cold" not in {f.kind for f in plain.findings}, plain.findings
    read = check_reply(draft, message, model=none, politeness=lambda t: 0.5, warmth=lambda c: True)
    cold = [f for f in read.findings if f.kind == "cold"]
    assert [(f.start, f.end) for f in cold] == [(0, len(draft))]
    assert read.verdict == "revise"
    # The acknowledgement the rewrite opens with is one the guard accepts, and every fact stays.
    again = check_reply(
        read.rewrite or "", message, model=none, politeness=lambda t: 0.5, warmth=lambda c: True
    )
    assert again.findings == (), again.findings
    # Trouble told plainly is met as distress is, not with a bare "sorry about this".
    assert (read.rewrite or "").startswith("I'm so sorry; I can see how hard this is. An engineer visit")
    assert "Thursday" in (read.rewrite or "")
    assert "8am and 1pm" in (read.rewrite or "")
    warm = "I'm sorry, nine days without heating with a little one is hard. " + draft
    kept = check_reply(warm, message, model=none, politeness=lambda t: 0.5, warmth=lambda c: True)
    assert "cold" not in {f.kind for f in kept.findings}, kept.findings
    # The reading can also say a clearly upset customer does not need it: then the notice is plain.
    scared = "I'm terrified, the boiler is leaking gas!"
    calm = check_reply(draft, scared, model=none, politeness=lambda t: 0.5, warmth=lambda c: False)
    assert "cold" not in {f.kind for f in calm.findings}, calm.findings


def test_the_bundled_warmth_reading_tells_trouble_from_a_calm_question(engine) -> None:  # type: ignore[no-untyped-def]
    from humanly.engine.tone_customer import read_customer
    from humanly.engine.tone_warmth import Warmth

    warmth = engine._warmth
    assert isinstance(warmth, Warmth)
    stuck = read_customer(
        "I've been locked out of my house for three hours with my kids in the car and nobody answers.", None
    )
    asking = read_customer("What time do you open on Sunday?", None)
    assert stuck is not None
    assert asking is not None
    assert warmth.probability(stuck.text) > warmth.probability(asking.text)
    assert warmth(stuck)
    assert not warmth(asking)
    report = engine.check_reply(
        "A locksmith has been booked. The locksmith will arrive at 4:30pm.", stuck.text
    )
    assert "cold" in {f.kind for f in report.findings}, report.findings
    answered = engine.check_reply("We open from 10am to 4pm on Sundays.", asking.text)
    assert answered.verdict == "send", answered.findings


def _answers(chances: Sequence[float]) -> Answers:
    """The answer reading with fixed per-sentence chances, in place of the bundled models."""

    class Fixed(Answers):
        def __init__(self) -> None:
            self.pick_at, self.doubt_below = 0.4, 0.1

        def probabilities(self, draft: str, body: Sequence[tuple[int, int]], customer: object) -> list[float]:
            return list(chances[: len(body)])

    return Fixed()


def _no_flags(text: str, spans: Sequence[tuple[int, int]], m: str | None) -> list[object]:
    return []


def test_the_answer_reading_names_the_sentence_standing_in_for_an_answer() -> None:
    """The coverage rules give an ask the benefit of the doubt; the answer reading names the sentence
    that says something instead of answering, asks the agent for the answer, and keeps the rest."""
    message = "Can I change the quantity on my order from 100 to 150?"
    draft = "Thanks for getting in touch. Our print team reviews every order before it goes to press."
    rules = check_reply(draft, message, model=_no_flags, politeness=lambda t: 0.5)
    assert rules.verdict == "send", rules.findings
    read = check_reply(
        draft, message, model=_no_flags, politeness=lambda t: 0.5, answers=_answers([0.05, 0.7])
    )
    assert [(f.kind, draft[f.start : f.end]) for f in read.findings] == [
        ("unanswered", "Our print team reviews every order before it goes to press.")
    ]
    assert read.findings[0].suggestion == f"[Answer here: {message}]"
    assert [(m.kind, m.ask.text if m.ask else None) for m in read.missing] == [("unanswered_ask", message)]
    assert read.verdict == "revise"
    assert read.rewrite == f"Thanks for getting in touch. [Answer here: {message}]"
    # The marked place is the agent's to fill: the rewrite passes.
    again = check_reply(
        read.rewrite or "", message, model=_no_flags, politeness=lambda t: 0.5, answers=_answers([0.05, 0.9])
    )
    assert again.findings == (), again.findings
    # Under ``pick_at`` nothing is named, and a customer who asked nothing is never read for it.
    unsure = check_reply(
        draft, message, model=_no_flags, politeness=lambda t: 0.5, answers=_answers([0.05, 0.3])
    )
    assert unsure.verdict == "send", unsure.findings
    told = "Thanks for the order, it looks great."
    quiet = check_reply(draft, told, model=_no_flags, politeness=lambda t: 0.5, answers=_answers([0.9, 0.9]))
    assert "unanswered" not in {f.kind for f in quiet.findings}, quiet.findings


def test_a_stand_in_the_answer_reading_doubts_goes_and_the_ask_stays_missing() -> None:
    message = "Can I change the quantity on my order from 100 to 150?"
    draft = (
        "Thanks for your order! Our print team works hard to get every order out quickly. "
        "Let us know if there's anything else we can help with."
    )
    rules = check_reply(draft, message, model=_no_flags, politeness=lambda t: 0.5)
    assert [f.kind for f in rules.findings] == ["unanswered"]
    doubted = check_reply(
        draft, message, model=_no_flags, politeness=lambda t: 0.5, answers=_answers([0.2, 0.6, 0.05])
    )
    # The sentence it doubts goes, and the likeliest one is named in its place.
    assert [(f.kind, draft[f.start : f.end]) for f in doubted.findings] == [
        ("unanswered", "Our print team works hard to get every order out quickly.")
    ]
    assert [m.kind for m in doubted.missing] == ["unanswered_ask"]
    unsure = check_reply(
        draft, message, model=_no_flags, politeness=lambda t: 0.5, answers=_answers([0.05, 0.05, 0.05])
    )
    assert unsure.findings == ()
    assert [m.kind for m in unsure.missing] == ["unanswered_ask"]
    assert unsure.verdict == "revise"


def test_the_bundled_answer_reading_hears_a_kind_sentence_that_answers_nothing(engine) -> None:  # type: ignore[no-untyped-def]
    message = (
        "My elderly neighbour's water has been off 2 days. Is there a delivery for vulnerable people? "
        "What do I need to do to request it?"
    )
    draft = (
        "Dear Mr Odell,\n\nThank you so much for looking out for your neighbour. Her water will be back on by "
        "tonight. We're here to help whenever you need us.\n\nWarm regards,\nHannah"
    )
    assert isinstance(engine._answers, Answers)
    report = engine.check_reply(draft, message)
    named = [draft[f.start : f.end] for f in report.findings if f.kind == "unanswered"]
    assert named == ["We're here to help whenever you need us."], report.findings
    assert "tonight" in (report.rewrite or "")
    answered = engine.check_reply("We open from 10am to 4pm on Sundays.", "What time do you open on Sunday?")
    assert answered.verdict == "send", answered.findings


def test_the_answer_reading_refuses_weights_written_for_other_features(tmp_path: Path) -> None:
    import shutil

    from humanly.engine.analyzer import MODELS

    for name in ("tone_unanswered.json", "tone_unanswered_reply.npz", "tone_unanswered_sentence.npz"):
        shutil.copy(MODELS / name, tmp_path / name)
    assert Answers(tmp_path).pick_at == 0.4
    meta = json.loads((tmp_path / "tone_unanswered.json").read_text(encoding="utf-8"))
    meta["features"] = meta["features"][:-1]
    (tmp_path / "tone_unanswered.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ValueError, match="retrain"):
        Answers(tmp_path)
