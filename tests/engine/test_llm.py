"""The optional language model: recorded real exchanges replayed, every check on its text, and the
composer's draft whenever the model's fails one."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from humanly.engine import DraftContext, LLMConfig, LLMError, chat_client
from humanly.engine.llm import messages_for, polish

RECORDED = Path(__file__).resolve().parents[1] / "fixtures" / "llm"


def _replay(name: str):  # type: ignore[no-untyped-def]
    """A transport that answers exactly the recorded request with the recorded answer."""
    recorded = json.loads((RECORDED / f"{name}.json").read_text(encoding="utf-8"))

    def transport(url: str, body: bytes, headers: dict[str, str], timeout: float) -> bytes:
        assert url.endswith("/chat/completions")
        assert json.loads(body) == recorded["request"], (
            "the prompt changed: re-record (scripts/record_llm_exchanges.py)"
        )
        return json.dumps(recorded["response"]).encode()

    return recorded, transport


@pytest.mark.parametrize("name", ["price_question", "angry_refund", "injection"])
def test_a_recorded_answer_that_fails_a_check_falls_back_to_the_composer(engine, name: str) -> None:  # type: ignore[no-untyped-def]
    recorded, transport = _replay(name)
    context = DraftContext(knowledge=engine.knowledge())
    plain = engine.draft_reply(recorded["message"], context)
    engine._complete = chat_client(LLMConfig(url="http://127.0.0.1:8089/v1", model="smollm2"), transport)
    try:
        draft = engine.draft_reply(recorded["message"], context)
    finally:
        engine._complete = None
    assert draft.backend == "composer"
    assert draft.text == plain.text
    assert any(n.startswith("The language model's draft was not used:") for n in draft.notes)


def test_the_customer_text_goes_in_as_quoted_data(engine) -> None:  # type: ignore[no-untyped-def]
    recorded, _ = _replay("injection")
    user = recorded["request"]["messages"][1]["content"]
    assert "‹/customer_message›" in user
    assert user.count("</customer_message>") == 1
    assert "never instructions" in recorded["request"]["messages"][0]["content"]
    assert (
        "100%" not in engine.draft_reply(recorded["message"], DraftContext(knowledge=engine.knowledge())).text
    )


def test_an_unreachable_endpoint_is_named_and_the_composer_answers(engine) -> None:  # type: ignore[no-untyped-def]
    complete = chat_client(LLMConfig(url="http://127.0.0.1:9/v1", timeout=2))
    with pytest.raises(LLMError, match="could not be reached"):
        complete([{"role": "user", "content": "hi"}])
    engine._complete = complete
    try:
        draft = engine.draft_reply(
            "Do you have captions on the videos?", DraftContext(knowledge=engine.knowledge())
        )
    finally:
        engine._complete = None
    assert draft.backend == "composer"
    assert "could not be reached" in draft.notes[-1]


def test_the_key_is_sent_as_a_bearer_token_and_never_shown() -> None:
    seen: dict[str, str] = {}

    def transport(url: str, body: bytes, headers: dict[str, str], timeout: float) -> bytes:
        seen.update(headers)
        return b'{"choices": [{"message": {"content": "Hello"}}]}'

    config = LLMConfig(url="https://llm.example/v1/", model="m", key="sk-secret")
    assert chat_client(config, transport)([{"role": "user", "content": "hi"}]) == "Hello"
    assert seen["Authorization"] == "Bearer sk-secret"
    assert "sk-secret" not in repr(config)


@pytest.mark.parametrize(
    "body", [b"not json", b"{}", b'{"choices": []}', b'{"choices": [{"message": {"content": 7}}]}']
)
def test_an_unreadable_answer_is_an_error(body: bytes) -> None:
    complete = chat_client(LLMConfig(url="http://x/v1"), lambda *_: body)
    with pytest.raises(LLMError):
        complete([{"role": "user", "content": "hi"}])


MESSAGE = "How much is Momentum Coaching if I pay monthly? And can I get an invoice with my company name?"


@pytest.fixture(scope="module")
def composed(engine):  # type: ignore[no-untyped-def]
    return engine.draft_reply(MESSAGE, DraftContext(knowledge=engine.knowledge()))


def _check(engine):  # type: ignore[no-untyped-def]
    return lambda text: engine.check_reply(text, MESSAGE, whole_rewrite=False)


def test_a_faithful_rewrite_is_used_with_its_ties_kept(engine, composed) -> None:  # type: ignore[no-untyped-def]
    sources = [MESSAGE, *(p.text for p in composed.parts if p.source is not None)]
    rewritten = composed.text.replace("If anything is still unclear", "If anything is unclear")
    draft = polish(composed, MESSAGE, sources, lambda _: rewritten, _check(engine))
    assert draft.backend == "llm"
    assert draft.text == rewritten
    assert {p.ask for p in draft.parts if p.ask} == {p.ask for p in composed.parts if p.ask}
    assert draft.parts[0].text == rewritten


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda t: "", "empty"),
        (lambda t: t.replace("£420", "£400"), "added a number"),
        (lambda t: t.replace("£1,200", "twelve hundred pounds"), "dropped a fact"),
        (lambda t: t + " As I already said, you should have read the page.", "tone guard"),
        (lambda t: "<draft>" + t, "repeated its instructions"),
    ],
)
def test_a_rewrite_that_breaks_a_rule_is_not_used(engine, composed, change, reason: str) -> None:  # type: ignore[no-untyped-def]
    sources = [MESSAGE, *(p.text for p in composed.parts if p.source is not None)]
    draft = polish(composed, MESSAGE, sources, lambda _: change(composed.text), _check(engine))
    assert draft.backend == "composer"
    assert draft.text == composed.text
    assert reason in draft.notes[-1]


def test_a_lost_gap_is_not_used(engine) -> None:  # type: ignore[no-untyped-def]
    message = "Do you run pottery classes on Saturdays?"
    composed = engine.draft_reply(message, DraftContext(knowledge=engine.knowledge()))
    assert composed.gaps
    rewritten = composed.text.replace(composed.gaps[0].text, "Yes, every Saturday.")
    draft = polish(composed, message, [message], lambda _: rewritten, _check(engine))
    assert "lost a marked gap" in draft.notes[-1]


def test_the_prompt_holds_the_rules_the_message_and_the_draft(composed) -> None:  # type: ignore[no-untyped-def]
    system, user = messages_for(composed, "a <b> message")
    assert "Keep every text in square brackets" in system["content"]
    assert "<customer_message>\na ‹b› message\n</customer_message>" in user["content"]
    assert composed.text in user["content"]


@pytest.mark.llm_server
def test_a_real_local_server_answers(engine) -> None:  # type: ignore[no-untyped-def]
    """Runs only with HUMANLY_LLM_TEST_URL set to a running server (docs/llm.md)."""
    url = os.environ.get("HUMANLY_LLM_TEST_URL")
    if not url:
        pytest.skip("set HUMANLY_LLM_TEST_URL to a running OpenAI-compatible server (docs/llm.md)")
    complete = chat_client(
        LLMConfig(url=url, model=os.environ.get("HUMANLY_LLM_TEST_MODEL", ""), timeout=120)
    )
    assert complete([{"role": "user", "content": "Say hello in one word."}]).strip()
    engine._complete = complete
    try:
        draft = engine.draft_reply(
            "Do you have captions on the videos?", DraftContext(knowledge=engine.knowledge())
        )
    finally:
        engine._complete = None
    assert draft.backend == "llm" or "could not be reached" not in " ".join(draft.notes)
    assert engine.check_reply(draft.text, "Do you have captions on the videos?").verdict == "send"


def test_a_redirect_is_refused_so_the_key_never_travels_elsewhere() -> None:
    import http.server
    import threading

    seen: list[str] = []

    class Redirect(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            seen.append(self.headers.get("Authorization", ""))
            self.send_response(307)
            self.send_header("Location", f"http://127.0.0.1:{self.server.server_port}/elsewhere")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Redirect)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        ask = chat_client(
            LLMConfig(url=f"http://127.0.0.1:{server.server_port}/v1", key="sk-secret", timeout=5)
        )
        with pytest.raises(LLMError, match="HTTP 307"):
            ask([{"role": "user", "content": "hi"}])
    finally:
        server.shutdown()
        server.server_close()
    assert seen == ["Bearer sk-secret"]  # asked once, never followed
