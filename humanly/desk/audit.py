"""Recording changes in the audit log (always inside the change's own transaction)."""

from __future__ import annotations

from typing import Any

from django.db import models

from humanly.desk.models import AuditEvent


def record(actor: Any, action: str, obj: models.Model, **data: Any) -> AuditEvent:
    """One audit event for ``action`` on ``obj`` by ``actor`` (an agent, or None for the system)."""
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        data=data,
    )
