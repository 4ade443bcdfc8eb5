"""Reading each inbound message with the engine, and how much its customer needs an answer now."""

from __future__ import annotations

import functools
from typing import Any

import humanly.engine
from humanly.conversations import labels
from humanly.conversations.models import Conversation, Message
from humanly.copilot.business import team_engine
from humanly.workers.tasks import task

# How strongly each sign in a reading raises the need for an answer now (the inbox sorts by need).
UPSET = {"anger": 0.25, "fear": 0.3, "nervousness": 0.25, "grief": 0.35, "sadness": 0.2, "disappointment": 0.15,
         "annoyance": 0.15, "disgust": 0.15, "disapproval": 0.1, "remorse": 0.1, "embarrassment": 0.1}  # fmt: skip
FLAGS = {"urgency": 0.3, "legal_threat": 0.2, "churn_threat": 0.15, "repeat_contact": 0.15, "abuse": 0.1,
         "shouting": 0.1}  # fmt: skip
RISK = {"low": 0.0, "medium": 0.1, "high": 0.25}
# What the reading expects that is an offer or a pitch rather than a need: however it is put, it can wait.
WAITS = frozenset({"partnership_pitch"})


@functools.cache
def engine() -> humanly.engine.Engine:
    """One engine per process, loaded on first use (one thread: the web process has other work)."""
    return humanly.engine.load(threads=1)


def need(reading: dict[str, Any]) -> float:
    """0-1: how much the customer needs an answer now, from what they feel, the flags and the risk."""
    scores = reading.get("emotions", {}).get("scores", {})
    feeling = max((weight * float(scores.get(label, 0.0)) for label, weight in UPSET.items()), default=0.0)
    flags = sum(FLAGS.get(flag, 0.0) for flag in reading.get("flags", []))
    risk = RISK.get(reading.get("escalation", {}).get("risk", "low"), 0.0)
    found = min(1.0, 0.1 + feeling * 2 + flags + risk)
    if WAITS.intersection(reading.get("expectations", [])):
        found /= 2  # someone asking for something for themselves waits behind people who need help
    return round(found, 4)


@task("copilot.read_message")
def read_message(message_id: int) -> None:
    """Store the engine's reading of an inbound message, and the conversation's need."""
    message = Message.objects.select_related("conversation").get(pk=message_id, kind=Message.Kind.INBOUND)
    analysis = team_engine(message.conversation.team).analyze(message.html or message.text)
    message.reading = analysis.to_dict()
    message.reading_version = analysis.version
    message.save(update_fields=["reading", "reading_version"])
    conversation = message.conversation
    conversation.need = need(message.reading)
    if "urgency" in analysis.flags or analysis.escalation.risk == "high":
        conversation.priority = max(conversation.priority, Conversation.Priority.HIGH)
    conversation.save(update_fields=["need", "priority", "updated"])
    labels.refresh(conversation)  # what the inbox filters by: the labels of the latest reading
