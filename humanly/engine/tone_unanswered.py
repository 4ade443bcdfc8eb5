"""The answer reading (component ``humanly.tone.unanswered.v1``): which sentence of a draft stands in
for an answer the customer asked for.

The coverage rules (``tone_coverage``) give an ask the benefit of the doubt: "we have..." counts as
an action, and any sentence that is not filler answers an open question. Many replies that leave an
ask unanswered say something instead, and that something is what their readers mark: "Please check
your balance in the app." to a parent whose phone will not call out, "We're here to help whenever
you need us." to someone who asked how to request a delivery. This reading learns it from labelled
replies (``training/train_unanswered.py``). Two lexical models read the whole draft ("does this reply
leave an ask unanswered") and each sentence ("is this the sentence standing in for the answer");
a logistic regression weighs them with where the sentence stands and what the coverage rules say
about the customer's asks, giving each sentence of the draft's body a probability.

The guard uses it twice: a sentence it has named ``unanswered`` is let go when the reading gives it
less than ``doubt_below``, and when no sentence is named the likeliest one is, from ``pick_at``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from humanly.engine.lexical import LexicalModel
from humanly.engine.tone_coverage import answered, plainly_answered
from humanly.engine.tone_customer import Customer

__all__ = ["FEATURES", "NAME", "Answers", "features"]

NAME = "humanly.tone.unanswered.v1"
# The stacked reading's inputs, in order: the two lexical models' log-odds, then what the draft and
# the coverage rules say.
FEATURES = (
    "reply_log_odds",
    "sentence_log_odds",
    "is_last",
    "is_first",
    "sentences",
    "is_question",
    "an_ask_open",
    "an_ask_plainly_answered",
    "asks",
)
_CLIP = 1e-4

Span = tuple[int, int]


def _log_odds(p: float) -> float:
    p = min(max(p, _CLIP), 1.0 - _CLIP)
    return math.log(p / (1.0 - p))


def features(
    draft: str, body: Sequence[Span], customer: Customer, reply_p: float, sentence_ps: Sequence[float]
) -> npt.NDArray[np.float64]:
    """One row of ``FEATURES`` per sentence of the draft's body (its greeting and sign-off left out),
    for a customer who asked something."""
    asks = customer.asks
    open_ask = any(not answered(ask, draft, customer.text) for ask in asks)
    plain = any(plainly_answered(ask, draft) for ask in asks)
    n = len(body)
    rows = [
        [
            _log_odds(reply_p),
            _log_odds(p),
            j == n - 1,
            j == 0,
            min(n, 8) / 8,
            draft[s:e].rstrip().endswith("?"),
            open_ask,
            plain,
            min(len(asks), 4),
        ]
        for j, ((s, e), p) in enumerate(zip(body, sentence_ps, strict=True))
    ]
    return np.asarray(rows, dtype=np.float64).reshape(n, len(FEATURES))


class Answers:
    """Reads a draft's body against the customer's asks; ``tone_unanswered.json`` holds its weights."""

    def __init__(self, model_dir: Path) -> None:
        meta = json.loads((model_dir / "tone_unanswered.json").read_text(encoding="utf-8"))
        if tuple(meta["features"]) != FEATURES:
            raise ValueError("tone_unanswered.json was written for other features: retrain it")
        self._reply = LexicalModel(model_dir / "tone_unanswered_reply.npz")
        self._sentence = LexicalModel(model_dir / "tone_unanswered_sentence.npz")
        self._weights = np.asarray(meta["weights"], dtype=np.float64)
        self._intercept = float(meta["intercept"])
        self.pick_at = float(meta["pick_at"])
        self.doubt_below = float(meta["doubt_below"])

    def probabilities(self, draft: str, body: Sequence[Span], customer: Customer) -> list[float]:
        """For each sentence of ``body``, how likely it stands in for an answer the customer asked for."""
        if not body:
            return []
        reply_p = float(self._reply.probabilities(draft)[0])
        sentence_ps = [float(self._sentence.probabilities(draft[s:e])[0]) for s, e in body]
        z = features(draft, body, customer, reply_p, sentence_ps) @ self._weights + self._intercept
        return [float(p) for p in 1.0 / (1.0 + np.exp(-z))]
