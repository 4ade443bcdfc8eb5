"""``draft_reply``: a suggested reply, checked by the tone guard before anyone sees it.

Component ``humanly.draft_reply.v1``. The message is read, the thread's playbook stage is chosen, each ask
is looked up in the knowledge, and the composer (``compose.py``) writes the parts. The draft is then held
to the product's own rules: the tone guard must find nothing in it and miss nothing (every ask answered
or marked as a gap, an acknowledgement for an upset customer, an apology where we are at fault, a next
step), and every number in it must come from the message, the thread, the instruction or the knowledge
it quotes. A part the guard objects to is reworded with the guard's own suggestion, or replaced by a
plainer line; what is missing is added. An optional language model (``llm.py``) may rewrite the prose;
its draft is held to the same checks and the composer's draft is used when it fails one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from humanly.engine.compose import Composition, DraftContext, gap_text
from humanly.engine.tone_customer import Customer, acknowledgement_for
from humanly.engine.types import Analysis, Draft, DraftPart, Gap, Profile, Reading, ToneReport, Turn

__all__ = [
    "DRAFT_REPLY",
    "Rendered",
    "finish",
    "profile_of",
    "render",
    "repair",
    "split_thread",
    "thread_of",
    "unsupported_numbers",
]

DRAFT_REPLY = "humanly.draft_reply.v1"
REPAIR_ROUNDS = 3

# Parts written by the composer itself that can be dropped when the guard objects to them.
_OPTIONAL = frozenset({"prose", "close", "boundary", "exit"})
# Parts that start a new paragraph.
_OWN_PARAGRAPH = frozenset({"answer", "gap", "expectation"})
_OPENING = frozenset({"acknowledgement", "apology", "prose", "boundary"})


@dataclass(frozen=True)
class Rendered:
    text: str
    spans: tuple[tuple[int, int], ...]  # each part's place in the text; (-1, -1) for a part with no text


def render(parts: Sequence[DraftPart]) -> Rendered:
    """The reply's text: the greeting on its own line, then paragraphs, then the sign-off."""
    text = ""
    spans: list[tuple[int, int]] = []
    previous: str | None = None
    for part in parts:
        if not part.text:
            spans.append((-1, -1))
            continue
        if previous is None:
            sep = ""
        elif (
            previous == "greeting"
            or part.role == "signature"
            or (
                part.role in _OWN_PARAGRAPH
                or (
                    part.role != previous
                    and not (
                        {part.role, previous} <= _OPENING or {part.role, previous} <= {"next_step", "close"}
                    )
                )
            )
        ):
            sep = "\n\n"
        else:
            sep = " "
        text += sep
        spans.append((len(text), len(text) + len(part.text)))
        text += part.text
        previous = part.role
    return Rendered(text, tuple(spans))


_NUMBER = re.compile(r"(?<![\w.])(?:[£$€]\s?)?\d[\d,.:]*(?:%|st|nd|rd|th)?")


def _numbers(text: str) -> set[str]:
    return {n.strip("£$€ .,:").replace(",", "") for n in _NUMBER.findall(text) if n.strip("£$€ .,:")}


def unsupported_numbers(draft: str, sources: Sequence[str]) -> list[str]:
    """Numbers (prices, dates, times, amounts) in the draft that appear in none of the sources."""
    unmarked = re.sub(r"\[[^\]]*\]", " ", draft)
    known = set().union(*(_numbers(s) for s in sources)) if sources else set()
    return sorted(n for n in _numbers(unmarked) if n not in known)


def _part_at(spans: Sequence[tuple[int, int]], start: int, end: int) -> int | None:
    for i, (s, e) in enumerate(spans):
        if s <= start < e or (s < end <= e):
            return i
    return None


def repair(
    parts: list[DraftPart], gaps: list[Gap], report: ToneReport, customer: Customer, rendered: Rendered
) -> tuple[list[DraftPart], list[Gap]]:
    """The parts with each finding's part reworded or dropped, and what the guard says is missing added."""
    parts = list(parts)
    gaps = list(gaps)
    drop: set[int] = set()
    for finding in sorted(report.findings, key=lambda f: -f.start):
        i = _part_at(rendered.spans, finding.start, finding.end)
        if i is None:
            continue
        part = parts[i]
        s, _ = rendered.spans[i]
        if part.role in _OPTIONAL:
            drop.add(i)
        elif part.role == "greeting":  # the plainest greeting; a greeting and a sign-off always stay
            parts[i] = replace(part, text="Hello,")
        elif part.role == "signature":
            continue
        elif part.role == "acknowledgement":  # the guard's own line for this feeling, or none
            if customer.upset:
                parts[i] = replace(part, text=acknowledgement_for(customer))
            else:
                drop.add(i)
        else:
            a, b = finding.start - s, finding.end - s
            parts[i] = replace(part, text=part.text[:a] + finding.suggestion + part.text[b:])
    parts = [p for i, p in enumerate(parts) if i not in drop]
    kinds = {m.kind for m in report.missing}
    at = 1 if parts and parts[0].role == "greeting" else 0
    if "no_acknowledgement" in kinds:
        parts.insert(at, DraftPart(text=acknowledgement_for(customer), role="acknowledgement"))
        at += 1
    if "no_apology" in kinds:
        parts.insert(at, DraftPart(text="I'm sorry about this.", role="apology"))
    end = next((i for i, p in enumerate(parts) if p.role in ("next_step", "close", "signature")), len(parts))
    for m in report.missing:
        if m.kind == "unanswered_ask" and m.ask is not None and not any(g.ask == m.ask for g in gaps):
            gap = Gap(ask=m.ask, text=gap_text(m.ask), why="The tone guard found this ask unanswered.")
            gaps.append(gap)
            parts.insert(end, DraftPart(text=gap.text, role="gap", ask=m.ask))
            end += 1
    if "no_alternative" in kinds:
        parts.insert(
            end, DraftPart(text="What I can do instead is [say what you can offer].", role="alternative")
        )
        end += 1
    if "no_next_step" in kinds:
        parts.insert(end, DraftPart(text="I'll come back to you by [say when].", role="next_step"))
    return parts, gaps


def finish(
    composition: Composition,
    analysis: Analysis,
    customer: Customer,
    reading: Reading,
    context: DraftContext,
    check: Callable[[str], ToneReport],
) -> Draft:
    """The composer's parts, checked and repaired until the tone guard passes them (or rounds run out)."""
    parts, gaps = list(composition.parts), list(composition.gaps)
    notes: list[str] = []
    rendered = render(parts)
    best: tuple[int, list[DraftPart], list[Gap], Rendered, ToneReport] | None = None
    for round_ in range(REPAIR_ROUNDS + 1):
        report = check(rendered.text)
        problems = len(report.findings) + len(report.missing)
        if best is None or problems < best[0]:
            best = (problems, parts, gaps, rendered, report)
        if report.verdict == "send" or round_ == REPAIR_ROUNDS:
            break
        parts, gaps = repair(parts, gaps, report, customer, rendered)
        rendered = render(parts)
    assert best is not None  # the loop runs at least once
    _, parts, gaps, rendered, report = best
    if report.verdict != "send":  # the draft with the fewest problems, and what they are
        kinds = [f.kind for f in report.findings] + [m.kind for m in report.missing]
        notes.append("The tone guard still has findings on this draft: " + ", ".join(kinds))
    sources = [analysis.text, context.instruction, *(t.text for t in context.thread)]
    sources += [p.text for p in parts if p.source is not None]
    invented = unsupported_numbers(rendered.text, sources)
    if invented:
        notes.append("Numbers not found in the message or the knowledge: " + ", ".join(invented))
    return Draft(
        text=rendered.text,
        parts=tuple(parts),
        gaps=tuple(g for g in gaps if g.text in rendered.text),
        stage=reading.stage,
        confidence=composition.confidence,
        trajectory=reading.trajectory,
        backend="composer",
        notes=tuple(notes),
    )


MAX_TURNS = 200


def thread_of(value: object) -> tuple[Turn, ...]:
    """A thread from JSON: a list of ``{"role": "customer" | "agent", "text": ...}``; ``ValueError`` says
    what is wrong."""
    if not isinstance(value, list):
        raise ValueError("'thread' must be a list of {role, text} objects")
    if len(value) > MAX_TURNS:
        raise ValueError(f"'thread' has more than {MAX_TURNS} turns")
    turns = []
    for n, turn in enumerate(value, 1):
        if not isinstance(turn, dict) or turn.get("role") not in ("customer", "agent"):
            raise ValueError(f"turn {n} of 'thread' needs a role, 'customer' or 'agent'")
        if not isinstance(turn.get("text"), str):
            raise ValueError(f"turn {n} of 'thread' needs a 'text' string")
        turns.append(Turn(role=turn["role"], text=turn["text"]))
    return tuple(turns)


def profile_of(value: object) -> Profile:
    """A customer profile from JSON: ``{"name": ..., "history": [...], "preferences": [...]}`` (all optional)."""
    if not isinstance(value, dict):
        raise ValueError('\'customer\' must be an object such as {"name": "Ana"}')
    name = value.get("name", "")
    if not isinstance(name, str):
        raise ValueError("'customer.name' must be a string")
    lists = {}
    for key in ("history", "preferences"):
        items = value.get(key, [])
        if isinstance(items, str):
            items = [items]
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise ValueError(f"'customer.{key}' must be a list of strings")
        lists[key] = tuple(items)
    return Profile(name=name, history=lists["history"], preferences=lists["preferences"])


def split_thread(turns: Sequence[Turn], message: str | None) -> tuple[tuple[Turn, ...], str]:
    """The turns before the message to answer, and that message: a thread given with its last customer
    turn as the message loses that turn; given no message, the last customer turn is the message."""
    turns = tuple(turns)
    if (
        turns
        and turns[-1].role == "customer"
        and (message is None or turns[-1].text.strip() == message.strip())
    ):
        return turns[:-1], turns[-1].text
    if message is None:
        raise ValueError("the thread must end with the customer's message to answer")
    return turns, message
