"""The copilot reads each inbound message after it is stored, and the conversation's need follows."""

from __future__ import annotations

import pytest

from humanly.conversations.actions import do_receive
from humanly.conversations.models import Conversation, Message
from humanly.copilot.reading import need
from humanly.desk.models import AuditEvent
from humanly.people.models import Team
from humanly.workers.tasks import enqueue

pytestmark = pytest.mark.django_db


@pytest.fixture
def team() -> Team:
    return Team.objects.create(name="Support", slug="support")


def test_a_message_is_read_after_its_transaction_commits(team, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        message = do_receive(
            team,
            identity=("email", "ana@example.com"),
            text="I'm terrified, my son's insulin delivery hasn't come and he has one pen left. Where is it?",
        )
        assert Message.objects.get(pk=message.pk).reading is None  # nothing ran inside the transaction
    assert len(callbacks) == 1
    message.refresh_from_db()
    assert message.reading is not None
    assert message.reading["asks"][0]["text"] == "Where is it?"
    assert message.reading_version == "humanly.analyze.v1"
    conversation = message.conversation
    conversation.refresh_from_db()
    calm = do_receive(
        team, identity=("email", "bo@example.com"), text="Could you send me last month's invoice?"
    )
    with django_capture_on_commit_callbacks(execute=True):
        enqueue("copilot.read_message", message_id=calm.pk)
    calm.conversation.refresh_from_db()
    assert conversation.need > calm.conversation.need


def test_need_rises_with_feelings_flags_and_risk() -> None:
    calm = {"emotions": {"scores": {"neutral": 0.9}}, "flags": [], "escalation": {"risk": "low"}}
    upset = {
        "emotions": {"scores": {"anger": 0.8}},
        "flags": ["repeat_contact"],
        "escalation": {"risk": "medium"},
    }
    urgent = {"emotions": {"scores": {"fear": 0.9}}, "flags": ["urgency"], "escalation": {"risk": "high"}}
    assert need(calm) < need(upset) < need(urgent) <= 1.0
    shouted = {
        "emotions": {"scores": {"disapproval": 0.8}},
        "flags": ["shouting"],
        "escalation": {"risk": "low"},
    }
    assert need(shouted) > need(calm) + 0.2  # "I HAVE ASKED SIX TIMES" reads as disapproval: still upset
    pitch = {**upset, "expectations": ["partnership_pitch"]}  # "third time I'm offering you exposure"
    assert need(pitch) < need(upset)
    assert need(pitch) < need({"emotions": {"scores": {"nervousness": 0.7}}, "flags": []})


def test_a_failing_task_is_logged_and_never_breaks_the_request(
    team, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        enqueue("copilot.read_message", message_id=999_999)
    failed = AuditEvent.objects.get(action="task.failed")
    assert failed.data["arguments"] == {"message_id": 999_999}
    assert failed.data["error"].startswith("DoesNotExist: Message matching query does not exist")
    assert Conversation.objects.count() == 0


def test_an_unknown_task_is_refused() -> None:
    with pytest.raises(KeyError, match="no task named"):
        enqueue("nothing.here")


def test_what_a_customer_says_about_being_answered_reaches_the_draft(
    team, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    from humanly.copilot.assist import draft, profile_of

    with django_capture_on_commit_callbacks(execute=True):
        message = do_receive(
            team,
            identity=("email", "samantha@example.com"),
            name="Samantha Reid",
            text="Hello, please call me Sam. Where is my order 5521?",
        )
    conversation = message.conversation
    assert profile_of(conversation).preferences == ("please call me Sam",)
    found = draft(conversation)
    assert found is not None
    assert found.text.startswith("Hi Sam,")
    # What an agent wrote down comes after what the customer said, so it wins.
    customer = conversation.customer
    customer.preferences = ["call me Samantha"]
    customer.save()
    assert profile_of(conversation).preferences == ("please call me Sam", "call me Samantha")
    later = draft(conversation)
    assert later is not None
    assert later.text.startswith("Hi Samantha,")
