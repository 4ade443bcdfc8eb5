"""With no broker, a task runs after the commit on a background thread: the request never waits for it."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from humanly.workers.tasks import drain, enqueue, task


@pytest.mark.django_db(transaction=True)  # no test transaction: the callback runs as a request's would
def test_with_no_broker_a_task_runs_on_a_background_thread(settings: Any) -> None:
    settings.BROKER_URL = ""
    settings.TASKS_IN_BACKGROUND = True
    release, ran = threading.Event(), []

    @task("tests.slow")
    def slow(word: str) -> None:
        release.wait(10)
        ran.append((word, threading.current_thread().name))

    enqueue("tests.slow", word="later")
    assert ran == []  # the caller went on while the task waited
    release.set()
    assert drain(timeout=10)
    assert [word for word, _ in ran] == ["later"]
    assert ran[0][1].startswith("humanly-task")
