"""Conversations and their messages."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from humanly.people.models import Customer, Team


class Conversation(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        WAITING = "waiting", "Waiting on the customer"
        RESOLVED = "resolved", "Resolved"

    class Priority(models.IntegerChoices):
        LOW = 0, "Low"
        NORMAL = 1, "Normal"
        HIGH = 2, "High"
        URGENT = 3, "Urgent"

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="conversations")
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="conversations")
    subject = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    priority = models.IntegerField(choices=Priority.choices, default=Priority.NORMAL)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="assigned"
    )
    tags = models.JSONField(default=list, blank=True)
    channel = models.CharField(max_length=20, default="email")
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged"
    )
    # How much the customer needs an answer now, 0-1, from the engine's reading of their latest message; the
    # inbox orders by it with the wait counted in (order.py).
    need = models.FloatField(default=0.0)
    last_inbound = models.DateTimeField(null=True, blank=True)
    # What the inbox search looks in, lower case: the subject, the customer's name and addresses, and the
    # text of the messages (kept by the actions; see search.py).
    search_text = models.TextField(blank=True, default="")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["team", "status", "-need"]),
            models.Index(fields=["assignee", "status"]),
            models.Index(fields=["customer"]),
        ]

    def __str__(self) -> str:
        return self.subject or f"conversation {self.pk}"


class Message(models.Model):
    class Kind(models.TextChoices):
        INBOUND = "inbound", "From the customer"
        REPLY = "reply", "Reply"
        NOTE = "note", "Internal note"

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="messages"
    )
    text = models.TextField()
    html = models.TextField(blank=True)  # sanitised before it is stored
    reading = models.JSONField(null=True, blank=True)  # the engine's reading of an inbound message
    reading_version = models.CharField(max_length=60, blank=True)
    created = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created", "pk"]
        indexes = [models.Index(fields=["conversation", "created"])]


class Attachment(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField()
    file = models.FileField(upload_to="attachments/%Y/%m/")


class Presence(models.Model):
    """Who has a conversation open now, and who is typing in it: the page says so to the others, so two
    people do not answer the same customer at once. A row is refreshed while the page is open."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="presence")
    agent = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="presence")
    seen = models.DateTimeField()
    typing_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["conversation", "agent"], name="one_presence_per_agent")
        ]
        indexes = [models.Index(fields=["conversation", "seen"])]


class ConversationLabel(models.Model):
    """One label of the latest reading of a conversation's inbound messages: a feeling, an intent (shown as
    its topic) or a flag. The inbox filters by them; they are replaced with each new reading (labels.py).
    ``team`` is the conversation's (which never changes), so the filters' choices read one index."""

    class Kind(models.TextChoices):
        EMOTION = "emotion", "Feeling"
        INTENT = "intent", "Topic"
        FLAG = "flag", "Flag"

    # Both lead an index below, so neither needs one of its own.
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="labels", db_index=False
    )
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+", db_index=False)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    value = models.CharField(max_length=60)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "kind", "value"], name="one_label_per_conversation"
            )
        ]
        indexes = [models.Index(fields=["team", "kind", "value", "conversation"])]

    def __str__(self) -> str:
        return f"{self.kind}:{self.value}"


class KnownLabel(models.Model):
    """Every label ever stored on a conversation, once: what the inbox's filters may offer (each checked
    against the agent's teams' conversations when offered). Only ever added to."""

    kind = models.CharField(max_length=10, choices=ConversationLabel.Kind.choices)
    value = models.CharField(max_length=60)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "value"], name="one_known_label")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.value}"
