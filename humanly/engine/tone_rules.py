"""The tone guard's rule machinery: what a phrase rule is, and the calmer-wording helpers.

A rule follows one finding definition (``docs/tone.md``): a pattern for the words that carry the
problem, a ``why`` in our own words, and a ``fix`` that turns the span into a calmer wording that
keeps its facts. The rules themselves live in ``humanly.engine.tone_phrases``, one module per
finding kind, each under a versioned component name.

A rule's ``scope`` chooses the span it reports: ``match`` (the words themselves),
``clause`` (out to the nearest comma, semicolon or sentence edge), ``tail`` (from the start of
the clause to the end of the sentence) or ``sentence``. ``only_if`` names a condition on the
customer's message that must hold before the rule may fire.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from re import _constants, _parser  # type: ignore[attr-defined]  # the stdlib parser; no public API
from typing import Any, Literal

from humanly.engine.types import FindingKind

__all__ = [
    "REST",
    "REST_OF_CLAUSE",
    "Fix",
    "Rule",
    "Say",
    "Scope",
    "clean",
    "drop",
    "lead_in",
    "rule",
    "say",
    "strip",
    "tidy",
    "when",
]

Scope = Literal["match", "clause", "tail", "sentence"]
Fix = Callable[[str], str]

# The rest of a sentence, or of a clause, for a pattern to run to: "by 7.15" and "£4.50" do not end it.
REST = r"(?:[^.!?]|(?<=\d)[.:](?=\d))*"
REST_OF_CLAUSE = r"(?:[^.!?;]|(?<=\d)[.:](?=\d))*"

_I = re.IGNORECASE
_SPACES = re.compile(r"[ \t]{2,}")
_SPACE_BEFORE = re.compile(r"[ \t]+([,.;:!?])")
_DOUBLE_MARK = re.compile(r"([,;:])\s*([,.;:!?])")
_LEADING_MARK = re.compile(r"(^|[.!?]\s+|\n\s*)[,;:]+\s*")
_SENTENCE_START = re.compile(r"(^|[.!?]\s+|\n\s*)([a-z])")
_EMPTY_SENTENCE = re.compile(r"(?<=[.!?])\s*[.!?]+(?=\s|$)")
_MARK_THEN_COMMA = re.compile(r"([.!?])[ \t]*[,;:]+")
_DANGLING = re.compile(r"[ \t]*,?[ \t]+\b(?:and|but|so|or|because)[ \t]*([.!?]|$)", re.IGNORECASE)
_LEADING_AND = re.compile(r"(^|[.!?]\s+)and\s+", re.IGNORECASE)
_COMMA_BEFORE_GAP = re.compile(r",[ \t]*(?=\[)")
_COMMA_AT_END = re.compile(r"[,;:][ \t]*$")
# The same calmer wording put in twice, side by side ("I'm sorry; that isn't good enough." twice).
_REPEATED_SENTENCE = re.compile(r"(?<!\S)([A-Z][^.!?\[\]]{3,}[.!?])(?:\s+\1)+(?=\s|$)")


def clean(text: str) -> str:
    """Spaces and doubled punctuation put right inside a span (no capitals touched)."""
    text = _SPACE_BEFORE.sub(r"\1", text)
    text = _DOUBLE_MARK.sub(r"\2", text)
    text = _MARK_THEN_COMMA.sub(r"\1", text)
    text = _DANGLING.sub(r"\1", text)
    return _SPACES.sub(" ", text).strip()


def tidy(text: str) -> str:
    """Punctuation and capitals put right after words were taken out or replaced."""
    text = clean(text)
    text = _LEADING_MARK.sub(r"\1", text)
    text = _EMPTY_SENTENCE.sub("", text)
    text = _LEADING_AND.sub(r"\1", text)
    text = _COMMA_BEFORE_GAP.sub(". ", text)
    text = _COMMA_AT_END.sub(".", _SPACES.sub(" ", text).strip())
    text = _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), text)
    text = _REPEATED_SENTENCE.sub(r"\1", text)
    return text.lstrip(",;: ")


def drop(_: str) -> str:
    """The calmer wording is to leave the words out."""
    return ""


@dataclass(frozen=True, slots=True)
class Say:
    """A fix that puts these words in place of the span; the guard knows them as its own."""

    words: str

    def __call__(self, _: str) -> str:
        return self.words


def say(words: str) -> Fix:
    """The calmer wording is these words."""
    return Say(words)


def strip(pattern: str) -> Fix:
    """Take the given words out of the span and keep the rest (its facts stay)."""
    compiled = re.compile(pattern, _I)
    return lambda span: clean(compiled.sub("", span)).lstrip(",;: ")


# (the draft, where the match starts in it, the matched words) -> the match is not a problem here
Exemption = Callable[[str, int, str], bool]


def lead_in(draft: str, start: int) -> str:
    """The words of the sentence before ``start``, which an exemption often reads ("I can't promise...")."""
    return draft[max(draft.rfind(mark, 0, start) for mark in ".!?\n") + 1 : start]


@dataclass(frozen=True, slots=True)
class Rule:
    """One pattern for one finding kind, with how it lands and a calmer wording."""

    kind: FindingKind
    pattern: re.Pattern[str]
    why: str
    fix: Fix
    scope: Scope = "match"
    only_if: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    unless: Exemption | None = None


def rule(
    kind: FindingKind,
    pattern: str,
    why: str,
    fix: Fix = drop,
    scope: Scope = "match",
    only_if: str | tuple[str, ...] = (),
    unless: Exemption | None = None,
) -> Rule:
    """A rule from its pattern (compiled once, case-insensitive, with the words any match must contain).
    ``unless`` reads the draft around a match and says when the words are not a problem there."""
    compiled = re.compile(pattern, _I)
    conditions = (only_if,) if isinstance(only_if, str) else only_if
    return Rule(kind, compiled, why, fix, scope, conditions, required_words(compiled), unless)


def when(condition: str, rules: tuple[Rule, ...]) -> tuple[Rule, ...]:
    """The same rules, each firing only when ``condition`` also holds for the customer's message."""
    return tuple(dataclasses.replace(r, only_if=(*r.only_if, condition)) for r in rules)


_REPEATS = {_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT}
_MIN_WORD = 3


def _required(items: Any) -> frozenset[str] | None:
    """Literal strings of which every match of ``items`` (a parsed sequence) contains at least one.

    ``None`` when there is no such guarantee. Runs of literal characters are candidates, as are the
    requirements of groups, of branches (every branch must have one) and of repeats taken at least once;
    the most selective candidate (the longest shortest string) wins.
    """
    candidates: list[frozenset[str]] = []
    run: list[str] = []

    def close_run() -> None:
        if len(run) >= _MIN_WORD:
            candidates.append(frozenset({"".join(run)}))
        run.clear()

    for op, value in items:
        if op is _constants.LITERAL:
            run.append(chr(value).lower())
            continue
        close_run()
        found: frozenset[str] | None = None
        if op is _constants.SUBPATTERN:
            found = _required(value[-1])
        elif op is _constants.BRANCH:
            branches = [_required(branch) for branch in value[1]]
            if all(b is not None for b in branches):
                found = frozenset().union(*(b for b in branches if b is not None))
        elif op in _REPEATS and value[0] >= 1:
            found = _required(value[2])
        if found:
            candidates.append(found)
    close_run()
    if not candidates:
        return None
    return max(candidates, key=lambda c: (min(len(w) for w in c), -len(c)))


def required_words(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """The words any match of the pattern must contain one of (empty when there is no such set)."""
    found = _required(_parser.parse(pattern.pattern, pattern.flags))
    return tuple(sorted(found)) if found and min(len(w) for w in found) >= _MIN_WORD else ()
