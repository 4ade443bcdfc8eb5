"""Issuing and revoking API tokens, each change in the audit log (never the token itself)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q, QuerySet

from humanly.api.models import Token, digest
from humanly.desk.audit import record
from humanly.people.models import Agent


def _about(token: Token) -> dict[str, str]:
    return {"agent": token.agent.username, "name": token.name, "prefix": token.prefix}


@transaction.atomic
def do_issue_token(agent: Agent, name: str, *, actor: Agent | None = None) -> tuple[Token, str]:
    """A new token for ``agent``: the row, and the secret to hand over once. ``actor`` is who issued it
    (None: the system, as from the command line)."""
    token, secret = Token.issue(agent, name)
    record(actor, "token.issued", token, **_about(token))
    return token, secret


@transaction.atomic
def do_revoke_tokens(tokens: Iterable[Token], *, actor: Agent | None = None) -> list[Token]:
    """Revoke ``tokens``: from now on a request with any of them is 401 ``unauthorized``."""
    revoked = []
    for token in tokens:
        record(actor, "token.revoked", token, **_about(token))
        revoked.append(token)
    Token.objects.filter(pk__in=[t.pk for t in revoked]).delete()
    return revoked


def matching_tokens(text: str = "", agent: Agent | None = None) -> QuerySet[Token]:
    """The tokens ``text`` names (their name, their prefix, or the token itself), or every token when it
    is empty; only ``agent``'s when one is given. Oldest first."""
    found = Token.objects.select_related("agent").order_by("created", "pk")
    if agent is not None:
        found = found.filter(agent=agent)
    if text:
        found = found.filter(Q(name=text) | Q(prefix=text) | Q(key_hash=digest(text)))
    return found
