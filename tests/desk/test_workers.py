"""The scaled-out mode against a real Redis (scripts/services starts it on 127.0.0.1:6379): tasks go to a
Celery worker after commit, a failing task is retried and then recorded, a broker that cannot be reached
falls back to running the task inline, and the knowledge reindex stores what a draft needs.

The worker runs in a thread of the test process (``celery.contrib.testing.worker``), so it sees the test
database, SQLite in memory or PostgreSQL alike."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from click.testing import CliRunner
from django.db import connections

import humanly.workers.celery as desk_celery
from humanly.cli import main
from humanly.conversations.actions import do_receive
from humanly.conversations.models import Message
from humanly.copilot.reading import engine
from humanly.desk.models import AuditEvent
from humanly.knowledge import index
from humanly.knowledge.actions import do_save_article
from humanly.knowledge.models import Article
from humanly.people.models import Agent, Team
from humanly.workers.tasks import enqueue, task

# A database of the local Redis kept for tests, and a queue of this test process's own: parallel runs
# (pytest -n 2, or SQLite and PostgreSQL at once) never take each other's tasks. Set before anything sends.
BROKER = "redis://127.0.0.1:6379/9"
QUEUE = f"humanly-test-{uuid.uuid4().hex[:12]}"
desk_celery.app.conf.task_default_queue = QUEUE


def _redis_answers() -> bool:
    try:
        return bool(redis.Redis.from_url(BROKER, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not _redis_answers(), reason="Redis is not running on 127.0.0.1:6379 (scripts/services)"
    ),
]

ATTEMPTS: list[int] = []


@task("tests.always_fails")
def always_fails(n: int) -> None:
    ATTEMPTS.append(n)
    raise RuntimeError("this task always fails")


@task("tests.nothing")
def nothing() -> None:
    pass


def wait_for(check: Callable[[], Any], seconds: float = 30.0) -> Any:
    """Poll ``check`` until it gives something true; fail after ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if found := check():
            return found
        time.sleep(0.05)
    pytest.fail(f"nothing after {seconds} s")


@pytest.fixture(scope="module")
def worker() -> Iterator[list[str]]:
    """A Celery worker on the test queue (pool of threads, as `humanly worker`); yields the names of the
    desk's tasks it has run."""
    app = desk_celery.app
    ran: list[str] = []

    def after(sender: Any = None, args: Any = (), **_: Any) -> None:
        ran.append(args[0])
        connections.close_all()  # this thread's; PostgreSQL could not drop the test database otherwise

    task_postrun.connect(after, weak=False)
    before = app.conf.broker_url, app.conf.worker_hijack_root_logger
    app.conf.broker_url, app.conf.worker_hijack_root_logger = BROKER, False  # pytest keeps its logging
    try:
        with start_worker(app, pool="threads", concurrency=1, perform_ping_check=False, shutdown_timeout=20):
            yield ran
    finally:
        task_postrun.disconnect(after)
        app.conf.broker_url, app.conf.worker_hijack_root_logger = before
        client = redis.Redis.from_url(BROKER)
        client.delete(QUEUE, *client.scan_iter(f"_kombu.*{QUEUE}"))  # the queue and kombu's bindings of it


@pytest.fixture
def broker(settings: Any, worker: list[str]) -> list[str]:
    settings.BROKER_URL = BROKER
    return worker


@pytest.fixture
def team() -> Team:
    return Team.objects.create(name="Support", slug="support")


def test_an_inbound_message_is_read_on_a_worker(broker: list[str], team: Team) -> None:
    message = do_receive(
        team,
        identity=("email", "ana@example.com"),
        text="I'm terrified, my son's insulin delivery hasn't come and he has one pen left. Where is it?",
    )
    reading = wait_for(lambda: Message.objects.get(pk=message.pk).reading)
    assert reading["asks"][0]["text"] == "Where is it?"
    assert "copilot.read_message" in broker
    message.conversation.refresh_from_db()
    assert message.conversation.need > 0.1
    assert not AuditEvent.objects.filter(action__startswith="task.").exists()


def test_a_failing_task_is_retried_then_recorded(broker: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(desk_celery, "BACKOFF_S", 0.02)
    ATTEMPTS.clear()
    enqueue("tests.always_fails", n=7)
    failed = wait_for(lambda: AuditEvent.objects.filter(action="task.failed").first())
    assert (failed.object_id, failed.data) == (
        "tests.always_fails",
        {"arguments": {"n": 7}, "error": "RuntimeError: this task always fails"},
    )
    assert ATTEMPTS == [7] * (desk_celery.RETRIES + 1)
    assert not AuditEvent.objects.filter(action="task.unsent").exists()


def test_a_broker_that_cannot_be_reached_falls_back_inline(settings: Any, team: Team) -> None:
    settings.BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    started = time.monotonic()
    enqueue("tests.nothing")
    assert time.monotonic() - started < 5  # a short retry, then the request goes on
    message = do_receive(team, identity=("email", "bo@example.com"), text="Where is my refund?")
    assert Message.objects.get(pk=message.pk).reading is not None  # read inline, before do_receive returned
    unsent = AuditEvent.objects.filter(action="task.unsent").order_by("pk")
    assert [(e.object_id, e.data) for e in unsent] == [
        ("tests.nothing", {}),
        ("copilot.read_message", {"message_id": message.pk}),
    ]


REFUNDS = """You can ask for a full refund within 14 days of buying a course.

## After 14 days

We can move you to another course instead, or pause your plan for up to three months."""


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Every batch of texts the desk's engine encodes from now on."""
    desk_engine, encoded = engine(), []
    real = desk_engine._embed

    def embed(texts: list[str], max_tokens: int | None = None) -> Any:
        encoded.append(texts)
        return real(texts, max_tokens)

    monkeypatch.setattr(desk_engine, "_embed", embed)
    monkeypatch.setattr(index, "_indexes", {})  # as in a web process that has not read the team yet
    return encoded


def test_the_reindex_on_a_worker_stores_what_a_draft_needs(
    broker: list[str], team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    agent = Agent.objects.create_user("alex", password="a-long-password-1")
    article = do_save_article(agent, team, title="Refunds", body=REFUNDS, tags=["billing"])
    wait_for(lambda: Article.objects.filter(pk=article.pk).exclude(vectors_of="").exists())
    assert "knowledge.reindex" in broker
    encoded = _counting(monkeypatch)
    kb = index.team_knowledge(team, engine())
    assert encoded == []  # every passage's vector came from the database
    hits = kb.search("can I get my money back after two weeks?", k=2)
    assert hits[0].passage.source.article_id == "refunds"
    assert hits[0].semantic > 0.2


def test_stale_vectors_are_not_used(team: Team, monkeypatch: pytest.MonkeyPatch) -> None:
    agent = Agent.objects.create_user("alex", password="a-long-password-1")
    do_save_article(agent, team, title="Refunds", body=REFUNDS)  # inline, no broker: vectors stored
    assert Article.objects.get().vectors_of
    Article.objects.update(body="Refunds are given within 30 days.")  # changed behind the task's back
    encoded = _counting(monkeypatch)
    kb = index.team_knowledge(team, engine())
    assert encoded == [["Refunds Refunds are given within 30 days."]]  # encoded again, not the old vectors
    assert [p.text for p in kb.passages("refunds")] == ["Refunds are given within 30 days."]


def test_the_worker_command_needs_a_broker(settings: Any) -> None:
    settings.BROKER_URL = ""
    result = CliRunner().invoke(main, ["worker"])
    assert result.exit_code == 1
    assert "HUMANLY_BROKER_URL is empty" in result.output


def test_the_worker_command_starts_a_worker(tmp_path: Any) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HUMANLY_", "DJANGO_"))}
    env |= {"HUMANLY_BROKER_URL": BROKER, "HUMANLY_DEBUG": "true", "HUMANLY_DATA_DIR": str(tmp_path)}
    command = [sys.executable, "-c", "from humanly.cli import main; main()", "worker", "--concurrency", "1"]
    with subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    ) as process:
        assert process.stdout is not None
        lines: list[str] = []
        deadline = time.monotonic() + 60
        try:
            while time.monotonic() < deadline and not any(" ready." in line for line in lines):
                line = process.stdout.readline()
                if not line:
                    break
                lines.append(line)
        finally:
            process.terminate()  # a warm shutdown, as on a deploy
            process.wait(timeout=30)
    output = "".join(lines)
    assert " ready." in output, output
    assert "humanly.run" in output  # the one task, which runs every registered task by name
