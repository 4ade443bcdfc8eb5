"""The copilot in the conversation page: the draft, the tone guard as the agent types, the playbook, and
handing a conversation to a lead. Fragments for htmx; each reads through the access functions."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from humanly.conversations import presence
from humanly.conversations.access import access_conversation
from humanly.conversations.actions import do_hand_to_lead
from humanly.copilot import assist
from humanly.copilot.assist import PLACEHOLDER
from humanly.engine import ToneReport
from humanly.engine.types import Stage
from humanly.people.models import Agent
from humanly.web.views import conversation_page

MAX_DRAFT = 20_000  # characters the tone guard reads: a reply, not a book


def _agent(request: HttpRequest) -> Agent:
    assert isinstance(request.user, Agent)
    return request.user


def marked(text: str, report: ToneReport | None) -> list[dict[str, Any]]:
    """``text`` cut into pieces, each plain, a finding (with its index) or a gap still to fill; findings
    that overlap an earlier one are left unmarked (they are still listed)."""
    spans: list[tuple[int, int, str, int]] = []
    for i, finding in enumerate(report.findings if report else ()):
        spans.append((finding.start, finding.end, finding.kind, i))
    spans += [(m.start(), m.end(), "gap", -1) for m in PLACEHOLDER.finditer(text)]
    pieces: list[dict[str, Any]] = []
    at = 0
    for start, end, kind, index in sorted(spans):
        if start < at or end <= start or end > len(text):
            continue
        if start > at:
            pieces.append({"text": text[at:start]})
        pieces.append({"text": text[start:end], "kind": kind, "index": index})
        at = end
    if at < len(text):
        pieces.append({"text": text[at:]})
    return pieces


def tone_context(conversation_id: int, agent: Agent, text: str) -> dict[str, Any]:
    found = access_conversation(agent, conversation_id)
    text = text[:MAX_DRAFT]
    if not text.strip():
        return {"conversation": found, "report": None}
    report, analysis = assist.check(found, text)
    findings = [
        {
            "number": i + 1,
            "kind": f.kind,
            "why": f.why,
            "original": text[f.start : f.end],
            "start": f.start,
            "end": f.end,
            # A suggestion in brackets is a note to the agent ("[Say this more kindly: ...]"), not words
            # to put in the reply: it is shown, never offered as a one-click rewording.
            "suggestion": f.suggestion if not f.suggestion.startswith("[") else "",
            "hint": f.suggestion if f.suggestion.startswith("[") else "",
        }
        for i, f in enumerate(report.findings)
    ]
    return {
        "conversation": found,
        "report": report,
        "text": text,
        "pieces": marked(text, report),
        "findings": findings,
        "missing": [m for m in report.missing if m.kind != "unanswered_ask"],
        "asks": assist.checklist(report, analysis),
        "heated": report.heat >= assist.BREATH_AT,
        "gaps": PLACEHOLDER.findall(text),
    }


@login_required
@require_POST
def check(request: HttpRequest, conversation_id: int) -> HttpResponse:
    """The tone guard on the reply box, as the agent types (and: they are typing, for the others)."""
    agent = _agent(request)
    context = tone_context(conversation_id, agent, request.POST.get("text", ""))
    found = context["conversation"]
    presence.touch(agent, found, typing=True)
    context["others"] = presence.others(agent, found)
    return render(request, "web/tone.html", context)


@login_required
@require_POST
def draft(request: HttpRequest, conversation_id: int) -> HttpResponse:
    """The engine's draft for the reply box: it fills an empty box; next to what the agent has written it
    is offered, never forced."""
    agent = _agent(request)
    found = access_conversation(agent, conversation_id)
    asked = request.POST.get("stage", "")
    stage: Stage | None = asked if asked in assist.STAGES else None  # type: ignore[assignment]
    suggestion = assist.draft(found, stage=stage, instruction=request.POST.get("instruction", "")[:500])
    typed = request.POST.get("text", "")
    context: dict[str, Any] = {"conversation": found, "draft": suggestion}
    if suggestion is not None and not typed.strip():
        context["text"] = suggestion.text
    else:
        context["text"] = typed
        context["offered"] = suggestion
    return render(request, "web/editor.html", context)


@login_required
@require_GET
def playbook(request: HttpRequest, conversation_id: int) -> HttpResponse:
    agent = _agent(request)
    found = access_conversation(agent, conversation_id)
    reading = assist.stage(found)
    return render(
        request,
        "web/playbook.html",
        {
            "conversation": found,
            "reading": reading,
            "advice": assist.STAGES.get(reading.stage, "") if reading else "",
        },
    )


@login_required
@require_POST
def hand_to_lead(request: HttpRequest, conversation_id: int) -> HttpResponse:
    agent = _agent(request)
    found = access_conversation(agent, conversation_id)
    try:
        do_hand_to_lead(agent, found, request.POST.get("note", "")[:2000])
    except ValueError as exc:
        return conversation_page(request, agent, found, problem=str(exc))
    return redirect("web:conversation", conversation_id=found.pk)
