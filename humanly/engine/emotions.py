"""Emotions: the 28 GoEmotions labels from the encoder's logits, plus sentiment and intensity.

Component name: ``humanly.emotions.minilm.v1``. Thresholds per label were chosen on a
held-out fold of the GoEmotions *train* split when the model was trained. What the writer says
outright about how they feel (``humanly.emotions.stated.v1``, in ``emotions_stated``) is merged
into the model's scores before the labels are chosen.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from humanly.engine.emotions_stated import PLAIN, insults, merged_feelings, stated_feelings
from humanly.engine.lexical import MAX_CHARS, LexicalModel
from humanly.engine.text import BURST
from humanly.engine.types import Emotions

NEUTRAL = "neutral"

POSITIVE = frozenset(
    [
        "amusement",
        "excitement",
        "joy",
        "love",
        "desire",
        "optimism",
        "caring",
        "pride",
        "admiration",
        "gratitude",
        "relief",
        "approval",
    ]
)
NEGATIVE = frozenset(
    [
        "fear",
        "nervousness",
        "remorse",
        "embarrassment",
        "disappointment",
        "sadness",
        "grief",
        "disgust",
        "anger",
        "annoyance",
        "disapproval",
    ]
)
EKMAN = {
    "anger": ("anger", "annoyance", "disapproval"),
    "disgust": ("disgust",),
    "fear": ("fear", "nervousness"),
    "joy": (
        [
            "joy",
            "amusement",
            "approval",
            "excitement",
            "gratitude",
            "love",
            "optimism",
            "relief",
            "pride",
            "admiration",
            "desire",
            "caring",
        ]
    ),
    "sadness": ("sadness", "disappointment", "embarrassment", "grief", "remorse"),
    "surprise": ("surprise", "realization", "confusion", "curiosity"),
}

HOSTILE = ("anger", "annoyance", "disgust", "disapproval")
_SHOUTED_WORD = re.compile(r"\b[A-Z]{3,}\b")
_WORD = re.compile(r"\b[A-Za-z]{3,}\b")


@dataclass(frozen=True, slots=True)
class EmotionModel:
    """The encoder's emotion head blended with lexical models, weights and thresholds from ``emotions.json``."""

    labels: tuple[str, ...]
    thresholds: npt.NDArray[np.float32]
    name: str
    encoder_weight: float
    lexical: tuple[tuple[LexicalModel, float], ...]

    @classmethod
    def load(cls, model_dir: Path) -> EmotionModel:
        meta = json.loads((model_dir / "emotions.json").read_text(encoding="utf-8"))
        blend = meta.get("blend", {})
        lexical = tuple(
            (LexicalModel(model_dir / f"emotions_{name}.npz"), float(weight))
            for name, weight in blend.items()
            if name != "encoder" and float(weight) > 0
        )
        return cls(
            tuple(meta["labels"]),
            np.asarray(meta["thresholds"], dtype=np.float32),
            meta["name"],
            float(blend.get("encoder", 1.0)),
            lexical,
        )

    def probabilities(
        self, logits: npt.NDArray[np.float32], texts: list[str], weights: list[float]
    ) -> npt.NDArray[np.float32]:
        """Blend the encoder and lexical scores per piece, then combine the pieces of one message:
        the mean, lifted halfway towards the strongest piece (neutral takes the plain mean)."""
        probs: npt.NDArray[np.float64] = self.encoder_weight / (1.0 + np.exp(-logits.astype(np.float64)))
        for model, weight in self.lexical:
            probs = probs + weight * np.stack([model.probabilities(t) for t in texts])
        w = np.asarray(weights, dtype=np.float64)
        mean: npt.NDArray[np.float64] = (probs * w[:, None]).sum(0) / max(float(w.sum()), 1e-9)
        combined: npt.NDArray[np.float64] = 0.5 * mean + 0.5 * probs.max(0)
        combined[self.labels.index(NEUTRAL)] = mean[self.labels.index(NEUTRAL)]
        result: npt.NDArray[np.float32] = combined.astype(np.float32)
        return result

    def lifted(self, probs: npt.NDArray[np.float32], label: str) -> npt.NDArray[np.float32]:
        """``probs`` with ``label`` raised to its threshold, when nothing the model read already carries a
        feeling (every label over its threshold is neutral or one of mere interest: curiosity, confusion,
        surprise, realisation). For what the words say plainly and the model misses."""
        chosen = {label for label, p, t in zip(self.labels, probs, self.thresholds, strict=True) if p >= t}
        if chosen - {NEUTRAL, *EKMAN["surprise"]}:
            return probs
        k = self.labels.index(label)
        raised = probs.copy()
        raised[k] = max(float(probs[k]), float(self.thresholds[k]))
        return raised

    def stated(self, probs: npt.NDArray[np.float32], text: str) -> npt.NDArray[np.float32]:
        """``probs`` with what the writer says they feel merged in: a stated feeling scores at least its
        strength and its label's threshold, so it is always among the labels; a feeling they say they do
        not have ("I'm not worried") scores at most half its threshold, so it is not."""
        affirmed, denied = merged_feelings(stated_feelings(text))
        merged = probs.copy()
        for label, strength in affirmed.items():
            k = self.labels.index(label)
            merged[k] = max(float(probs[k]), float(self.thresholds[k]), strength)
        for label in denied:
            k = self.labels.index(label)
            merged[k] = min(float(probs[k]), 0.5 * float(self.thresholds[k]))
        at = self.labels.index
        if not any(merged[at(label)] >= self.thresholds[at(label)] for label in HOSTILE) and insults(text):
            # Insulting staff, yet read as calm or cheerful: the cheer is sarcasm, the feeling anger.
            for label in POSITIVE:
                merged[at(label)] = min(float(merged[at(label)]), 0.5 * float(self.thresholds[at(label)]))
            merged[at("anger")] = max(float(merged[at("anger")]), float(self.thresholds[at("anger")]), PLAIN)
        return merged

    def read(self, probs: npt.NDArray[np.float32], text: str) -> Emotions:
        """The labels, dominant feeling and intensity of ``probs`` with the feelings stated in ``text``
        merged in (``stated``)."""
        probs = self.stated(probs, text)
        scores = {label: round(float(p), 4) for label, p in zip(self.labels, probs, strict=True)}
        chosen = [label for label, p, t in zip(self.labels, probs, self.thresholds, strict=True) if p >= t]
        if not chosen:
            chosen = [self.labels[int(np.argmax(probs))]]
        if len(chosen) > 1 and NEUTRAL in chosen:
            chosen.remove(NEUTRAL)
        chosen.sort(key=lambda label: -scores[label])
        return Emotions(
            scores=scores,
            labels=tuple(chosen),
            dominant=chosen[0],
            intensity=round(intensity(scores, text), 4),
        )


def intensity(scores: dict[str, float], text: str) -> float:
    """How strongly the feeling is expressed, 0-1: the strongest non-neutral emotion, raised by
    shouting and bursts of ! and ?, lowered when the message reads as neutral."""
    strongest = max((p for label, p in scores.items() if label != NEUTRAL), default=0.0)
    level = strongest * (1.0 - 0.4 * scores.get(NEUTRAL, 0.0))
    words = _WORD.findall(text[:MAX_CHARS])
    if words:
        shouted = len(_SHOUTED_WORD.findall(text[:MAX_CHARS])) / len(words)
        level += min(0.25, shouted * 0.5)
    level += min(0.15, 0.05 * len(BURST.findall(text[:MAX_CHARS])))
    return float(min(1.0, max(0.0, level)))


class Sentiment:
    """Valence -1..1: VADER's lexicon (MIT) blended with the emotion model's positive/negative mass."""

    def __init__(self) -> None:
        self._vader = SentimentIntensityAnalyzer()

    def score(self, text: str, scores: dict[str, float]) -> float:
        lexical = float(self._vader.polarity_scores(text[:5000])["compound"]) if text.strip() else 0.0
        pos = sum(scores[label] for label in POSITIVE)
        neg = sum(scores[label] for label in NEGATIVE)
        model = (pos - neg) / max(1.0, pos + neg)
        return round(max(-1.0, min(1.0, 0.5 * lexical + 0.5 * model)), 4)
