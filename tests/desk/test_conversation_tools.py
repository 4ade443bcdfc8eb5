"""Merge and split in the pages, collision notices, the customer page's notes and merge, and the
Content-Security-Policy every page carries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from humanly.conversations.actions import do_receive, do_reply
from humanly.conversations.models import Conversation, Message, Presence
from humanly.people.models import Agent, Customer, Team

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-password-1"


@pytest.fixture
def desk() -> dict[str, object]:
    support, sales = (
        Team.objects.create(name="Support", slug="support"),
        Team.objects.create(name="Sales", slug="sales"),
    )
    jordan = Agent.objects.create_user("jordan", password=PASSWORD, first_name="Jordan")
    sam = Agent.objects.create_user("sam", password=PASSWORD, first_name="Sam")
    for agent in (jordan, sam):
        agent.teams.add(support)
    first = do_receive(
        support, identity=("email", "ana@example.com"), name="Ana", text="My order is late.", subject="Order"
    )
    again = do_receive(
        support, identity=("email", "ana@example.com"), text="Also, the invoice is wrong.", subject="Invoice"
    )
    elsewhere = do_receive(sales, identity=("email", "ana@example.com"), text="Prices?", subject="Prices")
    clients = {}
    for agent in (jordan, sam):
        clients[agent.username] = Client()
        clients[agent.username].force_login(agent)
    return {
        "first": first,
        "again": again,
        "elsewhere": elsewhere,
        "agent": jordan,
        "teammate": sam,
        **clients,
    }


def test_merging_moves_the_messages_and_old_links_follow(desk) -> None:  # type: ignore[no-untyped-def]
    client = desk["jordan"]
    keep, other = desk["first"].conversation_id, desk["again"].conversation_id
    page = client.get(f"/conversations/{other}").content.decode()
    assert f'<option value="{keep}">' in page  # the customer's other conversation in the team
    assert f'value="{desk["elsewhere"].conversation_id}"' not in page  # another team's is never offered
    response = client.post(f"/conversations/{other}/merge", {"into": str(keep)})
    assert response["Location"] == f"/conversations/{keep}"
    assert Message.objects.filter(conversation_id=keep).count() == 2
    assert client.get(f"/conversations/{other}")["Location"] == f"/conversations/{keep}"
    assert client.post(f"/conversations/{keep}/merge", {"into": str(keep)}).status_code == 200
    assert (
        client.post(
            f"/conversations/{keep}/merge", {"into": str(desk["elsewhere"].conversation_id)}
        ).status_code
        == 404
    )


def test_splitting_starts_a_new_conversation_from_a_message(desk) -> None:  # type: ignore[no-untyped-def]
    client, conversation = desk["jordan"], desk["first"].conversation
    reply = do_reply(desk["agent"], conversation, "Sorry, it ships today.")
    later = do_receive(
        conversation.team, identity=("email", "ana@example.com"), text="New question: gift cards?",
        conversation=conversation,
    )  # fmt: skip
    page = client.get(f"/conversations/{conversation.pk}").content.decode()
    assert page.count("Split from here") == 2  # never on the first message
    response = client.post(f"/conversations/{conversation.pk}/split", {"message": str(later.pk)})
    new = Conversation.objects.get(pk=int(response["Location"].rsplit("/", 1)[1]))
    assert list(new.messages.values_list("pk", flat=True)) == [later.pk]
    assert list(conversation.messages.values_list("pk", flat=True)) == [desk["first"].pk, reply.pk]
    stranger = desk["elsewhere"].pk
    assert (
        "not in this conversation"
        in client.post(f"/conversations/{conversation.pk}/split", {"message": str(stranger)}).content.decode()
    )


def test_each_agent_sees_who_else_is_viewing_or_typing(desk) -> None:  # type: ignore[no-untyped-def]
    conversation_id = desk["first"].conversation_id
    url = f"/conversations/{conversation_id}/presence"
    assert "is viewing" not in desk["jordan"].get(f"/conversations/{conversation_id}").content.decode()
    desk["sam"].get(f"/conversations/{conversation_id}")
    assert "<strong>Sam</strong> is viewing this conversation" in desk["jordan"].post(url).content.decode()
    desk["sam"].post(url, {"typing": "1"})
    assert "<strong>Sam</strong> is typing a reply" in desk["jordan"].post(url).content.decode()
    Presence.objects.filter(agent=desk["teammate"]).update(
        seen=timezone.now() - timedelta(minutes=2), typing_until=timezone.now() - timedelta(minutes=2)
    )
    assert "Sam" not in desk["jordan"].post(url).content.decode()  # they left
    assert (
        desk["jordan"].post(f"/conversations/{desk['elsewhere'].conversation_id}/presence").status_code == 404
    )


def test_a_reply_written_while_someone_else_answered_is_held_and_kept(desk) -> None:  # type: ignore[no-untyped-def]
    conversation = desk["first"].conversation
    last = str(desk["first"].pk)
    do_reply(desk["teammate"], conversation, "Sam here: it ships today.")
    url = f"/conversations/{conversation.pk}"
    notice = desk["jordan"].post(f"{url}/presence", {"last": last}).content.decode()
    assert "1 new message since you opened this page" in notice
    held = desk["jordan"].post(f"{url}/reply", {"text": "Jordan's answer", "kind": "reply", "last": last})
    page = held.content.decode()
    assert held.status_code == 200
    assert "Sam replied" in page
    assert ">Jordan&#x27;s answer</textarea>" in page
    assert not Message.objects.filter(text="Jordan's answer").exists()
    newest = str(conversation.messages.last().pk)
    sent = desk["jordan"].post(f"{url}/reply", {"text": "Jordan's answer", "kind": "reply", "last": newest})
    assert sent.status_code == 302
    assert Message.objects.filter(text="Jordan's answer").exists()
    note = desk["jordan"].post(f"{url}/reply", {"text": "a note", "kind": "note", "last": last})
    assert note.status_code == 302  # notes never wait


def test_the_customer_page_edits_notes_and_preferences_and_merges_profiles(desk) -> None:  # type: ignore[no-untyped-def]
    client, team = desk["jordan"], Team.objects.get(slug="support")
    ana = desk["first"].conversation.customer
    twin = do_receive(
        team,
        identity=("email", "a.silva@work.example"),
        name="A. Silva",
        text="Hi, Ana again",
        subject="From my work address",
    )
    client.post(
        f"/customers/{ana.pk}",
        {"name": "Ana Silva", "notes": "Prefers mornings.", "preferences": "call me Ana\n\nformal\nformal"},
    )
    ana.refresh_from_db()
    assert (ana.name, ana.notes, ana.preferences) == (
        "Ana Silva",
        "Prefers mornings.",
        ["call me Ana", "formal"],
    )
    found = client.get(f"/customers/{ana.pk}?same=work.example").content.decode()
    assert "A. Silva" in found
    assert "a.silva@work.example" in found
    client.post(f"/customers/{ana.pk}/merge", {"other": str(twin.conversation.customer_id)})
    assert set(ana.identities.values_list("value", flat=True)) == {"ana@example.com", "a.silva@work.example"}
    assert Customer.objects.get(pk=twin.conversation.customer_id).merged_into == ana
    assert "Hi, Ana again" not in client.get(f"/customers/{ana.pk}").content.decode()  # subjects only
    assert "From my work address" in client.get(f"/customers/{ana.pk}").content.decode()
    old_link = client.get(f"/customers/{twin.conversation.customer_id}")
    assert (old_link.status_code, old_link["Location"]) == (
        302,
        f"/customers/{ana.pk}",
    )  # leads to the kept one
    sales_only = do_receive(Team.objects.get(slug="sales"), identity=("email", "zed@example.com"), text="Hi")
    assert (
        client.post(
            f"/customers/{ana.pk}/merge", {"other": str(sales_only.conversation.customer_id)}
        ).status_code
        == 404
    )


def test_every_page_forbids_scripts_from_elsewhere(desk) -> None:  # type: ignore[no-untyped-def]
    for url in ("/", f"/conversations/{desk['first'].conversation_id}", "/signin", "/account"):
        policy = desk["jordan"].get(url)["Content-Security-Policy"]
        assert "script-src 'self'" in policy
        assert "frame-ancestors 'none'" in policy


def test_a_reply_carries_files_or_nothing_is_sent(desk, settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = str(tmp_path)
    client, conversation_id = desk["jordan"], desk["first"].conversation_id
    url = f"/conversations/{conversation_id}"
    receipt = SimpleUploadedFile("receipt 5521.pdf", b"%PDF-1.4 receipt", content_type="application/pdf")
    hostile = SimpleUploadedFile(
        "../../<b>notes</b>.html", b"<script>alert(1)</script>", content_type="text/html"
    )
    sent = client.post(
        f"{url}/reply", {"text": "Here is your receipt.", "kind": "reply", "files": [receipt, hostile]}
    )
    assert sent.status_code == 302
    message = Message.objects.get(text="Here is your receipt.")
    files = {a.filename: a for a in message.attachments.all()}
    assert len(files) == 2
    assert "receipt 5521.pdf" in files
    assert all("/" not in name and "<" not in name for name in files)
    page = client.get(url).content.decode()
    for attachment in files.values():
        assert f'href="/attachments/{attachment.pk}"' in page
        download = client.get(f"/attachments/{attachment.pk}")
        assert b"".join(download.streaming_content) == attachment.file.open("rb").read()
        attachment.file.close()
        assert download["Content-Disposition"].startswith("attachment")
        assert download["Content-Security-Policy"] == "sandbox"
    html = next(a for a in files.values() if a.filename.endswith(".html"))
    assert html.content_type == "application/octet-stream"  # never served as a page
    empty = SimpleUploadedFile("empty.txt", b"", content_type="text/plain")
    refused = client.post(f"{url}/reply", {"text": "Second try", "kind": "reply", "files": [receipt, empty]})
    assert "Nothing was sent" in refused.content.decode()
    assert ">Second try</textarea>" in refused.content.decode()
    assert not Message.objects.filter(text="Second try").exists()
    outsider = Client()
    outsider.force_login(Agent.objects.create_user("cy", password=PASSWORD))
    assert outsider.get(f"/attachments/{html.pk}").status_code == 404
