"""Lexical models: TF-IDF over words and word pairs, or over character n-grams inside word boundaries,
into one logistic regression per label. The same computation as scikit-learn's ``TfidfVectorizer``
(``sublinear_tf=True``, ``analyzer="word"`` or ``"char_wb"``) + ``LogisticRegression``, in numpy, so
nothing but numpy is needed at run time. The emotion reading and the tone model's kinds use them;
``training/lexical.py`` writes the ``.npz`` files.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import numpy as np
import numpy.typing as npt

# Longer texts are read only this far.
MAX_CHARS = 20000


def _vocabulary(stored: npt.NDArray[np.generic]) -> list[str]:
    """The n-grams in column order: UTF-8 bytes joined by newlines (no n-gram holds one), or, in files
    written before that, an array of strings."""
    if stored.dtype == np.uint8:
        return stored.tobytes().decode("utf-8").split("\n")
    return [str(gram) for gram in stored]


class LexicalModel:
    """One ``.npz`` file: the analyzer, n-gram range, vocabulary, idf, coefficients and intercepts."""

    _token = re.compile(r"(?u)\b\w\w+\b")
    _space = re.compile(r"\s\s+")

    def __init__(self, path: Path) -> None:
        with np.load(path) as data:
            self.analyzer = str(data["analyzer"])
            self._low, self._high = (int(n) for n in data["ngram_range"])
            self._index = {gram: i for i, gram in enumerate(_vocabulary(data["vocabulary"]))}
            self._idf = data["idf"].astype(np.float32)
            self._coef = data["coef"].astype(np.float32)
            self._intercept = data["intercept"].astype(np.float32)

    def _grams(self, text: str) -> list[str]:
        low = text[:MAX_CHARS].lower()
        if self.analyzer == "char_wb":
            grams = []
            for word in self._space.sub(" ", low).split():
                padded = f" {word} "
                for n in range(self._low, self._high + 1):
                    offset = 0
                    grams.append(padded[offset : offset + n])
                    while offset + n < len(padded):
                        offset += 1
                        grams.append(padded[offset : offset + n])
                    if offset == 0:
                        break
            return grams
        tokens = self._token.findall(low)
        return tokens + [f"{a} {b}" for a, b in itertools.pairwise(tokens)]

    def probabilities(self, text: str) -> npt.NDArray[np.float64]:
        """Each label's probability (one-vs-rest: they need not sum to 1)."""
        counts: dict[int, int] = {}
        for gram in self._grams(text):
            index = self._index.get(gram)
            if index is not None:
                counts[index] = counts.get(index, 0) + 1
        z = self._intercept.astype(np.float64)
        if counts:
            columns = np.fromiter(counts, dtype=np.int64, count=len(counts))
            tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
            values = (1.0 + np.log(tf)) * self._idf[columns]
            values /= max(float(np.linalg.norm(values)), 1e-12)
            z = z + self._coef[:, columns].astype(np.float64) @ values
        result: npt.NDArray[np.float64] = 1.0 / (1.0 + np.exp(-z))
        return result
