"""An agent locked out by too many failed sign-ins is let back in with ``humanly unlock``."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from django.test import Client

from humanly.cli import main
from humanly.desk.models import AuditEvent
from humanly.people.models import Agent

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-password-1"


def test_an_admin_lifts_a_sign_in_lock_from_the_command_line() -> None:
    Agent.objects.create_user("jordan", password=PASSWORD)
    client = Client()
    for _ in range(5):
        client.post("/signin", {"username": "jordan", "password": "wrong"})
    assert client.post("/signin", {"username": "jordan", "password": PASSWORD}).status_code == 429

    unlocked = CliRunner().invoke(main, ["unlock", "jordan"])
    assert unlocked.exit_code == 0, unlocked.output
    assert "jordan can sign in again" in unlocked.output
    assert AuditEvent.objects.filter(action="agent.unlocked").exists()
    assert client.post("/signin", {"username": "jordan", "password": PASSWORD}).status_code == 302

    again = CliRunner().invoke(main, ["unlock", "jordan"])
    assert "was not locked" in again.output
    assert CliRunner().invoke(main, ["unlock", "nobody"]).exit_code == 1
