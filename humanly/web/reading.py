"""How a stored reading is shown: feelings with their strength, and a message with what was asked marked
in place, so a click on an ask in the reading lands on it."""

from __future__ import annotations

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
    if message.html:
        return mark_safe(message.html)  # sanitised by nh3 before it was stored
    text = message.text
    asks = (message.reading or {}).get("asks", []) if mark_asks else []
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


def is_long(message: Message) -> bool:
    return message.kind == Message.Kind.INBOUND and len(message.text.split()) > LONG_LETTER
