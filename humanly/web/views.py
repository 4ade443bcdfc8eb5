"""The desk's pages. Views validate and read through the access functions; every change goes through an
action; nothing here calls the engine (readings are stored by the copilot)."""

from __future__ import annotations

import contextlib
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from humanly.conversations import search
from humanly.conversations.access import access_conversation, visible_conversations
from humanly.conversations.actions import do_assign, do_reply, do_set_status, do_tag
from humanly.conversations.models import Conversation, Message
from humanly.knowledge.access import access_article, visible_articles
from humanly.knowledge.actions import do_delete_article, do_save_article
from humanly.knowledge.models import Article
from humanly.people.access import access_customer, teams_of
from humanly.people.models import Agent

PAGE = 50
UPSET = {
    "anger",
    "annoyance",
    "fear",
    "nervousness",
    "grief",
    "sadness",
    "disappointment",
    "disgust",
    "remorse",
}


def _agent(request: HttpRequest) -> Agent:
    assert isinstance(request.user, Agent)
    return request.user


def chips(reading: dict[str, Any] | None) -> list[dict[str, str]]:
    """A short reading for a row: the feelings (those that call for care marked) and the flags."""
    if not reading:
        return []
    emotions = reading.get("emotions", {})
    found = [
        {"text": label, "tone": "care" if label in UPSET else "calm"}
        for label in emotions.get("labels", [])
        if label != "neutral"
    ]
    found += [{"text": flag.replace("_", " "), "tone": "warm"} for flag in reading.get("flags", [])]
    return found[:4]


def _inbox(agent: Agent, view: str, status: str, query: str) -> QuerySet[Conversation]:
    latest = Message.objects.filter(conversation=OuterRef("pk"), kind=Message.Kind.INBOUND).order_by(
        "-created", "-pk"
    )
    found = visible_conversations(agent).select_related("customer", "assignee", "team")
    if view == "mine":
        found = found.filter(assignee=agent)
    elif view == "unassigned":
        found = found.filter(assignee__isnull=True)
    if status:
        found = found.filter(status=status)
    if query:
        found = found.filter(**search.matches(query))
    # People who are upset and have waited longest come first.
    return found.annotate(latest_reading=Subquery(latest.values("reading")[:1])).order_by(
        F("need").desc(), F("last_inbound").asc(nulls_last=True), "pk"
    )


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    agent = _agent(request)
    view = request.GET.get("view", "all")
    view = view if view in {"mine", "unassigned", "all"} else "all"
    status = request.GET.get("status", "open")
    status = status if status in {*Conversation.Status.values, ""} else "open"
    query = request.GET.get("q", "").strip()[:200]
    page = Paginator(_inbox(agent, view, status, query), PAGE).get_page(request.GET.get("page"))
    rows = [(c, chips(c.latest_reading)) for c in page]  # type: ignore[attr-defined]
    return render(
        request,
        "web/inbox.html",
        {
            "page": page,
            "rows": rows,
            "view": view,
            "status": status,
            "q": query,
            "statuses": Conversation.Status,
        },
    )


@login_required
def conversation(request: HttpRequest, conversation_id: int) -> HttpResponse:
    agent = _agent(request)
    found = access_conversation(agent, conversation_id)
    messages = list(found.messages.select_related("author").prefetch_related("attachments"))
    latest = next((m for m in reversed(messages) if m.kind == Message.Kind.INBOUND and m.reading), None)
    teammates = Agent.objects.filter(
        Q(teams=found.team) | Q(role=Agent.Role.ADMIN), is_active=True
    ).distinct()
    return render(
        request,
        "web/conversation.html",
        {
            "conversation": found,
            "messages": messages,
            "reading": latest.reading if latest else None,
            "upset": sorted(UPSET),
            "teammates": teammates.order_by("username"),
            "statuses": Conversation.Status,
        },
    )


@login_required
@require_POST
def reply(request: HttpRequest, conversation_id: int) -> HttpResponse:
    agent = _agent(request)
    found = access_conversation(agent, conversation_id)
    text = request.POST.get("text", "")
    if text.strip():
        do_reply(agent, found, text, note=request.POST.get("kind") == "note")
    return redirect("web:conversation", conversation_id=found.pk)


@login_required
@require_POST
def update(request: HttpRequest, conversation_id: int) -> HttpResponse:
    agent = _agent(request)
    found = access_conversation(agent, conversation_id)
    if "status" in request.POST and request.POST["status"] in Conversation.Status.values:
        do_set_status(agent, found, request.POST["status"])
    if "assignee" in request.POST:
        chosen = request.POST["assignee"]
        assignee = Agent.objects.filter(pk=chosen, is_active=True).first() if chosen.isdigit() else None
        with contextlib.suppress(
            ValueError
        ):  # not in the team: the form offers only teammates (a stale page)
            do_assign(agent, found, assignee)
    if "tags" in request.POST:
        do_tag(agent, found, request.POST["tags"].split(","))
    return redirect("web:conversation", conversation_id=found.pk)


@login_required
def customer(request: HttpRequest, customer_id: int) -> HttpResponse:
    agent = _agent(request)
    person = access_customer(agent, customer_id)
    conversations = (
        visible_conversations(agent).filter(customer=person).select_related("team").order_by("-updated")
    )
    return render(
        request,
        "web/customer.html",
        {"customer": person, "identities": person.identities.all(), "conversations": conversations},
    )


# --- knowledge ---------------------------------------------------------------------------------------


@login_required
def knowledge(request: HttpRequest) -> HttpResponse:
    articles = visible_articles(_agent(request)).order_by("team__name", "kind", "title")
    return render(request, "web/knowledge.html", {"articles": articles})


@login_required
def article_form(request: HttpRequest, article_id: int | None = None) -> HttpResponse:
    agent = _agent(request)
    article = access_article(agent, article_id) if article_id is not None else None
    teams = teams_of(agent).order_by("name")
    problem = ""
    if request.method == "POST":
        if request.POST.get("delete") and article is not None:
            do_delete_article(agent, article)
            return redirect("web:knowledge")
        team = teams.filter(pk=request.POST.get("team") or 0).first()
        try:
            if team is None:
                raise ValueError("choose one of your teams")
            saved = do_save_article(
                agent,
                team,
                title=request.POST.get("title", ""),
                body=request.POST.get("body", ""),
                kind=request.POST.get("kind", "article"),
                tags=request.POST.get("tags", "").split(","),
                answers=request.POST.get("answers", "").split(","),
                slug=request.POST.get("slug", ""),
                article=article,
            )
            return redirect("web:article", article_id=saved.pk)
        except ValueError as exc:
            problem = str(exc)
    if request.method == "POST":
        values = {k: request.POST.get(k, "") for k in ("team", "kind", "title", "body", "tags", "answers")}
    elif article is not None:
        values = {
            "team": str(article.team_id),
            "kind": article.kind,
            "title": article.title,
            "body": article.body,
            "tags": ", ".join(article.tags),
            "answers": ", ".join(article.answers),
        }
    else:
        values = {"team": "", "kind": "article", "title": "", "body": "", "tags": "", "answers": ""}
    return render(
        request,
        "web/article.html",
        {"article": article, "teams": teams, "problem": problem, "values": values, "kinds": Article.Kind},
    )
