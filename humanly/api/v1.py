"""API v1: conversations, messages, customers and knowledge behind the access rules, and the stateless
engine routes. Every route needs a token (``Authorization: Bearer hly_...``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from ninja import File, Query, UploadedFile
from ninja.errors import HttpError
from ninja.responses import Status
from ninja.security import HttpBearer

from humanly.api import paging
from humanly.api import schemas as s
from humanly.api.errors import API, error
from humanly.api.models import Token, digest
from humanly.conversations import order
from humanly.conversations.access import (
    access_attachment,
    access_conversation,
    access_message,
    visible_conversations,
)
from humanly.conversations.actions import do_attach_all, do_receive, do_reply, do_start
from humanly.conversations.attachments import MAX_FILES, TooLarge, refusals, serve
from humanly.conversations.models import Attachment, Conversation, Message
from humanly.copilot.assist import PLACEHOLDER
from humanly.copilot.business import team_engine, team_voice
from humanly.copilot.reading import engine
from humanly.engine import DraftContext, Profile, Turn
from humanly.knowledge.access import visible_articles
from humanly.knowledge.actions import do_save_article
from humanly.knowledge.index import team_knowledge
from humanly.knowledge.models import Article
from humanly.people.access import access_customer, teams_of, visible_customers
from humanly.people.actions import (
    IdentityTaken,
    do_create_customer,
    do_find_or_create_customer,
    known_customer,
)
from humanly.people.models import Agent, Customer, Identity, Team

PER_PAGE = 50


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Agent | None:
        found = Token.objects.select_related("agent").filter(key_hash=digest(token)).first()
        if found is None or not found.agent.is_active:
            return None
        Token.objects.filter(pk=found.pk).update(last_used=timezone.now())
        return found.agent


api = API(
    title="humanly",
    version="1",
    urls_namespace="api-v1",
    auth=BearerToken(),
    description='The desk\'s JSON API. Errors always have the shape {"error": {"code", "message"}}.',
)


def _agent(request: HttpRequest) -> Agent:
    agent = request.auth  # type: ignore[attr-defined]
    assert isinstance(agent, Agent)
    return agent


def _team(agent: Agent, slug: str | None) -> Team:
    teams = teams_of(agent)
    team = teams.filter(slug=slug).first() if slug else teams.first()
    if team is None:
        raise Http404
    return team


def _customer(c: Customer) -> dict[str, Any]:
    return {
        "id": c.pk,
        "name": c.name,
        "notes": c.notes,
        "preferences": list(c.preferences),
        "identities": [f"{i.kind}:{i.value}" for i in c.identities.all()],
    }


def _conversation(c: Conversation) -> dict[str, Any]:
    return {
        "id": c.pk,
        "team": c.team.slug,
        "customer": _customer(c.customer),
        "subject": c.subject,
        "status": c.status,
        "priority": c.priority,
        "assignee": c.assignee.username if c.assignee else None,
        "tags": list(c.tags),
        "channel": c.channel,
        "need": c.need,
        "created": c.created,
        "updated": c.updated,
    }


def _message(m: Message) -> dict[str, Any]:
    return {
        "id": m.pk,
        "kind": m.kind,
        "author": m.author.username if m.author else None,
        "text": m.text,
        "html": m.html,
        "created": m.created,
        "reading": m.reading,
        "attachments": [_attachment(a) for a in m.attachments.all()],
    }


def _attachment(a: Attachment) -> dict[str, Any]:
    return {
        "id": a.pk,
        "filename": a.filename,
        "content_type": a.content_type,
        "size": a.size,
        "url": reverse("api-v1:attachment", kwargs={"attachment_id": a.pk}),
    }


def _detail(c: Conversation) -> dict[str, Any]:
    messages = c.messages.select_related("author").prefetch_related("attachments")
    return _conversation(c) | {"messages": [_message(m) for m in messages]}


ERRORS: dict[int, type] = {401: s.Error, 404: s.Error, 422: s.Error}


@api.get(
    "/conversations",
    response={200: list[s.ConversationOut], **ERRORS},
    tags=["conversations"],
    openapi_extra=paging.LISTING,
)
def list_conversations(
    request: HttpRequest,
    response: HttpResponse,
    status: str | None = None,
    page: int = paging.PAGE,
    limit: int = paging.limit(PER_PAGE),
    offset: int | None = paging.OFFSET,
) -> list[dict[str, Any]]:
    """Your teams' conversations, most in need first with the wait counted in, as in the inbox (50 a page).
    `X-Total-Count` says how many there are; `Link` (`rel="next"`) gives the next page while there is more."""
    found = visible_conversations(_agent(request)).select_related("team", "customer", "assignee")
    if status:
        found = found.filter(status=status)
    found = order.by_need(found.prefetch_related("customer__identities"))
    listed = paging.window(request, response, found, limit=limit, offset=offset, page=page)
    return [_conversation(c) for c in listed]


@api.get(
    "/conversations/{conversation_id}", response={200: s.ConversationDetail, **ERRORS}, tags=["conversations"]
)
def read_conversation(request: HttpRequest, conversation_id: int) -> dict[str, Any]:
    return _detail(access_conversation(_agent(request), conversation_id))


@api.post(
    "/conversations", response={201: s.ConversationDetail, 400: s.Error, **ERRORS}, tags=["conversations"]
)
def start(request: HttpRequest, body: s.StartIn) -> Status[dict[str, Any]]:
    """Start a conversation with a customer (outbound): its first message is your reply. The customer is
    one you can see (`customer`), or found or created by `identity`."""
    agent = _agent(request)
    team = _team(agent, body.team)
    assignee = None
    if body.assignee:
        assignee = Agent.objects.filter(username=body.assignee, is_active=True).first()
        if assignee is None:
            raise ValueError("the assignee is not in this conversation's team")
    with transaction.atomic():  # a refused start creates no customer either
        if body.customer is not None:
            customer = access_customer(agent, body.customer)
        else:
            assert body.identity is not None  # the schema takes exactly one of the two
            customer = do_find_or_create_customer(team, body.identity.kind, body.identity.value, body.name)
        conversation = do_start(
            agent,
            team,
            customer,
            body.text,
            subject=body.subject,
            tags=body.tags,
            priority=body.priority,
            assignee=assignee,
            channel=body.channel,
        )
    return Status(201, _detail(conversation))


def _known_elsewhere(agent: Agent, email: str) -> bool:
    """Whether ``email`` is the address of a customer this agent may not see."""
    customer = known_customer(Identity.Kind.EMAIL, email)
    return customer is not None and not visible_customers(agent).filter(pk=customer.pk).exists()


@api.post("/messages", response={201: s.MessageOut, **ERRORS}, tags=["conversations"])
def receive(request: HttpRequest, body: s.InboundIn) -> Status[dict[str, Any]]:
    """An inbound message from a customer (how the contact form and other channels arrive)."""
    agent = _agent(request)
    team = _team(agent, body.team)
    conversation = access_conversation(agent, body.conversation) if body.conversation else None
    if not agent.is_admin and _known_elsewhere(agent, body.email):
        # Receiving joins the customer to the team, and with them their notes: another team's customer
        # comes in through a channel an admin set up, never through one agent's token.
        raise HttpError(
            403, "this address belongs to a customer outside your teams: send it with an admin's token"
        )
    message = do_receive(
        team,
        identity=("email", body.email),
        text=body.text,
        name=body.name,
        subject=body.subject,
        html=body.html,
        channel=body.channel,
        conversation=conversation,
    )
    return Status(201, _message(message))


@api.post(
    "/conversations/{conversation_id}/replies", response={201: s.MessageOut, **ERRORS}, tags=["conversations"]
)
def reply(request: HttpRequest, conversation_id: int, body: s.ReplyIn) -> Status[dict[str, Any]]:
    agent = _agent(request)
    found = access_conversation(agent, conversation_id)
    gaps = PLACEHOLDER.findall(body.text)
    if gaps:  # a draft's "[Answer here: ...]" never reaches a customer, whichever way the reply is sent
        raise HttpError(422, f"fill what the draft left in brackets before sending: {', '.join(gaps)}")
    return Status(201, _message(do_reply(agent, found, body.text)))


@api.post(
    "/conversations/{conversation_id}/notes", response={201: s.MessageOut, **ERRORS}, tags=["conversations"]
)
def note(request: HttpRequest, conversation_id: int, body: s.ReplyIn) -> Status[dict[str, Any]]:
    agent = _agent(request)
    return Status(
        201, _message(do_reply(agent, access_conversation(agent, conversation_id), body.text, note=True))
    )


@api.post(
    "/messages/{message_id}/attachments",
    response={201: list[s.AttachmentOut], 400: s.Error, 413: s.Error, **ERRORS},
    tags=["conversations"],
)
def attach(
    request: HttpRequest,
    message_id: int,
    files: File[list[UploadedFile]] = None,  # type: ignore[assignment]  # checked below, with a clear error
) -> HttpResponse | Status[list[dict[str, Any]]]:
    """Add files to a message (multipart/form-data, one or more `files`; at most 10, each within the
    upload limit). All are stored, or none: a refusal lists each refused file with its reason."""
    agent = _agent(request)
    message = access_message(agent, message_id)
    uploads = [f for _, sent in request.FILES.lists() for f in sent]  # whatever the field: none is ignored
    if not uploads:
        raise ValueError("no file: send one or more as multipart/form-data in the field 'files'")
    if len(uploads) > MAX_FILES:
        return error(413, f"{len(uploads)} files; at most {MAX_FILES} at once.", code="too_many_files")
    refused = refusals(uploads, settings.MAX_UPLOAD_BYTES)
    if refused:
        too_large = any(isinstance(exc, TooLarge) for _, exc in refused)
        details = [{"file": name, "reason": str(exc)} for name, exc in refused]
        return error(413 if too_large else 400, "Some files were refused; none was stored.", details=details)
    stored = do_attach_all(agent, message, uploads)
    return Status(201, [_attachment(a) for a in stored])


@api.get(
    "/attachments/{attachment_id}",
    response=ERRORS,
    url_name="attachment",
    tags=["conversations"],
    openapi_extra={
        "responses": {
            200: {
                "description": "The file, always as a download (Content-Disposition: attachment).",
                "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def download(request: HttpRequest, attachment_id: int) -> FileResponse:
    return serve(access_attachment(_agent(request), attachment_id))


@api.get(
    "/customers",
    response={200: list[s.CustomerOut], **ERRORS},
    tags=["customers"],
    openapi_extra=paging.LISTING,
)
def list_customers(
    request: HttpRequest,
    response: HttpResponse,
    q: str | None = None,
    page: int = paging.PAGE,
    limit: int = paging.limit(PER_PAGE),
    offset: int | None = paging.OFFSET,
) -> list[dict[str, Any]]:
    """The customers you can see, newest first (50 a page); `q` matches the name or any identity. Paged
    as conversations are."""
    found = visible_customers(_agent(request))
    if q and q.strip():
        term = q.strip()
        with_identity = Identity.objects.filter(value__icontains=term).values("customer_id")
        found = found.filter(Q(name__icontains=term) | Q(pk__in=with_identity))
    found = found.prefetch_related("identities").order_by("-created", "-pk")
    return [
        _customer(c) for c in paging.window(request, response, found, limit=limit, offset=offset, page=page)
    ]


@api.post(
    "/customers", response={201: s.CustomerOut, 400: s.Error, 409: s.Error, **ERRORS}, tags=["customers"]
)
def create_customer(request: HttpRequest, body: s.CustomerIn) -> HttpResponse | Status[dict[str, Any]]:
    """A new customer in one of your teams. An identity that already belongs to a customer: 409
    `identity_taken` (with that customer's id when you can see them)."""
    agent = _agent(request)
    team = _team(agent, body.team)
    try:
        customer = do_create_customer(
            agent,
            team,
            name=body.name,
            identities=[(i.kind, i.value) for i in body.identities],
            notes=body.notes,
        )
    except IdentityTaken as taken:
        details: dict[str, Any] = {"identity": taken.identity}
        if taken.customer_id and visible_customers(agent).filter(pk=taken.customer_id).exists():
            details["customer"] = taken.customer_id
        return error(409, f"{taken.identity} already belongs to a customer.", "identity_taken", details)
    return Status(201, _customer(customer))


@api.get("/customers/{customer_id}", response={200: s.CustomerOut, **ERRORS}, tags=["customers"])
def read_customer(request: HttpRequest, customer_id: int) -> dict[str, Any]:
    return _customer(access_customer(_agent(request), customer_id))


@api.get(
    "/knowledge/articles",
    response={200: list[s.ArticleOut], **ERRORS},
    tags=["knowledge"],
    openapi_extra=paging.LISTING,
)
def list_articles(
    request: HttpRequest,
    response: HttpResponse,
    team: str | None = None,
    page: int = paging.PAGE,
    limit: int = paging.limit(paging.MAX_LIMIT),
    offset: int | None = paging.OFFSET,
) -> list[dict[str, Any]]:
    """Your teams' articles and saved replies by title, 500 a page; paged as conversations are."""
    found = visible_articles(_agent(request)).order_by("title", "pk")
    if team:
        found = found.filter(team__slug=team)
    listed = paging.window(request, response, found, limit=limit, offset=offset, page=page)
    return [_article(a) for a in listed]


@api.post("/knowledge/articles", response={201: s.ArticleOut, **ERRORS}, tags=["knowledge"])
def save_article(request: HttpRequest, body: s.ArticleIn) -> HttpResponse | Status[dict[str, Any]]:
    """Add an article or saved reply, or replace the one with the same slug in that team. Checked as the
    knowledge pages check it: an unknown expectation in `answers`, or a text too short to quote, is 422
    `invalid_input`. Saving is audited, and the article's passages are indexed for drafts."""
    agent = _agent(request)
    team = _team(agent, body.team)
    existing = visible_articles(agent).filter(team=team, slug=body.slug).first()
    try:
        article = do_save_article(
            agent,
            team,
            title=body.title,
            body=body.body,
            kind=body.kind,
            tags=body.tags,
            answers=body.answers,
            slug=body.slug,
            article=existing,
        )
    except ValueError as refused:
        return error(422, str(refused))
    return Status(201, _article(article))


def _article(a: Article) -> dict[str, Any]:
    return {
        "id": a.pk,
        "team": a.team.slug,
        "slug": a.slug,
        "title": a.title,
        "body": a.body,
        "kind": a.kind,
        "tags": list(a.tags),
        "answers": list(a.answers),
        "updated": a.updated,
    }


# --- the stateless engine -------------------------------------------------------------------------


@api.post("/engine/analyze", response={200: dict[str, Any], **ERRORS}, tags=["engine"])
def analyze(
    request: HttpRequest,
    body: s.AnalyzeIn,
    team: str | None = Query(  # type: ignore[type-arg]  # ninja types Query loosely
        None, description="One of your teams (its slug): read with that team's own intents too."
    ),
) -> dict[str, Any]:
    """The engine's reading of one customer message (nothing is stored)."""
    reader = team_engine(_team(_agent(request), team)) if team else engine()
    return reader.analyze(body.text).to_dict()


@api.post("/engine/check-reply", response={200: dict[str, Any], **ERRORS}, tags=["engine"])
def check_reply(request: HttpRequest, body: s.CheckReplyIn) -> dict[str, Any]:
    """The tone guard's report on a draft (nothing is stored)."""
    return engine().check_reply(body.draft, body.message).to_dict()


@api.post("/engine/draft", response={200: dict[str, Any], **ERRORS}, tags=["engine"])
def draft(request: HttpRequest, body: s.DraftIn) -> dict[str, Any]:
    """A suggested reply grounded in your team's knowledge, in its voice and with its language model when
    it has one (nothing is stored or sent)."""
    team = _team(_agent(request), body.team)
    drafter = team_engine(team)
    profile = Profile(**body.customer.dict()) if body.customer else Profile()
    turns = tuple(Turn(t.role, t.text) for t in body.thread)
    if turns and turns[-1].role == "customer" and turns[-1].text.strip() == body.text.strip():
        turns = turns[:-1]
    context = DraftContext(
        thread=turns,
        profile=profile,
        voice=team_voice(team),
        knowledge=team_knowledge(team, drafter),
        instruction=body.instruction,
    )
    return drafter.draft_reply(body.text, context).to_dict()
