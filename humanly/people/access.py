"""Who may see which customer: every read of a customer goes through here.

An agent sees the customers of their teams; an admin sees everyone. "Not found" answers both a customer
that does not exist and one that is not yours, so ids reveal nothing.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from humanly.people.models import Agent, Customer, Team


def teams_of(agent: Agent) -> QuerySet[Team]:
    return Team.objects.all() if agent.is_admin else agent.teams.all()


def visible_customers(agent: Agent) -> QuerySet[Customer]:
    if not agent.is_active:
        return Customer.objects.none()
    found = Customer.objects.filter(merged_into__isnull=True)
    return found if agent.is_admin else found.filter(teams__in=agent.teams.all()).distinct()


def access_customer(agent: Agent, customer_id: int) -> Customer:
    try:
        return visible_customers(agent).get(pk=customer_id)
    except (Customer.DoesNotExist, ValueError, TypeError):
        raise Http404("customer not found") from None


def customer_matches(customers: QuerySet[Customer], query: str) -> QuerySet[Customer]:
    """Those of ``customers`` whose name or any address or handle contains ``query`` (any case)."""
    query = query.strip()
    if not query:
        return customers
    return customers.filter(Q(name__icontains=query) | Q(identities__value__icontains=query)).distinct()


def merged_customer(agent: Agent, customer_id: int) -> Customer | None:
    """The profile a customer was merged into (following merges), when the agent may see it; so an old
    link still leads somewhere. None when it was not merged or is not theirs."""
    seen: set[int] = set()
    current: int | None = customer_id
    while current is not None and current not in seen:
        seen.add(current)
        current = Customer.objects.filter(pk=current).values_list("merged_into", flat=True).first()
        if current is not None:
            found = visible_customers(agent).filter(pk=current).first()
            if found is not None:
                return found
    return None
