"""Train the lexical halves of the emotion reading and choose the blend and the thresholds.

    python -m humanly.engine.training.train_emotions_lexical --data ../shared/data/goemotions

Run after ``train_emotions``: it uses the same seeded split of the GoEmotions *train* file.
Two TF-IDF + one-vs-rest logistic regressions are trained on the fit part, one over words and
word pairs, one over character 2-5-grams. On the calibration fold (never trained on), the
blend weights of the int8 encoder and the two lexical models, and then each label's threshold,
are chosen to maximise macro-F1. Dev is never read. Writes ``models/emotions_words.npz``,
``models/emotions_chars.npz`` and updates ``models/emotions.json``.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import numpy as np

from humanly.engine.encoder import Encoder
from humanly.engine.training import lexical
from humanly.engine.training.calibration import best_thresholds, macro_f1
from humanly.engine.training.train_emotions import read_tsv

MODELS = Path(__file__).resolve().parents[1] / "models"
LEXICAL = {
    "words": {"analyzer": "word", "ngram_range": (1, 2), "min_df": 2, "max_features": 60000},
    "chars": {"analyzer": "char_wb", "ngram_range": (2, 5), "min_df": 3, "max_features": 80000},
}
BLENDS = [
    (1.0, 0.0, 0.0),
    (0.7, 0.3, 0.0),
    (0.7, 0.0, 0.3),
    (0.7, 0.15, 0.15),
    (0.6, 0.2, 0.2),
    (0.6, 0.3, 0.1),
    (0.6, 0.1, 0.3),
    (0.5, 0.25, 0.25),
    (0.4, 0.3, 0.3),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--calibration-share", type=float, default=0.15)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument(
        "--c", type=float, default=2.0, help="inverse regularisation of the logistic regressions"
    )
    args = parser.parse_args()

    meta = json.loads((MODELS / "emotions.json").read_text())
    labels = meta["labels"]
    texts, targets = read_tsv(args.data / "train.tsv", len(labels))
    order = list(range(len(texts)))
    random.Random(args.seed).shuffle(order)
    n_cal = int(len(order) * args.calibration_share)
    cal, fit = order[:n_cal], order[n_cal:]
    y = np.asarray(targets)
    gold = y[cal]

    encoder = Encoder(MODELS, threads=2)
    calibration = {"encoder": 1.0 / (1.0 + np.exp(-encoder.encode([texts[i] for i in cal]).logits))}
    for name, options in LEXICAL.items():
        vectorizer, model = lexical.train([texts[i] for i in fit], y[fit], options, c=args.c)
        calibration[name] = model.predict_proba(vectorizer.transform([texts[i] for i in cal]))
        size = lexical.save(MODELS / f"emotions_{name}.npz", vectorizer, model)
        print(f"trained the {name} model ({size} features)")

    best, best_f, best_t = BLENDS[0], -1.0, list(meta["thresholds"])
    for blend in BLENDS:
        probs = sum(
            w * calibration[name] for w, name in zip(blend, ("encoder", "words", "chars"), strict=True)
        )
        thresholds = best_thresholds(probs, gold)
        f = macro_f1(probs, gold, thresholds)
        print(f"blend encoder/words/chars {blend}: calibration macro-F1 {f:.4f}")
        if f > best_f:
            best, best_f, best_t = blend, f, thresholds
    meta.pop("encoder_weight", None)
    meta.pop("lexical", None)
    meta.update(
        thresholds=best_t,
        blend=dict(zip(("encoder", "words", "chars"), best, strict=True)),
        trained_on="GoEmotions train split (Apache-2.0); blend weights and per-label thresholds chosen on a "
        "held-out calibration fold of train with the int8 encoder",
    )
    (MODELS / "emotions.json").write_text(json.dumps(meta, indent=2) + "\n")
    print(f"chose blend {best} (calibration macro-F1 {best_f:.4f})")


if __name__ == "__main__":
    main()
