"""Changes to customers. Each runs in one transaction and is written to the audit log."""

from __future__ import annotations

from django.db import transaction

from humanly.desk.audit import record
from humanly.people.models import Agent, Customer, Identity, Team


@transaction.atomic
def do_find_or_create_customer(team: Team, kind: str, value: str, name: str = "") -> Customer:
    """The customer behind an email address, phone number or handle; created when new."""
    value = value.strip().lower() if kind == Identity.Kind.EMAIL else value.strip()
    identity = Identity.objects.select_related("customer").filter(kind=kind, value=value).first()
    if identity is not None:
        customer = identity.customer
        while customer.merged_into_id is not None:
            customer = Customer.objects.get(pk=customer.merged_into_id)
    else:
        customer = Customer.objects.create(name=name.strip()[:200])
        Identity.objects.create(customer=customer, kind=kind, value=value)
        record(None, "customer.created", customer, identity=f"{kind}:{value}")
    customer.teams.add(team)
    return customer


@transaction.atomic
def do_merge_customers(agent: Agent | None, keep: Customer, other: Customer) -> Customer:
    """Merge ``other`` into ``keep``: identities, conversations, teams, notes and preferences move;
    nothing is lost, and ``other`` remembers where it went."""
    if keep.pk == other.pk:
        raise ValueError("a customer cannot be merged into itself")
    Identity.objects.filter(customer=other).update(customer=keep)
    other.conversations.update(customer=keep)
    keep.teams.add(*other.teams.all())
    if other.notes.strip():
        keep.notes = f"{keep.notes}\n\n{other.notes}".strip()
    keep.preferences = keep.preferences + [p for p in other.preferences if p not in keep.preferences]
    if not keep.name and other.name:
        keep.name = other.name
    keep.save(update_fields=["notes", "preferences", "name", "updated"])
    other.merged_into = keep
    other.save(update_fields=["merged_into", "updated"])
    record(agent, "customer.merged", keep, merged=other.pk)
    from humanly.conversations import search  # people sits below conversations: imported when needed

    for conversation in keep.conversations.all():
        search.refresh(conversation)
    return keep
