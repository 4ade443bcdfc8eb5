"""How a stored reading is shown: feelings with their strength, and a message with what was asked marked
in place, so a click on an ask in the reading lands on it."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

from django.utils.html import escape, linebreaks
from django.utils.safestring import SafeString, mark_safe

from humanly.conversations.models import Message

UPSET = {
    "anger",
    "annoyance",
    "fear",
    "nervousness",
    "grief",
    "sadness",
    "disappointment",
    "disgust",
    "disapproval",
    "remorse",
}
LONG_LETTER = 150  # words: a longer letter shows its gist first and the story one click away


def feelings(reading: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The feelings read, strongest first, each with its strength (0-100) and whether it calls for care."""
    if not reading:
        return []
    emotions = reading.get("emotions", {})
    scores = emotions.get("scores", {})
    found = [
        {"label": label, "strength": round(100 * float(scores.get(label, 0.0))), "care": label in UPSET}
        for label in emotions.get("labels", [])
        if label != "neutral"
    ]
    return sorted(found, key=lambda f: -f["strength"])


def body(message: Message, *, mark_asks: bool = False) -> SafeString:
    """The message as HTML: its sanitised HTML when it came as HTML, else its text, escaped, with each ask
    of its reading wrapped in ``<mark id="ask-N">`` when ``mark_asks``."""
    asks = (message.reading or {}).get("asks", []) if mark_asks else []
    if message.html:
        return _marked_html(message.html, asks)  # sanitised by nh3 before it was stored
    text = message.text
    pieces: list[str] = []
    at = 0
    for i, ask in enumerate(asks):
        where = text.find(str(ask.get("text", "")), at)
        if where < 0 or not ask.get("text"):
            continue
        end = where + len(ask["text"])
        pieces.append(escape(text[at:where]))
        pieces.append(f'<mark class="ask" id="ask-{i}">{escape(text[where:end])}</mark>')
        at = end
    pieces.append(escape(text[at:]))
    return mark_safe(linebreaks("".join(pieces)))  # every piece is escaped above


_TAG = re.compile(r"(<[^>]*>)")


def _marked_html(html: str, asks: list[dict[str, Any]]) -> SafeString:
    """Sanitised HTML with each ask that stands whole in one run of text wrapped in its mark; the tags
    are kept as they are and every piece of text is escaped again."""
    if not asks:
        return mark_safe(html)
    pieces = _TAG.split(html)
    wanted = [(i, " ".join(str(a.get("text", "")).split())) for i, a in enumerate(asks) if a.get("text")]
    for n, piece in enumerate(pieces):
        if n % 2 or not wanted:  # odd pieces are tags
            continue
        text = unescape(piece)
        out, at = [], 0
        for i, ask in list(wanted):
            where = text.find(ask, at)
            if where < 0:
                continue
            out += [escape(text[at:where]), f'<mark class="ask" id="ask-{i}">{escape(ask)}</mark>']
            at = where + len(ask)
            wanted.remove((i, ask))
        if out:
            pieces[n] = "".join([*out, escape(text[at:])])
    return mark_safe("".join(pieces))  # the tags as nh3 left them; every text piece changed is escaped


def is_long(message: Message) -> bool:
    return message.kind == Message.Kind.INBOUND and len(message.text.split()) > LONG_LETTER
