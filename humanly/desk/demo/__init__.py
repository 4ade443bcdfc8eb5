"""The demo desk: Brightwater Academy, a small online school, with two agents, 40 customers, 150
conversations of every kind the desk is built for, and its knowledge base. ``humanly demo`` loads it."""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

import humanly.engine
from humanly.conversations import labels, search
from humanly.conversations.models import Conversation, Message
from humanly.copilot.reading import need
from humanly.desk.models import AuditEvent
from humanly.engine.knowledge import parse_article
from humanly.knowledge import index  # noqa: F401 - registers the task knowledge.reindex
from humanly.knowledge.models import Article
from humanly.people.models import Agent, Customer, Identity, Team
from humanly.workers.tasks import enqueue

HERE = Path(__file__).parent
AGENTS = (("alex", "Alex", "Rivera", Agent.Role.ADMIN), ("jordan", "Jordan", "Lee", Agent.Role.AGENT))


def passwords() -> dict[str, str]:
    """New passwords for the demo agents (the demo prints them each time it starts)."""
    found = {}
    for username, *_ in AGENTS:
        agent = Agent.objects.get(username=username)
        found[username] = "demo-" + secrets.token_urlsafe(9)
        agent.set_password(found[username])
        agent.save(update_fields=["password"])
    return found


def _read_all(inbound: list[Message], engine: humanly.engine.Engine) -> None:
    """Every inbound message read in one batch, with each conversation's need and labels, as
    copilot.read_message would write them one by one."""
    readings = engine.analyze_many([m.text for m in inbound])
    latest: dict[int, dict[str, Any]] = {}
    for message, analysis in zip(inbound, readings, strict=True):
        message.reading, message.reading_version = analysis.to_dict(), analysis.version
        latest[message.conversation_id] = message.reading
    Message.objects.bulk_update(inbound, ["reading", "reading_version"], batch_size=200)
    for conversation_id, stored in latest.items():
        Conversation.objects.filter(pk=conversation_id).update(need=need(stored))
    labels.write_many(latest)  # what the inbox filters by


def _known_since_first_conversation(customers: Iterable[Customer]) -> None:
    """Each customer known since their first conversation, as if the desk had been there all along."""
    for customer in customers:
        earliest = (
            Conversation.objects.filter(customer=customer).order_by("created").values("created").first()
        )
        if earliest is not None:
            Customer.objects.filter(pk=customer.pk).update(created=earliest["created"])


@transaction.atomic
def load(engine: humanly.engine.Engine | None = None) -> dict[str, int]:
    """Fill an empty database with the demo business; returns what was made."""
    if Team.objects.exists():
        raise ValueError("the demo loads only into an empty database")
    team = Team.objects.create(name="Support", slug="support")
    agents = {}
    for username, first, last, role in AGENTS:
        agent = Agent.objects.create_user(
            username, email=f"{username}@brightwater.example", first_name=first, last_name=last, role=role
        )
        agent.set_unusable_password()
        agent.save()
        agent.teams.add(team)
        agents[username] = agent
    for path in sorted(humanly.engine.DEMO_KNOWLEDGE.glob("*.md")):
        article = parse_article(path.read_text(encoding="utf-8"), path.stem)
        Article.objects.create(
            team=team,
            slug=article.id,
            title=article.title,
            body=article.body,
            kind=article.kind,
            tags=list(article.tags),
            answers=list(article.answers),
        )
    customers = {}
    for person in json.loads((HERE / "customers.json").read_text(encoding="utf-8")):
        customer = Customer.objects.create(
            name=person["name"], notes=person.get("notes", ""), preferences=person.get("preferences", [])
        )
        Identity.objects.create(customer=customer, kind=Identity.Kind.EMAIL, value=person["email"].lower())
        customer.teams.add(team)
        customers[person["key"]] = customer
    now = timezone.now()
    inbound: list[Message] = []
    count = 0
    with (HERE / "conversations.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            row: dict[str, Any] = json.loads(line)
            start = now - timedelta(hours=float(row["age_hours"]))
            conversation = Conversation.objects.create(
                team=team,
                customer=customers[row["customer"]],
                subject=row.get("subject", ""),
                status=row["status"],
                assignee=agents.get(row.get("assignee") or ""),
                tags=row.get("tags", []),
                channel="email",
            )
            last_inbound = None
            for turn in row["turns"]:
                at = start + timedelta(hours=float(turn["hours_after_start"]))
                kind = {"customer": "inbound", "agent": "reply", "note": "note"}[turn["role"]]
                author = None
                if kind != "inbound":
                    author = agents["jordan"] if "Jordan" in turn["text"][-40:] else agents["alex"]
                message = Message.objects.create(
                    conversation=conversation, kind=kind, author=author, text=turn["text"]
                )
                Message.objects.filter(pk=message.pk).update(created=at)
                if kind == "inbound":
                    inbound.append(message)
                    last_inbound = at
            Conversation.objects.filter(pk=conversation.pk).update(
                created=start, updated=start, last_inbound=last_inbound
            )
            search.refresh(conversation)
            count += 1
    _known_since_first_conversation(customers.values())
    _read_all(inbound, engine or humanly.engine.load(threads=2))
    for team_id in Article.objects.values_list("team_id", flat=True).distinct():
        enqueue("knowledge.reindex", team_id=team_id)  # drafts then find the passages' vectors stored
    AuditEvent.objects.create(
        action="demo.loaded", object_type="desk", object_id="demo", data={"conversations": count}
    )
    return {"customers": len(customers), "conversations": count, "messages": Message.objects.count()}
