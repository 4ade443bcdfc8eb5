"""The difficult-conversation playbook: where a conversation stands and what the next reply should do.

Component ``humanly.playbook.v2``. From the thread so far (customer and agent turns, ending with the
customer's), it picks the stage of the next reply:

- ``calm``: the customer is working with us; carry on helping. The default.
- ``redirect``: they are venting, looping or fixed on what can't change; acknowledge briefly and steer
  back to the next thing that can be done.
- ``boundary``: they are hostile (names, contempt, abuse, threats) or keep pressing for what we can't
  give after we said no; a kind, firm limit, with what we can do.
- ``graceful_exit``: abuse after a limit was set, threats, or a flat refusal to work together; restate
  what is on offer, let them choose to leave, keep the door open, offer a hand-off to a lead.

and the customer's trajectory (escalating, de-escalating, steady). The signals are the engine's reading of
each customer turn (sentiment, flags, asks) and a few patterns for what people do in such threads
(cooperate, push, threaten, refuse, repeat themselves, worry, thank) and what the agent already did (set
a limit). ``models/playbook.json`` holds a linear model over those signals and the sentence vector of the
customer's last message, trained by ``training/train_playbook.py``; without it (or without the vector)
the stage comes from the rules in ``rule_stage``.

The model only weighs; the customer's own words decide what is possible (``grounds``). A boundary needs
hostility, or pressure within a conversation; a first message, however blunt its ask, is never met with
a limit unless it is hostile. Worry, thanks and politeness pull towards calm. Within a conversation the
model's probabilities are shared among the stages with grounds; on a first message (the model saw few in
training, and there it leans to a boundary for any polite question) the share of a stage without
grounds goes to the next milder one that has them, an exit's to a boundary and a boundary's to calm. A
firm stage the model is less than ``CONFIDENCE_FLOOR`` sure of is not offered. (v1 offered a stage the
model ranked first on a first message with one loose sign, and read "feedback", "Facebook" and "love"
as insults.)
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
    "CONFIDENCE_FLOOR",
    "FEATURES",
    "PLAYBOOK",
    "PLAYBOOK_TOKENS",
    "STAGES",
    "Playbook",
    "contempt",
    "features",
    "grounds",
    "last_customer_text",
    "rule_stage",
    "threat_kinds",
    "trajectory",
]

PLAYBOOK = "humanly.playbook.v2"
STAGES: tuple[Stage, ...] = ("calm", "redirect", "boundary", "graceful_exit")
# The model reads the sentence vector of the first this-many tokens of the customer's last message.
PLAYBOOK_TOKENS = 64
_I = re.IGNORECASE


def _any(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in parts), _I)


# Name-calling and contempt for the people answering or the business. Mild swearing ("bloody", "hell") and
# friendly words ("mate", "love", "feedback", "Facebook") are not insults: they are how many people talk.
_INSULT = _any(
    r"\b(?:idiots?|morons?|clowns?|pricks?|dicks?|dickheads?|wankers?|twats?|tossers?|arseholes?|assholes?|"
    r"bastards?|bitch(?:es)?|scum(?:bags?)?|muppets?|imbeciles?|losers?|liars?|lying|thie(?:f|ves)|"
    r"scam(?:mers?)?|crooks?|cowboys?|parasites?|useless|incompetent|pathetic|clueless|brain\s*dead|stupid|"
    r"dumb|trash|garbage|rubbish|a\s+joke|joke\s+of\s+a|(?:bull)?shit\w*|crap(?:py)?)\b",
    r"\bf+u+c*k+\w*|\bf[*#@%$]+(?:c?k)?\w*|\bfck\w*|\bfkn\b",
    r"\b(?:you(?:'?re|\s+are)?|you\s+people|you\s+lot)\s+(?:\w+\s+)?(?:thick|a\s+disgrace|beneath\s+contempt)\b",
    r"\b(?:go\s+to\s+hell|piss\s+off|get\s+lost|shut\s+up|screw\s+you|drop\s+dead)\b",
    r"\b(?:people|ppl|someone|staff)\s+with\s+(?:a\s+)?brains?\b",
    # a pet name used to talk down ("Listen, love", "Look sweetheart"), not a friendly "Thanks mate"
    r"\b(?:listen|look|calm\s+down|settle\s+down|relax|chill)\s*,?\s*(?:love|sweetheart|darling|sweetie|hun|babe|pal|"
    r"buddy|mate|sunshine)\b|(?:^|[.!?]\s+)(?:love|sweetheart|darling|sweetie|sunshine)\s*,",
)
# What people say about themselves ("my stupid questions", "I feel like an idiot") is not an insult.
_SELF = re.compile(r"\b(?:I'?m|I\s+am|I\s+was|I\s+feel|I\s+felt|my|me|myself)\s+(?:[\w']+\s+){0,3}$", _I)
# A threat: to harm the business (the bank, the press, the courts, reviews, the public) or the person.
_THREAT = _any(
    r"\byou'?ll\s+(?:regret|be\s+sorry|pay\s+for|see\s+what\s+happens)\b|\bor\s+else\b|(?:^|[.!?]\s+)last\s+chance\b|"
    r"\bI\s+know\s+(?:where\s+(?:you|she|he|they)\s+lives?|people\s+who\s+can)\b",
    # "... or I go to the bank", "... or we publish"
    r"\bor\s+(?:I|we)(?:'?ll|\s+will|'?m\s+going\s+to|\s+am\s+going\s+to)?\s+(?:go(?:ing)?\s+to|contact|call|report|"
    r"take\s+(?:this|it)|tell|post|publish|sue|dispute|write\s+to|name)\b",
    # "I'll post it everywhere", "gonna tell the world what crooks you are", "we're going to the papers"
    r"\b(?:(?:I|we)(?:'?ll|\s+will|'?m\s+going\s+to|\s+am\s+going\s+to|\s+are\s+going\s+to|'?re\s+going\s+to|"
    r"\s+shall)|gonna)\s+(?:\w+\s+)?(?:tell\s+(?:everyone|everybody|the\s+world|all\s+my\s+\w+)(?:\s+(?:what|that|about)|"
    r"(?=\s*[.!]))|post\s+(?:this|it|about\s+(?:you|this|it))\s+(?:online|everywhere|on)|post\s+(?:your|ur)\s+\w+|"
    r"report\s+you|sue|expose|name\s+(?:you|and\s+shame)|naming\s+you|publish\s+(?:this|it|the\s+details|everything)|"
    r"go\s+to\s+(?:the\s+(?:press|papers|bank|police|ombudsman|regulator)|my\s+bank|court|a\s+lawyer|"
    r"my\s+(?:lawyer|solicitor))|come\s+down\s+there|dispute\s+(?:it|this|the))\b",
    r"\b(?:sue|suing|legal\s+action|(?:my|our)\s+(?:lawyers?|solicitors?|legal\s+team)|(?:see\s+you\s+in|take\s+\w+\s+to)\s+"
    r"court|ombudsman|trading\s+standards|chargeback|regulator|small\s+claims|(?:to|in|tell)\s+the\s+(?:press|papers)|"
    r"journalists?|(?:leave|leaving|write|writing|post|posting|give|giving)\s+(?:you\s+)?(?:a\s+)?(?:bad|terrible|"
    r"negative|1[- ]star|one[- ]star)\s+reviews?|trustpilot|(?:tell|warn)\s+(?:all\s+)?my\s+(?:\w+\s+)?followers|"
    r"final\s+warning|name\s+and\s+shame|take\s+(?:your|the)\s+(?:site|website|server|app)\s+down|"
    r"(?:this\s+is\s+your|you\s+have\s+one|you'?ve\s+got\s+one|your)\s+last\s+chance|reviews?\s+go(?:es)?\s+up)\b",
)
# What a threat is of, for a boundary that answers it: the bank, going public, the law.
_THREAT_KINDS = (
    ("bank", _any(r"\b(?:bank|chargeback|card\s+company|dispute)\b")),
    (
        "public",
        _any(
            r"\b(?:press|papers|newspapers?|journalists?|reviews?|trustpilot|followers|social\s+media|online|everywhere|"
            r"publish|blog|tell\s+(?:everyone|everybody|the\s+world)|expose|name\s+and\s+shame|naming\s+you)\b"
        ),
    ),
    (
        "legal",
        _any(
            r"\b(?:lawyers?|solicitors?|court|sue|suing|legal|ombudsman|trading\s+standards|regulator|small\s+claims)\b"
        ),
    ),
)
_LEAVE = _any(
    r"\b(?:cancel(?:l?ing|l?ed|lation)?|close\s+my\s+account|leav(?:e|ing)|switch(?:ing)?|competitors?|elsewhere|"
    r"done\s+with\s+(?:you|this)|never\s+(?:again|use|buy|recommend)|take\s+my\s+(?:business|money)|"
    r"moving\s+to|go(?:ing)?\s+with\s+someone\s+else|I'?m\s+out|finished\s+with|not\s+into\s+it\s+any\s*more|"
    r"giv(?:e|ing)\s+up\s+on|(?:delet|uninstall)(?:e|ing)\s+(?:the|my|your)\s+(?:app|game|account)|"
    r"(?:our|my)\s+new\s+(?:accountant|provider|supplier|bank|agency))\b",
)
# A refusal to go on working together. Not "or whatever", "fair enough" or "I won't be able to make it".
_REFUSE = _any(
    r"\b(?:not\s+good\s+enough|I\s+don'?t\s+care|I\s+refuse|forget\s+it|don'?t\s+bother|no\s+thanks|not\s+interested|"
    r"not\s+doing\s+(?:that|this|anything)|not\s+(?:listening|accepting)|no\s+more\s+excuses|stop\s+(?:talking|wasting)|"
    r"save\s+it|spare\s+me|I'?ve\s+heard\s+(?:it|that|enough)|I'?ve\s+had\s+enough|enough\s+is\s+enough|"
    r"that'?s\s+enough|I\s+said\s+no|nothing\s+else|or\s+nothing|can'?t\s+be\s+bothered|"
    r"I'?ve\s+made\s+(?:up\s+)?my\s+(?:decision|mind))\b",
    r"\bI(?:\s+won'?t|\s+will\s+not|'?m\s+not|\s+am\s+not)\s+(?:going\s+to\s+)?(?:be\s+)?(?:pay|accept|do|send|discuss|"
    r"explain|talk|deal|appeal|reinstall|clear|go\s+through|jump|listen)\w*\b",
    r"^\s*(?:no|whatever|enough)[.!]*\s*$|(?:^|[.!?]\s+)(?:whatever|enough)\s*[.!]",
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

# An agent's no, said in more ways than the model's ``limit_set`` reads: the grounds for calling a demand
# made again a push.
_NO = _any(
    r"\b(?:we|I)\s+(?:don'?t|do\s+not|can'?t|cannot|won'?t|aren'?t\s+able|am\s+not\s+able|'?m\s+not\s+able|are\s+unable|"
    r"am\s+unable|no\s+longer)\b",
    r"\b(?:isn'?t|is\s+not|aren'?t|are\s+not)\s+(?:included|possible|available|something|part|covered|refundable)\b",
    r"\b(?:outside|beyond)\s+(?:the|that|our|this|of|what)\b|\bseparate\s+(?:engagement|service|product|charge|fee)\b|"
    r"\bfor\s+one\s+person\b|\bnot\s+able\s+to\b|\bunable\s+to\b",
)
# Worry, thanks and politeness in the customer's own words: they pull the next reply towards calm.
_WORRY = _any(
    r"\b(?:worried|worrying|worries|anxious|nervous|panic\w*|stressed|stressing|afraid|scared|frightened|terrified|"
    r"freaking\s+out|desperate|in\s+tears)\b",
)
_KIND = _any(
    r"\b(?:thanks?|thank\s+you|thankful|cheers|appreciate[ds]?|grateful|please|sorry|apologies|kind\s+regards|"
    r"best\s+wishes|if\s+(?:possible|you\s+can)|would\s+you\s+mind|no\s+worries|no\s+rush)\b",
)
_WORRY_EMOTIONS = frozenset({"fear", "nervousness"})
_KIND_EMOTIONS = frozenset({"gratitude", "relief"})

# A firm stage (redirect, boundary, graceful exit) the model gives less than this is not offered: the
# model is not sure, and the next reply stays calm.
CONFIDENCE_FLOOR = 0.4

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


def contempt(text: str) -> bool:
    """Whether the text calls someone names or shows contempt for them; words people say about themselves
    ("my stupid questions") don't count."""
    return any(not _SELF.search(text[max(0, m.start() - 40) : m.start()]) for m in _INSULT.finditer(text))


def threat_kinds(text: str) -> tuple[str, ...]:
    """What a threat in the text is of: ``bank``, ``public`` (the press, reviews, followers), ``legal``, or
    ``other``; empty when the text holds no threat."""
    if _THREAT.search(text) is None:
        return ()
    return tuple(kind for kind, pattern in _THREAT_KINDS if pattern.search(text)) or ("other",)


def features(turns: Sequence[Turn], last: Analysis, first: Analysis | None) -> dict[str, float]:
    """The signals the stage is read from, each 0-1 (``sentiment`` -1..1): ``FEATURES``, which the trained
    model reads, and the grounds the stages need (``first_contact``, ``worry``, ``politeness``,
    ``expectation_seen``), which only the rules read."""
    text, earlier, agents = _customer_tail(turns)
    before = "\n".join(earlier)
    words = len(text.split())
    negative = last.sentiment <= -0.3
    start = first.sentiment if first is not None else last.sentiment
    labels = set(last.emotions.labels)
    return {
        "bias": 1.0,
        "insult": float(contempt(text)),
        "insult_before": float(contempt(before)),
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
        "first_contact": float(not agents),
        "said_no": float(any(_LIMIT.search(a) or _NO.search(a) for a in agents)),
        "worry": float(_WORRY.search(text) is not None or bool(labels & _WORRY_EMOTIONS)),
        "politeness": float(_KIND.search(text) is not None or last.emotions.dominant in _KIND_EMOTIONS),
        "expectation_seen": float(any(e.label in last.expectations for e in last.evidence)),
    }


def grounds(f: dict[str, float]) -> dict[Stage, tuple[str, ...]]:
    """The firm stages the customer's own words give grounds for, each with the signs that do; calm and
    redirect need none. A boundary needs hostility (names, contempt, abuse, a threat) or pressure, which
    takes a conversation: a push for what we don't offer, a refusal, a demand made again after our no, or
    earlier hostility kept up. A graceful exit needs a threat, hostility after a limit or with a wish to
    leave, or within a conversation a wish to leave, a refusal, earlier hostility or a limit already
    set. Worry, thanks and politeness pull towards calm: from a customer who shows them, a new ask is not
    a push, and earlier hostility or a limit set is no reason on its own for a firm reply."""

    def on(*names: str) -> tuple[str, ...]:
        return tuple(n for n in names if f.get(n, 0.0) >= 0.5)

    hostile = on("insult", "abuse_flag", "threat")
    conversation = not f.get("first_contact", 0.0)
    pulled = bool(on("worry", "politeness"))
    asking = on("asks", "question", "scope", "expectation_seen", "refuse")
    pressure: tuple[str, ...] = ()
    if conversation:
        pressure = on("scope", "expectation_seen", "refuse")
        if on("said_no") and (asking or not (pulled or on("cooperate"))):
            pressure += ("said_no",)  # the same demand, or no acceptance, after our no
        elif asking and not pulled:
            pressure += ("asks again",)
        if not pulled:
            pressure += on("insult_before")
    out: dict[Stage, tuple[str, ...]] = {"calm": (), "redirect": ()}
    if hostile or pressure:
        out["boundary"] = hostile + pressure
    exit_ = on("threat")
    if hostile:
        exit_ += on("limit_set", "insult_before", "leave")
    if conversation:
        leaving = on("leave", "refuse") + hostile
        settled = pulled or bool(on("cooperate"))
        exit_ += leaving + (on("insult_before", "limit_set") if leaving or not settled else ())
    if exit_:
        out["graceful_exit"] = tuple(dict.fromkeys(exit_))
    return out


def rule_stage(f: dict[str, float]) -> Stage:
    """The stage from the signals by hand-written rules (used when no trained model is shipped)."""
    ok = grounds(f)
    rude = f.get("insult", 0.0) or f.get("abuse_flag", 0.0)
    threat, leave, refuse = f.get("threat", 0.0), f.get("leave", 0.0), f.get("refuse", 0.0)
    if "graceful_exit" in ok and (
        (rude and (f.get("limit_set", 0.0) or f.get("insult_before", 0.0)))
        or (threat and (leave or refuse))
        or (leave and refuse)
    ):
        return "graceful_exit"
    if "boundary" in ok:
        return "boundary"
    if f.get("cooperate", 0.0) and f.get("sentiment", 0.0) > -0.3:
        return "calm"
    if f.get("loop", 0.0) or f.get("negative_no_ask", 0.0) or f.get("sentiment", 0.0) <= -0.3:
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
        message (``last_customer_text``), which the trained model reads besides the signals.

        Only the stages the thread gives grounds for (``grounds``) are offered. Within a conversation the
        model's probabilities are shared among them; on a first message the share of a stage without
        grounds goes to the next milder one that has them. A firm stage the model gives less than ``CONFIDENCE_FLOOR`` is not offered
        either, and the reasons then say ``unsure``. The reasons also name the worry and politeness that
        pull towards calm."""
        last = analyses[-1]
        f = features(turns, last, analyses[0] if len(analyses) > 1 else None)
        rude = [contempt(a.text) or "abuse" in a.flags for a in analyses]
        path = trajectory([a.sentiment for a in analyses], rude)
        ok = grounds(f)
        extra: tuple[str, ...] = tuple(n for n in ("worry", "politeness") if f[n] >= 0.5)
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
            if f["first_contact"]:
                # On a first message (few of them in training) the share of a stage without grounds goes to
                # the next milder one that has them: an exit's to a boundary, a boundary's to calm.
                milder = {"graceful_exit": "boundary" if "boundary" in ok else "calm", "boundary": "calm"}
                for firm, to in milder.items():
                    if firm not in ok:
                        probs[STAGES.index(to)] += probs[STAGES.index(firm)]
                        probs[STAGES.index(firm)] = 0.0
            else:  # within a conversation the model's odds between the stages left stand
                probs = probs * np.asarray([s in ok for s in STAGES])
                probs = probs / probs.sum()
            scores = {s: round(float(p), 4) for s, p in zip(STAGES, probs, strict=True)}
            stage = STAGES[int(np.argmax(probs))]
            if stage != "calm" and scores[stage] < CONFIDENCE_FLOOR:
                stage, extra = "calm", (*extra, "unsure")
            confidence = scores[stage]
        reasons = tuple(
            name for name in FEATURES[1:] if name not in ("sentiment", "turns") and f[name] >= 0.5
        )
        return Reading(
            stage=stage,
            trajectory=path,
            confidence=round(confidence, 3),
            scores=scores,
            reasons=reasons + extra,
        )
