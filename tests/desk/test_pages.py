"""The desk's pages: sign-in (rate-limited), the inbox sorted by need, a conversation, replies, a customer."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from humanly.conversations.actions import do_receive
from humanly.conversations.models import Conversation
from humanly.people.models import Agent, Team

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-password-1"


@pytest.fixture
def desk() -> dict[str, object]:
    support, sales = (
        Team.objects.create(name="Support", slug="support"),
        Team.objects.create(name="Sales", slug="sales"),
    )
    jordan = Agent.objects.create_user("jordan", password=PASSWORD)
    jordan.teams.add(support)
    calm = do_receive(
        support,
        identity=("email", "bo@example.com"),
        name="Bo",
        text="Could I get an invoice?",
        subject="Invoice",
    )
    upset = do_receive(
        support,
        identity=("email", "ana@example.com"),
        name="Ana Silva",
        text="WHERE IS MY ORDER",
        subject="Order 5521",
    )
    other = do_receive(
        sales, identity=("email", "cy@example.com"), name="Cy", text="Prices?", subject="Prices"
    )
    Conversation.objects.filter(pk=upset.conversation_id).update(
        need=0.8, last_inbound=timezone.now() - timedelta(hours=5)
    )
    upset.reading = {"emotions": {"labels": ["anger"]}, "flags": ["shouting"]}
    upset.save()
    client = Client()
    client.force_login(jordan)
    return {"client": client, "calm": calm, "upset": upset, "other": other, "agent": jordan}


def test_pages_need_a_signed_in_agent(desk) -> None:  # type: ignore[no-untyped-def]
    anonymous = Client()
    for url in (
        "/",
        f"/conversations/{desk['calm'].conversation_id}",
        f"/customers/{desk['calm'].conversation.customer_id}",
    ):
        response = anonymous.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/signin")


def test_signing_in_and_out(desk) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    assert "Sign in" in client.get("/signin").content.decode()
    wrong = client.post("/signin", {"username": "jordan", "password": "nope"})
    assert "didn't match" in wrong.content.decode()
    right = client.post("/signin", {"username": "jordan", "password": PASSWORD})
    assert right.status_code == 302
    assert client.get("/").status_code == 200
    assert client.post("/signout").status_code == 302
    assert client.get("/").status_code == 302


def test_sign_in_attempts_are_limited(desk) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    for _ in range(5):
        client.post("/signin", {"username": "jordan", "password": "wrong"})
    locked = client.post("/signin", {"username": "jordan", "password": PASSWORD})
    assert locked.status_code == 429
    assert "too many sign-in attempts" in locked.content.decode().lower()


def test_the_inbox_puts_the_upset_long_waiting_first_and_hides_other_teams(
    desk, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    with django_assert_max_num_queries(8):
        page = desk["client"].get("/").content.decode()
    assert page.index("Order 5521") < page.index("Invoice")
    assert "Prices" not in page
    assert 'class="chip care">anger' in page
    assert "shouting" in page


def test_the_inbox_filters_and_searches(desk) -> None:  # type: ignore[no-untyped-def]
    client = desk["client"]
    assert "Order 5521" in client.get("/?q=ana%40example").content.decode()
    assert "Invoice" not in client.get("/?q=ana%40example").content.decode()
    assert "Order 5521" in client.get("/?q=where+is+my").content.decode()
    assert "No conversation matches" in client.get("/?q=zebra").content.decode()
    assert "Order 5521" not in client.get("/?view=mine").content.decode()
    assert "Order 5521" in client.get("/?view=unassigned").content.decode()


def test_a_conversation_page_replies_notes_and_updates(desk) -> None:  # type: ignore[no-untyped-def]
    client, conversation_id = desk["client"], desk["upset"].conversation_id
    page = client.get(f"/conversations/{conversation_id}").content.decode()
    assert "WHERE IS MY ORDER" in page
    assert "Reading of the latest message" in page
    client.post(
        f"/conversations/{conversation_id}/reply", {"text": "I'm sorry, it ships today.", "kind": "reply"}
    )
    client.post(f"/conversations/{conversation_id}/reply", {"text": "Check the courier.", "kind": "note"})
    client.post(f"/conversations/{conversation_id}/update", {"assignee": str(desk["agent"].pk)})
    client.post(f"/conversations/{conversation_id}/update", {"status": "resolved"})
    page = client.get(f"/conversations/{conversation_id}").content.decode()
    assert "it ships today" in page
    assert "(note)" in page
    conversation = Conversation.objects.get(pk=conversation_id)
    assert (conversation.status, conversation.assignee) == ("resolved", desk["agent"])


def test_status_and_assignee_send_themselves_or_with_their_button(desk) -> None:  # type: ignore[no-untyped-def]
    """desk.js sends a data-autosubmit form when its select changes; without scripts, a button does."""
    page = desk["client"].get(f"/conversations/{desk['upset'].conversation_id}").content.decode()
    forms = re.findall(r"<form[^>]*data-autosubmit>.*?</form>", page, re.S)
    assert len(forms) == 2
    assert all('name="status"' in f or 'name="assignee"' in f for f in forms)
    assert all(re.search(r'<noscript><button type="submit"[^>]*>\w+', f) for f in forms)


def test_no_template_has_an_inline_script_or_handler() -> None:
    """The Content-Security-Policy runs scripts only from the desk's own files: an inline handler
    (onchange=, onclick=) or an inline <script> would do nothing in a browser."""
    import humanly

    root = Path(humanly.__file__).parent
    inline = re.compile(r"<[^>]*\son[a-z]+\s*=[^>]*>|<script(?![^>]*\bsrc=)[^>]*>", re.I)
    found = [
        f"{path.relative_to(root)}: {match.group(0)}"
        for path in sorted(root.rglob("*.html"))
        for match in inline.finditer(path.read_text())
    ]
    assert found == []


def test_not_yours_is_not_found_and_writes_need_csrf(desk) -> None:  # type: ignore[no-untyped-def]
    client = desk["client"]
    other = desk["other"]
    assert client.get(f"/conversations/{other.conversation_id}").status_code == 404
    assert client.post(f"/conversations/{other.conversation_id}/reply", {"text": "hi"}).status_code == 404
    assert client.get(f"/customers/{other.conversation.customer_id}").status_code == 404
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(desk["agent"])
    assert (
        strict.post(f"/conversations/{desk['calm'].conversation_id}/reply", {"text": "hi"}).status_code == 403
    )


def test_a_customer_page_shows_their_conversations(desk) -> None:  # type: ignore[no-untyped-def]
    page = desk["client"].get(f"/customers/{desk['upset'].conversation.customer_id}").content.decode()
    assert "Ana Silva" in page
    assert "ana@example.com" in page
    assert "Order 5521" in page


def test_customer_html_cannot_run_in_the_page(desk) -> None:  # type: ignore[no-untyped-def]
    team = Team.objects.get(slug="support")
    hostile = do_receive(
        team,
        identity=("email", "x@example.com"),
        text="hi",
        html="<p>hi</p><script>alert(1)</script><img src=x onerror=alert(2)>",
    )
    page = desk["client"].get(f"/conversations/{hostile.conversation_id}").content.decode()
    assert "<script>alert" not in page
    assert "onerror" not in page


def test_search_finds_replies_and_merged_customers_addresses(desk) -> None:  # type: ignore[no-untyped-def]
    from humanly.people.actions import do_merge_customers

    client, upset, calm = desk["client"], desk["upset"], desk["calm"]
    client.post(
        f"/conversations/{calm.conversation_id}/reply", {"text": "Your invoice is attached", "kind": "reply"}
    )
    assert "Invoice" in client.get("/?status=&q=ATTACHED").content.decode()
    do_merge_customers(desk["agent"], upset.conversation.customer, calm.conversation.customer)
    found = client.get("/?status=&q=bo%40example.com").content.decode()
    assert "Order 5521" in found
    assert "Invoice" in found


def test_articles_are_written_edited_and_deleted_in_the_pages(desk) -> None:  # type: ignore[no-untyped-def]
    from humanly.desk.models import AuditEvent
    from humanly.knowledge.models import Article

    client = desk["client"]
    team = Team.objects.get(slug="support")
    assert "No articles yet" in client.get("/knowledge").content.decode()
    form = {
        "team": str(team.pk),
        "kind": "article",
        "title": "Parking",
        "body": "There is free parking on Mill Lane.",
        "tags": "visits, Parking",
        "answers": "",
    }
    created = client.post("/knowledge/new", form)
    article = Article.objects.get()
    assert created["Location"] == f"/knowledge/{article.pk}"
    assert (article.slug, article.tags) == ("parking", ["parking", "visits"])
    page = client.get(f"/knowledge/{article.pk}").content.decode()
    assert "Mill Lane" in page
    assert 'value="parking, visits"' in page
    bad = client.post(f"/knowledge/{article.pk}", form | {"answers": "world_peace"}).content.decode()
    assert "unknown expectation" in bad
    assert "Mill Lane" in bad  # what they typed is kept
    client.post(f"/knowledge/{article.pk}", form | {"body": "Parking is on Station Road."})
    article.refresh_from_db()
    assert article.body == "Parking is on Station Road."
    client.post(f"/knowledge/{article.pk}", {"delete": "1"})
    assert not Article.objects.exists()
    assert AuditEvent.objects.filter(action__in=["article.saved", "article.deleted"]).count() == 3
    other = Article.objects.create(team=Team.objects.get(slug="sales"), slug="x", title="X", body="Y")
    assert client.get(f"/knowledge/{other.pk}").status_code == 404
    sales = Team.objects.get(slug="sales")
    refused = client.post("/knowledge/new", form | {"team": str(sales.pk)}).content.decode()
    assert "choose one of your teams" in refused
