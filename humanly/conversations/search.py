"""The inbox search: one lower-case text per conversation, kept up to date by the actions.

It holds the subject, the customer's name and addresses and the messages' text (up to ``LIMIT``
characters), so a search reads one table. On PostgreSQL a trigram index (``pg_trgm``) makes the
substring match fast when the extension can be installed; elsewhere it is a scan of that one table.
"""

from __future__ import annotations

from humanly.conversations.models import Conversation

LIMIT = 20_000


def text_of(conversation: Conversation) -> str:
    customer = conversation.customer
    parts = [conversation.subject, customer.name, *(i.value for i in customer.identities.all())]
    parts += list(conversation.messages.values_list("text", flat=True))
    return " \n".join(p for p in parts if p).lower()[:LIMIT]


def refresh(conversation: Conversation) -> None:
    """Rebuild a conversation's search text (inside the action's transaction)."""
    conversation.search_text = text_of(conversation)
    Conversation.objects.filter(pk=conversation.pk).update(search_text=conversation.search_text)


def matches(query: str) -> dict[str, str]:
    """The filter for conversations whose search text holds ``query``."""
    return {"search_text__contains": query.strip().lower()}
