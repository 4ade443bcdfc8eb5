"""The copilot beside an agent's reply: a draft, the tone guard on what they type, and the playbook.

Everything here reads a conversation the caller has already been allowed to see (the views check access)
and sends nothing: drafts and checks are suggestions for the agent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from humanly.conversations import labels
from humanly.conversations.models import Conversation, Message
from humanly.copilot.business import team_engine, team_voice
from humanly.engine import Analysis, Draft, DraftContext, Profile, Reading, ToneReport, Turn
from humanly.engine.rewrite import answer_gap
from humanly.engine.tone_coverage import clearly_answered
from humanly.engine.types import Stage
from humanly.knowledge.index import team_knowledge

# What a draft leaves for the agent to fill: "[Answer here: ...]", "[say when]", "[Say here what ...]".
PLACEHOLDER = re.compile(r"\[(?:Answer here:|Say |say when)[^\]]*\]")
# A draft this heated gets a "take a breath" step before it is sent (the agent can still send it).
BREATH_AT = 0.45
# How many of the customer's latest readings are searched for what they said about how to answer them.
PROFILE_READINGS = 20
STAGES: dict[str, str] = {
    "calm": "Answer fully and warmly: they need information and to feel heard.",
    "redirect": "Acknowledge, then steer back to what you can do; don't reopen what is settled.",
    "boundary": "Stay kind and set a clear limit: you will keep helping while things stay respectful.",
    "graceful_exit": "Make leaving easy and dignified: how to cancel, who reviews complaints, the door open.",
}


@dataclass(frozen=True)
class Moment:
    """The conversation as the copilot sees it: the customer's latest message and what came before."""

    latest: Message | None
    analysis: Analysis | None
    before: tuple[Turn, ...]


def moment(conversation: Conversation) -> Moment:
    """The latest inbound message (with its stored reading, or a fresh one) and the turns before it; notes
    are for agents and never part of the thread the engine reads."""
    messages = list(
        conversation.messages.exclude(kind=Message.Kind.NOTE).only(
            "kind", "text", "html", "reading", "created"
        )
    )
    index = max((i for i, m in enumerate(messages) if m.kind == Message.Kind.INBOUND), default=None)
    if index is None:
        return Moment(None, None, ())
    latest = messages[index]
    analysis = _analysis(latest, conversation)
    turns = tuple(
        Turn("customer" if m.kind == Message.Kind.INBOUND else "agent", _text(m)) for m in messages[:index]
    )
    return Moment(latest, analysis, turns)


def _text(message: Message) -> str:
    stored = message.reading or {}
    return str(stored.get("text") or message.text)


def _analysis(message: Message, conversation: Conversation) -> Analysis:
    if message.reading:
        try:
            return Analysis.from_dict(message.reading)
        except (KeyError, TypeError, ValueError):  # a reading from an older version: read it again
            pass
    return team_engine(conversation.team).analyze(message.html or message.text)


def profile_of(conversation: Conversation) -> Profile:
    customer = conversation.customer
    earlier = (
        Conversation.objects.filter(customer=customer, team=conversation.team_id)
        .exclude(pk=conversation.pk)
        .order_by("-created")
        .values_list("subject", flat=True)[:5]
    )
    # What they said in their latest messages to this team ("please call me Sam"); what agents wrote comes
    # after it, so it wins where the two differ.
    readings = (
        Message.objects.filter(
            conversation__customer=customer,
            conversation__team=conversation.team_id,
            kind=Message.Kind.INBOUND,
        )
        .exclude(reading=None)
        .order_by("-created", "-pk")
        .values_list("reading", flat=True)[:PROFILE_READINGS]
    )
    said = [p for p in labels.stated_preferences(readings) if p not in customer.preferences]
    return Profile(
        name=customer.name,
        history=tuple(s or "an earlier conversation" for s in earlier),
        preferences=(*said, *customer.preferences),
    )


def draft(conversation: Conversation, *, stage: Stage | None = None, instruction: str = "") -> Draft | None:
    """The engine's draft reply to the customer's latest message; None when they have not written."""
    now = moment(conversation)
    if now.latest is None or now.analysis is None:
        return None
    context = DraftContext(
        thread=now.before,
        profile=profile_of(conversation),
        voice=team_voice(conversation.team),
        knowledge=team_knowledge(conversation.team, team_engine(conversation.team)),
        instruction=instruction,
        stage=stage,
    )
    return team_engine(conversation.team).draft_reply(now.analysis.text, context, analysis=now.analysis)


def check(conversation: Conversation, text: str) -> tuple[ToneReport, Analysis | None]:
    """The tone guard on what the agent has typed, against the customer's latest message."""
    now = moment(conversation)
    guard = team_engine(conversation.team)
    if now.analysis is None:
        return guard.check_reply(text), None
    return guard.check_reply(text, now.analysis.text, now.analysis), now.analysis


def stage(conversation: Conversation) -> Reading | None:
    """Where the conversation stands and what the next reply should do."""
    now = moment(conversation)
    if now.latest is None or now.analysis is None:
        return None
    return team_engine(conversation.team).stage((*now.before, Turn("customer", now.analysis.text)))


def checklist(report: ToneReport, analysis: Analysis | None) -> list[dict[str, Any]]:
    """Each thing the customer asked, and where the reply stands on it: ``answered`` only on clear
    evidence, ``gap`` while a marked place for its answer is still in the reply, else ``open``."""
    if analysis is None:
        return []
    items = []
    marked = PLACEHOLDER.findall(report.draft)
    for i, ask in enumerate(analysis.asks):
        words = " ".join(ask.text.split())
        if answer_gap(ask.text) in report.draft or any(words in " ".join(m.split()) for m in marked):
            state = "gap"
        elif clearly_answered(ask, report.draft):
            state = "answered"
        else:
            state = "open"
        items.append({"text": ask.text, "answered": state == "answered", "state": state, "index": i})
    return items
