"""The copilot in the conversation page: the reading with its asks marked in place, a draft in the reply
box, the tone guard as the agent types, a pause before a heated reply, the playbook, handing to a lead."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from humanly.conversations.actions import do_receive
from humanly.conversations.models import Message
from humanly.knowledge.models import Article
from humanly.people.models import Agent, Team

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-password-1"
LETTER = (
    "Hi, I paid for the Photography Basics course two weeks ago and I still can't log in. "
    "I've emailed twice already!! Can you fix my access today?"
)


@pytest.fixture
def desk(django_capture_on_commit_callbacks) -> dict[str, object]:  # type: ignore[no-untyped-def]
    team = Team.objects.create(name="Support", slug="support")
    agent = Agent.objects.create_user("jordan", password=PASSWORD, first_name="Jordan")
    agent.teams.add(team)
    Article.objects.create(
        team=team,
        slug="course-access",
        title="Fixing access to your course",
        body=(
            "## Can you fix my access?\n\nYes. If you can't log in to a course you paid for, we restore your "
            "access the same day: reset your password from the sign-in page and the link arrives within 5 minutes."
        ),
    )
    with django_capture_on_commit_callbacks(execute=True):
        message = do_receive(
            team, identity=("email", "ana@example.com"), name="Ana", text=LETTER, subject="Access"
        )
    client = Client()
    client.force_login(agent)
    return {
        "team": team,
        "agent": agent,
        "client": client,
        "message": message,
        "url": f"/conversations/{message.conversation_id}",
    }


def test_the_reading_links_each_ask_to_its_place_in_the_message(desk) -> None:  # type: ignore[no-untyped-def]
    page = desk["client"].get(desk["url"]).content.decode()
    assert '<a href="#ask-0" class="ask-link">Can you fix my access today?</a>' in page
    assert '<mark class="ask" id="ask-0">Can you fix my access today?</mark>' in page
    assert "repeat contact" in page


def test_a_long_letter_shows_its_gist_first(desk, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    story = " ".join(["My mother signed up for your course last spring and loved every lesson."] * 20)
    with django_capture_on_commit_callbacks(execute=True):
        long = do_receive(
            desk["team"], identity=("email", "ana@example.com"), text=story + " Can I move her place to me?",
            conversation=desk["message"].conversation,
        )  # fmt: skip
    page = desk["client"].get(desk["url"]).content.decode()
    long.refresh_from_db()
    assert "In short:</span> " + long.reading["gist"] in page
    assert re.search(r"<summary>Read the whole letter \(\d+ words\)</summary>", page)


def test_draft_a_reply_fills_an_empty_box_and_never_replaces_what_was_typed(desk) -> None:  # type: ignore[no-untyped-def]
    client, url = desk["client"], desk["url"]
    filled = client.post(f"{url}/draft", {"text": ""}).content.decode()
    box = re.search(r'<textarea id="reply-text"[^>]*>(.*?)</textarea>', filled, re.S)
    assert box is not None
    assert "Ana" in box.group(1)
    assert "reset your password" in box.group(1)  # grounded in the team's article
    assert "from <em>Fixing access to your course</em>" in filled  # its source shown
    kept = client.post(f"{url}/draft", {"text": "Hi Ana, I'm on it."}).content.decode()
    assert ">Hi Ana, I&#x27;m on it.</textarea>" in kept
    assert "Replace my text with this draft" in kept
    assert not Message.objects.exclude(kind="inbound").exists()  # nothing is sent by drafting


def test_drafts_sound_like_the_team(desk) -> None:  # type: ignore[no-untyped-def]
    from humanly.copilot.actions import do_save_voice

    admin = Agent.objects.create_user("alex", password=PASSWORD, role=Agent.Role.ADMIN)
    do_save_voice(admin, desk["team"], tone="formal", first_names=False, signature="Sam Okafor\nLumen Studio")
    filled = desk["client"].post(f"{desk['url']}/draft", {"text": ""}).content.decode()
    assert "Sam Okafor\nLumen Studio</textarea>" in filled
    assert ">Dear Ana,\n" in filled  # formal, where the warm default says "Hi Ana,"


def test_the_tone_guard_marks_what_may_land_badly_and_offers_wording(desk) -> None:  # type: ignore[no-untyped-def]
    client, url = desk["client"], desk["url"]
    blaming = "You should have read the instructions before buying."
    tone = client.post(f"{url}/check", {"text": blaming}).content.decode()
    assert "Worth a second look." in tone
    assert '<mark class="finding"' in tone
    assert "<strong>blame</strong>" in tone
    assert 'data-reword=""' in tone  # a finding the guard would simply drop: one click takes it out
    assert "Leave these words out" in tone
    skipping = client.post(f"{url}/check", {"text": "Thank you for reaching out. We value your feedback."})
    assert "○</span> Can you fix my access today?" in skipping.content.decode()  # not answered yet
    good = (
        "Hi Ana, I'm so sorry you've had to write twice. I've reset your access just now: you can log in "
        "with your email address, and I'll check in with you tomorrow to make sure it works."
    )
    calm = client.post(f"{url}/check", {"text": good}).content.decode()
    assert "<strong>blame</strong>" not in calm
    assert "✓</span> Can you fix my access today?" in calm
    # A greeting answers nothing, and a marked place for the answer is still to fill: neither is ticked.
    hello = client.post(f"{url}/check", {"text": "Hi Ana, thanks for getting in touch."}).content.decode()
    assert "○</span> Can you fix my access today?" in hello
    gap = "Hi Ana, thanks for writing. [Answer here: Can you fix my access today?]"
    marked = client.post(f"{url}/check", {"text": gap}).content.decode()
    assert "○</span> Can you fix my access today?" in marked
    assert "still to write in the brackets" in marked
    assert 'class="mirror"' in marked  # the gap is marked where it stands, with no finding needed
    wider = "Hi Ana. [Answer here: I've emailed twice. Can you fix my access today?]"  # the draft's own span
    assert "still to write in the brackets" in client.post(f"{url}/check", {"text": wider}).content.decode()
    assert '<mark class="gap">[Answer here: Can you fix my access today?]</mark>' in marked
    assert 'class="tone' not in client.post(f"{url}/check", {"text": " "}).content.decode()


def test_a_heated_reply_gets_a_pause_and_can_still_be_sent(desk) -> None:  # type: ignore[no-untyped-def]
    client, url = desk["client"], desk["url"]
    heated = "WHAT?! I ALREADY TOLD YOU TWICE!!! Read my emails before writing again, seriously!!!"
    paused = client.post(f"{url}/reply", {"text": heated, "kind": "reply"})
    assert paused.status_code == 200
    pause = paused.content.decode()
    assert "Take a breath." in pause
    # Never a "calmer version" that is only notes in brackets: either words to use, or what to reword.
    offered = pause.split("Use the calmer version")[0].split("A calmer version keeps every fact:")
    assert len(offered) == 1 or "[" not in offered[1].split("</blockquote>")[0]
    assert "Use the calmer version" in pause or "need your own calmer wording" in pause
    assert not Message.objects.filter(kind="reply").exists()
    sent = client.post(f"{url}/reply", {"text": heated, "kind": "reply", "breathed": "1"})
    assert sent.status_code == 302
    assert Message.objects.filter(kind="reply", text=heated).exists()
    calm = client.post(f"{url}/reply", {"text": "Thanks Ana, it's fixed now.", "kind": "reply"})
    assert calm.status_code == 302  # a calm reply never waits


def test_a_reply_with_a_gap_left_in_brackets_is_never_sent(desk) -> None:  # type: ignore[no-untyped-def]
    client, url = desk["client"], desk["url"]
    unfinished = (
        "Hi Ana,\n\n[Answer here: Can you fix my access today?]\n\nI'll come back to you by [say when]."
    )
    tone = client.post(f"{url}/check", {"text": unfinished}).content.decode()
    assert "2 gaps still to fill before this can be sent" in tone
    assert '<mark class="gap">[say when]</mark>' in tone
    refused = client.post(f"{url}/reply", {"text": unfinished, "kind": "reply"}).content.decode()
    assert "Fill what the draft left in brackets before sending" in refused
    assert not Message.objects.filter(kind="reply").exists()
    assert client.post(f"{url}/reply", {"text": unfinished, "kind": "note"}).status_code == 302  # a note may


def test_the_playbook_and_drafts_for_a_stage(desk) -> None:  # type: ignore[no-untyped-def]
    client, url = desk["client"], desk["url"]
    panel = client.get(f"{url}/playbook").content.decode()
    assert "Next reply:" in panel
    assert "Draft a graceful exit" in panel
    exit_draft = client.post(f"{url}/draft", {"text": "", "stage": "graceful_exit"}).content.decode()
    assert "written for: graceful exit" in exit_draft


def test_hand_to_lead_reassigns_with_a_note(desk) -> None:  # type: ignore[no-untyped-def]
    client, url = desk["client"], desk["url"]
    assert (
        "no other admin"
        in client.post(f"{url}/hand-to-lead", {"note": "Needs a refund decision"}).content.decode()
    )
    lead = Agent.objects.create_user("alex", password=PASSWORD, first_name="Alex", role=Agent.Role.ADMIN)
    lead.teams.add(desk["team"])
    assert client.post(f"{url}/hand-to-lead", {"note": "Needs a refund decision"}).status_code == 302
    conversation = desk["message"].conversation
    conversation.refresh_from_db()
    assert conversation.assignee == lead
    note = Message.objects.get(kind="note")
    assert note.text == "Handed to Alex: Needs a refund decision"


def test_copilot_fragments_are_not_found_for_other_teams(desk) -> None:  # type: ignore[no-untyped-def]
    outsider = Client()
    outsider.force_login(Agent.objects.create_user("cy", password=PASSWORD))
    url = desk["url"]
    assert outsider.post(f"{url}/check", {"text": "hi"}).status_code == 404
    assert outsider.post(f"{url}/draft", {"text": ""}).status_code == 404
    assert outsider.get(f"{url}/playbook").status_code == 404
    assert outsider.post(f"{url}/hand-to-lead", {"note": "x"}).status_code == 404
