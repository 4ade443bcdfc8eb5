"""The tone guard: ``check_reply(draft, message)`` reads an agent's draft before it is sent.

It finds the words likely to land badly (blame, defensiveness, condescension, dismissal, sarcasm,
irritation, a policy wall, an over-promise, self-promotion, coldness to an upset customer, an answer
that is not there), says why, offers a calmer wording that keeps the facts, lists what the customer
needs and the draft leaves out, scores warmth, calm and clarity, predicts how the reply will land,
and suggests a whole rewrite. Precision comes first: a guard that nags gets switched off, so every
rule stays silent when unsure.

Pure Python and regular expressions; the reading of the customer's message is the caller's
(``analysis``), or is made with the ``analyze`` function passed in.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from humanly.engine.politeness import DRAFT_TOKENS, Politeness
from humanly.engine.rewrite import (
    ANSWER_MARK,
    ANY_ANSWER,
    REWRITE,
    answer_gap,
    empty_reply,
    keeps_facts,
    put,
    rewrite,
)
from humanly.engine.text import BURST, is_greeting, sentences, without_emoji_tail
from humanly.engine.tone_context import (
    COLD,
    COLD_WHY,
    POLICY_FIX,
    POLICY_WALL,
    POLICY_WHY,
    cold,
    policy_walls,
)
from humanly.engine.tone_coverage import (
    COVERAGE,
    FILLER,
    UNANSWERED_ASK_WHY,
    UNANSWERED_WHY,
    answered,
    missing,
    plainly_answered,
    unanswered,
)
from humanly.engine.tone_customer import (
    GUARD_LINES,
    Customer,
    acknowledgement_for,
    acknowledges,
    chills,
    read_customer,
)
from humanly.engine.tone_model import NAME as TONE_MODEL
from humanly.engine.tone_model import Flag, ToneModel
from humanly.engine.tone_phrases import RULES
from humanly.engine.tone_phrases.irritated import bare_reminder, holds_kind_reminder, only_warm
from humanly.engine.tone_rules import Rule, Say, clean, drop, tidy
from humanly.engine.tone_unanswered import NAME as ANSWERS
from humanly.engine.tone_unanswered import Answers
from humanly.engine.tone_warmth import NAME as WARMTH
from humanly.engine.tone_warmth import Warmth
from humanly.engine.types import (
    Analysis,
    Ask,
    Finding,
    FindingKind,
    Landing,
    Missing,
    ToneReport,
    ToneScores,
    Verdict,
)

__all__ = ["COMPONENTS", "MODEL_WHY", "VERSION", "check_reply", "draft_politeness"]

logger = logging.getLogger(__name__)

VERSION = "humanly.check_reply.v1"
SCORES = "humanly.tone.scores.v1"
LANDING = "humanly.tone.landing.v1"
COMPONENTS: tuple[str, ...] = (
    *RULES,
    POLICY_WALL,
    COVERAGE,
    ANSWERS,
    COLD,
    WARMTH,
    TONE_MODEL,
    SCORES,
    LANDING,
    REWRITE,
)

MAX_DRAFT = 20_000
PAUSE_AT = 0.5  # heat from which a "take a breath before sending" nudge is worth showing
REWRITE_PASSES = 3
# (draft, its sentences, the customer's message or None) -> the sentences the model flags
Flagger = Callable[[str, Sequence[tuple[int, int]], str | None], Sequence[Flag]]
_PRIORITY: dict[str, int] = {
    "sarcastic": 0,
    "condescending": 1,
    "irritated": 2,
    "blame": 3,
    "defensive": 4,
    "dismissive": 5,
    "overpromise": 6,
    "self_promotion": 7,
    "policy_wall": 8,
    "unanswered": 9,
    "cold": 10,
}
_GREETING = re.compile(
    r"^(?:(?:hi|hello|hey|dear|good\s+(?:morning|afternoon|evening))\b[^,.!?\n]{0,30},\s*|(?:hi|hello|hey)\s+\w+!\s*)",
    re.IGNORECASE,
)
_ASKS_IF_NORMAL = re.compile(
    r"\bnormal\b[^.!?]{0,40}\?|\b(?:is|are)\s+(?:this|that|it|these|they)\s+(?:normal|a\s+problem|bad|serious|"
    r"dangerous|something\s+to\s+worry\s+about)\b|\bshould\s+I\s+(?:be\s+)?worr(?:y|ied)\b",
    re.IGNORECASE,
)
_NO_PROMISE = re.compile(
    r"\b(?:can'?t|cannot|can\s+not|won'?t|don'?t|do\s+not|never|nobody\s+can|no\s+one\s+can|isn'?t|not|neither|"
    r"none)\s+(?:\w+\s+){0,3}(?:promise|guarantee|guaranteed)\b",
    re.IGNORECASE,
)
_CLAUSE_EDGE = re.compile(r"[,;:—–]\s|\s[-—–]\s")
# Every rule in the order tried, with the words one of which any match must contain (see tone_rules).
_ORDERED: tuple[tuple[Rule, frozenset[str]], ...] = tuple(
    (rule, frozenset(rule.needs)) for rules in RULES.values() for rule in rules
)
_NEEDED: frozenset[str] = frozenset().union(*(needs for _, needs in _ORDERED))
# An index for the same test, run on every pause in typing: the rules each needed word opens, the
# rules that need no word, and the needed words by their first three characters (shorter ones are
# always looked for), so a sentence is searched only for words that can be in it.
_OPENS: dict[str, tuple[int, ...]] = {
    word: tuple(i for i, (_, needs) in enumerate(_ORDERED) if word in needs) for word in _NEEDED
}
_ALWAYS: frozenset[int] = frozenset(i for i, (_, needs) in enumerate(_ORDERED) if not needs)
_SHORT: tuple[str, ...] = tuple(sorted(word for word in _NEEDED if len(word) < 3))
_BY_START: dict[str, tuple[str, ...]] = {
    start: tuple(sorted(word for word in _NEEDED if word.startswith(start)))
    for start in {word[:3] for word in _NEEDED if len(word) >= 3}
}


def _rules_for(lowered: str) -> list[int]:
    """The rules (by place in ``_ORDERED``) whose needed words the lowered sentence holds, in order."""
    present = [word for word in _SHORT if word in lowered]
    for start in {lowered[i : i + 3] for i in range(len(lowered) - 2)}:
        present += [word for word in _BY_START.get(start, ()) if word in lowered]
    return sorted(_ALWAYS.union(*(_OPENS[word] for word in present)))


@dataclass(frozen=True, slots=True)
class _Hit:
    kind: FindingKind
    start: int
    end: int
    why: str
    fix: Callable[[str], str]
    trigger: str = ""


def _body(text: str, start: int, end: int) -> int:
    """Where a sentence's own words start, after a greeting such as 'Hi Sam,'."""
    greeting = _GREETING.match(text[start:end])
    return start + greeting.end() if greeting and start + greeting.end() < end else start


def _span(rule: Rule, text: str, match: re.Match[str]) -> tuple[int, int]:
    """The span a rule reports for a match inside one sentence (``text``)."""
    end = len(text)
    if rule.scope == "sentence":
        return 0, end
    if rule.scope in {"clause", "tail"}:
        left = 0
        for edge in _CLAUSE_EDGE.finditer(text, 0, match.start()):
            left = edge.end()
        right_edge = _CLAUSE_EDGE.search(text, match.start() + 1, end) if rule.scope == "clause" else None
        right = right_edge.start() if right_edge else len(without_emoji_tail(text).rstrip(".!?"))
        return left, max(right, left)
    s, e = match.start(), match.end()
    while e > s and text[e - 1] in " ,;:":
        e -= 1
    return s, e


_POLITE_MESSAGE = re.compile(
    r"\b(?:please|pls|thanks?|thank\s+you|sorry|could\s+you|would\s+you|can\s+I|may\s+I|hi|hello|hey|dear)\b",
    re.IGNORECASE,
)


def _conditions(customer: Customer | None) -> set[str]:
    """The conditions on the customer's message that some rules need before they may fire.

    ``blunt_customer``: the message has no courtesy at all (so thanking its manners is sarcasm).
    ``not_self_blaming``: the customer reports trouble they did not cause (so 'these things happen'
    shrugs it off, where for their own slip it would be kind).
    ``not_asked_about_us``: no message, or one that does not ask about the company's record (asked,
    awards and ratings are the answer, not a boast).
    ``complaint``: the customer complains or is upset (minimising and justifying need something to
    minimise or justify; without it the same words are plain information).
    ``not_asked_if_normal``: the customer did not ask whether something is normal (asked, "it's
    normal" is the answer).
    ``trouble``: the customer is upset or tells of trouble in so many words (a form apology to them
    brushes it off; to a calm question it is only a habit).
    ``ironic_customer``: the customer praises or thanks ironically ("Thanks for nothing", "Great
    job" about a week-late parcel), so taking the praise at its word mocks them.
    """
    met = set()
    if customer is not None and not _POLITE_MESSAGE.search(customer.text):
        met.add("blunt_customer")
    if customer is not None and not customer.blames_self:
        met.add("not_self_blaming")
    if customer is None or not customer.asks_about_us:
        met.add("not_asked_about_us")
    if customer is not None and customer.complains:
        met.add("complaint")
    if customer is None or not _ASKS_IF_NORMAL.search(customer.text):
        met.add("not_asked_if_normal")
    if customer is not None and customer.ironic:
        met.add("ironic_customer")
    if customer is not None and customer.troubled:
        met.add("trouble")
    return met


def _phrase_hits(text: str, spans: Sequence[tuple[int, int]], customer: Customer | None) -> list[_Hit]:
    met = _conditions(customer)
    rechecking = customer is not None and customer.rechecking
    hits = []
    for sentence_start, sentence_end in spans:
        start = _body(text, sentence_start, sentence_end)
        sentence = text[start:sentence_end]
        promises_nothing = _NO_PROMISE.search(sentence) is not None
        for index in _rules_for(sentence.lower()):
            rule = _ORDERED[index][0]
            if (rule.kind == "overpromise" and promises_nothing) or not met.issuperset(rule.only_if):
                continue
            for match in rule.pattern.finditer(sentence):
                if not match.group().strip():
                    continue
                s, e = _span(rule, sentence, match)
                if e <= s:
                    continue
                if rule.unless is not None and rule.unless(text, start + s, match.group()):
                    continue
                if rule.kind == "irritated" and rechecking and bare_reminder(match.group()):
                    continue
                hits.append(_Hit(rule.kind, start + s, start + e, rule.why, rule.fix, match.group()))
                if rule.scope == "sentence":
                    break
    return hits


_JOIN = re.compile(r"[\s,;:]*(?:and\s+|with\s+)?")
_AFFIRMATION = re.compile(
    r"(?:(?:yes|yep|definitely|absolutely|totally|of\s+course|sure|100%)[\s,!.]*)+", re.IGNORECASE
)
_DEPENDENT = re.compile(r"[\s,;]*(?:because|since|as|but)\b", re.IGNORECASE)


def _resolve(text: str, hits: list[_Hit], spans: Sequence[tuple[int, int]]) -> list[_Hit]:
    """No two findings overlap: the more specific kind (and then the earlier, longer span) wins.

    Two findings of one kind separated only by a comma or 'and' become one; a finding whose
    calmer wording is to leave it out takes its whole sentence when little else would be left.
    """
    kept: list[_Hit] = []
    for hit in sorted(hits, key=lambda h: (_PRIORITY[h.kind], h.start, -(h.end - h.start), h.fix is drop)):
        clash = [k for k in kept if hit.start < k.end and k.start < hit.end]
        if not clash:
            kept.append(hit)
        elif (clipped := _clip(text, hit, clash)) is not None:
            kept.append(clipped)
    merged: list[_Hit] = []
    for hit in sorted(kept, key=lambda h: h.start):
        last = merged[-1] if merged else None
        joint = _JOIN.match(text, last.end) if last is not None and last.kind == hit.kind else None
        same_sentence = last is not None and not re.search(r"[.!?]", text[last.end - 1 : hit.start])
        if last is not None and joint is not None and joint.end() >= hit.start and same_sentence:
            merged[-1] = _Hit(last.kind, last.start, hit.end, last.why, last.fix, last.trigger)
        else:
            merged.append(hit)
    return [_widen(text, hit, merged, spans) for hit in merged]


_CLIP_LEAD = re.compile(r"[\s,;:–—-]*(?:(?:and|but|so)\b[\s,]*)?", re.IGNORECASE)
_CLIP_TRAIL = re.compile(r"[\s,;:–—-]*(?:\b(?:and|but|so))?[\s,;:–—-]*$", re.IGNORECASE)


def _clip(text: str, hit: _Hit, clash: Sequence[_Hit]) -> _Hit | None:
    """A finding whose span runs on into a stronger one, cut back to the words before it: in "100% - our
    crews are the fastest in Perth and they'll be done by 2, you have my word", the boast before the
    promise. None when it starts under the stronger one or too little of it is left."""
    at = text.find(hit.trigger, hit.start) if hit.trigger.strip() else -1
    if not hit.start <= at < hit.end:
        return None
    if any(k.start <= at for k in clash):
        return None
    start, end = hit.start, min(k.start for k in clash)
    if len(re.findall(r"\w+", text[at:end])) < 3:
        return None
    lead = _CLIP_LEAD.match(text, start, end)
    start = lead.end() if lead else start
    trail = _CLIP_TRAIL.search(text, start, end)
    end = trail.start() if trail else end
    if end <= start or not re.search(r"\w", text[start:end]):
        return None
    return _Hit(hit.kind, start, end, hit.why, hit.fix, hit.trigger)


def _widen(text: str, hit: _Hit, hits: Sequence[_Hit], spans: Sequence[tuple[int, int]]) -> _Hit:
    for index, (s, e) in enumerate(spans):
        if not s <= hit.start < e:
            continue
        body = _body(text, s, e)
        alone = not any(o is not hit and o.start < e and s < o.end for o in hits)
        if hit.kind == "overpromise" and index and alone:
            ps, pe = spans[index - 1]
            previous_free = not any(o.start < pe and ps < o.end for o in hits)
            if previous_free and hit.start == body and _AFFIRMATION.fullmatch(text[ps:pe]):
                return _Hit(hit.kind, _body(text, ps, pe), hit.end, hit.why, hit.fix, hit.trigger)
        if alone and not hit.fix(text[hit.start : hit.end]) and (hit.start, hit.end) != (body, e):
            rest = text[body : hit.start] + " " + text[hit.end : e]
            if len(re.findall(r"\w+", rest)) < 5 or _DEPENDENT.match(text, hit.end, e):
                return _Hit(hit.kind, body, e, hit.why, hit.fix, hit.trigger)
        return hit
    return hit


def _suggest(text: str, hit: _Hit) -> str:
    """The hit's calmer wording, fitted to where it stands: facts kept, punctuation and capitals right."""
    span = text[hit.start : hit.end]
    suggestion = hit.fix(span).strip()
    if not suggestion and keeps_facts(span) and hit.kind != "self_promotion" and hit.trigger:
        suggestion = clean(span.replace(hit.trigger, " ")).strip(",;: ")
    if hit.kind not in _FACTS_GO and any(n not in suggestion for n in _NUMBER.findall(span)):
        # A wording that loses a number, date or amount the customer needs: the agent rewords it.
        suggestion = f"[Say this more kindly: {span.strip()}]"
    if not suggestion:
        return ""
    mark = without_emoji_tail(span)[-1:]
    if mark in ".!?" and suggestion[-1] not in ".!?]":
        suggestion += "."
    elif mark not in ".!?" and suggestion[-1] == "." and hit.kind != "policy_wall":
        suggestion = suggestion[:-1]
    before = text[: hit.start].rstrip()
    if before and before[-1] not in ".!?\n" and suggestion[1:2].islower() and not suggestion.startswith("I "):
        suggestion = suggestion[0].lower() + suggestion[1:]
    return suggestion


_MARKED = re.compile(r"\[[^\[\]]*\]")
# Kinds whose numbers go with them: boasts, statistics quoted in defence, details held up to mockery.
_FACTS_GO = frozenset({"self_promotion", "defensive", "sarcastic"})
# A number, date or amount a rewording must keep ("100%" is a promise, not a fact).
_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*(?!\d*%)")


def _say(words: str) -> Callable[[str], str]:
    return lambda _: words


def _policy_fix(span: str) -> str:
    return POLICY_FIX.format(span=span if without_emoji_tail(span)[-1:] in ".!?" else span.rstrip() + ".")


def body_sentences(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentences between the greeting ("Hi Ana,") and the sign-off ("Best wishes, Sam")."""
    signed = _sign_off_at(text)
    return [(s, e) for s, e in spans if s < signed and not is_greeting(text[s:e].strip())]


def _stand_in(text: str, start: int, end: int, asks: Sequence[Ask]) -> _Hit:
    """An ``unanswered`` finding on the sentence standing in for the answer to ``asks``: the fix marks a
    place for each answer, and keeps the sentence when it carries facts and is not filler."""
    gap = " ".join(answer_gap(a.text) for a in asks)
    sentence = text[start:end]
    suggestion = gap if FILLER.search(sentence) or not keeps_facts(sentence) else f"{gap} {sentence}"
    return _Hit("unanswered", start, end, UNANSWERED_WHY, _say(suggestion))


def _context_hits(
    text: str,
    spans: Sequence[tuple[int, int]],
    found: list[_Hit],
    customer: Customer | None,
    flagged: Sequence[Flag] = (),
) -> tuple[list[_Hit], list[Missing]]:
    """Policy walls, an unanswered ask's stand-in and a cold sentence. A sentence the tone model has
    flagged as another kind is not the one called cold: a reply that never acknowledges an upset
    person is still missing that, but the sentence's own problem is what it is named for."""
    hits = list(found)
    taken = [(h.start, h.end) for h in hits]
    walls: list[tuple[int, int]] = []
    for wall in policy_walls(text, spans, taken, customer):
        adjacent = bool(walls) and not text[walls[-1][1] : wall[0]].strip()
        walls.append((walls.pop()[0], wall[1]) if adjacent else wall)
    walled = bool(walls)
    body = body_sentences(text, spans)
    # A notice that opens a reply to an upset person is cold before it is a wall: the wall is what follows.
    if walls and body and chills(text, customer) and walls[0][0] <= body[0][0] < walls[0][1]:
        after = len(text) - len(text[body[0][1] :].lstrip())  # where the next sentence starts
        walls = [(max(a, after), b) for a, b in walls if b > after]
    for s, e in walls:
        hits.append(_Hit("policy_wall", s, e, POLICY_WHY, _policy_fix))
        taken.append((s, e))
    open_asks, stand_in = unanswered(text, spans, taken, customer)
    if open_asks and stand_in is not None:
        hits.append(_stand_in(text, *stand_in, open_asks))
        taken.append(stand_in)
    # "Hi Doreen," and "Regards, Waste Services" frame the reply; the coldness is in what they frame.
    chilly = cold(text, body, [*taken, *((f.start, f.end) for f in flagged if f.kind != "cold")], customer)
    if chilly is not None and customer is not None:
        s, e = chilly
        s = _body(text, s, e)
        hits.append(_Hit("cold", s, e, COLD_WHY, _model_fix("cold", customer)))
    gaps = missing(text, customer, open_asks, walled)
    return sorted(hits, key=lambda h: h.start), gaps


# --- scores, heat, landing, politeness ----------------------------------------------------------

_SHOUT = re.compile(r"\b[A-Z]{2,}(?:\s+[A-Z]{2,}){2,}\b")
_THANKS = re.compile(r"\b(?:thanks?|thank\s+you|grateful|appreciate)\b", re.IGNORECASE)
_WORDS = re.compile(r"\S+")
_HEAT_WEIGHTS = {"irritated": 0.35, "sarcastic": 0.4, "condescending": 0.15, "blame": 0.1, "defensive": 0.1}
_WARMTH_COST = {
    "cold": 25,
    "sarcastic": 15,
    "condescending": 15,
    "dismissive": 15,
    "blame": 15,
    "defensive": 8,
    "irritated": 8,
    "self_promotion": 5,
    "policy_wall": 10,
}


def _heat(text: str, findings: Sequence[Finding]) -> float:
    cool = 1.0
    for f in findings:
        cool *= 1.0 - _HEAT_WEIGHTS.get(f.kind, 0.0)
    words = max(1, len(_WORDS.findall(text)))
    shouted = sum(len(m.group().split()) for m in _SHOUT.finditer(text))
    cool *= 1.0 - min(0.6, shouted / words)
    cool *= 0.8 ** len(BURST.findall(text))
    return round(1.0 - cool, 3)


def _clamp(value: float) -> int:
    return max(0, min(100, round(value)))


def _scores(text: str, findings: Sequence[Finding], gaps: Sequence[Missing], heat: float) -> ToneScores:
    if not text.strip():
        return ToneScores(warmth=0, calm=100, clarity=0)
    kinds = [f.kind for f in findings] + [m.kind for m in gaps]
    warmth = 55 + 20 * acknowledges(text) + 8 * bool(_THANKS.search(text))
    warmth -= sum(_WARMTH_COST.get(k, 0) for k in kinds) + 10 * ("no_acknowledgement" in kinds)
    calm = 100 - 70 * heat - 5 * kinds.count("defensive") - 5 * kinds.count("blame")
    words = len(_WORDS.findall(text))
    spans = sentences(text[:MAX_DRAFT])
    per_sentence = words / max(1, len(spans))
    clarity = 85 + 5 * bool(re.search(r"\d", text)) - 10 * (per_sentence > 28)
    clarity -= 25 * (kinds.count("unanswered") + kinds.count("unanswered_ask"))
    clarity -= 10 * kinds.count("no_next_step") + 10 * kinds.count("policy_wall")
    return ToneScores(warmth=_clamp(warmth), calm=_clamp(calm), clarity=_clamp(clarity))


_LANDINGS: tuple[tuple[str, str, str], ...] = (
    ("sarcastic", "feels mocked", "the reply makes fun of them"),
    ("blame", "feels blamed", "the reply says the problem is their fault"),
    ("condescending", "feels talked down to", "the reply treats them as slow"),
    ("irritated", "more annoyed", "the reply sounds impatient with them"),
    ("dismissive", "feels brushed off", "the reply plays down what happened to them"),
    ("cold", "feels unheard", "the reply is a notice, not a person, at a hard moment"),
    ("defensive", "more annoyed", "the reply argues instead of helping"),
    ("policy_wall", "feels stonewalled", "the reply quotes a rule and offers nothing else"),
    ("unanswered", "still waiting", "their question gets no answer"),
    ("unanswered_ask", "still waiting", "their question gets no answer"),
    ("no_acknowledgement", "feels unheard", "their feelings go unmentioned"),
    ("no_alternative", "feels stonewalled", "the reply says no with nothing else on offer"),
    ("no_apology", "more annoyed", "our mistake goes unowned"),
    ("overpromise", "reassured for now", "the promise may not hold, and a broken one costs trust"),
    ("self_promotion", "feels sold to", "the reply talks about us, not their problem"),
    ("no_next_step", "unsure what happens next", "the reply gives no next step"),
)


def _landing(
    text: str, findings: Sequence[Finding], gaps: Sequence[Missing], customer: Customer | None
) -> Landing:
    kinds = {f.kind for f in findings} | {m.kind for m in gaps}
    for kind, reaction, reason in _LANDINGS:
        if kind in kinds:
            return Landing(reaction=reaction, reason=reason)
    if not text.strip():
        return Landing(reaction="still waiting", reason="the reply is empty")
    if customer is not None and customer.upset:
        return Landing(reaction="relieved", reason="the reply recognises how they feel and deals with it")
    if customer is not None and customer.asks:
        return Landing(reaction="satisfied", reason="the reply answers what they asked")
    return Landing(reaction="reassured", reason="the reply is clear and kind")


_Defaults = tuple[Flagger, Callable[[str], float], Callable[[Customer], bool], Answers]
_loaded: _Defaults | None = None


def _defaults() -> _Defaults:
    """The bundled tone, politeness, warmth and answer models over one encoder, loaded once per process."""
    global _loaded  # noqa: PLW0603 - one lazily loaded set of models per process
    if _loaded is None:
        from humanly.engine.analyzer import MODELS
        from humanly.engine.encoder import Encoder

        encoder = Encoder(MODELS, threads=1)
        tone, polite = ToneModel(MODELS, encoder=encoder), Politeness(MODELS, threads=1, encoder=encoder)
        _loaded = (
            tone.flags,
            lambda text: draft_politeness(polite, tone, text),
            Warmth(MODELS),
            Answers(MODELS),
        )
    return _loaded


def draft_politeness(polite: Politeness, tone: ToneModel, draft: str) -> float:
    """Politeness of a draft's opening, from the tone model's encoder pass (no second pass)."""
    return polite.score_states([tone.states(draft)[:DRAFT_TOKENS]])[0]


MODEL_WHY: dict[str, str] = {
    "blame": "Reads as putting the problem on the customer; even if true, it feels like an accusation.",
    "defensive": "Reads as defending the company instead of dealing with what went wrong for them.",
    "condescending": "Reads as talking down to the customer, as if they should have known better.",
    "dismissive": "Reads as making light of what happened to them; they will feel unheard.",
    "sarcastic": "Reads as mocking the customer's trouble, however it is meant.",
    "irritated": "Reads as impatient with the customer; they will feel like a nuisance.",
    "policy_wall": "Reads as hiding behind a rule with nothing else offered; it feels like a closed door.",
    "overpromise": "Promises more than anyone can be sure of; if it slips, trust goes with it.",
    "self_promotion": "Reads as selling the company when the customer came for help.",
    "cold": "Reads like a system notice to someone going through something hard; nothing recognises it.",
    "unanswered": "Stands in for an answer the customer asked for; they will have to ask again.",
}
_KEEP = re.compile(
    r"\d|\b(?:I|we)(?:'ll|\s+will|'ve|\s+have|'m|\s+am)\b|\b(?:today|tomorrow|tonight|monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday|week|month)\b",
    re.IGNORECASE,
)
# An instruction is content too: "Just restart it.", "You press the green button."
_INSTRUCTION = re.compile(
    r"^\W*(?:(?:e\.g\.|so|then|now|just|simply|please|first)[,\s]+)*(?:restart|reboot|click|press|tap|open|"
    r"go|select|choose|try|use|enter|type|log|sign|reset|update|turn|switch|follow|send|call|visit|download|"
    r"install|plug|hold|unplug|clear|delete|add|remove|change|set|scroll)\b|\byou\s+(?:can|could|need\s+to|"
    r"press|click|tap|open|select|enter|type|go)\b",
    re.IGNORECASE,
)
_VALIDATES = re.compile(
    r"\W*(?:not\s+a\s+(?:stupid|silly|daft|dumb)\s+question|(?:it'?s\s+)?(?:totally|completely|perfectly|very)\s+"
    r"(?:reasonable|normal|fair|understandable|natural)|(?:(?:ha(?:ha)*|oh|aw+),?\s+)?we'?ve\s+all\s+been\s+there)\b",
    re.IGNORECASE,
)
_CONCESSION = re.compile(
    r"\W*(?:fair\s+enough|fair\s+point|point\s+taken|totally\s+fair|that'?s\s+(?:fair|a\s+fair\s+point))\b",
    re.IGNORECASE,
)
# What the tone model may still find in a reply to thanks or praise.
_AFTER_PRAISE = frozenset({"self_promotion", "unanswered"})
# A reply that mocks, talks down or snaps is not cold, it is worse: its own words are named, and the
# missing acknowledgement is still reported. (Blame and defence often come with a cold notice.)
_HOSTILE = frozenset({"condescending", "sarcastic", "irritated"})
# Kinds whose sentences carry tone rather than content: with no fact or commitment in them they can go.
_TONE_ONLY = frozenset({"sarcastic", "self_promotion", "dismissive", "condescending", "irritated"})


def _model_fix(kind: str, customer: Customer | None) -> Callable[[str], str]:
    """A calmer wording for a sentence the model flagged. The rules have no words for it, so the
    agent is asked to reword it, kept in view between brackets; a sentence that only carries tone
    (no number, date or commitment) goes."""
    if kind == "cold" and customer is not None:
        ack = acknowledgement_for(customer)
        return lambda span: f"{ack} {span[:1].upper()}{span[1:]}"  # the span now starts a sentence
    if kind == "unanswered":
        return lambda span: ANY_ANSWER + (f" {span}" if _KEEP.search(span) else "")
    if kind in _TONE_ONLY:
        return lambda span: (
            f"[Say this more kindly: {span.strip()}]"
            if _KEEP.search(span) or _INSTRUCTION.search(span)
            else ""
        )
    return lambda span: f"[Say this more kindly: {span.strip()}]"


_SIGN_OFF = re.compile(
    r"^(?:best(?:\s+wishes)?|kind\s+regards|warm(?:est)?\s+regards|regards|many\s+thanks|thanks|thank\s+you|"
    r"cheers|take\s+care|all\s+the\s+best|yours(?:\s+sincerely|\s+faithfully)?|sincerely)\s*,?\s*$",
    re.IGNORECASE | re.MULTILINE,
)


def _sign_off_at(text: str) -> int:
    """Where the closing "Best wishes," line starts, when it stands in the last four lines; else the end."""
    tail = len(text)
    for _ in range(4):
        tail = text.rfind("\n", 0, tail)
        if tail < 0:
            break
    found = list(_SIGN_OFF.finditer(text, max(tail, 0)))
    return found[-1].start() if found else len(text) + 1


_LETTER = re.compile(r"[^\W\d_]")


def _line_key(sentence: str) -> str:
    return sentence.strip().rstrip(".!,;:").casefold()


# The guard's own sentences: the acknowledgements a rewrite opens with and every whole sentence a rule
# offers as the calmer wording. The tone model never flags them, so a rewrite passes its own check.
_OWN_LINES = frozenset(
    _line_key(line)
    for line in (
        *GUARD_LINES,
        *(r.fix.words for r, _ in _ORDERED if isinstance(r.fix, Say) and r.fix.words[:1].isupper()),
    )
)


def _own_line(sentence: str) -> bool:
    return _line_key(sentence) in _OWN_LINES


def _model_hits(
    text: str, flagged: Sequence[Flag], hits: Sequence[_Hit], customer: Customer | None
) -> list[_Hit]:
    """Sentences the tone model flags that no rule has claimed, but for the guard's own lines."""
    found: list[_Hit] = []
    rechecking = customer is not None and customer.rechecking
    for flag in flagged:
        # The kinds that depend on the customer need the message and what the rules read in it.
        if flag.kind == "cold" and (
            not chills(text, customer) or any(h.kind == "cold" for h in [*hits, *found])
        ):
            continue
        # Once a marked place for the answer stands in the text, the answer is the agent's to give.
        if flag.kind == "unanswered" and (
            customer is None
            or not customer.asks
            or ANSWER_MARK in text
            or all(plainly_answered(ask, text) for ask in customer.asks)
        ):
            continue
        if flag.kind == "dismissive" and customer is not None and customer.blames_self:
            continue
        if flag.kind == "self_promotion" and customer is not None and customer.asks_about_us:
            continue
        # "I can't promise a date, but I'll chase it today" is the honest answer, not a promise.
        if flag.kind == "overpromise" and _NO_PROMISE.search(text, flag.start, flag.end):
            continue
        if flag.kind == "irritated" and holds_kind_reminder(text, flag.start, flag.end, rechecking):
            continue
        # "Not a stupid question at all - lots of people ask." and "Haha, we've all been there" take the
        # customer's side.
        if _VALIDATES.match(text, flag.start, flag.end):
            continue
        # "Fair enough, that email told you nothing" concedes the point; the model hears irony in it.
        if flag.kind == "sarcastic" and _CONCESSION.match(text, flag.start, flag.end):
            continue
        # Gladness answers thanks and praise; only a boast or a missed question is worth a word there.
        if customer is not None and customer.pleased and flag.kind not in _AFTER_PRAISE:
            continue
        if only_warm(text[flag.start : flag.end]):  # "Not a bother at all, Lily!" alone has nothing to revise
            continue
        sentence = text[flag.start : flag.end].strip()
        if not _LETTER.search(sentence):  # an emoji or a number on its own carries no tone to revise
            continue
        if _own_line(sentence):  # our own words (the agent's placeholders are dropped in _find)
            continue
        if is_greeting(sentence) or flag.start >= _sign_off_at(text):  # "Hi Ana," and "Best wishes, Sam"
            continue
        if any(h.start < flag.end and flag.start < h.end for h in hits):
            continue
        start = _body(text, flag.start, flag.end)
        found.append(_Hit(flag.kind, start, flag.end, MODEL_WHY[flag.kind], _model_fix(flag.kind, customer)))
    return found


def _read_answers(
    text: str, spans: Sequence[tuple[int, int]], hits: list[_Hit], customer: Customer, answers: Answers
) -> tuple[list[_Hit], list[Ask]]:
    """The answer reading's say on ``unanswered`` findings: one on a sentence it doubts stands in for an
    answer is let go (the ask stays missing), and with none left, its likeliest sentence is named when
    it is likely enough and no other finding holds it. Returns the findings and the asks it names."""
    body = body_sentences(text, spans)
    chances = answers.probabilities(text, body, customer)
    if not chances:
        return hits, []

    def chance(start: int, end: int) -> float:
        return max((p for (s, e), p in zip(body, chances, strict=True) if s < end and start < e), default=0.0)

    kept = [h for h in hits if h.kind != "unanswered" or chance(h.start, h.end) >= answers.doubt_below]
    if any(h.kind == "unanswered" for h in kept):
        return kept, []
    best = max(range(len(body)), key=chances.__getitem__)
    s, e = body[best]
    s = _body(text, s, e)
    held = any(h.start < e and s < h.end for h in kept)
    if chances[best] < answers.pick_at or held or _own_line(text[s:e].strip()):
        return kept, []
    asks = (
        [a for a in customer.asks if not answered(a, text, customer.text)]
        or [a for a in customer.asks if not plainly_answered(a, text)]
        or list(customer.asks)
    )
    return sorted([*kept, _stand_in(text, s, e, asks)], key=lambda h: h.start), asks


def _find(
    text: str, customer: Customer | None, model: Flagger | None = None, answers: Answers | None = None
) -> tuple[list[_Hit], list[Missing]]:
    spans = sentences(text) if text.strip() else []
    phrase = _resolve(text, _phrase_hits(text, spans, customer), spans)
    flagged: Sequence[Flag] = ()
    if model is not None and spans:
        flagged = model(text, spans, customer.text if customer is not None else None)
    hits, gaps = _context_hits(text, spans, phrase, customer, flagged)
    if flagged:
        hits = sorted([*hits, *_model_hits(text, flagged, hits, customer)], key=lambda h: h.start)
    if any(h.kind in _HOSTILE for h in hits):
        hits = [h for h in hits if h.kind != "cold"]
    if answers is not None and customer is not None and customer.asks and ANSWER_MARK not in text:
        hits, named = _read_answers(text, spans, hits, customer, answers)
        asked = {m.ask for m in gaps if m.kind == "unanswered_ask"}
        gaps = [*(Missing("unanswered_ask", UNANSWERED_ASK_WHY, a) for a in named if a not in asked), *gaps]
    # Words the guard has handed back to the agent in square brackets are theirs to reword.
    marked = [(m.start(), m.end()) for m in _MARKED.finditer(text)]
    return [h for h in hits if not any(a <= h.start < b for a, b in marked)], gaps


def _polish(text: str, customer: Customer | None, model: Flagger | None, answers: Answers | None) -> str:
    """Check the rewrite again and calm what is left (a fix can uncover a second problem in a span)."""
    for _ in range(REWRITE_PASSES):
        hits, _ = _find(text[:MAX_DRAFT], customer, model, answers)
        if not hits:
            break
        for hit in sorted(hits, key=lambda h: h.start, reverse=True):
            text = put(text, hit.start, hit.end, _suggest(text, hit))
        text = tidy(text)
    return text or empty_reply(customer)


# --- the verb -----------------------------------------------------------------------------------


def check_reply(
    draft: str,
    message: str | None = None,
    analysis: Analysis | None = None,
    *,
    analyze: Callable[[str], Analysis] | None = None,
    politeness: Callable[[str], float] | None = None,
    model: Flagger | None = None,
    warmth: Callable[[Customer], bool] | None = None,
    answers: Answers | None = None,
    whole_rewrite: bool = True,
) -> ToneReport:
    """Check an agent's draft reply, in the light of the customer's message when there is one.

    ``analysis`` is the engine's reading of ``message``; without it, ``analyze(message)`` is called
    when given, and otherwise the message is read with simple rules of this module.
    ``politeness`` scores the draft 0-1 and ``model`` flags the sentences that need revising; by
    default the bundled politeness and tone models are loaded on first use. ``warmth`` says whether a
    reply that acknowledges nothing reads as cold to the customer (by default the bundled warmth
    reading when the bundled tone model is used; without it, a clearly upset customer). ``answers``
    is the answer reading, which says which sentence stands in for an answer the customer asked for
    (by default the bundled one when the bundled tone model is used; without it, the rules alone). With
    ``whole_rewrite=False`` (a live check while the agent types) the report's ``rewrite`` is
    ``None``: writing it means checking the rewrite again, which doubles the cost of a check.
    """
    draft = draft if isinstance(draft, str) else str(draft)
    if analysis is None and message and analyze is not None:
        analysis = analyze(message)
    customer = read_customer(message, analysis)
    text = draft[:MAX_DRAFT]
    if model is None or politeness is None:
        default_model, default_politeness, default_warmth, default_answers = _defaults()
        warmth = warmth or (default_warmth if model is None else None)
        answers = answers or (default_answers if model is None else None)
        model, politeness = model or default_model, politeness or default_politeness
    if customer is not None and warmth is not None:
        customer = dataclasses.replace(customer, wants_warmth=warmth(customer))
    hits, gaps = _find(text, customer, model, answers)
    findings = tuple(Finding(h.kind, h.start, h.end, h.why, _suggest(text, h)) for h in hits)
    heat = _heat(text, findings)
    verdict: Verdict = "revise" if findings or gaps else "send"
    logger.debug("check_reply: %d findings, %d missing, verdict %s", len(findings), len(gaps), verdict)
    return ToneReport(
        draft=draft,
        findings=findings,
        missing=tuple(gaps),
        scores=_scores(text, findings, gaps, heat),
        politeness=round(politeness(text), 3),
        landing=_landing(text, findings, gaps, customer),
        heat=heat,
        verdict=verdict,
        rewrite=None
        if not whole_rewrite
        else _polish(rewrite(draft, findings, gaps, customer), customer, model, answers)
        if verdict == "revise"
        else draft,
    )
