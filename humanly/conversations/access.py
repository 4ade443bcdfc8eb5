"""Who may see which conversation and message: every read goes through here.

An agent sees the conversations of their teams; an admin sees every team's. "Not found" answers both a
conversation that does not exist and one that is not yours.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from humanly.conversations.models import Attachment, Conversation, Message
from humanly.people.models import Agent


def visible_conversations(agent: Agent) -> QuerySet[Conversation]:
    if not agent.is_active:
        return Conversation.objects.none()
    found = Conversation.objects.filter(merged_into__isnull=True)
    return found if agent.is_admin else found.filter(team__in=agent.teams.all())


def access_conversation(agent: Agent, conversation_id: int) -> Conversation:
    try:
        return (
            visible_conversations(agent)
            .select_related("customer", "team", "assignee")
            .get(pk=conversation_id)
        )
    except (Conversation.DoesNotExist, ValueError, TypeError):
        raise Http404("conversation not found") from None


def access_message(agent: Agent, message_id: int) -> Message:
    try:
        return Message.objects.select_related("conversation").get(
            pk=message_id, conversation__in=visible_conversations(agent)
        )
    except (Message.DoesNotExist, ValueError, TypeError):
        raise Http404("message not found") from None


def access_attachment(agent: Agent, attachment_id: int) -> Attachment:
    """A file, through its message's conversation."""
    try:
        return Attachment.objects.get(
            pk=attachment_id, message__conversation__in=visible_conversations(agent)
        )
    except (Attachment.DoesNotExist, ValueError, TypeError):
        raise Http404("attachment not found") from None


def merged_into(agent: Agent, conversation_id: int) -> Conversation | None:
    """Where a conversation of the agent's teams was merged (following merges), so old links still lead
    somewhere; None when it was not merged or is not theirs."""
    teams = None if agent.is_admin else agent.teams.all()
    seen: set[int] = set()
    current = conversation_id
    while current not in seen:
        seen.add(current)
        found = Conversation.objects.filter(pk=current).values("merged_into", "team").first()
        if found is None or (teams is not None and not teams.filter(pk=found["team"]).exists()):
            return None
        if found["merged_into"] is None:
            return access_conversation(agent, current) if current != conversation_id else None
        current = found["merged_into"]
    return None
