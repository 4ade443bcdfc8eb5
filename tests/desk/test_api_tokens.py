"""API tokens from the command line: issued, listed and revoked, each change audited; a revoked token is
refused."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from django.test import Client

from humanly.api.models import Token
from humanly.cli import main
from humanly.desk.models import AuditEvent
from humanly.people.models import Agent

pytestmark = pytest.mark.django_db


@pytest.fixture
def agents() -> tuple[Agent, Agent]:
    return (
        Agent.objects.create_user("jordan", password="a-long-password-1"),
        Agent.objects.create_user("kim", password="a-long-password-2"),
    )


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, ["token", *args])
    assert result.exit_code == 0, result.output
    return result.output


def _refused(*args: str) -> str:
    result = CliRunner().invoke(main, ["token", *args])
    assert result.exit_code != 0, result.output
    return result.output


def _works(secret: str) -> int:
    return Client(headers={"authorization": f"Bearer {secret}"}).get("/api/v1/conversations").status_code


def test_a_token_is_issued_listed_and_revoked(agents: tuple[Agent, Agent]) -> None:
    jordan, _ = agents
    secret = _run("jordan", "--name", "zapier").strip()  # the first way to issue one still works
    assert secret.startswith("hly_")
    token = Token.objects.get(agent=jordan)
    assert (token.name, token.prefix) == ("zapier", secret[:12])
    issued = AuditEvent.objects.get(action="token.issued")
    assert issued.object_id == str(token.pk)
    assert issued.data == {"agent": "jordan", "name": "zapier", "prefix": secret[:12]}
    assert secret not in json.dumps(issued.data)
    assert _works(secret) == 200

    listed = _run("list")
    row = listed.splitlines()[1].split()
    assert row[:3] == [secret[:12], "jordan", "zapier"]
    assert row[-1] != "never"  # it has been used
    assert secret not in listed

    assert "revoked" in _run("revoke", secret[:12])
    assert not Token.objects.exists()
    revoked = AuditEvent.objects.get(action="token.revoked")
    assert (revoked.object_id, revoked.data["prefix"]) == (str(token.pk), secret[:12])
    response = Client(headers={"authorization": f"Bearer {secret}"}).get("/api/v1/conversations")
    assert response.status_code == 401
    assert json.loads(response.content)["error"]["code"] == "unauthorized"
    assert _run("list").strip() == "no tokens"


def test_revoking_by_name_asks_which_when_several_match(agents: tuple[Agent, Agent]) -> None:
    first = _run("issue", "jordan").strip()
    second = _run("issue", "kim").strip()
    assert "2 tokens match" in _refused("revoke", "api")
    assert _works(first) == _works(second) == 200
    _run("revoke", "api", "--agent", "kim")
    assert (_works(first), _works(second)) == (200, 401)
    _run("issue", "kim", "--name", "ci")
    _run("issue", "kim", "--name", "ci")
    _run("revoke", "ci", "--all")
    assert list(Token.objects.values_list("agent__username", flat=True)) == ["jordan"]
    assert AuditEvent.objects.filter(action="token.revoked").count() == 3


def test_revoking_every_token_of_an_agent(agents: tuple[Agent, Agent]) -> None:
    jordan, kim = agents
    mine = [_run("issue", "jordan", "--name", name).strip() for name in ("a", "b")]
    theirs = _run("issue", "kim").strip()
    jordan.is_active = False  # a deactivated agent's tokens can still be revoked
    jordan.save()
    assert "jordan" not in _run("list", "--agent", "kim")
    _run("revoke", "--agent", "jordan")
    assert list(Token.objects.values_list("agent", flat=True)) == [kim.pk]
    assert _works(theirs) == 200
    jordan.is_active = True
    jordan.save()
    assert [_works(secret) for secret in mine] == [401, 401]


def test_the_token_itself_revokes_it_and_nothing_else_is_guessed(agents: tuple[Agent, Agent]) -> None:
    secret = _run("issue", "jordan").strip()
    assert "no token matches" in _refused("revoke", secret[:8])  # a part of the prefix is not enough
    assert "no token matches" in _refused("revoke", "api", "--agent", "kim")
    assert "no agent called 'lee'" in _refused("revoke", "--agent", "lee")
    assert "Usage" in _refused("revoke")
    assert "no active agent" in _refused("issue", "lee")
    _run("revoke", secret)
    assert _works(secret) == 401
    assert not AuditEvent.objects.filter(data__icontains=secret).exists()
