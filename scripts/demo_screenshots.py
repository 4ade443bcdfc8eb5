"""Screenshots of the demo desk as an agent sees it: docs/screenshots/demo-*.png.

Starts ``humanly demo`` on a fresh folder, signs in as jordan in Debian's Chromium and photographs the
inbox, the most pressing conversation with its draft and tone check, a filtered inbox, a customer, and
the page a name locked by failed sign-ins sees.
Usage: .venv/bin/python scripts/demo_screenshots.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from copilot_speed import PORT, start_demo  # noqa: E402

SHOTS = ROOT / "docs" / "screenshots"


def main() -> None:
    from playwright.sync_api import sync_playwright

    server, password = start_demo()
    base = f"http://127.0.0.1:{PORT}"
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(base + "/signin")
            page.fill("input[name=username]", "jordan")
            page.fill("input[name=password]", password)
            page.click("button[type=submit]")
            page.wait_for_selector("table.inbox")
            page.screenshot(path=str(SHOTS / "demo-inbox.png"), full_page=True)
            page.click("table.inbox tbody tr >> nth=0 >> a")
            page.wait_for_selector(".playbook")
            page.click("text=Draft a reply")
            page.wait_for_selector(".tone")
            page.screenshot(path=str(SHOTS / "demo-conversation.png"), full_page=True)
            page.goto(base + "/?status=")
            feeling = page.eval_on_selector("select[name=emotion] option:nth-child(2)", "o => o.value")
            page.goto(f"{base}/?status=&emotion={feeling}")
            page.wait_for_selector("main table")
            page.screenshot(path=str(SHOTS / "demo-inbox-filtered.png"), full_page=True)
            page.goto(base + "/")
            page.click("table.inbox tbody tr >> nth=1 >> a")
            page.click("main hgroup a")
            page.wait_for_selector("text=Emotional history")
            page.screenshot(path=str(SHOTS / "demo-customer.png"), full_page=True)
            stranger = browser.new_page(viewport={"width": 1280, "height": 700})
            for _ in range(6):  # five wrong passwords lock the name for an hour (humanly unlock lifts it)
                stranger.goto(base + "/signin")
                stranger.fill("input[name=username]", "sam")
                stranger.fill("input[name=password]", "not-the-password")
                stranger.click("button[type=submit]")
            stranger.wait_for_selector("text=too many")
            stranger.screenshot(path=str(SHOTS / "demo-locked.png"), full_page=True)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
