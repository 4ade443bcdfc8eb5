"""Changes to customers, teams and agents. Each runs in one transaction and is written to the audit log."""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from humanly.desk.audit import record
from humanly.people.models import Agent, Customer, Identity, Team

USERNAME = re.compile(r"[\w.@+-]+")


class IdentityTaken(ValueError):
    """An identity that already belongs to a customer (identities are unique across the desk)."""

    def __init__(self, kind: str, value: str, customer_id: int | None) -> None:
        super().__init__(f"{kind}:{value} already belongs to a customer")
        self.identity = f"{kind}:{value}"
        self.customer_id = customer_id


def normalise(kind: str, value: str) -> str:
    """An identity's value as stored: trimmed, and email addresses in lower case."""
    return value.strip().lower() if kind == Identity.Kind.EMAIL else value.strip()


@transaction.atomic
def known_customer(kind: str, value: str) -> Customer | None:
    """The customer an address, number or handle belongs to (the one kept, when they were merged)."""
    identity = (
        Identity.objects.select_related("customer").filter(kind=kind, value=normalise(kind, value)).first()
    )
    if identity is None:
        return None
    customer = identity.customer
    while customer.merged_into_id is not None:
        customer = Customer.objects.get(pk=customer.merged_into_id)
    return customer


def do_find_or_create_customer(team: Team, kind: str, value: str, name: str = "") -> Customer:
    """The customer behind an email address, phone number or handle; created when new."""
    value = normalise(kind, value)
    customer = known_customer(kind, value)
    if customer is None:
        customer = Customer.objects.create(name=name.strip()[:200])
        Identity.objects.create(customer=customer, kind=kind, value=value)
        record(None, "customer.created", customer, identity=f"{kind}:{value}")
    customer.teams.add(team)
    return customer


@transaction.atomic
def do_create_customer(
    agent: Agent | None,
    team: Team,
    *,
    name: str = "",
    identities: Sequence[tuple[str, str]] = (),
    notes: str = "",
) -> Customer:
    """A new customer in ``team`` with these identities (kind, value). ``IdentityTaken`` when one of them
    already belongs to a customer, and then nothing is created."""
    wanted = list(dict.fromkeys((kind, normalise(kind, value)) for kind, value in identities))
    if any(kind not in Identity.Kind.values or not value for kind, value in wanted):
        raise ValueError("an identity needs a kind (email, phone or handle) and a value")
    if not name.strip() and not wanted:
        raise ValueError("a customer needs a name or an identity")
    for kind, value in wanted:
        owner = Identity.objects.filter(kind=kind, value=value).values_list("customer_id", flat=True).first()
        if owner is not None:
            raise IdentityTaken(kind, value, owner)
    customer = Customer.objects.create(name=name.strip()[:200], notes=notes.strip())
    try:
        # Another request can take an identity between the check and here: the unique constraint decides.
        with transaction.atomic():
            Identity.objects.bulk_create(Identity(customer=customer, kind=k, value=v) for k, v in wanted)
    except IntegrityError:
        raise IdentityTaken(*wanted[0], None) from None
    customer.teams.add(team)
    record(agent, "customer.created", customer, team=team.slug, identities=[f"{k}:{v}" for k, v in wanted])
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


@transaction.atomic
def do_update_customer(
    agent: Agent | None,
    customer: Customer,
    *,
    name: str | None = None,
    notes: str | None = None,
    preferences: Sequence[str] | None = None,
) -> Customer:
    """What agents know of a customer: their name, notes, and preferences (one per line, e.g. "call me Sam")."""
    changed = []
    if name is not None and name.strip()[:200] != customer.name:
        customer.name = name.strip()[:200]
        changed.append("name")
    if notes is not None and notes.strip() != customer.notes:
        customer.notes = notes.strip()[:20_000]
        changed.append("notes")
    if preferences is not None:
        kept = list(dict.fromkeys(p.strip()[:200] for p in preferences if p.strip()))[:50]
        if kept != customer.preferences:
            customer.preferences = kept
            changed.append("preferences")
    if changed:
        customer.save(update_fields=[*changed, "updated"])
        record(agent, "customer.updated", customer, fields=changed)
        if "name" in changed:
            from humanly.conversations import search  # people sits below conversations

            for conversation in customer.conversations.all():
                search.refresh(conversation)
    return customer


# --- teams and agents (admins only) ------------------------------------------------------------------


def _admin(actor: Agent) -> None:
    if not (actor.is_active and actor.is_admin):
        raise PermissionError("only an admin can change teams and agents")


@transaction.atomic
def do_save_team(actor: Agent, name: str, team: Team | None = None) -> Team:
    """Create a team, or rename ``team``. Its slug is made once, from the first name, and kept."""
    _admin(actor)
    name = " ".join(name.split())[:120]
    if not name:
        raise ValueError("a team needs a name")
    clash = Team.objects.filter(name__iexact=name)
    if team is not None:
        clash = clash.exclude(pk=team.pk)
    if clash.exists():
        raise ValueError(f"there is already a team called {name!r}")
    if team is None:
        base = slugify(name)[:50] or "team"
        slug, n = base, 2
        while Team.objects.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        team = Team.objects.create(name=name, slug=slug)
        record(actor, "team.created", team, name=name)
    else:
        before = team.name
        team.name = name
        team.save(update_fields=["name"])
        record(actor, "team.renamed", team, before=before, name=name)
    return team


def new_password() -> str:
    """A password to hand over once (the agent changes it on their account page)."""
    return secrets.token_urlsafe(12)


@transaction.atomic
def do_create_agent(
    actor: Agent,
    username: str,
    *,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    role: str = Agent.Role.AGENT,
    teams: Sequence[Team] = (),
) -> tuple[Agent, str]:
    """A new agent and the password to give them; only its hash is stored."""
    _admin(actor)
    username = username.strip()
    if not username or len(username) > 150 or not USERNAME.fullmatch(username):
        raise ValueError("a username is 1-150 letters, digits and @ . + - _")
    if Agent.objects.filter(username__iexact=username).exists():
        raise ValueError(f"the username {username!r} is taken")
    if role not in Agent.Role.values:
        raise ValueError(f"unknown role {role!r}")
    password = new_password()
    agent = Agent.objects.create_user(
        username,
        email=email.strip()[:254],
        password=password,
        first_name=first_name.strip()[:150],
        last_name=last_name.strip()[:150],
        role=role,
    )
    agent.teams.set(teams)
    record(actor, "agent.created", agent, role=role, teams=sorted(t.pk for t in teams))
    return agent, password


@transaction.atomic
def do_update_agent(
    actor: Agent,
    agent: Agent,
    *,
    role: str | None = None,
    teams: Sequence[Team] | None = None,
    active: bool | None = None,
) -> Agent:
    """Change an agent's role, teams or whether they can sign in. The desk always keeps one active admin,
    and nobody switches themselves off."""
    _admin(actor)
    if role is not None and role not in Agent.Role.values:
        raise ValueError(f"unknown role {role!r}")
    losing_admin = agent.is_admin and agent.is_active and (role == Agent.Role.AGENT or active is False)
    if losing_admin:
        others = Agent.objects.filter(role=Agent.Role.ADMIN, is_active=True).exclude(pk=agent.pk)
        if not others.select_for_update().exists():
            raise ValueError("the desk needs at least one active admin")
    if agent.pk == actor.pk and (active is False or role == Agent.Role.AGENT):
        raise ValueError("you cannot take away your own access; ask another admin")
    changed: dict[str, object] = {}
    if role is not None and role != agent.role:
        agent.role = changed["role"] = role
    if active is not None and active != agent.is_active:
        agent.is_active = changed["active"] = active
    agent.save(update_fields=["role", "is_active"])
    if teams is not None and {t.pk for t in teams} != set(agent.teams.values_list("pk", flat=True)):
        agent.teams.set(teams)
        changed["teams"] = sorted(t.pk for t in teams)
    if changed:
        record(actor, "agent.updated", agent, **changed)
    return agent


@transaction.atomic
def do_reset_password(actor: Agent, agent: Agent) -> str:
    """A new password for ``agent`` (their sessions end); returned once to hand over."""
    _admin(actor)
    password = new_password()
    agent.set_password(password)
    agent.save(update_fields=["password"])
    record(actor, "agent.password_reset", agent)
    return password
