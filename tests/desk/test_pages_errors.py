"""The desk's own error pages: "missing" and "not yours" read the same, an agent on an admin's page is told
so in the desk's own look, and a failure on our side still looks like the desk without needing anything."""

from __future__ import annotations

import re

import pytest
from django.test import Client, RequestFactory, override_settings
from django.views import defaults

from humanly.conversations.actions import do_receive
from humanly.people.models import Agent, Team

PASSWORD = "a-long-password-1"


def _main(page: str) -> str:
    """The page's own words, without the per-answer CSRF token of the layout."""
    found = re.search(r"<main.*</main>", page, re.S)
    assert found, page
    return found.group(0)


@pytest.fixture
def desk() -> dict[str, object]:
    support = Team.objects.create(name="Support", slug="support")
    sales = Team.objects.create(name="Sales", slug="sales")
    jordan = Agent.objects.create_user("jordan", password=PASSWORD)
    jordan.teams.add(support)
    other = do_receive(
        sales, identity=("email", "cy@example.com"), name="Cy", text="Prices?", subject="Prices"
    )
    client = Client()
    client.force_login(jordan)
    return {"client": client, "other": other, "support": support}


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_missing_and_not_yours_give_the_same_styled_404(desk) -> None:  # type: ignore[no-untyped-def]
    client, other = desk["client"], desk["other"]
    for missing, not_yours in (
        ("/conversations/999999", f"/conversations/{other.conversation_id}"),
        ("/customers/999999", f"/customers/{other.conversation.customer_id}"),
    ):
        answers = [client.get(missing), client.get(not_yours)]
        assert [a.status_code for a in answers] == [404, 404]
        pages = [a.content.decode() for a in answers]
        assert _main(pages[0]) == _main(pages[1])  # nothing tells one from the other
        assert "Not found" in pages[0]
        assert "web/desk.css" in pages[0]  # the desk's look, with its header
        assert "Sign out" in pages[0]
        assert "Prices" not in pages[1]
    nowhere = client.get("/no/such/page")
    assert nowhere.status_code == 404
    assert _main(nowhere.content.decode()) == _main(pages[0])


@pytest.mark.django_db
@override_settings(DEBUG=False)
@pytest.mark.parametrize("url", ["/settings/teams", "/settings/agents", "/settings/teams/{team}"])
def test_an_agent_on_an_admin_page_gets_the_styled_403(desk, url: str) -> None:  # type: ignore[no-untyped-def]
    answer = desk["client"].get(url.format(team=desk["support"].pk))
    assert answer.status_code == 403
    page = answer.content.decode()
    assert "Not open to you" in page
    assert "for the desk's admins" in page
    assert "web/desk.css" in page
    assert "Sign out" in page


def test_the_500_page_needs_no_request_context_and_no_database() -> None:
    """No database marker here: a query would fail the test."""
    answer = defaults.server_error(RequestFactory().get("/"))
    page = answer.content.decode()
    assert answer.status_code == 500
    assert "Something went wrong" in page
    assert "web/desk.css" in page
    assert " style=" not in page
    assert "<script" not in page


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_a_stale_form_says_nothing_was_sent_in_the_desks_own_look(desk) -> None:  # type: ignore[no-untyped-def]
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(Agent.objects.get(username="jordan"))
    refused = strict.post("/knowledge/new", {"title": "Parking", "body": "Free parking on Mill Lane."})
    assert refused.status_code == 403
    page = refused.content.decode()
    assert "That form had gone stale" in page
    assert "Nothing was saved or sent" in page
