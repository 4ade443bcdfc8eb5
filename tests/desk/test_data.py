"""The desk's data: customers, conversations and messages, who may see them, and the audit log."""

from __future__ import annotations

import pytest
from django.http import Http404

from humanly.conversations.access import access_conversation, access_message, visible_conversations
from humanly.conversations.actions import (
    do_assign,
    do_merge,
    do_receive,
    do_reply,
    do_set_status,
    do_split,
    do_tag,
    sanitise,
)
from humanly.conversations.models import Conversation, Message
from humanly.desk.models import AuditEvent
from humanly.people.access import access_customer, visible_customers
from humanly.people.actions import do_merge_customers
from humanly.people.models import Agent, Customer, Identity, Team

pytestmark = pytest.mark.django_db


@pytest.fixture
def teams() -> tuple[Team, Team]:
    return Team.objects.create(name="Support", slug="support"), Team.objects.create(
        name="Sales", slug="sales"
    )


@pytest.fixture
def agents(teams: tuple[Team, Team]) -> dict[str, Agent]:
    support, sales = teams
    jordan = Agent.objects.create_user("jordan", password="a-long-password-1")
    jordan.teams.add(support)
    casey = Agent.objects.create_user("casey", password="a-long-password-2")
    casey.teams.add(sales)
    admin = Agent.objects.create_user("alex", password="a-long-password-3", role=Agent.Role.ADMIN)
    return {"jordan": jordan, "casey": casey, "admin": admin}


def _receive(team: Team, email: str = "Ana@Example.com", text: str = "Where is my order?", **kw) -> Message:  # type: ignore[no-untyped-def]
    return do_receive(team, identity=("email", email), text=text, name="Ana Silva", subject="Order", **kw)


def test_a_message_arrives_with_its_customer_and_conversation(teams) -> None:  # type: ignore[no-untyped-def]
    message = _receive(teams[0])
    conversation = message.conversation
    assert conversation.customer.name == "Ana Silva"
    assert conversation.status == "open"
    assert conversation.last_inbound is not None
    assert Identity.objects.get().value == "ana@example.com"
    again = _receive(teams[0], email="ana@example.com", text="Any news?")
    assert again.conversation.customer == conversation.customer
    assert Customer.objects.count() == 1
    assert AuditEvent.objects.filter(action="message.received").count() == 2


@pytest.mark.parametrize(
    ("html", "gone", "kept"),
    [
        ('<p onclick="steal()">Hi<script>alert(1)</script></p>', ["script", "onclick", "alert"], "<p>Hi</p>"),
        ('<a href="javascript:alert(1)">x</a>', ["javascript"], ">x</a>"),
        ('<img src=x onerror="alert(1)"><b>bold</b>', ["onerror", "<img"], "<b>bold</b>"),
        ('<iframe src="https://evil.example"></iframe><style>*{}</style>ok', ["iframe", "style"], "ok"),
        ('<a href="https://example.com">site</a>', [], 'rel="noopener noreferrer nofollow"'),
    ],
)
def test_html_from_outside_is_sanitised_before_it_is_stored(
    teams, html: str, gone: list[str], kept: str
) -> None:  # type: ignore[no-untyped-def]
    stored = _receive(teams[0], html=html).html
    assert stored == sanitise(html)
    for bad in gone:
        assert bad not in stored
    assert kept in stored


def test_an_agent_sees_only_their_teams_and_not_found_hides_the_rest(teams, agents) -> None:  # type: ignore[no-untyped-def]
    support, sales = teams
    mine = _receive(support).conversation
    theirs = _receive(sales, email="bo@example.com").conversation
    jordan = agents["jordan"]
    assert list(visible_conversations(jordan)) == [mine]
    assert access_conversation(jordan, mine.pk) == mine
    for missing in (theirs.pk, 999_999, "not-a-number"):
        with pytest.raises(Http404):
            access_conversation(jordan, missing)  # type: ignore[arg-type]
    with pytest.raises(Http404):
        access_message(jordan, theirs.messages.get().pk)
    with pytest.raises(Http404):
        access_customer(jordan, theirs.customer.pk)
    assert access_customer(jordan, mine.customer.pk) == mine.customer
    assert set(visible_conversations(agents["admin"])) == {mine, theirs}
    jordan.is_active = False
    assert not visible_conversations(jordan).exists()
    assert not visible_customers(jordan).exists()


def test_replies_notes_status_tags_and_assignment_are_audited(teams, agents) -> None:  # type: ignore[no-untyped-def]
    conversation = _receive(teams[0]).conversation
    jordan = agents["jordan"]
    do_reply(jordan, conversation, "It ships today.")
    conversation.refresh_from_db()
    assert conversation.status == "waiting"
    do_reply(jordan, conversation, "Customer is anxious, be gentle.", note=True)
    assert [m.kind for m in conversation.messages.all()] == ["inbound", "reply", "note"]
    do_tag(jordan, conversation, ["Shipping", " shipping ", "vip"])
    assert conversation.tags == ["shipping", "vip"]
    do_assign(jordan, conversation, jordan)
    with pytest.raises(ValueError, match="not in this conversation's team"):
        do_assign(jordan, conversation, agents["casey"])
    do_set_status(jordan, conversation, "resolved")
    with pytest.raises(ValueError, match="unknown status"):
        do_set_status(jordan, conversation, "deleted")
    with pytest.raises(ValueError, match="needs some text"):
        do_reply(jordan, conversation, "   ")
    actions = set(AuditEvent.objects.filter(actor=jordan).values_list("action", flat=True))
    assert actions == {
        "message.reply",
        "message.note",
        "conversation.tagged",
        "conversation.assigned",
        "conversation.status",
    }


def test_a_new_message_reopens_a_resolved_conversation(teams, agents) -> None:  # type: ignore[no-untyped-def]
    conversation = _receive(teams[0]).conversation
    do_set_status(agents["jordan"], conversation, "resolved")
    _receive(teams[0], text="Actually, one more thing", conversation=conversation)
    conversation.refresh_from_db()
    assert conversation.status == "open"


def test_two_customers_merge_without_losing_anything(teams, agents) -> None:  # type: ignore[no-untyped-def]
    first = _receive(teams[0]).conversation.customer
    second = _receive(teams[1], email="ana.silva@work.example").conversation.customer
    first.notes, second.notes = "Prefers email.", "VIP since 2021."
    first.preferences, second.preferences = ["Call me Ana"], ["formal", "Call me Ana"]
    first.save()
    second.save()
    kept = do_merge_customers(agents["admin"], first, second)
    assert set(kept.identities.values_list("value", flat=True)) == {
        "ana@example.com",
        "ana.silva@work.example",
    }
    assert kept.conversations.count() == 2
    assert set(kept.teams.all()) == set(teams)
    assert kept.notes == "Prefers email.\n\nVIP since 2021."
    assert kept.preferences == ["Call me Ana", "formal"]
    second.refresh_from_db()
    assert second.merged_into == kept
    assert list(visible_customers(agents["admin"])) == [kept]
    assert _receive(teams[0], email="ana.silva@work.example").conversation.customer == kept
    with pytest.raises(ValueError, match="itself"):
        do_merge_customers(None, kept, kept)


def test_conversations_merge_and_split(teams, agents) -> None:  # type: ignore[no-untyped-def]
    jordan = agents["jordan"]
    one = _receive(teams[0], text="First").conversation
    two = _receive(teams[0], text="Second").conversation
    do_tag(jordan, two, ["refund"])
    kept = do_merge(jordan, one, two)
    assert [m.text for m in kept.messages.all()] == ["First", "Second"]
    assert kept.tags == ["refund"]
    two.refresh_from_db()
    assert two.merged_into == kept
    assert two not in visible_conversations(jordan)
    third = do_reply(jordan, kept, "Replying to both")
    new = do_split(jordan, kept, kept.messages.get(text="Second"))
    assert [m.text for m in new.messages.all()] == ["Second", "Replying to both"]
    assert [m.text for m in kept.messages.all()] == ["First"]
    with pytest.raises(ValueError, match="empty"):
        do_split(jordan, kept, kept.messages.get())
    with pytest.raises(ValueError, match="not in this conversation"):
        do_split(jordan, kept, third)
    other_team = _receive(teams[1], text="Elsewhere").conversation
    with pytest.raises(ValueError, match="same team"):
        do_merge(jordan, kept, other_team)
    someone_else = _receive(teams[0], email="bo@example.com", text="Mine").conversation
    with pytest.raises(ValueError, match="two different customers"):
        do_merge(jordan, kept, someone_else)
    assert someone_else.messages.get().conversation_id == someone_else.pk  # nothing moved
    assert Conversation.objects.count() == 5
