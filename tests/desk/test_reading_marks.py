"""An ask is marked where it stands in the message, in plain text and in sanitised HTML alike."""

from __future__ import annotations

from humanly.conversations.models import Message
from humanly.web.reading import body


def _message(text: str, html: str, asks: list[str]) -> Message:
    return Message(kind="inbound", text=text, html=html, reading={"asks": [{"text": a} for a in asks]})


def test_asks_are_marked_inside_html_and_the_tags_stay() -> None:
    html = "<p>Hi,</p><p>Where is my <b>order</b>? Can you refund me &amp; my sister?</p>"
    message = _message(
        "Hi, Where is my order? Can you refund me & my sister?",
        html,
        [
            "Where is my order?",  # split by a tag: left unmarked, its link lands on the message
            "Can you refund me & my sister?",
        ],
    )
    shown = str(body(message, mark_asks=True))
    assert '<mark class="ask" id="ask-1">Can you refund me &amp; my sister?</mark>' in shown
    assert 'id="ask-0"' not in shown
    assert shown.startswith("<p>Hi,</p><p>Where is my <b>order</b>?")
    assert str(body(message)) == html  # not the latest message: shown as stored


def test_a_marked_ask_never_lets_markup_through() -> None:
    html = "<p>Can you fix &lt;script&gt;alert(1)&lt;/script&gt; today?</p>"
    message = _message(
        "Can you fix <script>alert(1)</script> today?", html, ["Can you fix <script>alert(1)</script> today?"]
    )
    shown = str(body(message, mark_asks=True))
    assert "<script>" not in shown
    assert "&lt;script&gt;" in shown
    assert '<mark class="ask" id="ask-0">' in shown
