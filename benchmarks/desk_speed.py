"""The desk's pages at size: 100,000 conversations and 400,000 messages, on SQLite or PostgreSQL.

Builds a database from nothing (invented rows, no shared data needed, with the labels of each
conversation's latest reading), then times the inbox (plain and filtered by the reading), the
conversation page and the customer page through Django's test client, signed in as an agent of one team,
warm, one request at a time, and counts each page's database queries (a fixed number whatever the size is
the point).

Usage: python benchmarks/desk_speed.py [--db sqlite|postgres] [--conversations N] [--requests N]
PostgreSQL: a database named humanly_bench on 127.0.0.1 (created if missing; trust auth as user postgres).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path


def arg(name: str, default: str) -> str:
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


DB = arg("--db", "sqlite")
CONVERSATIONS = int(arg("--conversations", "100000"))
REQUESTS = int(arg("--requests", "200"))
TMP = Path(tempfile.mkdtemp(prefix="humanly-bench-"))
os.environ.update(
    HUMANLY_DEBUG="true",
    HUMANLY_DATA_DIR=str(TMP),
    HUMANLY_ALLOWED_HOSTS="testserver",
    DJANGO_SETTINGS_MODULE="humanly.desk.settings",
)
if DB == "postgres":
    import psycopg

    with psycopg.connect("host=127.0.0.1 user=postgres dbname=postgres", autocommit=True) as c:
        c.execute("DROP DATABASE IF EXISTS humanly_bench")
        c.execute("CREATE DATABASE humanly_bench")
    os.environ["HUMANLY_DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/humanly_bench"
else:
    os.environ["HUMANLY_DATABASE_URL"] = f"sqlite:///{TMP / 'bench.db'}"

import django  # noqa: E402

django.setup()
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from humanly.conversations.labels import labels_of  # noqa: E402
from humanly.conversations.models import (  # noqa: E402
    Conversation,
    ConversationLabel,
    KnownLabel,
    Message,
)
from humanly.people.models import Agent, Customer, Identity, Team  # noqa: E402

LINES = [
    "Where is my order? It was due on Monday.",
    "I was charged twice for my subscription, please refund one.",
    "Can I move to the next cohort?",
    "My login link has expired again.",
    "Thank you so much, that fixed it!",
    "Could you send me an invoice with our company name on it?",
    "This is the third time I'm writing about this.",
    "I'll be cancelling unless this is fixed this week.",
]
READINGS = [
    {
        "emotions": {"labels": ["annoyance"], "scores": {"annoyance": 0.71}},
        "sentiment": -0.42,
        "intents": [{"label": "delivery", "score": 0.93}],
        "flags": ["repeat_contact"],
        "asks": [],
        "needs": ["action"],
    },
    {
        "emotions": {"labels": ["nervousness"], "scores": {"nervousness": 0.64}},
        "sentiment": -0.31,
        "intents": [{"label": "billing", "score": 0.88}],
        "flags": ["urgency"],
        "asks": [],
        "needs": ["reassurance"],
    },
    {
        "emotions": {"labels": ["gratitude"], "scores": {"gratitude": 0.9}},
        "sentiment": 0.81,
        "intents": [{"label": "praise", "score": 0.97}],
        "flags": [],
        "asks": [],
        "needs": [],
    },
    {
        "emotions": {"labels": ["neutral"], "scores": {"neutral": 0.8}},
        "sentiment": 0.02,
        "intents": [{"label": "account_access", "score": 0.9}],
        "flags": [],
        "asks": [],
        "needs": ["information"],
    },
    {
        "emotions": {
            "labels": ["anger", "disappointment"],
            "scores": {"anger": 0.77, "disappointment": 0.55},
        },
        "sentiment": -0.74,
        "intents": [{"label": "refund", "score": 0.98}, {"label": "cancellation", "score": 0.7}],
        "flags": ["churn_threat"],
        "asks": [],
        "needs": ["action"],
    },
]


def build() -> tuple[Agent, list[int]]:
    rng = random.Random(7)
    call_command("migrate", verbosity=0)
    teams = [Team.objects.create(name=f"Team {i}", slug=f"team-{i}") for i in range(4)]
    agents = []
    for i in range(20):
        agent = Agent.objects.create_user(f"agent{i}", password="a-long-password-1")
        agent.teams.add(teams[i % 4])
        agents.append(agent)
    customers = Customer.objects.bulk_create(
        [Customer(name=f"Customer {i}") for i in range(CONVERSATIONS // 4)], batch_size=5000
    )
    Identity.objects.bulk_create(
        [
            Identity(customer=c, kind="email", value=f"customer{i}@example.com")
            for i, c in enumerate(customers)
        ],
        batch_size=5000,
    )
    now = timezone.now()
    statuses = ["open"] * 4 + ["waiting"] * 2 + ["resolved"] * 4
    conversations = Conversation.objects.bulk_create(
        [
            Conversation(
                team=teams[i % 4],
                customer=customers[i % len(customers)],
                subject=f"Subject {i}",
                status=rng.choice(statuses),
                assignee=agents[i % 20] if i % 3 else None,
                need=round(rng.random(), 4),
                search_text=f"subject {i} customer {i % (CONVERSATIONS // 4)} customer{i % (CONVERSATIONS // 4)}"
                f"@example.com {rng.choice(LINES).lower()}",
                last_inbound=now - timedelta(minutes=rng.randint(1, 60 * 24 * 30)),
            )
            for i in range(CONVERSATIONS)
        ],
        batch_size=5000,
    )
    # Customer i writes to team i % 4 (its conversations are i, i + N/4, ...): their pages are theirs.
    Customer.teams.through.objects.bulk_create(
        [Customer.teams.through(customer=c, team=teams[i % 4]) for i, c in enumerate(customers)],
        batch_size=5000,
    )
    batch: list[Message] = []
    # The labels of each conversation's latest reading, as the copilot writes them.
    tags: list[ConversationLabel] = []
    for i, conversation in enumerate(conversations):
        for j in range(4):
            inbound = j % 2 == 0
            reading = rng.choice(READINGS) if inbound else None
            batch.append(
                Message(
                    conversation=conversation,
                    kind="inbound" if inbound else "reply",
                    author=None if inbound else agents[i % 20],
                    text=rng.choice(LINES),
                    reading=reading,
                )
            )
            if j == 2:
                tags += [
                    ConversationLabel(conversation=conversation, team=conversation.team, kind=k, value=v)
                    for k, v in labels_of(reading)
                ]
        if len(batch) >= 20000:
            Message.objects.bulk_create(batch, batch_size=5000)
            ConversationLabel.objects.bulk_create(tags, batch_size=5000)
            batch, tags = [], []
    Message.objects.bulk_create(batch, batch_size=5000)
    ConversationLabel.objects.bulk_create(tags, batch_size=5000)
    KnownLabel.objects.bulk_create(
        [KnownLabel(kind=k, value=v) for k, v in sorted({kv for r in READINGS for kv in labels_of(r)})]
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # the planner's statistics, as autovacuum gathers them on a live desk
    return agents[0], [c.pk for c in conversations if c.team_id == teams[0].pk]


def timed(client: Client, urls: list[str]) -> tuple[float, float, int]:
    times, queries = [], 0
    for url in urls[:10]:
        client.get(url)
    for url in urls:
        with CaptureQueriesContext(connection) as captured:
            t0 = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = max(queries, len(captured.captured_queries))
    times.sort()
    return statistics.median(times), times[round(0.95 * (len(times) - 1))], queries


def main() -> None:
    t0 = time.perf_counter()
    agent, mine = build()
    print(
        f"{DB}: {Conversation.objects.count()} conversations, {Message.objects.count()} messages "
        f"built in {time.perf_counter() - t0:.0f} s"
    )
    client = Client()
    client.force_login(agent)
    rng = random.Random(11)
    customers = list(Customer.objects.order_by("pk").values_list("pk", flat=True))
    pages = {
        "inbox (open, all of the team)": ["/"] * REQUESTS,
        "inbox, page 20": ["/?page=20"] * REQUESTS,
        "inbox, unassigned": ["/?view=unassigned"] * REQUESTS,
        "inbox, filtered by a feeling (anger)": ["/?emotion=anger"] * REQUESTS,
        "inbox, feeling + topic + flag": ["/?emotion=anger&intent=refund&flag=churn_threat"] * REQUESTS,
        "conversation page": [f"/conversations/{rng.choice(mine)}" for _ in range(REQUESTS)],
        "customer page (emotional history)": [
            f"/customers/{customers[rng.randrange(len(customers) // 4) * 4]}" for _ in range(REQUESTS)
        ],
        "inbox search (a customer's address)": [
            f"/?status=&q=customer{rng.randrange(CONVERSATIONS // 4)}%40" for _ in range(REQUESTS // 4)
        ],
    }
    for name, urls in pages.items():
        p50, p95, queries = timed(client, urls)
        print(f"  {name:<40} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  queries {queries}")


if __name__ == "__main__":
    main()
