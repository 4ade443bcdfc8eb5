"""The demo desk: a realistic business loads into an empty database, with readings, and only once."""

from __future__ import annotations

import pytest

from humanly.conversations import search
from humanly.conversations.models import Conversation, Message
from humanly.desk import demo
from humanly.knowledge.models import Article
from humanly.people.models import Agent, Customer

pytestmark = pytest.mark.django_db


def test_the_demo_business_loads_with_its_readings(engine) -> None:  # type: ignore[no-untyped-def]
    made = demo.load(engine)
    assert made["customers"] == Customer.objects.count() == 40
    assert made["conversations"] == Conversation.objects.count() == 150
    assert Article.objects.filter(kind="saved_reply").exists()
    assert set(Agent.objects.values_list("username", flat=True)) == {"alex", "jordan"}
    statuses = set(Conversation.objects.values_list("status", flat=True))
    assert statuses == {"open", "waiting", "resolved"}
    inbound = Message.objects.filter(kind="inbound")
    assert not inbound.filter(reading__isnull=True).exists()
    assert Conversation.objects.filter(need__gt=0.5).exists()
    assert Message.objects.filter(kind="note").exists()
    assert not Conversation.objects.filter(search_text="").exists()  # the inbox search finds the demo
    assert Conversation.objects.filter(**search.matches("refund")).exists()
    for customer in Customer.objects.all():  # known since their first conversation, never after it
        assert customer.created <= min(c.created for c in customer.conversations.all())
    signins = demo.passwords()
    assert Agent.objects.get(username="alex").check_password(signins["alex"])
    with pytest.raises(ValueError, match="empty database"):
        demo.load(engine)
