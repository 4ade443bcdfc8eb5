"""Each team's own engine and voice: the one loaded engine with the team's intents and language model.

``team_engine`` is a light view of ``copilot.reading.engine()`` (``Engine.with_business``): no model is
loaded again, and only the team's own example sentences are encoded. Each process keeps one view per
team and makes it again only when the team's settings or intents changed (one small query tells).
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from typing import Literal

from django.db.models import Count, Max

from humanly.copilot.models import CustomIntent, TeamSettings
from humanly.engine import CatalogueError, Engine, IntentDefinition, LLMConfig, LLMError, Voice, chat_client
from humanly.engine.intents import parse_intent
from humanly.people.models import Team

log = logging.getLogger(__name__)

# The probe of "Test connection": one tiny request, answered in a few tokens, with a short timeout.
PROBE_TIMEOUT = 10.0
PROBE = [{"role": "user", "content": "Reply with one word: ready"}]
# The customer the voice preview greets.
PREVIEW_NAME = "Alex Morgan"

_lock = threading.Lock()
_engines: dict[int, tuple[tuple[object, ...], Engine]] = {}


def _stamp(team: Team) -> tuple[object, ...]:
    """What changes whenever the team's settings or intents do: one aggregate query."""
    found = Team.objects.filter(pk=team.pk).aggregate(
        saved=Max("copilot_settings__updated"),
        intents=Count("custom_intents"),
        latest=Max("custom_intents__updated"),
    )
    return (found["saved"], found["intents"], found["latest"])


def llm_config(found: TeamSettings | None) -> LLMConfig | None:
    """The team's language model endpoint, or None when it has none."""
    if found is None or not found.llm_url:
        return None
    return LLMConfig(url=found.llm_url, model=found.llm_model, key=found.key, timeout=found.llm_timeout)


def definitions(team: Team) -> list[IntentDefinition]:
    """The team's own intents as the engine takes them; one that cannot be used (changed outside the
    desk's actions) is left out and logged."""
    usable = []
    for row in CustomIntent.objects.filter(team=team).order_by("name"):
        entry = {
            "name": row.name,
            "description": row.description,
            "examples": row.example_list,
            "keywords": row.keyword_list,
        }
        try:
            usable.append(parse_intent(entry))
        except CatalogueError as exc:
            log.warning("team %s: intent %r left out: %s", team.slug, row.name, exc)
    return usable


def team_engine(team: Team) -> Engine:
    """The shared engine with ``team``'s own intents and language model (the shared engine itself when
    the team has neither). Cached per team; made again only after the team's settings or intents change."""
    from humanly.copilot.reading import engine  # reading.py uses this module: imported when needed

    base = engine()
    stamp = (id(base), *_stamp(team))
    with _lock:
        cached = _engines.get(team.pk)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        intents = definitions(team)
        llm = llm_config(TeamSettings.objects.filter(team=team).first())
        made = base.with_business(intents=intents, llm=llm) if intents or llm else base
        _engines[team.pk] = (stamp, made)
        return made


def team_voice(team: Team) -> Voice:
    """How ``team``'s drafts greet and sign off (the engine's default voice until an admin sets one)."""
    found = TeamSettings.objects.filter(team=team).only("tone", "first_names", "signature").first()
    if found is None:
        return Voice()
    tone: Literal["warm", "formal"] = "formal" if found.tone == TeamSettings.Tone.FORMAL else "warm"
    return Voice(tone=tone, first_names=found.first_names, signature=found.signature)


def voice_preview(voice: Voice, name: str = PREVIEW_NAME) -> tuple[str, str]:
    """How a draft in this voice greets a customer called ``name`` and signs off (the composer's rules:
    humanly/engine/compose.py); a warm draft to an upset customer signs off "Take care,"."""
    called = name.split(maxsplit=1)[0] if voice.first_names else name
    greeting = f"Dear {called}," if voice.tone == "formal" else f"Hi {called},"
    sign_off = "Kind regards," if voice.tone == "formal" else "Best wishes,"
    signature = voice.signature.strip()
    return greeting, f"{sign_off}\n{signature}" if signature else sign_off.rstrip(",")


@dataclasses.dataclass(frozen=True)
class Connection:
    ok: bool
    message: str


def try_connection(config: LLMConfig, timeout: float = PROBE_TIMEOUT) -> Connection:
    """Send one tiny request through the engine's language model client, with a short timeout, and say
    how it went: "Connected: <model> answered in N ms", or why not. The key is never in the answer."""
    probe = dataclasses.replace(config, timeout=min(config.timeout, timeout), max_tokens=5, temperature=0.0)
    started = time.perf_counter()
    try:
        chat_client(probe)(PROBE)
    except (LLMError, ValueError) as exc:
        reason = str(exc) or type(exc).__name__
        if config.key:
            reason = reason.replace(config.key, "***")
        if "HTTP 401" in reason or "HTTP 403" in reason:
            reason += " (check the key)"
        elif "HTTP 404" in reason:
            reason += " (check the address: the API base, like http://127.0.0.1:8080/v1)"
        return Connection(False, f"Not connected: {reason}.")
    took = round((time.perf_counter() - started) * 1000)
    who = config.model or "the endpoint"
    return Connection(True, f"Connected: {who} answered in {took} ms.")
