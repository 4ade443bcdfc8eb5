"""A team's own settings page (admins only): its voice, its own intents and its language model endpoint.

Every change goes through ``humanly.copilot.actions`` (audited). The endpoint's key is write-only: the
page says whether one is saved, never what it is.
"""

from __future__ import annotations

import functools
from typing import Any, Literal

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from humanly.copilot.actions import (
    SettingsError,
    check_timeout,
    check_url,
    do_delete_intent,
    do_save_intent,
    do_save_llm,
    do_save_voice,
)
from humanly.copilot.business import try_connection, voice_preview
from humanly.copilot.models import CustomIntent, TeamSettings
from humanly.engine import LLMConfig, Voice
from humanly.engine.intents import CATALOGUE, load_catalogue
from humanly.people.models import Agent, Team

# What was saved (the ``saved`` query parameter after a change): the section it is in, and the notice.
SAVED = {
    "voice": ("voice", "The voice is saved: drafts use it from now on."),
    "intent": ("intents", "The intent is saved: messages that arrive from now on are read with it."),
    "deleted": ("intents", "The intent is removed."),
    "llm": ("llm", "The language model endpoint is saved."),
}
EMPTY_INTENT = {"name": "", "description": "", "examples": "", "keywords": ""}


def _admin(request: HttpRequest) -> Agent:
    agent = request.user
    assert isinstance(agent, Agent)
    if not agent.is_admin:
        raise PermissionDenied("only an admin can change a team's settings")
    return agent


@functools.cache
def _built_in() -> list[str]:
    return [d.name for d in load_catalogue(CATALOGUE)]


def _voice(values: dict[str, Any]) -> Voice:
    tone: Literal["warm", "formal"] = "formal" if values["tone"] == "formal" else "warm"
    return Voice(tone=tone, first_names=bool(values["first_names"]), signature=str(values["signature"]))


def _voice_values(request: HttpRequest) -> dict[str, Any]:
    return {
        "tone": request.POST.get("tone", "warm"),
        "first_names": request.POST.get("first_names") == "on",
        "signature": request.POST.get("signature", ""),
    }


def _llm_values(request: HttpRequest) -> dict[str, Any]:
    return {
        "llm_url": request.POST.get("llm_url", ""),
        "llm_model": request.POST.get("llm_model", ""),
        "llm_timeout": request.POST.get("llm_timeout", "30"),
        "remove_key": request.POST.get("remove_key") == "on",
    }


def _page(
    request: HttpRequest,
    team: Team,
    *,
    voice: dict[str, Any] | None = None,
    llm: dict[str, Any] | None = None,
    intent: dict[str, str] | None = None,
    editing: CustomIntent | None = None,
    errors: dict[str, dict[str, str]] | None = None,
    tested: str = "",
    tested_ok: bool = False,
    status: int = 200,
) -> HttpResponse:
    current = TeamSettings.objects.filter(team=team).first() or TeamSettings(team=team)
    voice = voice or {
        "tone": current.tone,
        "first_names": current.first_names,
        "signature": current.signature,
    }
    llm = llm or {
        "llm_url": current.llm_url,
        "llm_model": current.llm_model,
        "llm_timeout": f"{current.llm_timeout:g}",
        "remove_key": False,
    }
    if intent is None and editing is not None:
        intent = {
            "name": editing.name,
            "description": editing.description,
            "examples": editing.examples,
            "keywords": ", ".join(editing.keyword_list),
        }
    greeting, sign_off = voice_preview(_voice(voice))
    built_in = _built_in()
    section, notice = SAVED.get(request.GET.get("saved", ""), ("", ""))
    context = {
        "team": team,
        "voice": voice,
        "greeting": greeting,
        "sign_off": sign_off,
        "llm": llm,
        "has_key": bool(current.llm_key),
        # Sealed with a secret key that is gone (changed with no fallback): it must be typed again.
        "key_lost": bool(current.llm_key) and not current.key,
        "intents": CustomIntent.objects.filter(team=team),
        "intent": intent or EMPTY_INTENT,
        "editing": editing,
        "built_in": built_in,
        "errors": errors or {},
        "saved": {section: notice} if section else {},
        "tested": tested,
        "tested_ok": tested_ok,
    }
    return render(request, "web/team_settings.html", context, status=status)


def _done(team: Team, what: str) -> HttpResponse:
    return redirect(f"{reverse('web:team', args=[team.pk])}?saved={what}#{SAVED[what][0]}")


def _problem(exc: SettingsError) -> dict[str, str]:
    return {exc.field or "form": str(exc)}


@login_required
def team(request: HttpRequest, team_id: int) -> HttpResponse:
    """The team's voice, its own intents and its language model; each form saves its own part."""
    actor = _admin(request)
    found = get_object_or_404(Team, pk=team_id)
    editing = None
    if request.GET.get("intent", "").isdigit():
        editing = CustomIntent.objects.filter(team=found, pk=int(request.GET["intent"])).first()
    if request.method != "POST":
        return _page(request, found, editing=editing)
    form = request.POST.get("form", "")
    if form == "voice":
        values = _voice_values(request)
        try:
            do_save_voice(actor, found, **values)
            return _done(found, "voice")
        except SettingsError as exc:
            return _page(request, found, voice=values, errors={"voice": _problem(exc)}, status=400)
    if form == "llm":
        values = _llm_values(request)
        try:
            do_save_llm(
                actor,
                found,
                url=values["llm_url"],
                model=values["llm_model"],
                key=request.POST.get("llm_key", ""),
                remove_key=values["remove_key"],
                timeout=values["llm_timeout"],
            )
            return _done(found, "llm")
        except SettingsError as exc:
            return _page(request, found, llm=values, errors={"llm": _problem(exc)}, status=400)
    if form == "intent":
        editing = None
        if request.POST.get("intent", "").isdigit():
            editing = get_object_or_404(CustomIntent, team=found, pk=int(request.POST["intent"]))
        typed = {k: request.POST.get(k, "") for k in EMPTY_INTENT}
        try:
            do_save_intent(actor, found, intent=editing, **typed)
            return _done(found, "intent")
        except SettingsError as exc:
            return _page(
                request, found, intent=typed, editing=editing, errors={"intent": _problem(exc)}, status=400
            )
    if form == "delete-intent":
        chosen = request.POST.get("intent", "")
        gone = get_object_or_404(CustomIntent, team=found, pk=int(chosen) if chosen.isdigit() else 0)
        do_delete_intent(actor, gone)
        return _done(found, "deleted")
    return _page(request, found, status=400)


@login_required
@require_POST
def preview(request: HttpRequest, team_id: int) -> HttpResponse:
    """The preview of the voice as typed (htmx, while the admin changes it); nothing is saved."""
    _admin(request)
    get_object_or_404(Team, pk=team_id)
    greeting, sign_off = voice_preview(_voice(_voice_values(request)))
    return render(request, "web/voice_preview.html", {"greeting": greeting, "sign_off": sign_off})


@login_required
@require_POST
def test_llm(request: HttpRequest, team_id: int) -> HttpResponse:
    """The "Test connection" button: one tiny request to the endpoint as typed in the form. The saved key
    is sent only to the saved address (or the key typed in the form, when one is); the answer never
    shows it."""
    _admin(request)
    found = get_object_or_404(Team, pk=team_id)
    values = _llm_values(request)
    saved = TeamSettings.objects.filter(team=found).first()
    typed_key = request.POST.get("llm_key", "").strip()
    try:
        url = check_url(values["llm_url"])
        timeout = check_timeout(values["llm_timeout"])
    except SettingsError as exc:
        result, ok = f"Not tested: {exc}.", False
    else:
        key = typed_key
        if not key and not values["remove_key"] and saved is not None and saved.llm_url == url:
            key = saved.key
        config = LLMConfig(url=url, model=values["llm_model"].strip(), key=key, timeout=timeout)
        connection = try_connection(config)
        result, ok = connection.message, connection.ok
        if not ok and not key and saved is not None and saved.llm_key and saved.llm_url != url:
            result += " The saved key is sent only to the saved address: type it again to test this one."
    if request.headers.get("HX-Request"):
        return render(request, "web/llm_test.html", {"tested": result, "tested_ok": ok})
    return _page(request, found, llm=values, tested=result, tested_ok=ok)
