"""The scaled-out mode: the desk's tasks on Celery workers, over the broker at ``HUMANLY_BROKER_URL``.

One Celery task, ``humanly.run``, runs any registered task by name (``humanly.workers.tasks``), so a task
is written once and runs the same inline or on a worker. Messages are JSON only (ids and plain values,
never pickles). A message is acknowledged only when its task has finished (``acks_late``): a worker that
dies mid-task leaves it to be delivered again. A task that raises is retried with growing waits; after
the last try it is logged and written to the audit log as ``task.failed``, the record an inline failure
writes. Import this module only with Django set up (its settings configure the app).
"""

from __future__ import annotations

import random
from typing import Any

from celery import Celery, Task
from django.conf import settings
from kombu import pools

from humanly.workers import tasks

# The modules that register tasks: a worker imports them when it starts.
TASK_MODULES = ("humanly.copilot.reading", "humanly.knowledge.index")
# A task that raises is tried again this many times, after about BACKOFF_S, 2 x, 4 x ... seconds.
RETRIES = 3
BACKOFF_S = 5.0
BACKOFF_MAX_S = 300.0
# Sending waits at most about a second for a broker that does not answer, then gives up (the request that
# committed must not hang; ``tasks._dispatch`` then runs the task inline).
PUBLISH_RETRY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.25, "interval_max": 0.5}

app = Celery("humanly", include=list(TASK_MODULES))
app.conf.update(
    broker_url=settings.BROKER_URL or None,
    broker_connection_retry_on_startup=True,
    # Redis: give up connecting after a few seconds rather than hanging a request.
    broker_transport_options={"socket_connect_timeout": 3},
    task_serializer="json",
    result_serializer="json",
    accept_content=["json"],
    task_acks_late=True,
    # With acks_late a worker holds only the message it works on: the others wait for any free worker.
    worker_prefetch_multiplier=1,
    task_ignore_result=True,  # the tasks write what they find to the database; nothing waits for results
    task_default_queue="humanly",
    task_publish_retry_policy=PUBLISH_RETRY,
    timezone="UTC",
)


def backoff(retries: int) -> float:
    """Seconds before try ``retries + 2``: doubling from BACKOFF_S, with jitter so retries spread out."""
    wait = min(BACKOFF_MAX_S, BACKOFF_S * 2.0**retries)
    return wait * random.uniform(0.75, 1.25)  # jitter: workers retrying at once spread out


@app.task(name="humanly.run", bind=True, acks_late=True, max_retries=RETRIES)  # type: ignore[untyped-decorator]  # Celery is untyped
def run(self: Task, name: str, payload: dict[str, Any]) -> None:
    """Run the registered task ``name`` with ``payload``, retrying it; recorded when the last try fails."""
    try:
        tasks.TASKS[name](**payload)
    except Exception as exc:
        if self.request.retries < RETRIES:
            raise self.retry(exc=exc, countdown=backoff(self.request.retries)) from exc
        tasks.failed(name, payload)


def send(name: str, payload: dict[str, Any]) -> None:
    """Put task ``name`` on the broker; raises when the broker cannot be reached (after a short retry).

    The broker is read from the settings on each send (a test may change it) and its connections come
    from kombu's pool for that URL, so sending reuses an open connection."""
    connection = app.connection_for_write(settings.BROKER_URL)
    with pools.producers[connection].acquire(block=True, timeout=5) as producer:
        run.apply_async((name, payload), producer=producer, retry=True, retry_policy=PUBLISH_RETRY)
