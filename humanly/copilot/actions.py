"""Changes to a team's voice, language model endpoint and own intents (admins only).

Each runs in one transaction and is written to the audit log. The endpoint's key is never written there:
the log says only whether it was set, kept or removed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from django.db import transaction

from humanly.copilot.models import CustomIntent, TeamSettings
from humanly.desk.audit import record
from humanly.engine import CatalogueError
from humanly.engine.intents import parse_intent
from humanly.people.models import Agent, Team

SIGNATURE_CHARS = 500
MAX_INTENTS = 100
MAX_EXAMPLES = 50
EXAMPLE_CHARS = 300
DESCRIPTION_CHARS = 500
MAX_KEYWORDS = 20
KEYWORD_CHARS = 60
TIMEOUT = (1.0, 120.0)  # seconds: the least and the most an endpoint may take


class SettingsError(ValueError):
    """A value that cannot be saved; ``field`` names the form field it belongs to ("" for the form)."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


def _admin(actor: Agent) -> None:
    if not (actor.is_active and actor.is_admin):
        raise PermissionError("only an admin can change a team's settings")


def settings_of(team: Team) -> TeamSettings:
    """The team's settings row, made with the defaults the first time it is needed."""
    found, _ = TeamSettings.objects.get_or_create(team=team)
    return found


@transaction.atomic
def do_save_voice(actor: Agent, team: Team, *, tone: str, first_names: bool, signature: str) -> TeamSettings:
    """How the team's drafts sound: warm or formal, first names or full names, and the signature."""
    _admin(actor)
    if tone not in TeamSettings.Tone.values:
        raise SettingsError("the tone is warm or formal", "tone")
    signature = "\n".join(line.rstrip() for line in signature.strip().splitlines())
    if len(signature) > SIGNATURE_CHARS:
        raise SettingsError(f"the signature is longer than {SIGNATURE_CHARS} characters", "signature")
    found = TeamSettings.objects.select_for_update().filter(team=team).first() or settings_of(team)
    before = {"tone": found.tone, "first_names": found.first_names, "signature": found.signature}
    found.tone, found.first_names, found.signature = tone, first_names, signature
    found.save(update_fields=["tone", "first_names", "signature", "updated"])
    after = {"tone": tone, "first_names": first_names, "signature": signature}
    changed = {k: {"before": before[k], "after": v} for k, v in after.items() if before[k] != v}
    record(actor, "copilot.voice_saved", found, team=team.slug, changed=changed)
    return found


def check_url(url: str) -> str:
    """The endpoint's API base, trimmed; ``SettingsError`` unless it is an http(s) address."""
    url = url.strip()
    parts = urlsplit(url)
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or re.search(r"\s", url)
        or parts.username
        or parts.password
    ):
        raise SettingsError(
            "the address is the API base, starting with http:// or https:// "
            "(like http://127.0.0.1:8080/v1), with no spaces and no password in it",
            "llm_url",
        )
    return url


def check_timeout(timeout: str | float) -> float:
    try:
        seconds = float(timeout)
    except (TypeError, ValueError):
        seconds = math.nan
    if not TIMEOUT[0] <= seconds <= TIMEOUT[1]:  # NaN fails both
        raise SettingsError(
            f"the timeout is a number of seconds from {TIMEOUT[0]:g} to {TIMEOUT[1]:g}", "llm_timeout"
        )
    return seconds


@transaction.atomic
def do_save_llm(
    actor: Agent,
    team: Team,
    *,
    url: str,
    model: str = "",
    key: str = "",
    remove_key: bool = False,
    timeout: str | float = 30.0,
) -> TeamSettings:
    """The team's language model endpoint (an empty address switches it off). An empty ``key`` keeps the
    current one; ``remove_key`` removes it."""
    _admin(actor)
    url = check_url(url) if url.strip() else ""
    model = model.strip()
    if len(model) > 200:
        raise SettingsError("the model name is longer than 200 characters", "llm_model")
    key = key.strip()
    if len(key) > 500 or re.search(r"\s", key) or not (key.isascii() and key.isprintable()):
        raise SettingsError("the key is one word of plain characters, at most 500 of them", "llm_key")
    seconds = check_timeout(timeout)
    found = TeamSettings.objects.select_for_update().filter(team=team).first() or settings_of(team)
    before = {"url": found.llm_url, "model": found.llm_model, "timeout": found.llm_timeout}
    if remove_key:
        key_change = "removed" if found.llm_key else "none"
        found.llm_key = ""
    elif key:
        key_change = "kept" if found.key == key else "changed" if found.llm_key else "set"
        found.set_key(key)
    else:
        key_change = "kept" if found.llm_key else "none"
    found.llm_url, found.llm_model, found.llm_timeout = url, model, seconds
    found.save(update_fields=["llm_url", "llm_model", "llm_key", "llm_timeout", "updated"])
    after = {"url": url, "model": model, "timeout": seconds}
    changed = {k: {"before": before[k], "after": v} for k, v in after.items() if before[k] != v}
    record(actor, "copilot.llm_saved", found, team=team.slug, changed=changed, key=key_change)
    return found


def _lines(text: str | Sequence[str], *, commas: bool = False) -> list[str]:
    raw = text if isinstance(text, str) else "\n".join(text)
    pieces = re.split(r"[\n,]" if commas else r"\n", raw)
    return list(dict.fromkeys(" ".join(p.split()) for p in pieces if p.strip()))


def intent_name(typed: str) -> str:
    """The name as the engine wants it (lower_snake_case) from what was typed: "Late delivery" is
    ``late_delivery``."""
    return re.sub(r"[\s-]+", "_", typed.strip().lower())


@transaction.atomic
def do_save_intent(
    actor: Agent,
    team: Team,
    *,
    name: str,
    description: str = "",
    examples: str | Sequence[str],
    keywords: str | Sequence[str] = "",
    intent: CustomIntent | None = None,
) -> CustomIntent:
    """Add one of the team's own intents, or change ``intent``. ``examples`` one sentence a line;
    ``keywords`` one a line or separated by commas. Checked as the engine checks an intents file."""
    _admin(actor)
    if intent is not None and intent.team_id != team.pk:
        raise SettingsError("that intent belongs to another team")
    name = intent_name(name)
    description = " ".join(description.split())
    sentences = _lines(examples)
    words = [k.lower() for k in _lines(keywords, commas=True)]
    if len(description) > DESCRIPTION_CHARS:
        raise SettingsError(f"the description is longer than {DESCRIPTION_CHARS} characters", "description")
    if len(sentences) > MAX_EXAMPLES or any(len(s) > EXAMPLE_CHARS for s in sentences):
        raise SettingsError(
            f"give at most {MAX_EXAMPLES} examples of at most {EXAMPLE_CHARS} characters each", "examples"
        )
    if len(words) > MAX_KEYWORDS or any(len(k) > KEYWORD_CHARS for k in words):
        raise SettingsError(
            f"give at most {MAX_KEYWORDS} keywords of at most {KEYWORD_CHARS} characters each", "keywords"
        )
    try:
        parse_intent({"name": name, "description": description, "examples": sentences, "keywords": words})
    except CatalogueError as exc:
        raise SettingsError(str(exc), "examples" if "example" in str(exc) else "name") from None
    Team.objects.select_for_update().filter(pk=team.pk).first()  # one change to a team's intents at a time
    others = CustomIntent.objects.filter(team=team)
    if intent is not None:
        others = others.exclude(pk=intent.pk)
    if others.filter(name=name).exists():
        raise SettingsError(f"this team already has an intent called {name!r}", "name")
    if intent is None and others.count() >= MAX_INTENTS:
        raise SettingsError(f"a team has at most {MAX_INTENTS} intents of its own")
    values = {"name": name, "description": description, "examples": "\n".join(sentences)}
    values["keywords"] = "\n".join(words)
    if intent is None:
        intent = CustomIntent.objects.create(team=team, **values)
        record(actor, "copilot.intent_created", intent, team=team.slug, name=name, examples=len(sentences))
        return intent
    before = {k: getattr(intent, k) for k in values}
    for k, v in values.items():
        setattr(intent, k, v)
    intent.save(update_fields=[*values, "updated"])
    changed = sorted(k for k, v in values.items() if before[k] != v)
    record(
        actor,
        "copilot.intent_changed",
        intent,
        team=team.slug,
        name=name,
        before=before["name"],
        changed=changed,
        examples=len(sentences),
    )
    return intent


@transaction.atomic
def do_delete_intent(actor: Agent, intent: CustomIntent) -> None:
    """Remove one of a team's own intents: messages read from now on no longer find it."""
    _admin(actor)
    record(actor, "copilot.intent_deleted", intent, team=intent.team.slug, name=intent.name)
    intent.delete()
