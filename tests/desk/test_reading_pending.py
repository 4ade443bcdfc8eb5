"""A message still being read shows as such, and its reading takes that place once it is ready."""

from __future__ import annotations

import pytest
from django.test import Client

from humanly.conversations.actions import do_receive
from humanly.copilot.reading import read_message
from humanly.people.models import Agent, Team

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-password-1"


def test_the_reading_appears_in_place_when_the_message_has_been_read() -> None:
    support = Team.objects.create(name="Support", slug="support")
    jordan = Agent.objects.create_user("jordan", password=PASSWORD)
    jordan.teams.add(support)
    # No commit callbacks run here: the message is stored and not read yet, as while a task is queued.
    message = do_receive(support, identity=("email", "ana@example.com"), text="I'm so worried, where is it?")
    client = Client()
    client.force_login(jordan)
    url = f"/conversations/{message.conversation_id}"

    page = client.get(url).content.decode()
    assert "Reading their latest message…" in page
    assert f'hx-get="{url}/reading?tries=0"' in page
    waiting = client.get(f"{url}/reading?tries=3").content.decode()
    assert f'hx-get="{url}/reading?tries=4"' in waiting  # asks again
    gave_up = client.get(f"{url}/reading?tries=29").content.decode()
    assert "hx-get" not in gave_up  # after a minute it stops asking

    read_message(message.pk)
    ready = client.get(f"{url}/reading").content.decode()
    assert 'aria-label="Reading of the latest message"' in ready
    assert "Reading their latest message" not in client.get(url).content.decode()

    sam = Agent.objects.create_user("sam", password=PASSWORD)  # in no team
    other = Client()
    other.force_login(sam)
    assert other.get(f"{url}/reading").status_code == 404
