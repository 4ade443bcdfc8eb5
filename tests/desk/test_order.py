"""The inbox's order: need leads, the wait keeps counting (humanly/conversations/order.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from humanly.conversations.actions import do_receive
from humanly.conversations.models import Conversation
from humanly.conversations.order import Epoch, by_need
from humanly.people.models import Team

pytestmark = pytest.mark.django_db


@pytest.fixture
def team() -> Team:
    return Team.objects.create(name="Support", slug="support")


def _conversation(team: Team, subject: str, need: float, hours: float | None) -> Conversation:
    message = do_receive(
        team, identity=("email", f"{subject.lower()}@example.com"), text="Hi", subject=subject
    )
    wrote = None if hours is None else timezone.now() - timedelta(hours=hours)
    Conversation.objects.filter(pk=message.conversation_id).update(need=need, last_inbound=wrote)
    return Conversation.objects.get(pk=message.conversation_id)


def test_the_database_reads_when_someone_wrote_to_the_second(team: Team) -> None:
    found = _conversation(team, "Any", 0.5, 30.5)
    seconds = (
        Conversation.objects.annotate(at=Epoch("last_inbound")).values_list("at", flat=True).get(pk=found.pk)
    )
    assert found.last_inbound is not None
    assert seconds == pytest.approx(found.last_inbound.timestamp(), abs=0.01)


def test_need_leads_and_a_long_wait_catches_up(team: Team) -> None:
    for subject, need, hours in (
        ("Thanks", 0.14, 150),  # 0.14 x 3.1
        ("Calm", 0.1, 48),  # 0.1 x 1.7
        ("Furious", 1.0, 0.02),  # 1.0 x 1.0
        ("Anxious", 0.4, 168),  # 0.4 x 3.3
        ("Dispute", 0.66, 1),  # 0.66 x 1.0
        ("Unread", 0.0, 1),  # counts as 0.1 until the engine has read it
        ("Silent", 0.9, None),  # the customer never wrote
    ):
        _conversation(team, subject, need, hours)
    order = list(by_need(Conversation.objects.all()).values_list("subject", flat=True))
    assert order == ["Anxious", "Furious", "Dispute", "Thanks", "Calm", "Unread", "Silent"]


def test_someone_left_waiting_rises_above_a_newer_upset_message(team: Team) -> None:
    calm = _conversation(team, "Calm", 0.2, 1)
    upset = _conversation(team, "Upset", 0.9, 0)
    now = timezone.now()
    assert list(by_need(Conversation.objects.all(), now).values_list("subject", flat=True)) == [
        "Upset",
        "Calm",
    ]
    # Two weeks on, nobody has answered the calm question (0.2 x 5.7), and the upset message is new.
    assert calm.last_inbound is not None
    Conversation.objects.filter(pk=upset.pk).update(last_inbound=now + timedelta(days=14))
    later = list(
        by_need(Conversation.objects.all(), now + timedelta(days=14)).values_list("subject", flat=True)
    )
    assert later == ["Calm", "Upset"]
