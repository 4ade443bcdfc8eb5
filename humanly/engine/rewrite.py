"""The tone guard's suggested rewrite: the whole draft with every finding replaced by its calmer wording.

Component name: ``humanly.tone.rewrite.v5``. Facts stay: spans are replaced by suggestions that keep
their numbers, dates, names and commitments, and the only text added is what the customer's message
shows is needed: a short acknowledgement or apology, or a clearly marked gap (``[...]``) where the
agent has to supply an answer or an alternative that the guard cannot know.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from humanly.engine.tone_customer import Customer, acknowledgement_for, acknowledges, offers_alternative, owns
from humanly.engine.tone_rules import tidy
from humanly.engine.types import Finding, Missing

__all__ = ["REWRITE", "answer_gap", "empty_reply", "put", "rewrite"]

REWRITE = "humanly.tone.rewrite.v5"

_GREETING = re.compile(
    r"^(?:(?:hi|hello|hey|dear|good\s+(?:morning|afternoon|evening))\b[^,.!?\n]{0,40}[,!]|(?:hi|hello|hey)\b)\s*",
    re.IGNORECASE,
)
_FACT = re.compile(r"\d")


# Every marked place for an answer starts with this: once the rewrite holds one, the answer is the agent's to give.
ANSWER_MARK = "[Answer"


# Where the draft's sentence stood in for an answer, when the guard does not know which ask it skipped.
ANY_ANSWER = f"{ANSWER_MARK} what they asked here.]"


def answer_gap(question: str) -> str:
    """A marked place for the agent to answer an ask the draft skipped."""
    return f"{ANSWER_MARK} here: {question.strip()}]"


def _insert_opening(text: str, sentence: str) -> str:
    greeting = _GREETING.match(text)
    at = greeting.end() if greeting else 0
    return f"{text[:at]}{sentence} {text[at:]}".strip()


_NEXT_CLAUSE = re.compile(r"\s*,\s*(?=[a-z])")


def put(text: str, start: int, end: int, words: str) -> str:
    """The words in place of ``text[start:end]``. A sentence of its own that replaces the opening of a
    sentence ends there: "It's not complicated, you..." becomes "It can be confusing at first. You..."."""
    after = text[end:]
    before = text[:start].rstrip()
    follows = _NEXT_CLAUSE.match(after)
    if follows and words[:1].isupper() and words[-1:].isalnum() and (not before or before[-1] in ".!?\n"):
        return f"{text[:start]}{words}. {after[follows.end() :]}"
    return text[:start] + words + after


def rewrite(
    draft: str, findings: Sequence[Finding], missing: Sequence[Missing], customer: Customer | None
) -> str:
    """The draft with each finding's span replaced by its suggestion, plus only what is clearly needed."""
    if not findings and not missing:
        return draft
    text = draft
    opening = ""
    for finding in sorted(findings, key=lambda f: f.start, reverse=True):
        span = draft[finding.start : finding.end]
        suggestion = finding.suggestion
        if finding.kind == "cold" and suggestion.endswith(span):
            # The acknowledgement belongs at the start of the reply, not before the cold sentence.
            opening, suggestion = suggestion[: len(suggestion) - len(span)].strip(), span
        text = put(text, finding.start, finding.end, suggestion)
    text = tidy(text)
    kinds = {m.kind for m in missing}
    if "no_acknowledgement" in kinds and customer is not None and not acknowledges(f"{opening} {text}"):
        opening = acknowledgement_for(customer)
    if "no_apology" in kinds and not owns(f"{opening} {text}"):
        opening = f"{opening} I'm sorry about this.".strip()
    if opening:
        text = _insert_opening(text, opening)
    if "no_alternative" in kinds and not offers_alternative(text):
        text = f"{text} What I can do instead is [say what you can offer]."
    asks = [m.ask for m in missing if m.kind == "unanswered_ask" and m.ask is not None]
    gaps = [answer_gap(a.text) for a in asks if answer_gap(a.text) not in text]
    if gaps and not any(f.kind == "unanswered" for f in findings):
        text = f"{text} {' '.join(gaps)}"
    if f"{ANSWER_MARK} here:" in text:  # a named place for each skipped ask makes the unnamed one redundant
        text = tidy(text.replace(ANY_ANSWER, ""))
    if "no_next_step" in kinds and "[" not in text:
        text = f"{text} [Say what happens next, and when.]"
    return tidy(text) or empty_reply(customer)


def empty_reply(customer: Customer | None) -> str:
    """What a rewrite says when every sentence of the draft had to go: a marked place for each ask."""
    asked = customer.asks if customer is not None else ()
    return " ".join(answer_gap(a.text) for a in asked) or "[Write the reply here.]"


def keeps_facts(span: str) -> bool:
    """Whether a span carries numbers that its suggestion must keep."""
    return _FACT.search(span) is not None
