"""Team and agent settings (admins only) and each agent's own account page."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from humanly.desk.models import AuditEvent
from humanly.people.actions import do_update_agent
from humanly.people.models import Agent, Team

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-password-1"


@pytest.fixture
def people() -> dict[str, object]:
    support = Team.objects.create(name="Support", slug="support")
    admin = Agent.objects.create_user("ada", password=PASSWORD, role=Agent.Role.ADMIN)
    agent = Agent.objects.create_user("jordan", password=PASSWORD)
    agent.teams.add(support)
    admins, agents = Client(), Client()
    admins.force_login(admin)
    agents.force_login(agent)
    return {"support": support, "admin": admin, "agent": agent, "admins": admins, "agents": agents}


def test_only_admins_reach_the_settings(people) -> None:  # type: ignore[no-untyped-def]
    for url in ("/settings/teams", "/settings/agents", f"/settings/agents/{people['admin'].pk}"):
        assert people["agents"].get(url).status_code == 403
        assert people["agents"].post(url, {"name": "Sneaky", "username": "sneaky"}).status_code == 403
        assert people["admins"].get(url).status_code == 200
    assert not Team.objects.filter(name="Sneaky").exists()
    assert 'href="/settings/teams"' in people["admins"].get("/").content.decode()
    assert 'href="/settings/teams"' not in people["agents"].get("/").content.decode()


def test_an_admin_adds_and_renames_teams(people) -> None:  # type: ignore[no-untyped-def]
    admins = people["admins"]
    assert admins.post("/settings/teams", {"name": "  Billing   and  Refunds "}).status_code == 302
    billing = Team.objects.get(name="Billing and Refunds")
    assert billing.slug == "billing-and-refunds"
    assert "already a team called" in admins.post("/settings/teams", {"name": "support"}).content.decode()
    admins.post("/settings/teams", {"name": "Billing", "team": str(billing.pk)})
    billing.refresh_from_db()
    assert (billing.name, billing.slug) == ("Billing", "billing-and-refunds")  # links keep working
    assert "a team needs a name" in admins.post("/settings/teams", {"name": " "}).content.decode()
    actions = list(
        AuditEvent.objects.filter(object_type="people.team").order_by("pk").values_list("action", flat=True)
    )
    assert actions == ["team.created", "team.renamed"]


def test_an_admin_adds_an_agent_who_can_sign_in_once_with_the_shown_password(people) -> None:  # type: ignore[no-untyped-def]
    page = (
        people["admins"]
        .post(
            "/settings/agents",
            {
                "username": "sam",
                "first_name": "Sam",
                "email": "sam@example.com",
                "role": "agent",
                "teams": [str(people["support"].pk)],
            },
        )
        .content.decode()
    )
    password = re.search(r"this password: <code>([^<]+)</code>", page)
    assert password is not None
    sam = Agent.objects.get(username="sam")
    assert list(sam.teams.all()) == [people["support"]]
    assert password.group(1) not in sam.password  # only the hash is kept
    client = Client()
    assert client.post("/signin", {"username": "sam", "password": password.group(1)}).status_code == 302
    assert password.group(1) not in people["admins"].get("/settings/agents").content.decode()
    taken = people["admins"].post("/settings/agents", {"username": "SAM", "role": "agent"}).content.decode()
    assert "is taken" in taken


def test_an_admin_changes_roles_teams_and_access_but_the_desk_keeps_an_admin(people) -> None:  # type: ignore[no-untyped-def]
    admins, agent, admin = people["admins"], people["agent"], people["admin"]
    billing = Team.objects.create(name="Billing", slug="billing")
    admins.post(f"/settings/agents/{agent.pk}", {"role": "agent", "teams": [str(billing.pk)]})
    agent.refresh_from_db()
    assert (list(agent.teams.all()), agent.is_active) == ([billing], False)  # the switch was left off
    assert people["agents"].get("/").status_code == 302  # switched off: signed out
    refused = admins.post(f"/settings/agents/{admin.pk}", {"role": "agent", "active": "on"}).content.decode()
    assert "at least one active admin" in refused
    admin.refresh_from_db()
    assert admin.is_admin
    second = Agent.objects.create_user("bea", password=PASSWORD, role=Agent.Role.ADMIN)
    with pytest.raises(ValueError, match="your own access"):
        do_update_agent(admin, admin, active=False)
    do_update_agent(second, admin, role=Agent.Role.AGENT)
    with pytest.raises(PermissionError):
        do_update_agent(admin, second, active=False)  # no longer an admin


def test_a_reset_password_is_shown_once_and_the_old_one_stops_working(people) -> None:  # type: ignore[no-untyped-def]
    agent = people["agent"]
    page = people["admins"].post(f"/settings/agents/{agent.pk}", {"reset": "1"}).content.decode()
    new = re.search(r"<code>([^<]+)</code>", page)
    assert new is not None
    assert Client().post("/signin", {"username": "jordan", "password": PASSWORD}).status_code == 200
    assert Client().post("/signin", {"username": "jordan", "password": new.group(1)}).status_code == 302
    assert AuditEvent.objects.filter(action="agent.password_reset", object_id=str(agent.pk)).exists()


def test_an_agent_edits_their_details_and_password(people) -> None:  # type: ignore[no-untyped-def]
    agents = people["agents"]
    page = agents.get("/account").content.decode()
    assert "Support" in page
    agents.post(
        "/account", {"form": "profile", "first_name": "Jordan", "last_name": "Lee", "email": "j@x.org"}
    )
    agent = Agent.objects.get(username="jordan")
    assert (agent.get_full_name(), agent.email) == ("Jordan Lee", "j@x.org")
    weak = agents.post(
        "/account",
        {"form": "password", "old_password": PASSWORD, "new_password1": "short", "new_password2": "short"},
    ).content.decode()
    assert "too short" in weak
    new = "another-long-password-2"
    changed = agents.post(
        "/account",
        {"form": "password", "old_password": PASSWORD, "new_password1": new, "new_password2": new},
    ).content.decode()
    assert "Your password is changed" in changed
    assert agents.get("/").status_code == 200  # still signed in here
    assert Client().post("/signin", {"username": "jordan", "password": new}).status_code == 302
