"""Attachments for agents signed in to the desk's pages: the same access rule and the same safe download
as the API (see humanly/conversations/attachments.py)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest
from django.views.decorators.http import require_GET

from humanly.conversations.access import access_attachment
from humanly.conversations.attachments import serve
from humanly.people.models import Agent


@login_required
@require_GET
def attachment(request: HttpRequest, pk: int) -> FileResponse:
    agent = request.user
    assert isinstance(agent, Agent)
    return serve(access_attachment(agent, pk))
