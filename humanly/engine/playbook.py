"""The difficult-conversation playbook: where a conversation stands and what the next reply should do.

Component ``humanly.playbook.v1``. From the thread so far (customer and agent turns, ending with the
customer's), it picks the stage of the next reply:

- ``calm``: the customer is working with us; carry on helping.
- ``redirect``: they are venting, looping or fixed on what can't change; acknowledge briefly and steer
  back to the next thing that can be done.
- ``boundary``: they push for something out of scope or are being disrespectful; a kind, firm limit,
  with an alternative.
- ``graceful_exit``: abuse after a limit was set, threats, or a flat refusal to work together; restate
  what is on offer, let them choose to leave, keep the door open, offer a hand-off to a lead.

and the customer's trajectory (escalating, de-escalating, steady). The signals are the engine's reading of
each customer turn (sentiment, flags, asks) and a few patterns for what people do in such threads
(cooperate, push, threaten, refuse, repeat themselves) and what the agent already did (set a limit).
``models/playbook.json`` holds a linear model over those signals and the sentence vector of the
customer's last message, trained by ``training/train_playbook.py``; without it (or without the vector)
the stage comes from the rules in ``rule_stage``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from humanly.engine.encoder import FloatArray
from humanly.engine.knowledge import terms
from humanly.engine.types import Analysis, Reading, Stage, Trajectory, Turn

__all__ = [
    "FEATURES",
    "PLAYBOOK",
    "PLAYBOOK_TOKENS",
    "STAGES",
    "Playbook",
    "features",
    "last_customer_text",
    "rule_stage",
    "trajectory",
]

PLAYBOOK = "humanly.playbook.v1"
STAGES: tuple[Stage, ...] = ("calm", "redirect", "boundary", "graceful_exit")
# The model reads the sentence vector of the first this-many tokens of the customer's last message.
PLAYBOOK_TOKENS = 64
_I = re.IGNORECASE


def _any(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in parts), _I)


_INSULT = _any(
    r"\b(?:idiots?|morons?|clowns?|useless|incompetent|pathetic|stupid|liars?|lying|thie(?:f|ves)|scam(?:mers?)?|"
    r"crooks?|joke|clueless|brain\s*dead|muppets?|imbeciles?|losers?|rubbish\s+company|shit\w*|crap|f\W?\w*k\w*|"
    r"damn|bloody|hell|love|sweetheart|darling|mate|sweetie)\b",
)
_THREAT = _any(
    r"\byou'?ll\s+(?:regret|be\s+sorry|pay)\b|\b(?:I'?ll|I\s+will|I'?m\s+going\s+to|gonna)\s+(?:tell|post|report|"
    r"sue|go\s+to|contact|name|expose|share|write|leave|make\s+sure|find\s+out|come\s+down)\b",
    r"\b(?:lawyers?|solicitors?|court|sue|ombudsman|trading\s+standards|chargeback|regulator|small\s+claims|"
    r"press|journalist|(?:bad|1[- ]star|one[- ]star)\s+reviews?|trustpilot|my\s+followers|social\s+media|last\s+chance|"
    r"or\s+else|final\s+warning|I\s+know\s+where)\b",
)
_LEAVE = _any(
    r"\b(?:cancel(?:l?ing|l?ed)?|close\s+my\s+account|leav(?:e|ing)|switch(?:ing)?|competitors?|elsewhere|"
    r"done\s+with\s+(?:you|this)|never\s+(?:again|use|buy|recommend)|take\s+my\s+(?:business|money)|"
    r"moving\s+to|go(?:ing)?\s+with\s+someone\s+else|I'?m\s+out|finished\s+with)\b",
)
_REFUSE = _any(
    r"\b(?:not\s+good\s+enough|I\s+don'?t\s+care|I\s+won'?t|I\s+will\s+not|I\s+refuse|forget\s+it|don'?t\s+bother|"
    r"whatever|no\s+thanks|not\s+interested|not\s+doing\s+(?:that|this|anything)|I'?m\s+not\s+(?:doing|going\s+to)|"
    r"not\s+(?:listening|accepting)|no\s+more\s+excuses|stop\s+(?:talking|wasting)|save\s+it|spare\s+me|"
    r"I'?ve\s+heard\s+(?:it|that|enough)|enough)\b",
    r"^\s*no[.!]*\s*$",
)
_SCOPE = _any(
    r"\b(?:guarantee[ds]?|promise|in\s+writing|written\s+(?:promise|guarantee)|for\s+free|free\s+of\s+charge|"
    r"on\s+the\s+house|at\s+no\s+(?:extra\s+)?(?:cost|charge)|exception|make\s+an\s+exception|bend\s+the\s+rules|"
    r"compensat\w+|refund\s+(?:and|plus)|as\s+well\s+as\s+a\s+refund|full\s+refund|waive|special\s+treatment|"
    r"his\s+account|her\s+account|their\s+account|(?:wife|husband|partner|son|daughter|mum|dad|mother|father|friend|"
    r"ex)'?s?\s+(?:account|details|password|address|number|records?)|password|someone\s+(?:senior|in\s+charge|"
    r"with\s+authority)|your\s+manager|supervisor|the\s+owner|ceo|for\s+me\b)",
)
_COOPERATE = _any(
    r"^\s*(?:ok(?:ay)?|sure|yes|yeah|yep|great|perfect|fine|right|alright|cool|got\s+it|understood|will\s+do|"
    r"sounds\s+good|that\s+works|that'?s\s+(?:fine|great|kind|helpful|perfect))\b",
    r"\b(?:thanks?|thank\s+you|cheers|appreciate(?:d)?|that\s+helps|makes\s+sense|fair\s+enough|I'?ll\s+try|"
    r"I'?ve\s+(?:tried|checked|done|sent|attached|restarted|updated)|here\s+(?:it\s+is|you\s+go|is\s+the)|"
    r"the\s+(?:number|code|reference|order)\s+is|it'?s\s+(?:number|order|ref)|yes\s+please|please\s+do)\b",
)
_LOOP = _any(
    r"\b(?:again|every\s+time|always|same\s+(?:answer|excuse|thing|story)|keep\s+(?:saying|telling|asking)|"
    r"how\s+many\s+times|(?:third|fourth|fifth|3rd|4th|5th)\s+time|still|already\s+(?:told|said|checked|tried|"
    r"explained)|you\s+people|your\s+company\s+always|typical)\b",
)
_LIMIT = _any(
    r"\b(?:respectful|respectfully|language|abuse|abusive|won'?t\s+be\s+able|can'?t|cannot|not\s+able\s+to|"
    r"unable\s+to|isn'?t\s+(?:something|part)|not\s+part\s+of|don'?t\s+offer|do\s+not\s+offer|not\s+possible|"
    r"no\s+longer|as\s+before|the\s+same\s+answer|I'?m\s+afraid)\b",
)

# What each firm stage needs at least one sign of.
_NEEDS = {
    "graceful_exit": ("limit_set", "insult_before", "threat", "refuse", "leave"),
    "boundary": (
        "insult",
        "abuse_flag",
        "scope",
        "expectation",
        "threat",
        "limit_set",
        "refuse",
        "insult_before",
    ),
}

FEATURES = (
    "bias",
    "insult",
    "insult_before",
    "abuse_flag",
    "threat",
    "leave",
    "refuse",
    "scope",
    "cooperate",
    "question",
    "loop",
    "overlap",
    "limit_set",
    "limits_set",
    "sentiment",
    "sentiment_drop",
    "shouting",
    "asks",
    "short",
    "turns",
    "expectation",
    "negative_no_ask",
)


def last_customer_text(turns: Sequence[Turn]) -> str:
    """The customer's last message: their turns after the agent's last one, joined."""
    return _customer_tail(turns)[0]


def _customer_tail(turns: Sequence[Turn]) -> tuple[str, list[str], list[str]]:
    """The last customer message (consecutive customer turns joined), earlier customer turns, agent turns."""
    tail: list[str] = []
    i = len(turns) - 1
    while i >= 0 and turns[i].role == "customer":
        tail.insert(0, turns[i].text)
        i -= 1
    earlier = [t.text for t in turns[: i + 1] if t.role == "customer"]
    agents = [t.text for t in turns if t.role == "agent"]
    return "\n".join(tail), earlier, agents


def _overlap(a: str, earlier: Sequence[str]) -> float:
    mine = set(terms(a))
    if not mine or not earlier:
        return 0.0
    return max(len(mine & set(terms(e))) / len(mine) for e in earlier)


def features(turns: Sequence[Turn], last: Analysis, first: Analysis | None) -> dict[str, float]:
    """The signals the stage is read from, each 0-1 (``sentiment`` -1..1)."""
    text, earlier, agents = _customer_tail(turns)
    before = "\n".join(earlier)
    words = len(text.split())
    negative = last.sentiment <= -0.3
    start = first.sentiment if first is not None else last.sentiment
    return {
        "bias": 1.0,
        "insult": float(_INSULT.search(text) is not None),
        "insult_before": float(_INSULT.search(before) is not None),
        "abuse_flag": float("abuse" in last.flags),
        "threat": float(_THREAT.search(text) is not None or "legal_threat" in last.flags),
        "leave": float(_LEAVE.search(text) is not None or "churn_threat" in last.flags),
        "refuse": float(_REFUSE.search(text) is not None),
        "scope": float(_SCOPE.search(text) is not None),
        "cooperate": float(_COOPERATE.search(text) is not None),
        "question": float("?" in text),
        "loop": float(_LOOP.search(text) is not None or "repeat_contact" in last.flags),
        "overlap": _overlap(text, earlier),
        "limit_set": float(any(_LIMIT.search(a) for a in agents)),
        "limits_set": min(1.0, sum(bool(_LIMIT.search(a)) for a in agents) / 2),
        "sentiment": last.sentiment,
        "sentiment_drop": max(0.0, start - last.sentiment),
        "shouting": float("shouting" in last.flags),
        "asks": min(1.0, len(last.asks) / 2),
        "short": float(words <= 12),
        "turns": min(1.0, len(turns) / 8),
        "expectation": float(bool(set(last.expectations) - {"other"})),
        "negative_no_ask": float(negative and not last.asks),
    }


def rule_stage(f: dict[str, float]) -> Stage:
    """The stage from the signals by hand-written rules (used when no trained model is shipped)."""
    rude = f["insult"] or f["abuse_flag"]
    if (rude and (f["limit_set"] or f["insult_before"])) or (f["threat"] and (f["leave"] or f["refuse"])):
        return "graceful_exit"
    if f["leave"] and f["refuse"]:
        return "graceful_exit"
    if rude or (f["scope"] and not f["cooperate"]) or f["threat"]:
        return "boundary"
    if f["cooperate"] and f["sentiment"] > -0.3:
        return "calm"
    if f["loop"] or f["negative_no_ask"] or f["sentiment"] <= -0.3:
        return "redirect"
    return "calm"


def trajectory(sentiments: Sequence[float], rude: Sequence[bool]) -> Trajectory:
    """How the customer's tone moves across their turns."""
    if len(sentiments) < 2:
        return "steady"
    change = sentiments[-1] - sentiments[0]
    if (rude[-1] and not rude[0]) or change <= -0.35:
        return "escalating"
    if change >= 0.35 and not rude[-1]:
        return "de_escalating"
    return "steady"


class Playbook:
    """Reads a thread's stage; loads the trained weights from ``models/playbook.json`` when present."""

    def __init__(self, model_dir: Path | None = None) -> None:
        self.trained = False
        path = model_dir / "playbook.json" if model_dir is not None else None
        if path is not None and path.exists():
            data = json.loads(path.read_text())
            self._weights = np.asarray([[data["weights"][s][n] for n in FEATURES] for s in STAGES])
            self._vector_weights = np.asarray([data["vector_weights"][s] for s in STAGES])
            self._intercept = np.asarray([data["intercept"][s] for s in STAGES])
            self.trained = True

    def read(
        self, turns: Sequence[Turn], analyses: Sequence[Analysis], vector: FloatArray | None = None
    ) -> Reading:
        """The stage for the next reply. ``analyses`` are the readings of the customer turns, in order (the
        last one reads the final customer message); ``vector`` is the sentence vector of the customer's last
        message (``last_customer_text``), which the trained model reads besides the signals."""
        last = analyses[-1]
        f = features(turns, last, analyses[0] if len(analyses) > 1 else None)
        rude = [bool(_INSULT.search(a.text)) or "abuse" in a.flags for a in analyses]
        path = trajectory([a.sentiment for a in analyses], rude)
        if not self.trained or vector is None:
            stage = rule_stage(f)
            scores: dict[str, float] = {s: (1.0 if s == stage else 0.0) for s in STAGES}
            confidence = 0.6
        else:
            signals = np.asarray([f[name] for name in FEATURES])
            logits = self._weights @ signals + self._vector_weights @ np.asarray(vector, dtype=np.float64)
            logits = logits + self._intercept
            exp = np.exp(logits - logits.max())
            probs = exp / exp.sum()
            scores = {s: round(float(p), 4) for s, p in zip(STAGES, probs, strict=True)}
            order = [STAGES[i] for i in np.argsort(-probs)]
            # An exit is for abuse after a limit, threats or a flat refusal; a limit for rudeness or a push
            # beyond what we offer. Without any such sign, the next best stage.
            first_contact = not any(t.role == "agent" for t in turns)
            # An expectation counts as a sign only when the reading found the words that show it.
            signs = f | {"expectation": float(any(e.label in last.expectations for e in last.evidence))}
            while order[0] in _NEEDS and not any(signs[name] for name in _NEEDS[order[0]]):
                if order[0] != "graceful_exit" and not first_contact:
                    break  # within a conversation the model reads the push or the loop from the thread itself
                order = order[1:]
            stage = order[0]
            confidence = scores[stage]
        reasons = tuple(
            name for name in FEATURES[1:] if name not in ("sentiment", "turns") and f[name] >= 0.5
        )
        return Reading(
            stage=stage, trajectory=path, confidence=round(confidence, 3), scores=scores, reasons=reasons
        )
