"""The sentence encoder: one int8 ONNX pass gives a sentence vector and the emotion logits.

The graph is the MiniLM encoder fine-tuned on GoEmotions with a term that keeps its
mean-pooled vector close to the original all-MiniLM-L6-v2 vector (see
``training/train_emotions.py``), so intents and emotions share a single pass. The same pass
also exposes the token states after one of its middle layers (graph output ``hidden``, added
by ``training/train_politeness.py``), which the politeness model reads.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import onnxruntime as ort
from tokenizers import Tokenizer

log = logging.getLogger(__name__)

FloatArray = npt.NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class Encoded:
    """Per input text: a unit sentence vector (384-d) and the raw emotion logits.

    ``hidden`` holds each text's token states ``[tokens, 384]`` from the graph's ``hidden``
    output, only when ``encode(..., hidden=True)`` asked for them (empty otherwise).
    """

    vectors: FloatArray
    logits: FloatArray
    hidden: tuple[FloatArray, ...] = ()


class Encoder:
    def __init__(self, model_dir: Path, *, max_tokens: int = 128, threads: int = 2) -> None:
        options = ort.SessionOptions()
        options.intra_op_num_threads = max(1, threads)
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        graph = (model_dir / "encoder.int8.onnx").read_bytes()
        self.fingerprint = hashlib.sha256(graph).hexdigest()
        self._session = ort.InferenceSession(graph, options, providers=["CPUExecutionProvider"])
        self._tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(max_length=max_tokens)
        self.dimensions = 384
        width = self._session.get_outputs()[1].shape[1]
        self.labels = width if isinstance(width, int) else 28
        self.has_hidden = any(o.name == "hidden" for o in self._session.get_outputs())

    def encode(self, texts: list[str], *, hidden: bool = False, max_tokens: int | None = None) -> Encoded:
        """Encode texts one at a time, returned in input order.

        Dynamic int8 quantisation scales activations per call, so a padded batch would give a
        text slightly different scores depending on its neighbours. One call per text keeps the
        reading of a message the same alone or in a batch, and measured no slower on two cores.
        ``hidden=True`` also returns the token states of the graph's ``hidden`` output (the
        pass costs the same: onnxruntime runs the whole graph either way). ``max_tokens`` reads
        fewer tokens than the encoder's own limit (the end marker is kept), for a cheaper pass.
        """
        if hidden and not self.has_hidden:
            raise ValueError("this encoder graph has no 'hidden' output: run training/train_politeness.py")
        names = ["embedding", "emotion_logits", "hidden"] if hidden else ["embedding", "emotion_logits"]
        n = len(texts)
        vectors = np.zeros((n, self.dimensions), dtype=np.float32)
        logits = np.zeros((n, self.labels), dtype=np.float32)
        states: list[FloatArray] = []
        for i, encoding in enumerate(self._tokenizer.encode_batch([t if t.strip() else "." for t in texts])):
            kept = encoding.ids
            if max_tokens is not None and len(kept) > max_tokens:
                kept = [*kept[: max_tokens - 1], kept[-1]]
            ids = np.asarray([kept], dtype=np.int64)
            mask = np.ones_like(ids)
            out = self._session.run(names, {"input_ids": ids, "attention_mask": mask})
            vectors[i] = out[0][0]
            logits[i] = out[1][0]
            if hidden:
                states.append(out[2][0])
        return Encoded(vectors, logits, tuple(states))
