"""Politeness 0-1 from a model trained on the Stanford Politeness Corpus (its train split).

Component name: ``humanly.politeness.minilm.v1``. The model reads the token states that the
shared encoder computes after its layer 2 (``encoder_lower.int8.onnx``, output ``hidden``),
runs them through four transformer layers of its own (``politeness.int8.onnx``), mean-pools
and regresses the corpus' politeness z-score; the result is ``sigmoid(scale * raw)``, so 0.5
is the line between its polite and impolite quartiles (``training/train_politeness.py``,
docs/models.md).

A text is read as one piece of at most 128 tokens (a longer one is cut), like a request in
the corpus (one or two sentences); an empty text is read as ".", like the encoder does.
"""

from __future__ import annotations

import json
import logging
import math
from pathlib import Path

import numpy as np
import onnxruntime as ort

from humanly.engine.encoder import Encoder, FloatArray

log = logging.getLogger(__name__)

NAME = "humanly.politeness.minilm.v1"
# A draft's politeness is read from its opening (about 45 words), where greetings, thanks and
# apologies mostly sit: reading all 128 tokens would double the cost of a check made on every
# pause in typing. Rude words later in a draft are still found by the tone rules.
DRAFT_TOKENS = 64


class Politeness:
    """Scores texts 0-1, higher = more polite. Loads its graph on first use.

    Pass the engine's ``encoder`` to share its weights and, with ``score_states``, its pass;
    without one, an encoder is loaded from ``model_dir`` when first needed.
    """

    def __init__(self, model_dir: Path, *, threads: int = 2, encoder: Encoder | None = None) -> None:
        self._dir = model_dir
        self._threads = max(1, threads)
        self._encoder = encoder
        self._session: ort.InferenceSession | None = None
        meta = json.loads((model_dir / "politeness.json").read_text(encoding="utf-8"))
        self.scale = float(meta["scale"])
        self._encoder_sha256 = str(meta["encoder_sha256"])

    @property
    def encoder(self) -> Encoder:
        if self._encoder is None:
            self._encoder = Encoder(self._dir, threads=self._threads)
        return self._encoder

    def _graph(self) -> ort.InferenceSession:
        if self._session is None:
            if self.encoder.fingerprint != self._encoder_sha256:
                log.warning("politeness was trained on another encoder graph: scores may drift")
            options = ort.SessionOptions()
            options.intra_op_num_threads = self._threads
            options.inter_op_num_threads = 1
            options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            self._session = ort.InferenceSession(
                str(self._dir / "politeness.int8.onnx"), options, providers=["CPUExecutionProvider"]
            )
        return self._session

    def score(self, texts: list[str], *, max_tokens: int | None = None) -> list[float]:
        """Politeness of each text, in input order (one encoder pass + the small graph each).

        ``max_tokens`` reads only the start of each text, for speed (default: the encoder's 128).
        """
        if not texts:
            return []
        return self.score_states(self.encoder.states(texts, max_tokens=max_tokens))

    def score_states(self, states: list[FloatArray]) -> list[float]:
        """Politeness from token states already computed by ``Encoder.states``.

        One call per text, like the encoder: no padding, so a text reads the same in any batch.
        """
        session = self._graph()
        scores: list[float] = []
        for state in states:
            x = np.ascontiguousarray(state[None, :, :], dtype=np.float32)
            (raw,) = session.run(["raw"], {"hidden": x, "attention_mask": np.ones(x.shape[:2], np.int64)})
            z = self.scale * float(raw[0])
            scores.append(1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z)))))
        return scores
