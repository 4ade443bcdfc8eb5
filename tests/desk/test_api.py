"""The API: token auth, the access rules, one error shape, the engine routes, and a schema that never drifts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.test import Client

from humanly.api.models import Token
from humanly.api.v1 import api
from humanly.conversations.actions import do_receive
from humanly.conversations.models import Conversation, Message
from humanly.desk.models import AuditEvent
from humanly.knowledge.models import Article
from humanly.people.models import Agent, Customer, Identity, Team

pytestmark = pytest.mark.django_db
SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


@pytest.fixture
def setup() -> dict[str, object]:
    support, sales = (
        Team.objects.create(name="Support", slug="support"),
        Team.objects.create(name="Sales", slug="sales"),
    )
    jordan = Agent.objects.create_user("jordan", password="a-long-password-1")
    jordan.teams.add(support)
    _, secret = Token.issue(jordan, "tests")
    mine = do_receive(
        support, identity=("email", "ana@example.com"), text="Where is my order?", subject="Order"
    )
    theirs = do_receive(sales, identity=("email", "bo@example.com"), text="Price list please")
    return {
        "client": Client(headers={"authorization": f"Bearer {secret}"}),
        "mine": mine,
        "theirs": theirs,
        "agent": jordan,
    }


def _json(response) -> dict:  # type: ignore[no-untyped-def, type-arg]
    return json.loads(response.content)


def test_every_route_needs_a_valid_token(setup) -> None:  # type: ignore[no-untyped-def]
    for client in (Client(), Client(headers={"authorization": "Bearer hly_wrong"})):
        response = client.get("/api/v1/conversations")
        assert response.status_code == 401
        assert _json(response)["error"]["code"] == "unauthorized"
    agent = setup["agent"]
    agent.is_active = False
    agent.save()
    assert setup["client"].get("/api/v1/conversations").status_code == 401


def test_only_a_hash_of_the_token_is_stored(setup) -> None:  # type: ignore[no-untyped-def]
    token = Token.objects.get()
    assert len(token.key_hash) == 64
    assert not token.key_hash.startswith("hly_")


def test_conversations_are_listed_and_read_behind_the_access_rules(setup) -> None:  # type: ignore[no-untyped-def]
    client, mine, theirs = setup["client"], setup["mine"], setup["theirs"]
    listed = _json(client.get("/api/v1/conversations"))
    assert [c["id"] for c in listed] == [mine.conversation_id]
    assert listed[0]["customer"]["identities"] == ["email:ana@example.com"]
    detail = _json(client.get(f"/api/v1/conversations/{mine.conversation_id}"))
    assert [m["text"] for m in detail["messages"]] == ["Where is my order?"]
    for missing in (theirs.conversation_id, 999_999):
        response = client.get(f"/api/v1/conversations/{missing}")
        assert response.status_code == 404
        assert _json(response) == {"error": {"code": "not_found", "message": "Not found."}}
    assert client.get(f"/api/v1/customers/{theirs.conversation.customer_id}").status_code == 404
    assert _json(client.get(f"/api/v1/customers/{mine.conversation.customer_id}"))["name"] == ""


def test_an_inbound_message_a_reply_and_a_note_arrive(setup) -> None:  # type: ignore[no-untyped-def]
    client = setup["client"]
    created = client.post(
        "/api/v1/messages",
        {
            "team": "support",
            "email": "cy@example.com",
            "name": "Cy",
            "text": "Hello!",
            "html": "<p>Hello!<script>x</script></p>",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    message = Message.objects.get(pk=_json(created)["id"])
    assert message.html == "<p>Hello!</p>"
    conversation_id = message.conversation_id
    replied = client.post(
        f"/api/v1/conversations/{conversation_id}/replies",
        {"text": "Hi Cy!"},
        content_type="application/json",
    )
    noted = client.post(
        f"/api/v1/conversations/{conversation_id}/notes", {"text": "VIP"}, content_type="application/json"
    )
    assert (_json(replied)["kind"], _json(noted)["kind"]) == ("reply", "note")
    wrong_team = client.post(
        "/api/v1/messages",
        {"team": "sales", "email": "x@example.com", "text": "hi"},
        content_type="application/json",
    )
    assert wrong_team.status_code == 404


def test_an_agent_cannot_pull_another_teams_customer_in_by_their_address(setup) -> None:  # type: ignore[no-untyped-def]
    pulled = setup["client"].post(
        "/api/v1/messages",
        {"team": "support", "email": "Bo@Example.com", "text": "hi, it's Bo"},
        content_type="application/json",
    )
    assert pulled.status_code == 403
    assert _json(pulled)["error"]["code"] == "forbidden"
    bo = setup["theirs"].conversation.customer
    assert list(bo.teams.values_list("slug", flat=True)) == ["sales"]
    assert setup["client"].get(f"/api/v1/customers/{bo.pk}").status_code == 404
    admin = Agent.objects.create_user("alex", password="a-long-password-1", role=Agent.Role.ADMIN)
    _, secret = Token.issue(admin, "contact form")
    channel = Client(headers={"authorization": f"Bearer {secret}"})
    arrived = channel.post(
        "/api/v1/messages",
        {"team": "support", "email": "bo@example.com", "text": "hi, it's Bo"},
        content_type="application/json",
    )
    assert arrived.status_code == 201  # a channel an admin set up brings the person to the team


def test_a_reply_with_a_drafts_gap_left_in_brackets_is_refused(setup) -> None:  # type: ignore[no-untyped-def]
    conversation_id = setup["mine"].conversation_id
    refused = setup["client"].post(
        f"/api/v1/conversations/{conversation_id}/replies",
        {"text": "Hi Ana, [Answer here: Where is my order?]"},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert "[Answer here: Where is my order?]" in _json(refused)["error"]["message"]
    assert not Message.objects.filter(kind="reply").exists()


def test_bad_input_gets_the_error_shape_with_details(setup) -> None:  # type: ignore[no-untyped-def]
    client = setup["client"]
    response = client.post(
        "/api/v1/messages", {"team": "support", "email": "a@b.c"}, content_type="application/json"
    )
    assert response.status_code == 422
    body = _json(response)["error"]
    assert body["code"] == "invalid_input"
    assert body["details"]
    empty = client.post(
        f"/api/v1/conversations/{setup['mine'].conversation_id}/replies",
        {"text": ""},
        content_type="application/json",
    )
    assert empty.status_code == 422
    broken = client.post("/api/v1/messages", "{not json", content_type="application/json")
    assert broken.status_code in (400, 422)
    assert "error" in _json(broken)


def test_articles_are_saved_and_drafts_use_them(setup) -> None:  # type: ignore[no-untyped-def]
    client = setup["client"]
    article = {
        "team": "support",
        "slug": "parking",
        "title": "Parking",
        "body": "There is free parking behind the studio on Mill Lane.",
    }
    assert (
        client.post("/api/v1/knowledge/articles", article, content_type="application/json").status_code == 201
    )
    assert [a["slug"] for a in _json(client.get("/api/v1/knowledge/articles"))] == ["parking"]
    draft = _json(
        client.post(
            "/api/v1/engine/draft",
            {"text": "Is there parking near the studio?"},
            content_type="application/json",
        )
    )
    assert "Mill Lane" in draft["text"]
    article["body"] = "There is free parking near the studio on Station Road."
    client.post("/api/v1/knowledge/articles", article, content_type="application/json")
    draft = _json(
        client.post(
            "/api/v1/engine/draft",
            {"text": "Is there parking near the studio?"},
            content_type="application/json",
        )
    )
    assert "Station Road" in draft["text"]


def test_the_engine_routes_read_and_check(setup) -> None:  # type: ignore[no-untyped-def]
    client = setup["client"]
    reading = _json(
        client.post("/api/v1/engine/analyze", {"text": "Where is my order?"}, content_type="application/json")
    )
    assert reading["asks"][0]["text"] == "Where is my order?"
    report = _json(
        client.post(
            "/api/v1/engine/check-reply",
            {"draft": "You must have typed the wrong address.", "message": "My parcel never came!"},
            content_type="application/json",
        )
    )
    assert report["verdict"] == "revise"


def test_the_committed_schema_matches_the_code() -> None:
    committed = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert committed == json.loads(json.dumps(api.get_openapi_schema())), (
        "run scripts/openapi and commit docs/openapi.json"
    )


def test_an_oversized_body_is_refused_with_a_clear_message(setup, settings) -> None:  # type: ignore[no-untyped-def]
    settings.MAX_UPLOAD_BYTES = 1000
    big = {"team": "support", "email": "a@example.com", "text": "x" * 5000}
    response = setup["client"].post("/api/v1/messages", big, content_type="application/json")
    assert response.status_code == 413
    assert _json(response)["error"]["code"] == "too_large"
    assert "the most this desk accepts" in _json(response)["error"]["message"]
    page = setup["client"].post("/signin", {"username": "x" * 5000})
    assert page.status_code == 413


def _post(client, url: str, body: dict) -> tuple[int, dict]:  # type: ignore[no-untyped-def, type-arg]
    response = client.post(url, body, content_type="application/json")
    return response.status_code, _json(response)


def test_customers_are_listed_searched_and_created_in_your_teams(setup) -> None:  # type: ignore[no-untyped-def]
    client, mine, theirs = setup["client"], setup["mine"], setup["theirs"]
    ana, bo = mine.conversation.customer_id, theirs.conversation.customer_id
    assert [c["id"] for c in _json(client.get("/api/v1/customers"))] == [ana]
    status, dee = _post(
        client,
        "/api/v1/customers",
        {
            "team": "support",
            "name": "Dee Jones",
            "identities": [
                {"kind": "email", "value": " Dee@Example.COM "},
                {"kind": "handle", "value": "@dee"},
            ],
            "notes": "Prefers mornings.",
        },
    )
    assert status == 201, dee
    assert (dee["name"], dee["notes"]) == ("Dee Jones", "Prefers mornings.")
    assert sorted(dee["identities"]) == ["email:dee@example.com", "handle:@dee"]
    assert AuditEvent.objects.filter(action="customer.created", object_id=str(dee["id"])).exists()

    def listed(query: str = "") -> list[int]:
        return [c["id"] for c in _json(client.get(f"/api/v1/customers{query}"))]

    assert listed() == [dee["id"], ana]  # newest first
    assert listed("?q=JONES") == [dee["id"]]
    assert listed("?q=@DEE") == [dee["id"]]
    assert listed("?q=example.com") == [dee["id"], ana]
    assert listed("?q=bo@example") == []  # another team's customer is never listed
    assert listed("?page=2") == []
    assert client.get(f"/api/v1/customers/{bo}").status_code == 404


def test_an_identity_already_taken_is_a_conflict_and_creates_nothing(setup) -> None:  # type: ignore[no-untyped-def]
    client, mine = setup["client"], setup["mine"]
    before = Customer.objects.count()
    status, body = _post(
        client,
        "/api/v1/customers",
        {
            "name": "Ana again",
            "identities": [
                {"kind": "handle", "value": "@ana"},
                {"kind": "email", "value": "ANA@example.com"},
            ],
        },
    )
    assert status == 409
    assert body["error"]["code"] == "identity_taken"
    assert body["error"]["details"] == {
        "identity": "email:ana@example.com",
        "customer": mine.conversation.customer_id,
    }
    # Someone else's customer: still a conflict (identities are unique), but their id is not given away.
    status, body = _post(
        client, "/api/v1/customers", {"identities": [{"kind": "email", "value": "bo@example.com"}]}
    )
    assert (status, body["error"]["details"]) == (409, {"identity": "email:bo@example.com"})
    assert Customer.objects.count() == before
    assert not Identity.objects.filter(value="@ana").exists()
    assert _post(client, "/api/v1/customers", {"team": "sales", "name": "Cy"})[0] == 404
    assert _post(client, "/api/v1/customers", {"name": " "})[0] == 400
    assert _post(client, "/api/v1/customers", {"identities": [{"kind": "fax", "value": "1"}]})[0] == 422


def test_an_agent_starts_a_conversation(setup) -> None:  # type: ignore[no-untyped-def]
    client, mine, agent = setup["client"], setup["mine"], setup["agent"]
    status, started = _post(
        client,
        "/api/v1/conversations",
        {
            "team": "support",
            "customer": mine.conversation.customer_id,
            "subject": "Your refund",
            "text": "Hi Ana, your refund is on its way.",
            "tags": ["Refund", " billing "],
            "priority": 2,
            "assignee": "jordan",
        },
    )
    assert status == 201, started
    assert (started["status"], started["priority"], started["assignee"]) == ("waiting", 2, "jordan")
    assert started["tags"] == ["billing", "refund"]
    assert [(m["kind"], m["author"], m["text"]) for m in started["messages"]] == [
        ("reply", "jordan", "Hi Ana, your refund is on its way.")
    ]
    event = AuditEvent.objects.get(action="conversation.started")
    assert (event.actor, event.object_id) == (agent, str(started["id"]))
    assert started["id"] in [c["id"] for c in _json(client.get("/api/v1/conversations"))]

    status, new = _post(
        client,
        "/api/v1/conversations",
        {
            "team": "support",
            "identity": {"kind": "email", "value": "eve@example.com"},
            "name": "Eve",
            "text": "Hello Eve",
        },
    )
    assert status == 201, new
    assert (new["customer"]["name"], new["customer"]["identities"]) == ("Eve", ["email:eve@example.com"])


def test_starting_a_conversation_is_refused_outside_your_teams(setup) -> None:  # type: ignore[no-untyped-def]
    client, mine, theirs = setup["client"], setup["mine"], setup["theirs"]
    ana, bo = mine.conversation.customer_id, theirs.conversation.customer_id
    start = {"team": "support", "customer": ana, "text": "Hello"}
    before = Conversation.objects.count()
    assert _post(client, "/api/v1/conversations", start | {"team": "sales"})[0] == 404
    assert _post(client, "/api/v1/conversations", start | {"customer": bo})[0] == 404
    kim = Agent.objects.create_user("kim", password="a-long-password-2")
    kim.teams.add(theirs.conversation.team)
    status, body = _post(client, "/api/v1/conversations", start | {"assignee": "kim"})
    assert (status, body["error"]["code"]) == (400, "invalid_input")
    # Refused after the customer was found or created: the new customer is undone too.
    new = {
        "team": "support",
        "identity": {"kind": "email", "value": "fay@example.com"},
        "text": "Hi",
        "assignee": "kim",
    }
    assert _post(client, "/api/v1/conversations", new)[0] == 400
    assert not Identity.objects.filter(value="fay@example.com").exists()
    both = start | {"identity": {"kind": "email", "value": "x@example.com"}}
    assert _post(client, "/api/v1/conversations", both)[0] == 422
    assert _post(client, "/api/v1/conversations", start | {"text": ""})[0] == 422
    assert Conversation.objects.count() == before


ARTICLE = {
    "team": "support",
    "slug": "parking",
    "title": "Parking",
    "body": "There is free parking behind the studio on Mill Lane.",
}


def test_a_saved_article_is_audited_and_indexed_as_from_the_pages(  # type: ignore[no-untyped-def]
    setup, django_capture_on_commit_callbacks
) -> None:
    client, agent = setup["client"], setup["agent"]
    with django_capture_on_commit_callbacks(execute=True):
        status, saved = _post(client, "/api/v1/knowledge/articles", ARTICLE | {"answers": ["Quick_Results"]})
    assert status == 201, saved
    assert saved["answers"] == ["quick_results"]
    article = Article.objects.get(pk=saved["id"])
    assert article.vectors_of  # the reindex task ran after commit, and stored the passages' vectors
    assert article.vectors
    event = AuditEvent.objects.get(action="article.saved")
    assert (event.actor, event.object_id) == (agent, str(article.pk))
    with django_capture_on_commit_callbacks(execute=True):
        status, again = _post(
            client, "/api/v1/knowledge/articles", ARTICLE | {"body": "Park on Station Road."}
        )
    assert (status, again["id"]) == (201, article.pk)  # the same slug replaces it
    article.refresh_from_db()
    assert article.body == "Park on Station Road."
    assert AuditEvent.objects.filter(action="article.saved").count() == 2


@pytest.mark.parametrize(
    "change",
    [{"answers": ["nonsense"]}, {"body": "x"}, {"body": "  \n "}, {"title": "  "}],
    ids=["unknown-expectation", "one-letter", "blank-body", "blank-title"],
)
def test_an_article_the_pages_would_refuse_is_refused(setup, change) -> None:  # type: ignore[no-untyped-def]
    status, body = _post(setup["client"], "/api/v1/knowledge/articles", ARTICLE | change)
    assert status == 422
    assert body["error"]["code"] == "invalid_input"
    assert not Article.objects.exists()
    assert not AuditEvent.objects.filter(action="article.saved").exists()


def test_an_unknown_route_is_a_json_404(setup) -> None:  # type: ignore[no-untyped-def]
    for client in (setup["client"], Client()):
        for path in ("/api/v1/nope", "/api/v1/conversations/", "/api/v1/", "/api/v1/conversations/1/x"):
            response = client.get(path)
            assert response.status_code == 404, path
            assert response["Content-Type"] == "application/json"
            assert _json(response)["error"]["code"] == "not_found"
        assert client.post("/api/v1/nope", {}, content_type="application/json").status_code == 404


def test_a_path_under_api_outside_its_version_is_a_json_404_and_a_page_is_a_page(setup, settings) -> None:  # type: ignore[no-untyped-def]
    settings.DEBUG = False  # the desk's own 404 answers, as in production
    for path in ("/api/nope", "/api/v2/conversations"):
        response = Client().get(path)
        assert response.status_code == 404, path
        assert _json(response)["error"]["code"] == "not_found"
    page = setup["client"].get("/no-such-page")
    assert page.status_code == 404
    assert page["Content-Type"].startswith("text/html")


def test_a_method_a_route_does_not_take_is_a_json_405(setup) -> None:  # type: ignore[no-untyped-def]
    client = setup["client"]
    response = client.delete(f"/api/v1/conversations/{setup['mine'].conversation_id}")
    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert _json(response)["error"] == {
        "code": "method_not_allowed",
        "message": "DELETE is not allowed here; this route takes GET.",
        "details": {"allowed": ["GET"]},
    }
    assert _json(client.put("/api/v1/conversations"))["error"]["details"] == {"allowed": ["GET", "POST"]}


def test_a_failure_inside_a_route_is_a_json_500_without_the_traceback(  # type: ignore[no-untyped-def]
    setup, monkeypatch, caplog
) -> None:
    def broken() -> None:
        raise RuntimeError("the secret inner workings")

    monkeypatch.setattr("humanly.api.v1.engine", broken)
    client = setup["client"]
    client.raise_request_exception = False  # as a real client sees it
    response = client.post("/api/v1/engine/check-reply", {"draft": "Hi"}, content_type="application/json")
    assert response.status_code == 500
    assert _json(response)["error"]["code"] == "server_error"
    assert b"secret inner workings" not in response.content
    assert b"Traceback" not in response.content
    assert "the secret inner workings" in caplog.text  # in the log instead


def test_lists_come_in_pages_and_say_when_there_is_more(setup) -> None:  # type: ignore[no-untyped-def]
    client, mine = setup["client"], setup["mine"]
    team = mine.conversation.team
    for n in range(4):
        do_receive(team, identity=("email", f"c{n}@example.com"), text=f"Question {n}?")
    everything = client.get("/api/v1/conversations")
    assert everything["X-Total-Count"] == "5"
    assert "Link" not in everything  # all of them on the first page
    ids = [c["id"] for c in _json(everything)]

    first = client.get("/api/v1/conversations?status=open&limit=2")
    assert first["X-Total-Count"] == str(Conversation.objects.filter(team=team, status="open").count())
    assert (
        first["Link"] == '<http://testserver/api/v1/conversations?status=open&offset=2&limit=2>; rel="next"'
    )
    pages, url = [], "/api/v1/conversations?limit=2"
    while url:
        response = client.get(url)
        pages.append([c["id"] for c in _json(response)])
        url = response.get("Link", "").partition(">")[0].removeprefix("<")
    assert pages == [ids[0:2], ids[2:4], ids[4:5]]  # followed to the end: each once, in order
    assert [c["id"] for c in _json(client.get("/api/v1/conversations?limit=2&page=2"))] == ids[2:4]
    assert [c["id"] for c in _json(client.get("/api/v1/conversations?offset=3"))] == ids[3:]
    assert _json(client.get("/api/v1/conversations?page=2")) == []  # 50 a page, as before
    for wrong in ("limit=0", "limit=501", "offset=-1"):
        assert client.get(f"/api/v1/conversations?{wrong}").status_code == 422

    customers = client.get("/api/v1/customers?limit=1")
    assert (customers["X-Total-Count"], len(_json(customers))) == ("5", 1)
    assert "offset=1&limit=1" in customers["Link"]
    articles = client.get("/api/v1/knowledge/articles")
    assert (articles["X-Total-Count"], _json(articles)) == ("0", [])
