"""The desk's pages. Views validate and read through the access functions; every change goes through an
action. Readings are stored by the copilot's task; the only engine call here is the tone check that gives
a heated reply its pause before sending (through copilot.assist, like the copilot fragments in copilot.py)."""

from __future__ import annotations

import contextlib
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from humanly.conversations import labels, order, presence, search
from humanly.conversations.access import access_conversation, merged_into, visible_conversations
from humanly.conversations.actions import (
    do_assign,
    do_attach_all,
    do_merge,
    do_reply,
    do_set_status,
    do_split,
    do_tag,
)
from humanly.conversations.attachments import MAX_FILES, refusals
from humanly.conversations.models import Conversation, Message
from humanly.copilot import assist
from humanly.copilot.assist import PLACEHOLDER
from humanly.knowledge.access import access_article, visible_articles
from humanly.knowledge.actions import do_delete_article, do_save_article
from humanly.knowledge.models import Article
from humanly.people.access import (
    access_customer,
    customer_matches,
    merged_customer,
    teams_of,
    visible_customers,
)
from humanly.people.actions import do_merge_customers, do_update_customer
from humanly.people.models import Agent
from humanly.web.reading import UPSET, body, feelings, is_long

PAGE = 50


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


def _inbox(
    agent: Agent,
    view: str,
    status: str,
    query: str,
    filters: dict[str, str] | None = None,
    teams: list[int] | None = None,
) -> QuerySet[Conversation]:
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
    if filters and teams is None:
        teams = list(teams_of(agent).values_list("pk", flat=True))
    for kind, value in (filters or {}).items():  # a feeling, topic or flag of the latest reading
        found = labels.labelled(found, teams or [], kind, value)
    # The people who most need an answer first, their wait counted in (conversations/order.py).
    return order.by_need(found.annotate(latest_reading=Subquery(latest.values("reading")[:1])))


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    agent = _agent(request)
    view = request.GET.get("view", "all")
    view = view if view in {"mine", "unassigned", "all"} else "all"
    status = request.GET.get("status", "open")
    status = status if status in {*Conversation.Status.values, ""} else "open"
    query = request.GET.get("q", "").strip()[:200]
    chosen = {kind: request.GET.get(kind, "").strip()[: labels.MAX_VALUE] for kind in labels.Kind.values}
    chosen = {kind: value for kind, value in chosen.items() if value}
    teams = list(teams_of(agent).values_list("pk", flat=True))
    found = _inbox(agent, view, status, query, chosen, teams)
    page = Paginator(found, PAGE).get_page(request.GET.get("page"))
    rows = [(c, chips(c.latest_reading)) for c in page]  # type: ignore[attr-defined]
    offered = labels.choices(teams)  # only what the agent's teams' conversations hold now
    filters = []
    for kind, name in labels.Kind.choices:
        without = request.GET.copy()
        for key in (kind, "page"):
            without.pop(key, None)
        filters.append(
            {
                "kind": kind,
                "name": name,
                # What is chosen stays shown, even when no conversation has it any more (an old link).
                "values": sorted({*offered.get(kind, []), *([chosen[kind]] if kind in chosen else [])}),
                "chosen": chosen.get(kind, ""),
                "without": "?" + without.urlencode(),  # the same inbox with this filter taken off
            }
        )
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
            "filters": filters,
            "filtered": bool(chosen),
        },
    )


def conversation_page(request: HttpRequest, agent: Agent, found: Conversation, **extra: Any) -> HttpResponse:
    messages = list(found.messages.select_related("author").prefetch_related("attachments"))
    latest = next((m for m in reversed(messages) if m.kind == Message.Kind.INBOUND and m.reading), None)
    teammates = Agent.objects.filter(
        Q(teams=found.team) | Q(role=Agent.Role.ADMIN), is_active=True
    ).distinct()
    # What this conversation could be merged into: the same customer's other conversations in the team.
    siblings = (
        visible_conversations(agent)
        .filter(customer=found.customer_id, team=found.team_id, merged_into__isnull=True)
        .exclude(pk=found.pk)
        .order_by("-updated")[:20]
    )
    presence.touch(agent, found)
    for message in messages:
        message.shown = body(message, mark_asks=message is latest)  # type: ignore[attr-defined]
        message.long = bool(message.reading) and is_long(message)  # type: ignore[attr-defined]
    asks = []
    if latest is not None and latest.reading:
        shown = str(latest.shown)  # type: ignore[attr-defined]
        for i, ask in enumerate(latest.reading.get("asks", [])):
            marked = f'id="ask-{i}"' in shown  # found in the text: the link lands on it, else on the message
            asks.append(
                {"text": ask.get("text", ""), "anchor": f"ask-{i}" if marked else f"message-{latest.pk}"}
            )
    newest = next((m for m in reversed(messages) if m.kind == Message.Kind.INBOUND), None)
    return render(
        request,
        "web/conversation.html",
        {
            "conversation": found,
            "messages": messages,
            # The newest message is still being read (tasks run after the request): the page asks again.
            "pending": newest is not None and not newest.reading,
            "newest_inbound": newest.pk if newest is not None else 0,
            "last": messages[-1].pk if messages else 0,
            "reading": latest.reading if latest else None,
            "feelings": feelings(latest.reading if latest else None),
            "trajectory": labels.trajectory(messages)
            if sum(m.kind == Message.Kind.INBOUND for m in messages) > 1
            else [],
            "asks": asks,
            "upset": sorted(UPSET),
            "teammates": teammates.order_by("username"),
            "statuses": Conversation.Status,
            "max_upload_mb": settings.MAX_UPLOAD_BYTES // 1_048_576,
            "siblings": siblings,
            "others": presence.others(agent, found),
            **extra,
        },
    )


@login_required
def reading(request: HttpRequest, conversation_id: int) -> HttpResponse:
    """The reading of the newest message once it is ready; until then the same "reading it" note, which
    asks again in two seconds. What the agent has typed on the page stays as it is."""
    found = access_conversation(_agent(request), conversation_id)
    messages = list(found.messages.filter(kind=Message.Kind.INBOUND).order_by("created", "pk"))
    if not messages or not messages[-1].reading:
        tries = int(request.GET.get("tries", "0")) + 1 if request.GET.get("tries", "0").isdigit() else 1
        return render(
            request,
            "web/reading_pending.html",
            {"conversation": found, "tries": tries, "waited": tries >= 30},
        )
    newest, read = messages[-1], messages[-1].reading or {}
    asks = [{"text": a.get("text", ""), "anchor": f"message-{newest.pk}"} for a in read.get("asks", [])]
    context = {
        "conversation": found,
        "reading": read,
        "feelings": feelings(read),
        "trajectory": labels.trajectory(messages) if len(messages) > 1 else [],
        "asks": asks,
    }
    return render(request, "web/reading.html", context)


@login_required
def conversation(request: HttpRequest, conversation_id: int) -> HttpResponse:
    agent = _agent(request)
    try:
        found = access_conversation(agent, conversation_id)
    except Http404:
        moved = merged_into(agent, conversation_id)  # an old link: its messages live on elsewhere
        if moved is None:
            raise
        return redirect("web:conversation", conversation_id=moved.pk)
    return conversation_page(request, agent, found)


def _since(agent: Agent, found: Conversation, last: str) -> list[Message]:
    """Messages that arrived after the page showed message ``last``, from anyone but ``agent`` (no notes)."""
    if not last.isdigit():
        return []
    newer = found.messages.filter(pk__gt=int(last)).exclude(kind=Message.Kind.NOTE).exclude(author=agent)
    return list(newer.select_related("author"))


@login_required
@require_POST
def reply(request: HttpRequest, conversation_id: int) -> HttpResponse:
    agent = _agent(request)
    found = access_conversation(agent, conversation_id)
    text = request.POST.get("text", "")
    note = request.POST.get("kind") == "note"
    files = request.FILES.getlist("files")
    if not text.strip():
        return redirect("web:conversation", conversation_id=found.pk)
    # Someone else answered, or the customer wrote again, while this reply was being written: show what
    # came, keep the words, and let the agent decide. A note never waits.
    arrived = [] if note else _since(agent, found, request.POST.get("last", ""))
    if arrived:
        return conversation_page(request, agent, found, arrived=arrived, kept=text, refiled=bool(files))
    if len(files) > MAX_FILES:
        return conversation_page(
            request, agent, found, problem=f"{len(files)} files: at most {MAX_FILES} at once.", kept=text
        )
    refused = refusals(files, settings.MAX_UPLOAD_BYTES)  # every file is checked before anything is stored
    if refused:
        problem = "Nothing was sent. " + "; ".join(f"{name}: {exc}" for name, exc in refused) + "."
        return conversation_page(request, agent, found, problem=problem, kept=text, refiled=True)
    gaps = [] if note else PLACEHOLDER.findall(text)
    if gaps:  # a draft's "[Answer here: ...]" must never reach a customer
        problem = f"Fill what the draft left in brackets before sending: {', '.join(gaps)}"
        return conversation_page(request, agent, found, problem=problem, kept=text, refiled=bool(files))
    if not note and request.POST.get("breathed") != "1":
        # A heated reply gets one gentle pause before it goes: the agent sees why, a calmer version, and
        # can still send their own.
        report, _ = assist.check(found, text)
        if report.heat >= assist.BREATH_AT:
            kinds = sorted({f.kind.replace("_", " ") for f in report.findings})
            return conversation_page(
                request, agent, found, breath=report, breath_kinds=kinds, kept=text, refiled=bool(files)
            )
    with transaction.atomic():  # the reply and its files together, or nothing
        message = do_reply(agent, found, text, note=note)
        do_attach_all(agent, message, files)
    return redirect("web:conversation", conversation_id=found.pk)


@login_required
@require_POST
def present(request: HttpRequest, conversation_id: int) -> HttpResponse:
    """The page is still open (and the agent is typing): answers who else is here, and what is new."""
    agent = _agent(request)
    found = access_conversation(agent, conversation_id)
    presence.touch(agent, found, typing=request.POST.get("typing") == "1")
    # A message that came in while the page was open: its reading replaces the one shown, in place.
    shown = request.POST.get("reading_of", "")
    newest = found.messages.filter(kind=Message.Kind.INBOUND).order_by("-created", "-pk").first()
    return render(
        request,
        "web/presence.html",
        {
            "others": presence.others(agent, found),
            "arrived": _since(agent, found, request.POST.get("last", "")),
            "conversation": found,
            "reading_update": newest.pk
            if newest is not None and shown.isdigit() and newest.pk > int(shown)
            else None,
        },
    )


@login_required
@require_POST
def merge(request: HttpRequest, conversation_id: int) -> HttpResponse:
    """Merge this conversation into another of the same team; its messages move there."""
    agent = _agent(request)
    found = access_conversation(agent, conversation_id)
    into = request.POST.get("into", "").lstrip("#")
    target = access_conversation(agent, int(into)) if into.isdigit() else None
    try:
        if target is None:
            raise ValueError("choose the conversation to merge into")
        do_merge(agent, target, found)
    except ValueError as exc:
        return conversation_page(request, agent, found, problem=str(exc))
    return redirect("web:conversation", conversation_id=target.pk)


@login_required
@require_POST
def split(request: HttpRequest, conversation_id: int) -> HttpResponse:
    """A new conversation from one message on."""
    agent = _agent(request)
    found = access_conversation(agent, conversation_id)
    first = found.messages.filter(pk=request.POST.get("message") or 0).first()
    try:
        if first is None:
            raise ValueError("that message is not in this conversation")
        new = do_split(agent, found, first)
    except ValueError as exc:
        return conversation_page(request, agent, found, problem=str(exc))
    return redirect("web:conversation", conversation_id=new.pk)


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
    try:
        person = access_customer(agent, customer_id)
    except Http404:
        kept = merged_customer(agent, customer_id)  # an old link to a merged profile leads to the one kept
        if kept is None:
            raise
        return redirect("web:customer", customer_id=kept.pk)
    saved = problem = ""
    if request.method == "POST":
        do_update_customer(
            agent,
            person,
            name=request.POST.get("name", person.name),
            notes=request.POST.get("notes", person.notes),
            preferences=request.POST.get("preferences", "\n".join(person.preferences)).splitlines(),
        )
        saved = "Saved."
    conversations = (
        visible_conversations(agent)
        .filter(customer=person, merged_into__isnull=True)
        .select_related("team", "assignee")
        .order_by("-updated")
    )
    # What they felt, as read in their messages of the agent's teams' conversations: newest first, the last
    # 20 (one query; the conversation's search text is never loaded).
    read = list(
        Message.objects.filter(
            conversation__in=visible_conversations(agent).filter(customer=person),
            kind=Message.Kind.INBOUND,
            reading__isnull=False,
        )
        .select_related("conversation")
        .only("created", "kind", "reading", "conversation__subject")
        .order_by("-created", "-pk")[:20]
    )
    history = [
        {
            "message": message,
            "feelings": feelings(message.reading),
            "flags": (message.reading or {}).get("flags", []),
            "neutral": "neutral" in ((message.reading or {}).get("emotions") or {}).get("labels", []),
        }
        for message in read
    ]
    # Looking for the same person under another address, to merge.
    query = request.GET.get("same", "").strip()[:200]
    candidates = (
        customer_matches(visible_customers(agent), query)
        .exclude(pk=person.pk)
        .prefetch_related("identities")[:10]
        if query
        else []
    )
    return render(
        request,
        "web/customer.html",
        {
            "customer": person,
            "identities": person.identities.all(),
            "conversations": conversations,
            "history": history,
            "trajectory": labels.trajectory(reversed(read)),
            "noticed": labels.noticed(message.reading for message in read),
            "same": query,
            "candidates": candidates,
            "saved": saved,
            "problem": problem,
        },
    )


@login_required
@require_POST
def merge_customer(request: HttpRequest, customer_id: int) -> HttpResponse:
    """Another profile of the same person is merged into this one: nothing of it is lost."""
    agent = _agent(request)
    keep = access_customer(agent, customer_id)
    other = access_customer(agent, int(request.POST.get("other", "0") or 0))
    do_merge_customers(agent, keep, other)
    return redirect("web:customer", customer_id=keep.pk)


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
