"""The labels of the latest reading: written by the copilot, kept by merge and split, filtered by in the
inbox; a customer's feelings over time, and the sparkline that draws them."""

from __future__ import annotations

import importlib
import re
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

import pytest
from django.apps import apps
from django.db import connection
from django.template import Context, Template
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from humanly.conversations import labels
from humanly.conversations.actions import do_merge, do_receive, do_reply, do_set_status, do_split
from humanly.conversations.models import Conversation, ConversationLabel, Message
from humanly.engine.types import Analysis
from humanly.people.models import Agent, Customer, Team

pytestmark = pytest.mark.django_db


def reading(
    feelings: Sequence[str] = (),
    intents: Sequence[str] = (),
    flags: Sequence[str] = (),
    sentiment: float = 0.0,
    language: str = "en",
) -> dict[str, Any]:
    """A whole reading, as ``Analysis.to_dict()`` writes it."""
    scores = dict.fromkeys(feelings, 0.8) | {"neutral": 0.1}
    return {
        "text": "",
        "quoted": "",
        "signature": "",
        "language": {"code": language, "confidence": 0.99, "supported": True},
        "emotions": {
            "scores": scores,
            "labels": list(feelings) or ["neutral"],
            "dominant": (list(feelings) or ["neutral"])[0],
            "intensity": 0.5,
        },
        "sentiment": sentiment,
        "intents": [{"label": label, "score": 0.9} for label in intents],
        "asks": [],
        "gist": "",
        "expectations": [],
        "flags": list(flags),
        "escalation": {"risk": "low", "reasons": []},
        "needs": [],
        "evidence": [],
        "version": "humanly.analyze.v1",
    }


def read(message: Message, stored: dict[str, Any], *, hours_ago: float | None = None) -> Message:
    """Store a reading as the copilot would (without the engine), and the labels after it."""
    message.reading = stored
    message.save(update_fields=["reading"])
    if hours_ago is not None:
        Message.objects.filter(pk=message.pk).update(created=timezone.now() - timedelta(hours=hours_ago))
    labels.refresh(message.conversation_id)
    return message


def labels_of(conversation_id: int) -> set[tuple[str, str]]:
    return set(ConversationLabel.objects.filter(conversation_id=conversation_id).values_list("kind", "value"))


@pytest.fixture
def desk() -> dict[str, Any]:
    support = Team.objects.create(name="Support", slug="support")
    sales = Team.objects.create(name="Sales", slug="sales")
    jordan = Agent.objects.create_user("jordan", password="a-long-password-1")
    jordan.teams.add(support)

    def receive(team: Team, email: str, subject: str, text: str) -> Message:
        return do_receive(
            team, identity=("email", email), name=email.split("@", maxsplit=1)[0], text=text, subject=subject
        )

    furious = read(
        receive(support, "ana@example.com", "Refund now", "I want my money back or I call my lawyer"),
        reading(["anger"], ["refund"], ["legal_threat"], sentiment=-0.8),
    )
    worried = read(
        receive(support, "bo@example.com", "Parcel late", "The parcel is late and I need it today"),
        reading(["nervousness"], ["delivery"], ["urgency"], sentiment=-0.4),
    )
    glad = read(
        receive(support, "cy@example.com", "Thanks", "Thank you, it arrived"),
        reading(["gratitude"], ["praise"], sentiment=0.7),
    )
    elsewhere = read(
        receive(sales, "di@example.com", "Prices", "Your prices are a disgrace"),
        reading(["disgust"], ["pricing"], ["abuse"], sentiment=-0.6),
    )
    client = Client()
    client.force_login(jordan)
    return {
        "client": client,
        "agent": jordan,
        "support": support,
        "sales": sales,
        "furious": furious,
        "worried": worried,
        "glad": glad,
        "elsewhere": elsewhere,
    }


# --- the labels ------------------------------------------------------------------------------------------


def test_the_labels_of_a_reading() -> None:
    stored = reading(["anger", "annoyance"], ["refund", "billing"], ["urgency", "legal_threat"])
    assert labels.labels_of(stored) == [
        ("emotion", "anger"),
        ("emotion", "annoyance"),
        ("intent", "refund"),
        ("intent", "billing"),
        ("flag", "urgency"),
        ("flag", "legal_threat"),
    ]
    assert labels.labels_of(reading()) == []  # "neutral" says nothing to filter by
    assert labels.labels_of(None) == labels.labels_of({}) == []
    assert labels.labels_of({"flags": ["x" * 100, "x" * 100]}) == [("flag", "x" * 60)]


def test_the_copilot_writes_the_labels_and_the_next_reading_replaces_them(
    django_capture_on_commit_callbacks,
) -> None:  # type: ignore[no-untyped-def]
    team = Team.objects.create(name="Support", slug="support")
    with django_capture_on_commit_callbacks(execute=True):
        first = do_receive(
            team,
            identity=("email", "ana@example.com"),
            text="This is the third time I am writing. I want a refund NOW or I will call my lawyer.",
        )
    first.refresh_from_db()
    written = labels_of(first.conversation_id)
    assert written == set(labels.labels_of(first.reading))
    assert {("flag", "legal_threat"), ("flag", "repeat_contact"), ("intent", "refund")} <= written
    with django_capture_on_commit_callbacks(execute=True):
        second = do_receive(
            team,
            identity=("email", "ana@example.com"),
            text="Thank you so much, the refund arrived this morning. Lovely service!",
            conversation=first.conversation,
        )
    second.refresh_from_db()
    replaced = labels_of(first.conversation_id)
    assert replaced == set(labels.labels_of(second.reading))
    assert ("flag", "legal_threat") not in replaced


def test_merge_and_split_keep_the_labels_of_each_sides_latest_reading(desk) -> None:  # type: ignore[no-untyped-def]
    agent, furious = desk["agent"], desk["furious"]
    later = do_receive(
        desk["support"], identity=("email", "ana@example.com"), text="Thank you, all sorted", subject="Sorted"
    )
    read(furious, furious.reading, hours_ago=5)
    read(later, reading(["gratitude"], ["praise"], sentiment=0.6), hours_ago=1)
    do_merge(agent, furious.conversation, later.conversation)
    assert labels_of(furious.conversation_id) == {("emotion", "gratitude"), ("intent", "praise")}
    assert labels_of(later.conversation_id) == set()  # merged away: nothing left to filter by

    new = do_split(agent, furious.conversation, Message.objects.get(pk=later.pk))
    assert labels_of(furious.conversation_id) == {
        ("emotion", "anger"),
        ("intent", "refund"),
        ("flag", "legal_threat"),
    }
    assert labels_of(new.pk) == {("emotion", "gratitude"), ("intent", "praise")}


def test_the_migration_fills_the_labels_of_readings_stored_before(desk) -> None:  # type: ignore[no-untyped-def]
    furious = desk["furious"]
    older = do_receive(
        desk["support"],
        identity=("email", "ana@example.com"),
        text="Hello?",
        conversation=furious.conversation,
    )
    read(older, reading(["curiosity"]), hours_ago=10)  # older than the furious message: not its labels
    ConversationLabel.objects.all().delete()
    importlib.import_module("humanly.conversations.migrations.0004_labels").fill(apps, None)
    assert labels_of(furious.conversation_id) == {
        ("emotion", "anger"),
        ("intent", "refund"),
        ("flag", "legal_threat"),
    }
    assert labels_of(desk["elsewhere"].conversation_id) == {
        ("emotion", "disgust"),
        ("intent", "pricing"),
        ("flag", "abuse"),
    }


def test_the_demo_writes_the_labels_of_its_readings() -> None:
    from humanly.desk import demo

    class Engine:  # the demo's readings without the models: every message upset about a refund
        def analyze_many(self, texts: Sequence[str]) -> list[Analysis]:
            return [Analysis.from_dict(reading(["anger"], ["refund"], ["urgency"])) for _ in texts]

    demo.load(Engine())  # type: ignore[arg-type]
    read_ones = Conversation.objects.filter(messages__kind="inbound").distinct()
    assert read_ones.exists()
    for conversation in read_ones:
        assert labels_of(conversation.pk) == {("emotion", "anger"), ("intent", "refund"), ("flag", "urgency")}


# --- the inbox -------------------------------------------------------------------------------------------


def subjects(page: str) -> set[str]:
    return set(re.findall(r'<a href="/conversations/\d+">([^<]+)</a>', page))


def test_the_inbox_filters_by_feeling_topic_and_flag(desk) -> None:  # type: ignore[no-untyped-def]
    client = desk["client"]
    assert subjects(client.get("/").content.decode()) == {"Refund now", "Parcel late", "Thanks"}
    assert subjects(client.get("/?emotion=anger").content.decode()) == {"Refund now"}
    assert subjects(client.get("/?intent=delivery").content.decode()) == {"Parcel late"}
    assert subjects(client.get("/?flag=urgency").content.decode()) == {"Parcel late"}
    assert subjects(client.get("/?emotion=gratitude&intent=praise").content.decode()) == {"Thanks"}
    assert subjects(client.get("/?emotion=anger&flag=legal_threat").content.decode()) == {"Refund now"}
    none = client.get("/?emotion=anger&flag=urgency").content.decode()
    assert subjects(none) == set()
    assert "No conversation here has these labels" in none
    # With the status, the view and the search.
    do_set_status(desk["agent"], desk["furious"].conversation, "resolved")
    assert subjects(client.get("/?emotion=anger").content.decode()) == set()
    assert subjects(client.get("/?emotion=anger&status=").content.decode()) == {"Refund now"}
    assert subjects(client.get("/?emotion=anger&status=&q=lawyer").content.decode()) == {"Refund now"}
    assert subjects(client.get("/?emotion=anger&status=&q=parcel").content.decode()) == set()
    assert subjects(client.get("/?flag=urgency&view=mine").content.decode()) == set()
    assert subjects(client.get("/?flag=urgency&view=unassigned").content.decode()) == {"Parcel late"}


def test_the_inbox_offers_only_the_labels_of_the_agents_conversations(desk) -> None:  # type: ignore[no-untyped-def]
    client = desk["client"]
    page = client.get("/").content.decode()
    for value in (
        "anger",
        "nervousness",
        "gratitude",
        "refund",
        "delivery",
        "praise",
        "legal_threat",
        "urgency",
    ):
        assert f'<option value="{value}"' in page
    for value in ("disgust", "pricing", "abuse"):  # only the sales team's conversation holds these
        assert f'value="{value}"' not in page
    for kind, value in (("emotion", "disgust"), ("intent", "pricing"), ("flag", "abuse")):
        matched = client.get(f"/?{kind}={value}&status=").content.decode()
        assert subjects(matched) == set()
        assert "Prices" not in matched
    admin = Agent.objects.create_user("alex", password="a-long-password-1", role=Agent.Role.ADMIN)
    client.force_login(admin)  # an admin sees every team's conversations, and their labels
    assert '<option value="disgust"' in client.get("/").content.decode()
    assert subjects(client.get("/?flag=abuse").content.decode()) == {"Prices"}


def test_a_label_no_conversation_has_any_more_is_no_longer_offered(desk) -> None:  # type: ignore[no-untyped-def]
    client, furious = desk["client"], desk["furious"]
    assert '<option value="legal_threat"' in client.get("/").content.decode()
    calmer = do_receive(
        desk["support"], identity=("email", "ana@example.com"), text="ok", conversation=furious.conversation
    )
    read(calmer, reading(["relief"], ["refund"]))
    page = client.get("/").content.decode()
    assert '<option value="legal_threat"' not in page
    assert '<option value="relief"' in page
    assert subjects(client.get("/?flag=legal_threat").content.decode()) == set()


def test_a_filtered_inbox_keeps_the_chips_and_the_filters_across_links(desk) -> None:  # type: ignore[no-untyped-def]
    page = desk["client"].get("/?emotion=anger&flag=legal_threat").content.decode()
    assert 'class="chip care">anger' in page
    assert "legal threat" in page
    assert '<option value="anger" selected>' in page
    mine = re.search(r'<a href="([^"]+)"[^>]*>Mine</a>', page)
    assert mine is not None
    assert "emotion=anger" in mine.group(1)
    assert "flag=legal_threat" in mine.group(1)
    assert "view=mine" in mine.group(1)
    assert "Stop filtering by legal threat" in page
    assert "Clear filters" in page
    assert "Clear filters" not in desk["client"].get("/").content.decode()


def test_the_inbox_reads_a_fixed_number_of_queries_whatever_its_size(
    desk, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    client = desk["client"]

    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    small = {
        url: count(url) for url in ("/", "/?emotion=anger", "/?emotion=anger&intent=refund&flag=legal_threat")
    }
    for i in range(60):  # more than a page of them
        message = do_receive(
            desk["support"], identity=("email", f"p{i}@example.com"), text="Refund please", subject=f"R{i}"
        )
        read(message, reading(["anger", "annoyance"], ["refund"], ["legal_threat", "repeat_contact"]))
    for url, queries in small.items():
        with django_assert_max_num_queries(queries):
            assert client.get(url).status_code == 200
    assert len(subjects(client.get("/?emotion=anger").content.decode())) == 50  # one page


# --- feeling over time -----------------------------------------------------------------------------------


def render(values: Any) -> str:
    return Template("{% load desk %}{% sparkline values %}").render(Context({"values": values}))


def test_the_sparkline_is_a_small_labelled_svg() -> None:
    svg = render([-0.8, -0.6, -0.3, 0.0, 0.2])
    assert svg.startswith('<svg class="sparkline"')
    assert svg.endswith("</svg>")
    assert 'role="img"' in svg
    assert 'aria-label="Feeling over 5 messages: from upset to calmer"' in svg
    assert "<title>Feeling over 5 messages: from upset to calmer</title>" in svg
    points = re.search(r'<polyline points="([^"]+)"', svg)
    assert points is not None
    xy = [tuple(map(float, p.split(","))) for p in points.group(1).split()]
    assert len(xy) == 5
    assert [x for x, _ in xy] == sorted(x for x, _ in xy)  # oldest on the left
    assert xy[0][1] > xy[-1][1]  # upset is drawn low, calmer higher
    assert all(0 <= x <= 120 and 0 <= y <= 28 for x, y in xy)
    assert "<script" not in svg
    assert "style=" not in svg
    assert "href" not in svg
    assert '<circle class="even"' in svg


def test_the_sparkline_says_which_way_the_feeling_went() -> None:
    assert 'aria-label="Feeling over 3 messages: from glad to upset"' in render([0.7, 0.1, -0.7])
    assert 'aria-label="Feeling over 2 messages: steady, neutral"' in render([0.05, -0.05])
    assert 'aria-label="Feeling over 1 message: uneasy"' in render([-0.3])
    assert '<circle class="low"' in render([-0.3])
    assert "from upset to more upset" in render([-0.5, -0.95])
    assert render([]) == render(None) == ""
    clamped = render([-5, 5, float("nan"), "x"])  # out of range clamped, the rest ignored
    assert "Feeling over 2 messages" in clamped


def test_the_trajectory_of_a_conversation(desk) -> None:  # type: ignore[no-untyped-def]
    furious = desk["furious"]
    do_reply(desk["agent"], furious.conversation, "I'm sorry, the refund is on its way.")
    calmer = do_receive(
        desk["support"], identity=("email", "ana@example.com"), text="ok", conversation=furious.conversation
    )
    unread = do_receive(
        desk["support"], identity=("email", "ana@example.com"), text="?", conversation=furious.conversation
    )
    read(calmer, reading(["relief"], sentiment=0.3))
    messages = list(furious.conversation.messages.all())
    assert unread in messages
    assert labels.trajectory(messages) == [-0.8, 0.3]  # replies, notes and unread messages are skipped
    assert labels.trajectory(messages, last=1) == [0.3]
    assert labels.valence({"valence": -2}) == -1.0
    assert labels.valence({"emotions": {}}) is None


def test_what_the_readings_notice_is_the_language_they_are_sure_of() -> None:
    def language(code: str, sure: float, supported: bool = True) -> dict[str, Any]:
        return {"language": {"code": code, "confidence": sure, "supported": supported}}

    assert labels.noticed([language("en", 0.95)]) == ["Writes in English"]
    assert labels.noticed(
        [language("fr", 0.98, False), language("fr", 0.9, False), language("en", 0.3), None, {}]
    ) == ["Writes in French (2 of 2 messages); readings are less sure in French"]
    assert labels.noticed([language("en", 0.9), language("de", 0.8, False), language("und", 0.0)]) == [
        "Writes in English (1 of 2 messages)",
        "Writes in German (1 of 2 messages); readings are less sure in German",
    ]
    assert labels.noticed([]) == []
    stated = [
        {"label": "name", "text": "call me Sam", "start": 0, "end": 11},
        {"label": "accessibility", "text": "I'm deaf"},
    ]
    assert labels.noticed([{"preferences": stated}, {"preferences": stated[:1]}, None]) == [
        "Said “call me Sam”",
        "Said “I'm deaf”",
    ]


# --- the customer page -----------------------------------------------------------------------------------


def test_a_customer_page_shows_their_feelings_over_time_but_never_another_teams(
    desk, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    furious, client = desk["furious"], desk["client"]
    customer = furious.conversation.customer
    customer.preferences = ["call me Ana"]
    customer.save()
    calmer = do_receive(
        desk["support"],
        identity=("email", "ana@example.com"),
        text="Thanks",
        conversation=furious.conversation,
    )
    read(furious, furious.reading, hours_ago=3)
    said = reading(["relief"], ["praise"], sentiment=0.4)
    said["preferences"] = [{"label": "name", "text": "please call me Annie", "start": 0, "end": 20}]
    read(calmer, said, hours_ago=1)
    secret = do_receive(
        desk["sales"], identity=("email", "ana@example.com"), text="Discount?", subject="Secret deal"
    )
    read(secret, reading(["desire"], ["pricing"], ["churn_threat"], sentiment=-0.2, language="fr"))
    assert Customer.objects.get(pk=customer.pk).teams.count() == 2

    with django_assert_max_num_queries(12):
        page = client.get(f"/customers/{customer.pk}").content.decode()
    assert "Emotional history" in page
    assert page.index("relief") < page.index("anger")  # newest first
    assert 'class="chip care" title="anger, 80% sure"' in page
    assert "legal threat" in page
    assert f'href="/conversations/{furious.conversation_id}#message-{furious.pk}"' in page
    assert 'aria-label="Feeling over 2 messages: from upset to calmer"' in page
    for hidden in ("Secret deal", "desire", "churn threat", "French"):
        assert hidden not in page
    assert "call me Ana" in page  # what agents recorded
    assert "Writes in English (2 of 2 messages)" in page  # what the readings show
    assert "Said “please call me Annie”" in page  # what they said

    for i in range(30):  # a long history: the last 20, in the same number of queries
        more = do_receive(
            desk["support"],
            identity=("email", "ana@example.com"),
            text=f"and {i}",
            conversation=furious.conversation,
        )
        read(more, reading(["annoyance"], sentiment=-0.3))
    with django_assert_max_num_queries(12):
        page = client.get(f"/customers/{customer.pk}").content.decode()
    assert page.count('<td class="muted when">') == 20
    assert "The latest 20 of their messages read" in page


def test_a_customer_with_nothing_read_yet(desk) -> None:  # type: ignore[no-untyped-def]
    quiet = do_receive(desk["support"], identity=("email", "new@example.com"), text="hi", subject="Hello")
    page = desk["client"].get(f"/customers/{quiet.conversation.customer_id}").content.decode()
    assert "Nothing read yet" in page
    assert "<svg" not in page
