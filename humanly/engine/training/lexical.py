"""Train and save the lexical models that ``humanly/engine/lexical.py`` reads."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier


def train(
    texts: Sequence[str], targets: Any, options: dict[str, Any], *, c: float, balanced: bool = True
) -> tuple[TfidfVectorizer, OneVsRestClassifier]:
    """A sublinear TF-IDF (``options`` go to ``TfidfVectorizer``) and one logistic regression per
    column of the 0/1 matrix ``targets``."""
    vectorizer = TfidfVectorizer(sublinear_tf=True, **options)
    x = vectorizer.fit_transform(list(texts))
    model = OneVsRestClassifier(
        LogisticRegression(C=c, max_iter=1000, class_weight="balanced" if balanced else None)
    )
    model.fit(x, np.asarray(targets))
    return vectorizer, model


def save(path: Path, vectorizer: TfidfVectorizer, model: OneVsRestClassifier) -> int:
    """Write the model as ``LexicalModel`` reads it (coefficients as float16, the vocabulary as UTF-8
    lines, a third of the size of a string array); returns the vocabulary size."""
    vocabulary = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.__getitem__)
    if any("\n" in gram for gram in vocabulary):
        raise ValueError("an n-gram holds a line break: the vocabulary is stored one n-gram per line")
    np.savez_compressed(
        path,
        analyzer=np.asarray(vectorizer.analyzer),
        ngram_range=np.asarray(vectorizer.ngram_range),
        vocabulary=np.frombuffer("\n".join(vocabulary).encode("utf-8"), dtype=np.uint8),
        idf=vectorizer.idf_.astype(np.float32),
        coef=np.stack([e.coef_[0] for e in model.estimators_]).astype(np.float16),
        intercept=np.asarray([e.intercept_[0] for e in model.estimators_], dtype=np.float32),
    )
    return len(vocabulary)
