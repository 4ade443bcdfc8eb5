"""Changes to conversations: a message arrives, an agent replies, notes, assigns, changes the status,
merges or splits. Each runs in one transaction, names the fields it updates and is written to the audit
log. HTML from outside is sanitised here, before it is stored."""

from __future__ import annotations

import secrets
from collections.abc import Sequence

import nh3
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from humanly.conversations import labels, search
from humanly.conversations.attachments import check, content_type_of, safe_name
from humanly.conversations.models import Attachment, Conversation, Message
from humanly.desk.audit import record
from humanly.people.actions import do_find_or_create_customer
from humanly.people.models import Agent, Customer, Team
from humanly.workers.tasks import enqueue

# What survives of a customer's HTML: text formatting, lists, links and tables; never scripts, styles,
# event handlers, forms or frames. Links open safely.
ALLOWED_TAGS = {
    "a", "b", "blockquote", "br", "code", "div", "em", "h1", "h2", "h3", "h4", "hr", "i", "li", "ol", "p",
    "pre", "s", "span", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}
MAX_TEXT = 200_000


def sanitise(html: str) -> str:
    """HTML safe to show in an agent's browser."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


@transaction.atomic
def do_receive(
    team: Team,
    *,
    identity: tuple[str, str],
    text: str,
    name: str = "",
    subject: str = "",
    html: str = "",
    channel: str = "email",
    conversation: Conversation | None = None,
) -> Message:
    """An inbound message: its customer found or created by ``identity`` (kind, value), added to
    ``conversation`` or to a new one."""
    customer = do_find_or_create_customer(team, identity[0], identity[1], name)
    if conversation is None:
        conversation = Conversation.objects.create(
            team=team, customer=customer, subject=subject[:300], channel=channel
        )
        record(None, "conversation.created", conversation, channel=channel)
    elif conversation.status != Conversation.Status.OPEN:
        conversation.status = Conversation.Status.OPEN
    conversation.last_inbound = timezone.now()
    conversation.save(update_fields=["status", "last_inbound", "updated"])
    message = Message.objects.create(
        conversation=conversation, kind=Message.Kind.INBOUND, text=text[:MAX_TEXT], html=sanitise(html)
    )
    record(None, "message.received", message, conversation=conversation.pk)
    search.refresh(conversation)
    enqueue("copilot.read_message", message_id=message.pk)
    return message


@transaction.atomic
def do_start(
    agent: Agent,
    team: Team,
    customer: Customer,
    text: str,
    *,
    subject: str = "",
    tags: Sequence[str] = (),
    priority: int = Conversation.Priority.NORMAL,
    assignee: Agent | None = None,
    channel: str = "email",
) -> Conversation:
    """A conversation the agent starts (outbound), opened by their reply ``text`` to ``customer``."""
    if priority not in Conversation.Priority.values:
        raise ValueError(f"unknown priority {priority!r}")
    if assignee is not None and not _may_be_assigned(assignee, team.pk):
        raise ValueError("the assignee is not in this conversation's team")
    customer.teams.add(team)
    conversation = Conversation.objects.create(
        team=team,
        customer=customer,
        subject=subject[:300],
        channel=channel,
        priority=priority,
        assignee=assignee,
        tags=_tags(tags),
    )
    record(agent, "conversation.started", conversation, customer=customer.pk, channel=channel)
    do_reply(agent, conversation, text)  # refuses an empty text, which undoes the whole start
    return conversation


@transaction.atomic
def do_reply(agent: Agent, conversation: Conversation, text: str, *, note: bool = False) -> Message:
    """A reply to the customer (``note=True``: an internal note only agents see)."""
    if not text.strip():
        raise ValueError("a reply needs some text")
    kind = Message.Kind.NOTE if note else Message.Kind.REPLY
    message = Message.objects.create(conversation=conversation, kind=kind, author=agent, text=text[:MAX_TEXT])
    if not note and conversation.status == Conversation.Status.OPEN:
        conversation.status = Conversation.Status.WAITING
        conversation.save(update_fields=["status", "updated"])
    record(agent, f"message.{kind}", message, conversation=conversation.pk)
    search.refresh(conversation)
    return message


@transaction.atomic
def do_assign(agent: Agent, conversation: Conversation, assignee: Agent | None) -> Conversation:
    if assignee is not None and not _may_be_assigned(assignee, conversation.team_id):
        raise ValueError("the assignee is not in this conversation's team")
    conversation.assignee = assignee
    conversation.save(update_fields=["assignee", "updated"])
    record(agent, "conversation.assigned", conversation, assignee=assignee.pk if assignee else None)
    return conversation


@transaction.atomic
def do_hand_to_lead(agent: Agent, conversation: Conversation, note: str) -> Agent:
    """Give the conversation to a lead (an admin of its team, else any admin) with a note saying why."""
    if not note.strip():
        raise ValueError("say in a line what the lead should know")
    admins = Agent.objects.filter(role=Agent.Role.ADMIN, is_active=True).exclude(pk=agent.pk)
    lead = admins.filter(teams=conversation.team_id).order_by("pk").first() or admins.order_by("pk").first()
    if lead is None:
        raise ValueError("there is no other admin to hand this to")
    do_assign(agent, conversation, lead)
    name = lead.get_full_name() or lead.username
    do_reply(agent, conversation, f"Handed to {name}: {note.strip()}", note=True)
    record(agent, "conversation.handed", conversation, lead=lead.pk)
    return lead


@transaction.atomic
def do_set_status(agent: Agent, conversation: Conversation, status: str) -> Conversation:
    if status not in Conversation.Status.values:
        raise ValueError(f"unknown status {status!r}")
    conversation.status = status
    conversation.save(update_fields=["status", "updated"])
    record(agent, "conversation.status", conversation, status=status)
    return conversation


@transaction.atomic
def do_tag(agent: Agent, conversation: Conversation, tags: Sequence[str]) -> Conversation:
    conversation.tags = _tags(tags)
    conversation.save(update_fields=["tags", "updated"])
    record(agent, "conversation.tagged", conversation, tags=conversation.tags)
    return conversation


@transaction.atomic
def do_merge(agent: Agent, keep: Conversation, other: Conversation) -> Conversation:
    """Move every message of ``other`` into ``keep``; ``other`` remembers where they went."""
    if keep.pk == other.pk or keep.team_id != other.team_id:
        raise ValueError("only two different conversations of the same team can be merged")
    # A message knows its customer through its conversation: merging two people's threads would put one
    # person's words in the other's mouth.
    if keep.customer_id != other.customer_id:
        raise ValueError(
            "these conversations are with two different customers; if they are one person, merge the customers"
            " first (on the customer page)"
        )
    moved = Message.objects.filter(conversation=other).update(conversation=keep)
    keep.tags = sorted(set(keep.tags) | set(other.tags))
    keep.save(update_fields=["tags", "updated"])
    other.merged_into = keep
    other.status = Conversation.Status.RESOLVED
    other.save(update_fields=["merged_into", "status", "updated"])
    record(agent, "conversation.merged", keep, merged=other.pk, messages=moved)
    search.refresh(keep)
    labels.refresh(keep)  # the latest reading may have come with the other's messages
    labels.refresh(other)  # no messages left: no labels
    _settle(keep)
    return keep


@transaction.atomic
def do_split(agent: Agent, conversation: Conversation, first: Message) -> Conversation:
    """A new conversation from ``first`` and every later message of this one."""
    first.refresh_from_db(fields=["conversation"])
    if first.conversation_id != conversation.pk:
        raise ValueError("the message is not in this conversation")
    later = (
        Message.objects.filter(conversation=conversation)
        .filter(created__gte=first.created)
        .exclude(created=first.created, pk__lt=first.pk)
    )
    if later.count() == conversation.messages.count():
        raise ValueError("splitting at the first message would leave the conversation empty")
    new = Conversation.objects.create(
        team=conversation.team,
        customer=conversation.customer,
        subject=conversation.subject,
        channel=conversation.channel,
        priority=conversation.priority,
    )
    moved = later.update(conversation=new)
    record(agent, "conversation.split", conversation, into=new.pk, messages=moved)
    search.refresh(conversation)
    search.refresh(new)
    labels.refresh(conversation)
    labels.refresh(new)
    _settle(conversation)
    _settle(new)
    return new


def _settle(conversation: Conversation) -> None:
    """After messages moved: when the customer last wrote, and how much they need an answer now (from the
    latest reading), so the inbox keeps its order."""
    from humanly.copilot.reading import need  # the copilot sits above conversations

    latest = (
        Message.objects.filter(conversation=conversation, kind=Message.Kind.INBOUND)
        .order_by("-created", "-pk")
        .values("created", "reading")
        .first()
    )
    conversation.last_inbound = latest["created"] if latest else None
    conversation.need = need(latest["reading"]) if latest and latest["reading"] else 0.0
    conversation.save(update_fields=["last_inbound", "need", "updated"])


@transaction.atomic
def do_attach(agent: Agent | None, message: Message, upload: UploadedFile) -> Attachment:
    """Store ``upload`` on ``message``: under a random name in MEDIA_ROOT, with a safe display name and a
    content type checked against the bytes (see attachments.py). Files on a reply or a note are their
    author's to add; files on an inbound message come from the customer, through an integration."""
    if message.kind != Message.Kind.INBOUND and agent is not None and message.author_id != agent.pk:
        raise ValueError("only its author can add files to a reply or a note")
    size = check(upload, settings.MAX_UPLOAD_BYTES)
    name = safe_name(upload.name or "")
    upload.seek(0)
    head = upload.read(512)
    upload.seek(0)
    attachment = Attachment(
        message=message,
        filename=name,
        content_type=content_type_of(name, upload.content_type, head),
        size=size,
    )
    attachment.file.save(secrets.token_hex(16), upload, save=False)
    try:
        attachment.save()
        record(agent, "message.attached", attachment, message=message.pk, filename=name, size=size)
    except Exception:
        attachment.file.delete(save=False)  # no file on disk without its row
        raise
    return attachment


def do_attach_all(agent: Agent | None, message: Message, uploads: Sequence[UploadedFile]) -> list[Attachment]:
    """Store every file of ``uploads`` on ``message``, or none of them (what was written is removed)."""
    stored: list[Attachment] = []
    try:
        with transaction.atomic():
            for upload in uploads:
                stored.append(do_attach(agent, message, upload))
    except Exception:
        for attachment in stored:  # their rows were rolled back: the files go too
            attachment.file.delete(save=False)
        raise
    return stored


def _tags(tags: Sequence[str]) -> list[str]:
    return sorted({t.strip().lower()[:40] for t in tags if t.strip()})


def _may_be_assigned(agent: Agent, team_id: int) -> bool:
    return agent.is_admin or agent.teams.filter(pk=team_id).exists()
