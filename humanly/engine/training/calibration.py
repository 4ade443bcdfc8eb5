"""Per-label thresholds and macro-F1 on a calibration fold: shared by the emotion training scripts."""

from __future__ import annotations

import numpy as np


def best_thresholds(probs: np.ndarray, gold: np.ndarray) -> list[float]:
    """For each label, the threshold in 0.05..0.95 that maximises that label's F1."""
    chosen = []
    for k in range(gold.shape[1]):
        best, best_t = -1.0, 0.5
        for t in np.arange(0.05, 0.96, 0.01):
            pred = probs[:, k] >= t
            tp = float((pred & (gold[:, k] == 1)).sum())
            d = float(pred.sum() + gold[:, k].sum())
            f1 = 0.0 if d == 0 else 2 * tp / d
            if f1 > best:
                best, best_t = f1, float(t)
        chosen.append(round(best_t, 2))
    return chosen


def macro_f1(probs: np.ndarray, gold: np.ndarray, thresholds: list[float]) -> float:
    """Macro-F1 when each row predicts the labels over threshold, or its top label when none is."""
    pred = probs >= np.asarray(thresholds)
    empty = ~pred.any(1)
    pred[empty, probs[empty].argmax(1)] = True
    scores = []
    for k in range(gold.shape[1]):
        tp = float((pred[:, k] & (gold[:, k] == 1)).sum())
        d = float(pred[:, k].sum() + gold[:, k].sum())
        scores.append(0.0 if d == 0 else 2 * tp / d)
    return float(np.mean(scores))
