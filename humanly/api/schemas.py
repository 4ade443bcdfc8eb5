"""What the API takes and gives."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from ninja import Field, Schema
from pydantic import model_validator


class ErrorBody(Schema):
    code: str
    message: str
    details: Any | None = None


class Error(Schema):
    error: ErrorBody


class AnalyzeIn(Schema):
    text: str = Field(..., max_length=200_000)


class CheckReplyIn(Schema):
    draft: str = Field(..., max_length=50_000)
    message: str | None = Field(None, max_length=200_000)


class TurnIn(Schema):
    role: Literal["customer", "agent"]
    text: str = Field(..., max_length=200_000)


class ProfileIn(Schema):
    name: str = ""
    history: list[str] = []
    preferences: list[str] = []


class DraftIn(Schema):
    text: str = Field(..., max_length=200_000)
    thread: list[TurnIn] = []
    customer: ProfileIn | None = None
    instruction: str = Field("", max_length=2_000)
    team: str | None = Field(
        None, description="The team whose knowledge to use (its slug); default your first team."
    )


class AttachmentOut(Schema):
    id: int
    filename: str
    content_type: str
    size: int
    url: str = Field(..., description="Where to download it (always as an attachment, never shown inline).")


class MessageOut(Schema):
    id: int
    kind: str
    author: str | None
    text: str
    html: str
    created: datetime
    reading: dict[str, Any] | None
    attachments: list[AttachmentOut]


class CustomerOut(Schema):
    id: int
    name: str
    notes: str
    preferences: list[str]
    identities: list[str]


class ConversationOut(Schema):
    id: int
    team: str
    customer: CustomerOut
    subject: str
    status: str
    priority: int
    assignee: str | None
    tags: list[str]
    channel: str
    need: float
    created: datetime
    updated: datetime


class ConversationDetail(ConversationOut):
    messages: list[MessageOut]


class InboundIn(Schema):
    team: str = Field(..., description="The slug of the team the message is for.")
    email: str = Field(..., max_length=320)
    name: str = Field("", max_length=200)
    subject: str = Field("", max_length=300)
    text: str = Field(..., min_length=1, max_length=200_000)
    html: str = Field("", max_length=1_000_000)
    channel: str = Field("api", max_length=20)
    conversation: int | None = Field(None, description="Add to this conversation instead of starting one.")


class ReplyIn(Schema):
    text: str = Field(..., min_length=1, max_length=200_000)


class IdentityIn(Schema):
    kind: Literal["email", "phone", "handle"]
    value: str = Field(..., min_length=1, max_length=320)


class CustomerIn(Schema):
    team: str | None = Field(
        None, description="The slug of the team the customer is for; default your first team."
    )
    name: str = Field("", max_length=200)
    identities: list[IdentityIn] = Field([], max_length=20)
    notes: str = Field("", max_length=20_000)


class StartIn(Schema):
    team: str = Field(..., description="The slug of the team the conversation is in.")
    customer: int | None = Field(None, description="A customer you can see, by id; or give `identity`.")
    identity: IdentityIn | None = Field(None, description="The customer's identity: found, or created.")
    name: str = Field("", max_length=200, description="The name of a customer created from `identity`.")
    subject: str = Field("", max_length=300)
    text: str = Field(..., min_length=1, max_length=200_000, description="The first message: your reply.")
    tags: list[str] = Field([], max_length=50)
    priority: int = Field(1, ge=0, le=3, description="0 low, 1 normal, 2 high, 3 urgent.")
    assignee: str | None = Field(None, description="The username of an agent in the team.")
    channel: str = Field("email", max_length=20)

    @model_validator(mode="after")
    def _one_customer(self) -> StartIn:
        if (self.customer is None) == (self.identity is None):
            raise ValueError("give either customer or identity")
        return self


class ArticleIn(Schema):
    team: str
    slug: str = Field(..., pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=120)
    title: str = Field(..., max_length=200)
    body: str = Field(..., min_length=1, max_length=200_000)
    kind: Literal["article", "saved_reply"] = "article"
    tags: list[str] = []
    answers: list[str] = []


class ArticleOut(Schema):
    id: int
    team: str
    slug: str
    title: str
    body: str
    kind: str
    tags: list[str]
    answers: list[str]
    updated: datetime
