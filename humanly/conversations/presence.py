"""Who else is looking at a conversation, and who is typing a reply to it.

Each open conversation page says it is still there every few seconds; the typing box says so while the
agent types. The rows live in the database, so every web process (and every server) sees the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from humanly.conversations.models import Conversation, Presence
from humanly.people.models import Agent

VIEWING = timedelta(seconds=20)  # the page polls every 5 s: after four missed polls they have left
TYPING = timedelta(seconds=8)  # typing is said at most every 3 s while keys are pressed


@dataclass(frozen=True)
class Other:
    name: str
    typing: bool


def touch(agent: Agent, conversation: Conversation, *, typing: bool = False) -> None:
    """``agent`` has ``conversation`` open (and is typing in it)."""
    now = timezone.now()
    values = {"seen": now}
    if typing:
        values["typing_until"] = now + TYPING
    Presence.objects.update_or_create(conversation=conversation, agent=agent, defaults=values)


def others(agent: Agent, conversation: Conversation) -> list[Other]:
    """Everyone else with the conversation open now, those typing first."""
    now = timezone.now()
    rows = (
        Presence.objects.filter(conversation=conversation, seen__gte=now - VIEWING, agent__is_active=True)
        .exclude(agent=agent)
        .select_related("agent")
        .order_by("agent__username")
    )
    found = [
        Other(
            r.agent.get_full_name() or r.agent.username, r.typing_until is not None and r.typing_until > now
        )
        for r in rows
    ]
    return sorted(found, key=lambda o: not o.typing)


def leave(agent: Agent, conversation: Conversation) -> None:
    Presence.objects.filter(conversation=conversation, agent=agent).delete()
