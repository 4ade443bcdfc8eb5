"""The tone model: which sentences of a draft need revising, read in the context of the whole draft.

Component name: ``humanly.tone.model.v4``. A small transformer layer (``tone.int8.onnx``) reads the
token states the shared encoder computes after its layer 2 (graph output ``hidden``) over the
draft's first 128 tokens, followed by the states of the customer's message (``context``), so each
sentence is read in the light of the whole draft and of what it answers; each sentence's "needs
revising" score and kind logits are the means over its tokens. The kind is then blended with what
two lexical models (``tone_kinds_words.npz``, ``tone_kinds_chars.npz``) read in the sentence's own
words, as ``tone.json``'s ``kind_blend`` says. A sentence under the threshold is still flagged
when the model is sure enough (its score times the kind's probability, ``tone.json``'s ``joint``)
that it is a problem of a kind it reads well; v4 adds that and is trained on more replies. It
finds problems the phrase rules have no words for; the rules still name the kind and the wording
where they fire (``training/train_tone.py``, docs/tone.md).
"""

from __future__ import annotations

import json
import logging
import math
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import onnxruntime as ort

from humanly.engine.encoder import Encoder, FloatArray
from humanly.engine.lexical import LexicalModel
from humanly.engine.types import FindingKind

log = logging.getLogger(__name__)

NAME = "humanly.tone.model.v4"
MESSAGES_KEPT = 64


def blend_kinds(
    logits: npt.NDArray[np.floating], lexical: Sequence[tuple[npt.NDArray[np.floating], float]], share: float
) -> npt.NDArray[np.float64]:
    """Each kind's score for one sentence: ``share`` of the model's log-probabilities (softmax of its
    kind logits) plus the rest of the log of the lexical models' mixture (each one's one-vs-rest
    probabilities scaled to sum to 1, weighted)."""
    z = logits.astype(np.float64) - float(logits.max())
    model = z - math.log(float(np.exp(z).sum()))
    if not lexical:
        return model
    total = sum(weight for _, weight in lexical)
    mixture = sum(weight / total * p / max(float(p.sum()), 1e-12) for p, weight in lexical)
    result: npt.NDArray[np.float64] = share * model + (1.0 - share) * np.log(np.maximum(mixture, 1e-12))
    return result


@dataclass(frozen=True, slots=True)
class Flag:
    """A sentence the model reads as needing revision: its span, score (0-1) and likeliest kind."""

    start: int
    end: int
    score: float
    kind: FindingKind


class ToneModel:
    """Scores the sentences of a draft. Loads its graph on first use; shares the engine's encoder."""

    def __init__(self, model_dir: Path, *, encoder: Encoder, threads: int = 1) -> None:
        self._dir = model_dir
        self._encoder = encoder
        self._threads = max(1, threads)
        self._session: ort.InferenceSession | None = None
        self._last: tuple[str, FloatArray, list[tuple[int, int]]] | None = None
        self._messages: OrderedDict[str, FloatArray] = OrderedDict()
        meta = json.loads((model_dir / "tone.json").read_text(encoding="utf-8"))
        self.kinds: tuple[FindingKind, ...] = tuple(meta["kinds"])
        self.threshold = float(meta["threshold"])
        # A sentence under the threshold is still flagged when the model is this sure it is a problem
        # of one of these kinds (the score times that kind's share of the blend).
        joint = dict(meta.get("joint", {}))
        self._joint_threshold = float(joint.get("threshold", 2.0))
        self._joint_kinds = [self.kinds.index(k) for k in joint.get("kinds", ())]
        self._no_message = str(meta["no_message"])
        blend = dict(meta.get("kind_blend", {}))
        self._share = float(blend.pop("model", 1.0))
        self._lexical = [
            (LexicalModel(model_dir / f"tone_kinds_{name}.npz"), float(weight))
            for name, weight in blend.items()
            if float(weight) > 0
        ]
        if meta["encoder_sha256"] != encoder.fingerprint:
            log.warning("the tone model was trained on another encoder graph: scores may drift")

    def _graph(self) -> ort.InferenceSession:
        if self._session is None:
            options = ort.SessionOptions()
            options.intra_op_num_threads = self._threads
            options.inter_op_num_threads = 1
            self._session = ort.InferenceSession(
                str(self._dir / "tone.int8.onnx"), options, providers=["CPUExecutionProvider"]
            )
        return self._session

    def states(self, draft: str) -> FloatArray:
        """The encoder's layer-2 token states for a draft (the last draft's are kept, for politeness)."""
        return self._read(draft)[0]

    def _read(self, draft: str) -> tuple[FloatArray, list[tuple[int, int]]]:
        if self._last is None or self._last[0] != draft:
            self._last = (draft, *self._encoder.states_and_offsets(draft))
        return self._last[1], self._last[2]

    def _context(self, message: str | None) -> FloatArray:
        """The message's layer-2 states. The last ``MESSAGES_KEPT`` messages' are kept: while an agent
        types, the same message is read against draft after draft."""
        text = message if message and message.strip() else self._no_message
        states = self._messages.pop(text, None)
        if states is None:
            states = self._encoder.states([text])[0]
        self._messages[text] = states
        while len(self._messages) > MESSAGES_KEPT:
            self._messages.popitem(last=False)
        return states

    def flags(
        self, draft: str, sentences: Sequence[tuple[int, int]], message: str | None = None
    ) -> list[Flag]:
        """The sentences scoring at or above the model's threshold, read against the customer's message
        when there is one (sentences past 128 tokens are not read), and those under it that are
        likely enough a problem of a kind the model reads well (``tone.json``'s ``joint``)."""
        if not draft.strip() or not sentences:
            return []
        states, offsets = self._read(draft)
        flag, kind = self._graph().run(
            ["flag", "kind"], {"hidden": states[None], "context": self._context(message)[None]}
        )
        found = []
        for start, end in sentences:
            tokens = [j for j, (a, b) in enumerate(offsets) if (a, b) != (0, 0) and b > start and a < end]
            if not tokens:
                continue
            first, last = tokens[0], tokens[-1] + 1
            score = 1.0 / (1.0 + math.exp(-float(flag[0, first:last].mean())))
            if score < self.threshold and not (self._joint_kinds and score >= self._joint_threshold):
                continue  # neither test can pass: the lexical models need not run
            kinds = self._kinds(kind[0, first:last].mean(0), draft[start:end])
            if score >= self.threshold:
                found.append(Flag(start, end, round(score, 3), self.kinds[int(kinds.argmax())]))
                continue
            joint = max(self._joint_kinds, key=lambda k: kinds[k], default=None)
            if joint is not None and score * kinds[joint] >= self._joint_threshold:
                found.append(Flag(start, end, round(score, 3), self.kinds[joint]))
        return found

    def _kinds(self, logits: npt.NDArray[np.floating], sentence: str) -> npt.NDArray[np.float64]:
        """Each kind's probability: the model's, blended with what the lexical models read in the sentence."""
        lexical = [(model.probabilities(sentence), weight) for model, weight in self._lexical]
        blended = blend_kinds(logits, lexical, self._share)
        weights = np.exp(blended - blended.max())
        result: npt.NDArray[np.float64] = weights / weights.sum()
        return result
