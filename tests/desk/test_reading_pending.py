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


def test_a_message_that_arrives_while_the_page_is_open_brings_its_reading() -> None:
    support = Team.objects.create(name="Support", slug="support")
    jordan = Agent.objects.create_user("jordan", password=PASSWORD)
    jordan.teams.add(support)
    first = do_receive(support, identity=("email", "ana@example.com"), text="Where is my order?")
    read_message(first.pk)
    client = Client()
    client.force_login(jordan)
    url = f"/conversations/{first.conversation_id}"
    assert f'id="reading-of" name="reading_of" value="{first.pk}"' in client.get(url).content.decode()

    quiet = client.post(f"{url}/presence", {"last": first.pk, "reading_of": first.pk}).content.decode()
    assert "reading-slot" not in quiet
    later = do_receive(
        support,
        identity=("email", "ana@example.com"),
        text="I'm really worried now.",
        conversation=first.conversation,
    )
    news = client.post(f"{url}/presence", {"last": first.pk, "reading_of": first.pk}).content.decode()
    assert '<div id="reading-slot" hx-swap-oob="innerHTML">' in news
    assert f'value="{later.pk}"' in news  # the next poll knows it is shown
    assert "Reading their latest message…" in news
    again = client.post(f"{url}/presence", {"last": first.pk, "reading_of": later.pk}).content.decode()
    assert "reading-slot" not in again
