"""What the inbox filters by, and how a customer's feeling moved.

Labels: the feelings, intents and flags of the latest reading of a conversation's inbound messages, one
``ConversationLabel`` row each, so the inbox filters with an indexed lookup instead of reading JSON. They
are replaced whenever a reading is stored (``copilot.read_message``), when messages move (merge, split)
and by the demo loader; migration 0004 filled them for the readings stored before.

Feeling over time: each inbound message's ``sentiment`` from its reading, a valence from -1 (upset) to 1
(glad) that blends VADER's lexicon with the emotion model's positive and negative mass (see
``humanly.engine.emotions.Sentiment``). It is the reading's one signed score; the emotion scores are
each 0-1 and say what is felt, not which way.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import get_language_info

from humanly.conversations.models import Conversation, ConversationLabel, KnownLabel, Message

Kind = ConversationLabel.Kind
MAX_VALUE = 60  # ConversationLabel.value's length
BATCH = 2000
SURE_OF_LANGUAGE = 0.5  # below it the detector is guessing (a short "ok thanks" reads as English at 0.3)


def labels_of(reading: Mapping[str, Any] | None) -> list[tuple[str, str]]:
    """(kind, value) of a reading: its feelings (not "neutral"), its intents and its flags, once each."""
    if not reading:
        return []
    found: list[tuple[str, str]] = []
    emotions = reading.get("emotions") or {}
    found += [(Kind.EMOTION.value, str(x)) for x in emotions.get("labels") or () if x != "neutral"]
    for intent in reading.get("intents") or ():
        label = intent.get("label") if isinstance(intent, Mapping) else intent
        if label:
            found.append((Kind.INTENT.value, str(label)))
    found += [(Kind.FLAG.value, str(flag)) for flag in reading.get("flags") or ()]
    return list(dict.fromkeys((kind, value[:MAX_VALUE]) for kind, value in found if value))


def latest_reading(conversation_id: int) -> dict[str, Any] | None:
    """The reading of the conversation's latest inbound message that has one."""
    reading: dict[str, Any] | None = (
        Message.objects.filter(
            conversation_id=conversation_id, kind=Message.Kind.INBOUND, reading__isnull=False
        )
        .order_by("-created", "-pk")
        .values_list("reading", flat=True)
        .first()
    )
    return reading


def refresh(conversation: Conversation | int) -> list[tuple[str, str]]:
    """Replace a conversation's labels with those of its latest inbound reading (none when it has no
    read inbound message, as a merged-away conversation). Returns them."""
    conversation_id = conversation if isinstance(conversation, int) else conversation.pk
    with transaction.atomic():
        # One refresh of a conversation at a time (two readings stored at once): the row is locked.
        team_id = (
            Conversation.objects.select_for_update()
            .filter(pk=conversation_id)
            .values_list("team_id", flat=True)
            .first()
        )
        ConversationLabel.objects.filter(conversation_id=conversation_id).delete()
        if team_id is None:  # gone
            return []
        wanted = labels_of(latest_reading(conversation_id))
        if wanted:
            ConversationLabel.objects.bulk_create(
                [
                    ConversationLabel(conversation_id=conversation_id, team_id=team_id, kind=k, value=v)
                    for k, v in wanted
                ]
            )
            _know(wanted)
    return wanted


def write_many(readings: Mapping[int, Mapping[str, Any] | None]) -> int:
    """For loaders that store readings in bulk: each conversation's labels become those of the reading
    given for it (its latest inbound). Returns how many labels were written."""
    ids = list(readings)
    teams: dict[int, int] = {}
    rows: list[ConversationLabel] = []
    with transaction.atomic():
        for at in range(0, len(ids), BATCH):
            some = ids[at : at + BATCH]
            teams.update(Conversation.objects.filter(pk__in=some).values_list("pk", "team_id"))
            ConversationLabel.objects.filter(conversation_id__in=some).delete()
        for conversation_id, reading in readings.items():
            if conversation_id in teams:
                rows += [
                    ConversationLabel(
                        conversation_id=conversation_id, team_id=teams[conversation_id], kind=k, value=v
                    )
                    for k, v in labels_of(reading)
                ]
        ConversationLabel.objects.bulk_create(rows, batch_size=BATCH)
        _know({(row.kind, row.value) for row in rows})
    return len(rows)


def _know(found: Iterable[tuple[str, str]]) -> None:
    KnownLabel.objects.bulk_create(
        [KnownLabel(kind=k, value=v) for k, v in sorted(set(found))], ignore_conflicts=True
    )


def choices(teams: Collection[int]) -> dict[str, list[str]]:
    """The labels that the conversations of ``teams`` (ids: the agent's teams) have now, by kind, sorted:
    what the inbox's filters offer. Each known label is one probe of the index on (team, kind, value),
    so this costs the same whatever the number of conversations. The ids are given as values, not as a
    subquery, so that PostgreSQL probes the index and stops at the first row."""
    found: dict[str, list[str]] = {kind: [] for kind in Kind.values}
    here = ConversationLabel.objects.filter(
        team_id__in=list(teams), kind=OuterRef("kind"), value=OuterRef("value")
    )
    rows = KnownLabel.objects.filter(Exists(here)).order_by("kind", "value").values_list("kind", "value")
    for kind, value in rows:
        found.setdefault(kind, []).append(value)
    return found


def labelled(
    conversations: QuerySet[Conversation], teams: Collection[int], kind: str, value: str
) -> QuerySet[Conversation]:
    """Those of ``conversations`` whose latest reading has the label, looked up among the labels of
    ``teams`` (ids: the agent's teams): the team leads the index, so the lookup reads only that label's
    rows."""
    having = ConversationLabel.objects.filter(team_id__in=list(teams), kind=kind, value=value)
    return conversations.filter(pk__in=having.values("conversation_id"))


# --- feeling over time ---------------------------------------------------------------------------------


def valence(reading: Mapping[str, Any] | None) -> float | None:
    """The reading's signed feeling, -1 (upset) to 1 (glad): its ``sentiment`` (``valence`` if a reading
    carries one by that name); None when it has neither."""
    if not reading:
        return None
    for key in ("valence", "sentiment"):
        value = reading.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
            return max(-1.0, min(1.0, float(value)))
    return None


def trajectory(messages: Iterable[Message], *, last: int = 30) -> list[float]:
    """The feeling of each inbound message with a reading, in the order given (oldest first), at most the
    ``last`` ones: the values for ``{% sparkline %}``. Replies, notes and unread messages are skipped."""
    values = [
        found
        for message in messages
        if message.kind == Message.Kind.INBOUND
        and (found := valence(message.reading if isinstance(message.reading, Mapping) else None)) is not None
    ]
    return values[-last:] if last > 0 else []


def mood(value: float) -> str:
    """A feeling in a word."""
    if value <= -0.5:
        return "upset"
    if value <= -0.15:
        return "uneasy"
    if value < 0.15:
        return "neutral"
    if value < 0.5:
        return "content"
    return "glad"


def describe(values: Collection[float], what: str = "message") -> str:
    """In words, for the sparkline's label: "Feeling over 5 messages: from upset to calmer"."""
    values = list(values)
    if not values:
        return "No feeling read yet"
    count = f"{len(values)} {what}{'' if len(values) == 1 else 's'}"
    first, end = values[0], values[-1]
    was, now = mood(first), mood(end)
    if len(values) == 1:
        return f"Feeling over {count}: {now}"
    if abs(end - first) < 0.2:
        how = f"steady, {now}"
    elif end > first and first <= -0.15:
        how = f"from {was} to calmer"
    elif was != now:
        how = f"from {was} to {now}"
    elif end > first:
        how = f"{now}, warmer"
    elif end <= -0.15:
        how = f"from {was} to more {was}"
    else:
        how = f"{now}, cooler"
    return f"Feeling over {count}: {how}"


def stated_preferences(readings: Iterable[Mapping[str, Any] | None], *, limit: int = 6) -> list[str]:
    """The preferences the readings found stated in the messages ("please call me Sam", "I'm deaf"), in
    the order given (newest first, on the customer page), each once."""
    found: dict[str, str] = {}
    for reading in readings:
        for preference in (reading or {}).get("preferences") or ():
            text = str((preference or {}).get("text", "")).strip() if isinstance(preference, Mapping) else ""
            if text and text.lower() not in found:
                found[text.lower()] = text
    return list(found.values())[:limit]


def noticed(readings: Iterable[Mapping[str, Any] | None]) -> list[str]:
    """What the readings show about how to answer the person, for their page: what they said they
    prefer (a name, a way to be reached, accessibility), then the languages they write in, counting
    only the messages whose language the reading is sure of (a few words are not enough)."""
    readings = list(readings)
    said = [f"Said “{text}”" for text in stated_preferences(readings)]
    languages: Counter[str] = Counter()
    covered: dict[str, bool] = {}
    for reading in readings:
        language = (reading or {}).get("language") or {}
        if not isinstance(language, Mapping):
            continue
        code, sure = language.get("code"), language.get("confidence")
        if not code or code == "und" or not isinstance(sure, int | float) or sure < SURE_OF_LANGUAGE:
            continue
        languages[str(code)] += 1
        covered[str(code)] = bool(language.get("supported", True))
    total = sum(languages.values())
    found = []
    for code, count in languages.most_common(3):
        try:
            name = str(get_language_info(code)["name"])
        except KeyError:
            name = code
        line = f"Writes in {name}" + (f" ({count} of {total} messages)" if total > 1 else "")
        found.append(line if covered[code] else f"{line}; readings are less sure in {name}")
    return said + found
