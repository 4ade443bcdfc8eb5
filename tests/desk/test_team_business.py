"""Each team's voice, own intents and language model endpoint: the settings page, its audited actions,
and the engine each team's messages and drafts get."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import Client

from humanly.api.models import Token
from humanly.conversations.actions import do_receive
from humanly.copilot.actions import SettingsError, do_save_intent, do_save_llm, do_save_voice
from humanly.copilot.business import team_engine, team_voice, voice_preview
from humanly.copilot.models import CustomIntent, TeamSettings
from humanly.copilot.reading import engine as shared_engine
from humanly.desk.models import AuditEvent
from humanly.engine import Voice
from humanly.people.models import Agent, Team

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-password-1"
KEY = "sk-live-do-not-show-4242"
CAFE = "Hello, I own a little café in Leeds. Could we stock your coffee beans at trade price?"
WHOLESALE = {
    "name": "Wholesale",
    "description": "A shop or café wants to stock our products and asks about trade prices.",
    "examples": "Do you offer wholesale prices for cafés?\n"
    "We run a small shop and would like to stock your candles.\n"
    "What is the minimum order for trade accounts?",
    "keywords": "trade price, wholesale",
}


@pytest.fixture
def desk() -> dict[str, object]:
    support = Team.objects.create(name="Support", slug="support")
    sales = Team.objects.create(name="Sales", slug="sales")
    admin = Agent.objects.create_user("ada", password=PASSWORD, role=Agent.Role.ADMIN)
    agent = Agent.objects.create_user("jordan", password=PASSWORD)
    agent.teams.add(support)
    admins, agents = Client(), Client()
    admins.force_login(admin)
    agents.force_login(agent)
    _, secret = Token.issue(agent, "tests")
    return {
        "support": support,
        "sales": sales,
        "admin": admin,
        "agent": agent,
        "admins": admins,
        "agents": agents,
        "api": Client(headers={"authorization": f"Bearer {secret}"}),
    }


def page(client: Client, team: Team) -> str:
    return client.get(f"/settings/teams/{team.pk}").content.decode()


def actions() -> list[str]:
    return list(
        AuditEvent.objects.filter(action__startswith="copilot.")
        .order_by("pk")
        .values_list("action", flat=True)
    )


class FakeLLM(BaseHTTPRequestHandler):
    """Answers POST .../chat/completions as an OpenAI-compatible server does; 401 under /locked/."""

    seen: list[dict[str, object]]

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.seen.append(  # type: ignore[attr-defined]
            {"path": self.path, "auth": self.headers.get("Authorization"), "body": body}
        )
        if self.path.startswith("/locked/"):
            self.send_response(401)
            self.end_headers()
            return
        answer = {
            "id": "chatcmpl-1",
            "object": "chat.completion",
            "model": body.get("model", "tiny"),
            "choices": [
                {"index": 0, "message": {"role": "assistant", "content": "ready"}, "finish_reason": "stop"}
            ],
        }
        data = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass


@pytest.fixture
def fake_llm() -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeLLM)
    server.seen = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(5)


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# --- who may -------------------------------------------------------------------------------------


def test_only_admins_reach_a_teams_settings(desk) -> None:  # type: ignore[no-untyped-def]
    support = desk["support"]
    base = f"/settings/teams/{support.pk}"
    for url in (base, f"{base}/voice-preview", f"{base}/test-llm"):
        assert desk["agents"].post(url, {"form": "voice", "tone": "formal"}).status_code == 403
    assert desk["agents"].get(base).status_code == 403
    assert not TeamSettings.objects.exists()
    assert desk["admins"].get(base).status_code == 200
    assert desk["admins"].get("/settings/teams/999999").status_code == 404
    assert f'href="{base}"' in desk["admins"].get("/settings/teams").content.decode()
    with pytest.raises(PermissionError):
        do_save_voice(desk["agent"], support, tone="formal", first_names=True, signature="")


# --- voice ---------------------------------------------------------------------------------------


def test_an_admin_sets_the_voice_and_sees_how_a_draft_greets_and_signs_off(desk) -> None:  # type: ignore[no-untyped-def]
    admins, support = desk["admins"], desk["support"]
    before = page(admins, support)
    assert "Hi Alex," in before
    assert "Best wishes" in before
    saved = admins.post(
        f"/settings/teams/{support.pk}",
        {"form": "voice", "tone": "formal", "signature": "  Ada Lovelace\nSupport, Brightwater  "},
    )
    assert saved.status_code == 302
    after = admins.get(saved["Location"]).content.decode()
    assert "The voice is saved" in after
    assert "Dear Alex Morgan," in after  # first names off: the switch was not sent
    assert "Kind regards,<br>Ada Lovelace<br>Support, Brightwater" in after
    assert team_voice(support) == Voice(
        tone="formal", first_names=False, signature="Ada Lovelace\nSupport, Brightwater"
    )
    assert team_voice(desk["sales"]) == Voice()
    event = AuditEvent.objects.get(action="copilot.voice_saved")
    assert event.actor == desk["admin"]
    assert event.data["changed"]["tone"] == {"before": "warm", "after": "formal"}
    # The preview follows what is typed, before anything is saved.
    preview = admins.post(
        f"/settings/teams/{support.pk}/voice-preview",
        {"tone": "warm", "first_names": "on", "signature": "Sam"},
    ).content.decode()
    assert "Hi Alex," in preview
    assert "Best wishes,<br>Sam" in preview
    assert team_voice(support).tone == "formal"
    # A refusal says why, next to what was typed, and keeps it.
    refused = admins.post(
        f"/settings/teams/{support.pk}", {"form": "voice", "tone": "formal", "signature": "x" * 600}
    )
    assert refused.status_code == 400
    assert "The signature is longer than 500 characters" in refused.content.decode()
    assert "x" * 600 in refused.content.decode()
    assert actions() == ["copilot.voice_saved"]


def test_the_preview_greets_as_the_engine_drafts(engine) -> None:  # type: ignore[no-untyped-def]
    from humanly.engine import DraftContext, Profile

    message = "Could you send me last month's invoice?"
    for voice in (Voice(), Voice(tone="formal", first_names=False, signature="The Support team")):
        greeting, sign_off = voice_preview(voice)
        text = engine.draft_reply(
            message, DraftContext(profile=Profile(name="Alex Morgan"), voice=voice)
        ).text
        assert text.startswith(greeting)
        if voice.tone == "formal":
            assert text.endswith(sign_off)


# --- intents -------------------------------------------------------------------------------------


def test_an_admin_adds_changes_and_removes_intents_with_errors_next_to_what_was_typed(desk) -> None:  # type: ignore[no-untyped-def]
    admins, support = desk["admins"], desk["support"]
    url = f"/settings/teams/{support.pk}"
    assert admins.post(url, {"form": "intent", **WHOLESALE}).status_code == 302
    wholesale = CustomIntent.objects.get(team=support)
    assert wholesale.name == "wholesale"
    assert wholesale.example_list[0] == "Do you offer wholesale prices for cafés?"
    assert wholesale.keyword_list == ["trade price", "wholesale"]
    listed = page(admins, support)
    assert "wholesale" in listed
    assert "+2 more" in listed

    bad_name = admins.post(url, {"form": "intent", **WHOLESALE, "name": "2fa codes"})
    assert bad_name.status_code == 400
    text = bad_name.content.decode()
    assert "Name must be lower_snake_case, got &#x27;2fa_codes&#x27;" in text
    assert 'aria-describedby="name-error"' in text
    assert 'value="2fa codes"' in text
    assert "minimum order for trade accounts" in text
    no_examples = admins.post(
        url, {"form": "intent", "name": "gift_cards", "examples": " \n "}
    ).content.decode()
    assert "Intent &#x27;gift_cards&#x27; needs at least one example sentence" in no_examples
    twice = admins.post(url, {"form": "intent", **WHOLESALE}).content.decode()
    assert "This team already has an intent called &#x27;wholesale&#x27;" in twice
    reserved = admins.post(url, {"form": "intent", "name": "long story", "examples": "A long one."})
    assert "the engine&#x27;s own" in reserved.content.decode()

    edit = admins.get(f"{url}?intent={wholesale.pk}").content.decode()
    assert "Change wholesale" in edit
    assert "trade price, wholesale" in edit
    changed = admins.post(
        f"{url}?intent={wholesale.pk}",
        {"form": "intent", "intent": str(wholesale.pk), **WHOLESALE, "name": "trade_accounts"},
    )
    assert changed.status_code == 302
    wholesale.refresh_from_db()
    assert wholesale.name == "trade_accounts"
    # Another team's intent cannot be reached through this team's page.
    theirs = do_save_intent(desk["admin"], desk["sales"], name="pricing_b", examples="How much is it?")
    assert admins.post(url, {"form": "delete-intent", "intent": str(theirs.pk)}).status_code == 404
    assert admins.post(url, {"form": "delete-intent", "intent": str(wholesale.pk)}).status_code == 302
    assert not CustomIntent.objects.filter(team=support).exists()
    assert actions() == [
        "copilot.intent_created",
        "copilot.intent_changed",
        "copilot.intent_created",
        "copilot.intent_deleted",
    ]
    changed_event = AuditEvent.objects.get(action="copilot.intent_changed")
    assert changed_event.data["before"] == "wholesale"
    assert changed_event.data["changed"] == ["name"]


def test_a_teams_intent_reads_its_messages_and_never_another_teams(
    desk, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    support, sales = desk["support"], desk["sales"]
    assert team_engine(sales) is shared_engine()  # nothing of its own: the shared engine itself
    do_save_intent(desk["admin"], support, **WHOLESALE)
    view = team_engine(support)
    assert team_engine(support) is view  # kept while nothing changes
    with django_capture_on_commit_callbacks(execute=True):
        ours = do_receive(support, identity=("email", "cafe@example.com"), text=CAFE)
        theirs = do_receive(sales, identity=("email", "shop@example.com"), text=CAFE)
    ours.refresh_from_db()
    theirs.refresh_from_db()
    assert ours.reading["intents"][0]["label"] == "wholesale"
    assert "wholesale" not in [i["label"] for i in theirs.reading["intents"]]
    # A change to the team's intents is used for the next message read.
    CustomIntent.objects.filter(team=support).delete()
    assert team_engine(support) is shared_engine()
    with django_capture_on_commit_callbacks(execute=True):
        again = do_receive(support, identity=("email", "cafe2@example.com"), text=CAFE)
    again.refresh_from_db()
    assert "wholesale" not in [i["label"] for i in again.reading["intents"]]


# --- the API -------------------------------------------------------------------------------------


def test_the_api_drafts_in_the_teams_voice_and_analyzes_with_its_intents(desk) -> None:  # type: ignore[no-untyped-def]
    api, support = desk["api"], desk["support"]
    do_save_voice(desk["admin"], support, tone="formal", first_names=False, signature="The Support team")
    do_save_intent(desk["admin"], support, **WHOLESALE)
    body = {"text": "Could you send me last month's invoice?", "customer": {"name": "Ana Lopez"}}
    draft = json.loads(api.post("/api/v1/engine/draft", body, content_type="application/json").content)
    assert draft["text"].startswith("Dear Ana Lopez,")
    assert draft["text"].endswith("Kind regards,\nThe Support team")

    def labels(query: str) -> list[str]:
        response = api.post(f"/api/v1/engine/analyze{query}", {"text": CAFE}, content_type="application/json")
        assert response.status_code == 200
        return [i["label"] for i in json.loads(response.content)["intents"]]

    assert labels("?team=support")[0] == "wholesale"
    assert "wholesale" not in labels("")
    refused = api.post("/api/v1/engine/analyze?team=sales", {"text": CAFE}, content_type="application/json")
    assert refused.status_code == 404  # not one of this agent's teams


def test_a_teams_drafts_go_through_its_own_language_model(desk, fake_llm) -> None:  # type: ignore[no-untyped-def]
    port = fake_llm.server_address[1]
    do_save_llm(desk["admin"], desk["support"], url=f"http://127.0.0.1:{port}/v1", model="tiny", key=KEY)
    body = {"text": "Could you send me last month's invoice?"}
    draft = json.loads(
        desk["api"].post("/api/v1/engine/draft", body, content_type="application/json").content
    )
    assert [(s["path"], s["auth"], s["body"]["model"]) for s in fake_llm.seen] == [
        ("/v1/chat/completions", f"Bearer {KEY}", "tiny")
    ]
    # "ready" is no rewrite of the draft: the composer's draft is kept, and the note says why.
    assert draft["backend"] == "composer"
    assert any("language model" in note for note in draft["notes"])
    assert KEY not in json.dumps(draft)


# --- the language model endpoint -----------------------------------------------------------------


def test_the_key_is_write_only_and_never_shown_or_logged(desk, caplog) -> None:  # type: ignore[no-untyped-def]
    admins, support = desk["admins"], desk["support"]
    url = f"/settings/teams/{support.pk}"
    form = {"form": "llm", "llm_url": "http://127.0.0.1:8080/v1", "llm_model": "tiny", "llm_timeout": "12"}
    assert admins.post(url, {**form, "llm_key": KEY}).status_code == 302
    saved = TeamSettings.objects.get(team=support)
    assert (saved.llm_url, saved.llm_model, saved.key, saved.llm_timeout) == (
        form["llm_url"],
        "tiny",
        KEY,
        12.0,
    )
    assert KEY not in saved.llm_key  # sealed in the database
    shown = page(admins, support)
    assert KEY not in shown
    assert "a key is saved: leave empty to keep it" in shown
    assert "Remove the saved key" in shown
    assert admins.post(url, {**form, "llm_model": "other", "llm_key": ""}).status_code == 302  # kept
    assert TeamSettings.objects.get(team=support).key == KEY
    refused = admins.post(url, {**form, "llm_url": "ftp://example.com/v1", "llm_key": "sk-new-one"})
    assert refused.status_code == 400
    text = refused.content.decode()
    assert "The address is the API base, starting with http:// or https://" in text
    assert 'value="ftp://example.com/v1"' in text
    assert "sk-new-one" not in text  # a typed key is never sent back either
    assert (
        "The timeout is a number of seconds from 1 to 120"
        in admins.post(url, {**form, "llm_timeout": "nan"}).content.decode()
    )
    assert admins.post(url, {**form, "remove_key": "on"}).status_code == 302
    assert TeamSettings.objects.get(team=support).llm_key == ""
    events = AuditEvent.objects.filter(action="copilot.llm_saved").order_by("pk")
    assert [e.data["key"] for e in events] == ["set", "kept", "removed"]
    everything = json.dumps(list(AuditEvent.objects.values("data"))) + caplog.text + repr(saved)
    assert KEY not in everything
    with pytest.raises(SettingsError, match="no password in it"):
        do_save_llm(desk["admin"], support, url="http://user:pass@example.com/v1")


def test_a_saved_key_survives_a_secret_key_rotation_and_says_so_when_lost(desk, settings) -> None:  # type: ignore[no-untyped-def]
    from humanly.copilot.actions import do_save_llm

    admins, support = desk["admins"], desk["support"]
    do_save_llm(desk["admin"], support, url="http://127.0.0.1:8080/v1", model="tiny", key=KEY)
    sealed = TeamSettings.objects.get(team=support).llm_key
    old = settings.SECRET_KEY
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = "a-new-secret-key-" + "x" * 40, [old]
    assert TeamSettings.objects.get(team=support).key == KEY  # the fallback still opens it
    settings.SECRET_KEY_FALLBACKS = []
    assert TeamSettings.objects.get(team=support).key == ""  # nothing opens it now
    assert TeamSettings.objects.get(team=support).llm_key == sealed  # and nothing was lost
    admins.force_login(desk["admin"])  # sessions were signed with the old key too
    assert "the saved key can no longer be read" in page(admins, support)


def test_test_connection_says_clearly_and_quickly_when_the_endpoint_is_unreachable(desk) -> None:  # type: ignore[no-untyped-def]
    admins, support = desk["admins"], desk["support"]
    do_save_llm(desk["admin"], support, url=f"http://127.0.0.1:{closed_port()}/v1", key=KEY)
    url = f"http://127.0.0.1:{closed_port()}/v1"
    started = time.monotonic()
    answer = admins.post(
        f"/settings/teams/{support.pk}/test-llm",
        {"llm_url": url, "llm_model": "tiny", "llm_timeout": "30", "llm_key": ""},
        headers={"HX-Request": "true"},
    )
    assert time.monotonic() - started < 5
    text = answer.content.decode()
    assert 'role="alert"' in text
    assert "Not connected: the endpoint could not be reached" in text
    assert "<html" not in text  # the part htmx swaps in, not a page
    assert KEY not in text
    bad = admins.post(
        f"/settings/teams/{support.pk}/test-llm", {"llm_url": "localhost:8080", "llm_timeout": "5"}
    )
    assert bad.status_code == 200
    assert "Not tested: the address is the API base" in bad.content.decode()
    assert actions() == ["copilot.llm_saved"]  # testing changes nothing


def test_test_connection_against_a_real_local_endpoint(desk, fake_llm) -> None:  # type: ignore[no-untyped-def]
    admins, support = desk["admins"], desk["support"]
    port = fake_llm.server_address[1]
    saved_url = f"http://127.0.0.1:{port}/v1"
    do_save_llm(desk["admin"], support, url=saved_url, model="tiny", key=KEY)
    test = f"/settings/teams/{support.pk}/test-llm"
    hx = {"HX-Request": "true"}
    form = {"llm_url": saved_url, "llm_model": "tiny", "llm_timeout": "30", "llm_key": ""}
    ok = admins.post(test, form, headers=hx).content.decode()
    assert "Connected: tiny answered in" in ok
    assert " ms." in ok
    assert 'role="status"' in ok
    probe = fake_llm.seen[-1]
    assert probe["auth"] == f"Bearer {KEY}"  # the saved key, to the saved address
    assert probe["body"]["max_tokens"] <= 5
    assert len(probe["body"]["messages"]) == 1
    # The saved key never goes to another address than the saved one.
    elsewhere = admins.post(test, {**form, "llm_url": f"http://127.0.0.1:{port}/locked/v1"}, headers=hx)
    assert fake_llm.seen[-1]["auth"] is None
    text = elsewhere.content.decode()
    assert "Not connected: the endpoint answered HTTP 401 (check the key)" in text
    assert "The saved key is sent only to the saved address" in text
    typed = admins.post(test, {**form, "llm_key": "sk-typed"}, headers=hx)
    assert fake_llm.seen[-1]["auth"] == "Bearer sk-typed"
    assert "sk-typed" not in typed.content.decode()
    # Without htmx, the whole page comes back with the answer in its place.
    full = admins.post(test, form).content.decode()
    assert "<html" in full
    assert "Connected: tiny answered in" in full
    assert KEY not in full
    assert actions() == ["copilot.llm_saved"]
