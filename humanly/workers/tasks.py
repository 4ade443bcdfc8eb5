"""The task registry and ``enqueue``: run after commit, on a background thread of this process, inline
(the tests), or with a broker on workers."""

from __future__ import annotations

import functools
import json
import logging
import sys
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connections, transaction

log = logging.getLogger(__name__)

TASKS: dict[str, Callable[..., Any]] = {}


def task(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a function as the task ``name``."""

    def register(function: Callable[..., Any]) -> Callable[..., Any]:
        TASKS[name] = function
        return function

    return register


def enqueue(name: str, **arguments: Any) -> None:
    """Run task ``name`` once the current transaction commits (at once when there is none)."""
    if name not in TASKS:
        raise KeyError(f"no task named {name!r}")
    payload = json.loads(json.dumps(arguments))  # what a broker would carry: JSON, ids not objects
    transaction.on_commit(lambda: _dispatch(name, payload))


def _dispatch(name: str, payload: dict[str, Any]) -> None:
    if settings.BROKER_URL:
        from humanly.workers.celery import send

        try:
            send(name, payload)
            return
        # Any failure to send (broker down, refused, misconfigured) must not fail the request that already
        # committed, nor lose the task: it is logged, recorded, and the task runs here instead. Slower for
        # this one request, but the reading or the index is still there when the agent looks.
        except Exception:
            log.exception("task %s could not be sent to the broker; running it inline", name)
            from humanly.desk.models import AuditEvent

            AuditEvent.objects.create(action="task.unsent", object_type="task", object_id=name, data=payload)
    if settings.TASKS_IN_BACKGROUND:
        _pending.add(_pool().submit(_run_in_background, name, payload))
        return
    _run(name, payload)


def _run(name: str, payload: dict[str, Any]) -> None:
    try:
        TASKS[name](**payload)
    except Exception:  # an inline task must never break the request that committed; it is logged and kept
        failed(name, payload)


# With no broker, tasks run one at a time on a thread of the serving process, so the request that
# committed answers at once (the reading appears on the page when it is ready) and SQLite sees one
# writer more, not one per request.
_pending: set[Future[None]] = set()


@functools.cache
def _pool() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="humanly-task")


def _run_in_background(name: str, payload: dict[str, Any]) -> None:
    close_old_connections()
    try:
        _run(name, payload)
    finally:
        connections.close_all()  # the thread's own connections, never left open between tasks


def drain(timeout: float | None = None) -> bool:
    """Wait for the tasks handed to the background thread; True when none is left running."""
    done, running = wait(list(_pending), timeout=timeout)
    _pending.difference_update(done)
    return not running


def failed(name: str, payload: dict[str, Any]) -> None:
    """Log the exception being handled and record the task in the audit log as ``task.failed``: the same
    record whether the task ran inline or exhausted its retries on a worker."""
    log.exception("task %s failed with %s", name, payload)
    from humanly.desk.models import AuditEvent

    error = sys.exc_info()[1]
    AuditEvent.objects.create(
        action="task.failed",
        object_type="task",
        object_id=name,
        data={"arguments": payload, "error": f"{type(error).__name__}: {error}"[:500]},
    )
