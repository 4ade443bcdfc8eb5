"""The whole loop in a real browser (Debian's Chromium driven by Playwright): sign in, the inbox, a
conversation, a reply that appears in the thread, a search; the status and assignee selects; every page
on a 390 px phone. Screenshots of each page go to a temporary folder, or to docs/screenshots/ with
HUMANLY_SCREENSHOTS=1 (how the committed ones are made)."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from humanly.conversations.actions import do_receive
from humanly.conversations.models import Conversation
from humanly.people.models import Agent, Team

CHROMIUM = "/usr/bin/chromium"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PASSWORD = "a-long-password-1"
PHONE = {"width": 390, "height": 844}
# What sticks out past the right edge of the window, for a failure that says where to look.
OVERFLOW = """() => {
  const edge = document.documentElement.clientWidth;
  const out = [...document.querySelectorAll("body *")]
    .filter((el) => el.getBoundingClientRect().right > edge + 1)
    .map((el) => `${el.tagName.toLowerCase()}.${el.getAttribute("class") || ""} (${Math.round(el.getBoundingClientRect().right)}px)`);
  return {scroll: document.documentElement.scrollWidth, client: edge, out: out.slice(0, 8)};
}"""

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not shutil.which(CHROMIUM), reason="Debian's chromium is not installed (scripts/services)"
    ),
]


def refusals(tab) -> list[str]:  # type: ignore[no-untyped-def]
    """What the page's Content-Security-Policy refuses from now on, as the browser's console says it."""
    refused: list[str] = []
    tab.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    return refused


def sign_in(tab, username: str = "jordan") -> None:  # type: ignore[no-untyped-def]
    tab.goto(tab.base + "/signin")
    tab.fill("input[name=username]", username)
    tab.fill("input[name=password]", PASSWORD)
    tab.click("button[type=submit]")


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
    page.screenshot(path=str(shots / "article.png"), full_page=True)
    page.goto(page.base + "/knowledge")
    assert "Parking" in page.inner_text("table")
    page.screenshot(path=str(shots / "knowledge.png"), full_page=True)


def test_two_agents_see_each_other_and_an_admin_sets_up_the_team(page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shots = DOCS if os.environ.get("HUMANLY_SCREENSHOTS") == "1" else tmp_path
    shots.mkdir(parents=True, exist_ok=True)
    Agent.objects.create_user("sam", password=PASSWORD, first_name="Sam", role=Agent.Role.ADMIN)
    conversation = Conversation.objects.get(subject="Order 5521 never came")

    def sign_in(tab, username: str) -> None:  # type: ignore[no-untyped-def]
        tab.goto(page.base + "/signin")
        tab.fill("input[name=username]", username)
        tab.fill("input[name=password]", PASSWORD)
        tab.click("button[type=submit]")
        tab.wait_for_selector("table.inbox")

    sign_in(page, "jordan")
    other = page.context.browser.new_context(viewport={"width": 1280, "height": 860}).new_page()
    sign_in(other, "sam")
    page.goto(f"{page.base}/conversations/{conversation.pk}")
    other.goto(f"{page.base}/conversations/{conversation.pk}")
    other.type("textarea[name=text]", "Hi Ana, I'm looking into it now")
    page.wait_for_selector("#presence:has-text('Sam is typing a reply')", timeout=12_000)
    page.screenshot(path=str(shots / "conversation-presence.png"), full_page=True)
    other.click("button[value=reply]")
    other.wait_for_selector("article.reply")
    page.fill("textarea[name=text]", "Ana, it arrives tomorrow.")
    page.click("button[value=reply]")
    page.wait_for_selector("text=While you were writing, Sam replied")
    assert page.input_value("textarea[name=text]") == "Ana, it arrives tomorrow."  # nothing lost
    page.click("button[value=reply]")  # read theirs; send mine anyway
    page.wait_for_selector("text=Ana, it arrives tomorrow.")

    other.goto(page.base + "/settings/teams")
    other.fill("input[placeholder=Billing]", "Billing")
    other.click("button:has-text('Add team')")
    other.wait_for_selector("td:has-text('Billing')")
    other.screenshot(path=str(shots / "settings-teams.png"), full_page=True)
    other.goto(page.base + "/settings/agents")
    other.fill("input[name=username]", "riley")
    other.fill("input[name=first_name]", "Riley")
    other.check("input[name=teams] >> nth=0")
    other.click("button:has-text('Add agent')")
    other.wait_for_selector("text=can now sign in with this password")
    other.screenshot(path=str(shots / "settings-agents.png"), full_page=True)
    other.click("text=Jordan Lee")
    other.wait_for_selector("text=Can sign in")
    other.screenshot(path=str(shots / "settings-agent.png"), full_page=True)
    other.goto(f"{page.base}/settings/teams/{Team.objects.get(slug='support').pk}")
    other.wait_for_selector("text=Test connection")
    other.screenshot(path=str(shots / "settings-team.png"), full_page=True)
    page.goto(page.base + "/account")
    page.screenshot(path=str(shots / "account.png"), full_page=True)


def test_the_copilot_loop_from_a_new_message_to_a_kind_reply(page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A message arrives and is read; the agent drafts, types a blaming sentence, sees the finding, takes
    the rewording and sends; the reply is in the thread."""
    from playwright.sync_api import expect

    shots = DOCS if os.environ.get("HUMANLY_SCREENSHOTS") == "1" else tmp_path
    shots.mkdir(parents=True, exist_ok=True)
    team = Team.objects.get(slug="support")
    message = do_receive(
        team,
        identity=("email", "ana@example.com"),
        name="Ana Silva",
        subject="Can't get into my course",
        text="Hi, I paid for Photography Basics two weeks ago and I still can't log in. "
        "I've emailed twice already!! Can you fix my access today?",
    )  # inline after commit, as with no broker: the reading is stored before the page opens
    message.refresh_from_db()
    assert message.reading is not None
    sign_in(page)
    page.goto(f"{page.base}/conversations/{message.conversation_id}")
    page.wait_for_selector(".reading a.ask-link")
    assert "repeat contact" in page.inner_text(".reading")
    page.wait_for_selector(".playbook")
    page.click("text=Draft a reply")
    expect(page.locator("#reply-text")).to_have_value(re.compile(r"^Hi Ana"))
    page.wait_for_selector(".tone")
    page.screenshot(path=str(shots / "copilot-draft.png"), full_page=True)
    page.fill("#reply-text", "")
    page.type(
        "#reply-text",
        "Hi Ana, that's because you entered the wrong email address. I've reset your access now.",
        delay=5,
    )
    page.wait_for_selector("mark.finding")
    assert "blame" in page.inner_text("ol.findings")
    page.screenshot(path=str(shots / "copilot-finding.png"), full_page=True)
    page.click("ol.findings button[data-reword]")
    expect(page.locator("#reply-text")).not_to_have_value(re.compile("you entered the wrong"))
    page.wait_for_selector(".tone:not(:has(mark.finding))")
    page.click("button[value=reply]")
    page.wait_for_selector("article.reply")
    sent = page.inner_text(".thread article.reply")
    assert "I've reset your access now." in sent
    assert "you entered the wrong email address" not in sent
    page.screenshot(path=str(shots / "copilot-sent.png"), full_page=True)


def test_a_message_that_arrives_while_the_agent_is_on_the_page_brings_its_reading(page) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    first = Conversation.objects.get(subject="Order 5521 never came")
    sign_in(page)
    page.goto(f"{page.base}/conversations/{first.pk}")
    page.wait_for_selector(".reading")
    assert "birthday present" in page.inner_text(".reading")
    page.fill("#reply-text", "Hi Ana, let me check")
    do_receive(
        first.team,
        identity=("email", "ana@example.com"),
        text="Sorry, one more thing: I've emailed twice already!! Can you send it by express instead?",
        conversation=first,
    )  # read straight after its commit, as the desk does
    expect(page.locator("#presence")).to_contain_text("1 new message", timeout=15_000)
    expect(page.locator("#reading-slot .reading")).to_contain_text("repeat contact", timeout=15_000)
    expect(page.locator("#reply-text")).to_have_value("Hi Ana, let me check")  # the agent's words stay


def test_status_and_assignee_are_set_from_their_selects(page) -> None:  # type: ignore[no-untyped-def]
    """Choosing a status or an assignee sends it at once (desk.js, allowed by the page's CSP: no inline
    handler), and nothing on the page is refused by the Content-Security-Policy."""
    refused = refusals(page)
    sam = Agent.objects.create_user("sam", password=PASSWORD, first_name="Sam")
    sam.teams.add(Team.objects.get(slug="support"))
    conversation = Conversation.objects.get(subject="Order 5521 never came")
    sign_in(page)
    page.wait_for_selector("table.inbox")
    page.goto(f"{page.base}/conversations/{conversation.pk}")
    assert not page.is_visible("text=Set status")  # the by-hand button is for pages without scripts
    with page.expect_navigation(timeout=10_000):
        page.select_option("select[name=status]", "waiting")
    conversation.refresh_from_db()
    assert conversation.status == "waiting"
    assert page.input_value("select[name=status]") == "waiting"
    assert "Waiting on the customer" in page.inner_text("hgroup")
    with page.expect_navigation(timeout=10_000):
        page.select_option("select[name=assignee]", label="sam")
    conversation.refresh_from_db()
    assert conversation.assignee == sam
    assert page.input_value("select[name=assignee]") == str(sam.pk)
    page.reload()
    assert page.input_value("select[name=status]") == "waiting"
    assert refused == []


def test_every_page_fits_a_phone(page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """At 390 px nothing scrolls sideways: the header wraps, the inbox rows stack, forms take the width.
    Every page is photographed; the inbox, a conversation and a customer go to the docs."""
    from django.test import override_settings

    from humanly.copilot.models import CustomIntent
    from humanly.knowledge.models import Article

    documented = DOCS if os.environ.get("HUMANLY_SCREENSHOTS") == "1" else tmp_path
    documented.mkdir(parents=True, exist_ok=True)
    team = Team.objects.get(slug="support")
    sam = Agent.objects.create_user(
        "sam", password=PASSWORD, first_name="Sam", last_name="Okafor", role=Agent.Role.ADMIN
    )
    sam.teams.add(team)
    conversation = Conversation.objects.get(subject="Order 5521 never came")
    article = Article.objects.create(
        team=team, slug="parking", title="Parking", body="Free parking behind the studio on Mill Lane."
    )
    saved = Article.objects.create(
        team=team,
        slug="courier",
        title="With the courier",
        body="It is with the courier and arrives tomorrow.",
        kind=Article.Kind.SAVED_REPLY,
    )
    CustomIntent.objects.create(
        team=team,
        name="wholesale",
        description="A shop or café wants to stock our products.",
        examples="Do you offer wholesale prices for cafés?\nWe run a small shop.",
        keywords="wholesale\ntrade price",
    )
    refused = refusals(page)
    page.set_viewport_size(PHONE)
    pages = {
        "signin": "/signin",
        "inbox": "/?status=",
        "conversation": f"/conversations/{conversation.pk}",
        "customer": f"/customers/{conversation.customer_id}",
        "knowledge": "/knowledge",
        "article-new": "/knowledge/new",
        "article": f"/knowledge/{article.pk}",
        "saved-reply": f"/knowledge/{saved.pk}",
        "settings-teams": "/settings/teams",
        "settings-team": f"/settings/teams/{team.pk}",
        "settings-agents": "/settings/agents",
        "settings-agent": f"/settings/agents/{sam.pk}",
        "account": "/account",
        "not-found": "/conversations/999999",
    }
    wide = {}
    for name, url in pages.items():
        if name == "inbox":
            page.fill("input[name=username]", "sam")
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_selector("table.inbox")
        with override_settings(DEBUG=name != "not-found"):  # the desk's own 404, as in production
            page.goto(page.base + url)
            page.wait_for_load_state("networkidle")
        seen = page.evaluate(OVERFLOW)
        if seen["scroll"] > seen["client"] + 1:
            wide[name] = seen
        shots = documented if name in {"inbox", "conversation", "customer"} else tmp_path
        page.screenshot(path=str(shots / f"{name}-phone.png"), full_page=True)
    assert page.is_visible("text=Not found")
    assert not wide, wide
    assert refused == []
