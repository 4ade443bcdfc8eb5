"""The sentence encoder: one int8 ONNX pass gives a sentence vector and the emotion logits.

The graph is the MiniLM encoder fine-tuned on GoEmotions with a term that keeps its
mean-pooled vector close to the original all-MiniLM-L6-v2 vector (see
``training/train_emotions.py``), so intents and emotions share a single pass. It ships cut in
two after its layer 2 (``training/graphs.py``): the token states there feed the politeness and
tone models, which run only the lower part.
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
    """Per input text: a unit sentence vector (384-d) and the raw emotion logits."""

    vectors: FloatArray
    logits: FloatArray


class Encoder:
    """The int8 encoder in two graphs (``training/graphs.py``): the lower one gives the token states
    after layer 2 (``hidden``), the upper one the sentence vector and emotion logits from them.
    ``states`` runs only the lower graph, about a third of a whole pass."""

    def __init__(self, model_dir: Path, *, max_tokens: int = 128, threads: int = 2) -> None:
        options = ort.SessionOptions()
        options.intra_op_num_threads = max(1, threads)
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        lower = (model_dir / "encoder_lower.int8.onnx").read_bytes()
        upper = (model_dir / "encoder_upper.int8.onnx").read_bytes()
        self.fingerprint = hashlib.sha256(lower + upper).hexdigest()
        self._lower = ort.InferenceSession(lower, options, providers=["CPUExecutionProvider"])
        self._upper = ort.InferenceSession(upper, options, providers=["CPUExecutionProvider"])
        self._tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(max_length=max_tokens)
        self.dimensions = 384
        width = self._upper.get_outputs()[1].shape[1]
        self.labels = width if isinstance(width, int) else 28

    def _ids(self, texts: list[str], max_tokens: int | None) -> list[npt.NDArray[np.int64]]:
        found = []
        for encoding in self._tokenizer.encode_batch([t if t.strip() else "." for t in texts]):
            kept = encoding.ids
            if max_tokens is not None and len(kept) > max_tokens:
                kept = [*kept[: max_tokens - 1], kept[-1]]
            found.append(np.asarray([kept], dtype=np.int64))
        return found

    def states(self, texts: list[str], *, max_tokens: int | None = None) -> list[FloatArray]:
        """Each text's token states after layer 2, ``[tokens, 384]`` (the lower graph only)."""
        return [self._states(ids) for ids in self._ids(texts, max_tokens)]

    def states_and_offsets(self, text: str) -> tuple[FloatArray, list[tuple[int, int]]]:
        """One text's token states after layer 2 and each token's character span (one tokenisation)."""
        encoding = self._tokenizer.encode(text if text.strip() else ".")
        return self._states(np.asarray([encoding.ids], dtype=np.int64)), list(encoding.offsets)

    def _states(self, ids: npt.NDArray[np.int64]) -> FloatArray:
        state: FloatArray = self._lower.run(
            ["hidden"], {"input_ids": ids, "attention_mask": np.ones_like(ids)}
        )[0][0]
        return state

    def encode(self, texts: list[str], *, max_tokens: int | None = None) -> Encoded:
        """Encode texts one at a time, returned in input order.

        Dynamic int8 quantisation scales activations per call, so a padded batch would give a
        text slightly different scores depending on its neighbours. One call per text keeps the
        reading of a message the same alone or in a batch, and measured no slower on two cores.
        ``max_tokens`` reads fewer tokens than the encoder's own limit (the end marker is kept).
        """
        n = len(texts)
        vectors = np.zeros((n, self.dimensions), dtype=np.float32)
        logits = np.zeros((n, self.labels), dtype=np.float32)
        for i, ids in enumerate(self._ids(texts, max_tokens)):
            mask = np.ones_like(ids)
            (state,) = self._lower.run(["hidden"], {"input_ids": ids, "attention_mask": mask})
            vectors[i], logits[i] = (
                out[0] for out in self._upper.run(None, {"hidden": state, "attention_mask": mask})
            )
        return Encoded(vectors, logits)
