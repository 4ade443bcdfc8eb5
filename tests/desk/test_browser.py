"""The whole loop in a real browser (Debian's Chromium driven by Playwright): sign in, the inbox, a
conversation, a reply that appears in the thread, a search. Screenshots of each page go to a temporary
folder, or to docs/screenshots/ with HUMANLY_SCREENSHOTS=1 (how the committed ones are made)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from humanly.conversations.actions import do_receive
from humanly.conversations.models import Conversation
from humanly.people.models import Agent, Team

CHROMIUM = "/usr/bin/chromium"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PASSWORD = "a-long-password-1"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not shutil.which(CHROMIUM), reason="Debian's chromium is not installed (scripts/services)"
    ),
]


@pytest.fixture
def page(live_server):  # type: ignore[no-untyped-def]
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = (
        "true"  # Playwright's loop and the test's ORM calls share a thread
    )
    from playwright.sync_api import sync_playwright

    team = Team.objects.create(name="Support", slug="support")
    agent = Agent.objects.create_user("jordan", password=PASSWORD, first_name="Jordan", last_name="Lee")
    agent.teams.add(team)
    upset = do_receive(
        team,
        identity=("email", "ana@example.com"),
        name="Ana Silva",
        subject="Order 5521 never came",
        text="I'm really worried, my order 5521 still hasn't arrived and it was a birthday present. Where is it?",
    )
    upset.reading = {
        "gist": "Order 5521 has not arrived; a birthday present.",
        "emotions": {"labels": ["nervousness"]},
        "asks": [{"text": "Where is it?"}],
        "needs": ["information", "reassurance"],
        "flags": ["urgency"],
        "escalation": {"risk": "medium"},
    }
    upset.save()
    Conversation.objects.filter(pk=upset.conversation_id).update(need=0.7)
    do_receive(
        team,
        identity=("email", "bo@example.com"),
        name="Bo Chen",
        subject="Invoice for March",
        text="Could I get my March invoice?",
    )
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
            ],
        )
        tab = browser.new_page(viewport={"width": 1280, "height": 860})
        tab.base = live_server.url  # type: ignore[attr-defined]
        yield tab
        browser.close()


def test_sign_in_read_reply_and_search(page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shots = DOCS if os.environ.get("HUMANLY_SCREENSHOTS") == "1" else tmp_path
    shots.mkdir(parents=True, exist_ok=True)
    page.goto(page.base + "/")
    assert "/signin" in page.url
    page.screenshot(path=str(shots / "signin.png"))
    page.fill("input[name=username]", "jordan")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("table.inbox")
    rows = page.locator("table.inbox tbody tr")
    assert "Order 5521" in rows.nth(0).inner_text()  # the worried customer first
    page.screenshot(path=str(shots / "inbox.png"), full_page=True)
    page.click("text=Order 5521 never came")
    page.wait_for_selector(".reading")
    assert "nervousness" in page.inner_text(".reading")
    page.fill(
        "textarea[name=text]", "I'm so sorry, Ana. I've checked: it's with the courier and arrives tomorrow."
    )
    page.click("button[value=reply]")
    page.wait_for_selector("article.reply")
    assert "arrives tomorrow" in page.inner_text(".thread")
    page.screenshot(path=str(shots / "conversation.png"), full_page=True)
    page.click("text=Ana Silva")
    page.wait_for_selector("text=ana@example.com")
    page.screenshot(path=str(shots / "customer.png"), full_page=True)
    page.goto(page.base + "/?status=&q=invoice")
    assert "Invoice for March" in page.inner_text("table.inbox")
    assert "Order 5521" not in page.inner_text("table.inbox")
    page.goto(page.base + "/knowledge/new")
    page.fill("input[name=title]", "Parking")
    page.fill("textarea[name=body]", "There is free parking behind the studio on Mill Lane.")
    page.click("main button:has-text('Save')")
    page.wait_for_selector("text=Delete")
    page.goto(page.base + "/knowledge")
    assert "Parking" in page.inner_text("table")
    page.screenshot(path=str(shots / "knowledge.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base + "/?status=")
    page.screenshot(path=str(shots / "inbox-phone.png"), full_page=True)
