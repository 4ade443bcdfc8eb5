"""The inbox's order: the people who most need an answer first, their wait counted in.

A conversation's urgency is its need (0-1, from the engine's reading of the customer's latest message,
at least ``FLOOR`` so an unread message still counts) times one plus the time they have waited since
they last wrote, in steps of ``WAIT_HOURS``. Need leads: a dispute raised an hour ago (0.66) comes
before a thank-you note left for six days (0.14 x 3.1), and a furious customer who has just written
(1.0) before a calm question from two days ago (0.1 x 1.7); but a wait keeps counting, so an anxious
customer left for a week (0.4 x 3.3) comes before the furious one. Computed in SQL when the inbox is
read, since the order changes with the clock.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import NotSupportedError
from django.db.models import F, FloatField, Func, QuerySet, Value
from django.db.models.functions import Greatest
from django.utils import timezone

WAIT_HOURS = 72.0
FLOOR = 0.1


# Django keeps datetimes in SQLite as UTC text, which julianday() reads.
EPOCH = {
    "sqlite": "((julianday(%(expressions)s) - 2440587.5) * 86400.0)",
    "postgresql": "EXTRACT(EPOCH FROM %(expressions)s)::double precision",
}


class Epoch(Func):
    """Seconds since 1970-01-01 UTC of a datetime column, on SQLite and PostgreSQL."""

    output_field = FloatField()

    def as_sql(
        self,
        compiler: Any,
        connection: Any,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra_context: Any,
    ) -> Any:
        if connection.vendor not in EPOCH:
            raise NotSupportedError(
                f"the inbox's order is written for SQLite and PostgreSQL, not {connection.vendor}"
            )
        template = EPOCH[connection.vendor]
        return super().as_sql(compiler, connection, function, template, arg_joiner, **extra_context)


def urgency(now: datetime) -> Any:
    """The expression of a conversation's urgency at ``now`` (NULL when the customer never wrote)."""
    waited = (Value(now.timestamp()) - Epoch("last_inbound")) / Value(WAIT_HOURS * 3600.0)
    return Greatest(F("need"), Value(FLOOR)) * (Value(1.0) + waited)


def by_need(found: QuerySet[Any], now: datetime | None = None) -> QuerySet[Any]:
    """``found`` (conversations) most urgent first; those whose customer never wrote last."""
    ordered: QuerySet[Any] = found.annotate(urgency=urgency(now or timezone.now())).order_by(
        F("urgency").desc(nulls_last=True), "pk"
    )
    return ordered
