"""Train the playbook's stage model: a multinomial logistic regression over ``playbook.FEATURES`` and the
sentence vector of the customer's last message.

Data: humanly_dev/threads.jsonl's development 70% (the seeded split in ``splits.py``; the other 30% is
never read here) and benchmarks/data/threads_extra*.jsonl (threads written for humanly with the same
labels). Choices (the regularisation strength) are made by leaving one file out at a time. Writes
``models/playbook.json``: the weights per stage and feature, and the cross-validated accuracies.

    python -m humanly.engine.training.train_playbook --data ../shared/data/humanly_dev
"""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path
from typing import Any

import numpy as np

from humanly.engine.playbook import FEATURES, PLAYBOOK_TOKENS, STAGES, features, last_customer_text
from humanly.engine.training.splits import split
from humanly.engine.types import Turn

log = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parents[3]
MODELS = ROOT / "humanly" / "engine" / "models"


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def matrix(engine: Any, rows: list[dict[str, Any]]) -> np.ndarray:
    """Per thread: the signals, then the sentence vector of the customer's last message."""
    out = []
    for row in rows:
        turns = [Turn(t["role"], t["text"]) for t in row["turns"]]
        texts = [t.text for t in turns if t.role == "customer"]
        readings = engine.analyze_many(texts)
        f = features(turns, readings[-1], readings[0] if len(readings) > 1 else None)
        vector = engine.encode_texts([last_customer_text(turns)], PLAYBOOK_TOKENS)[0]
        out.append([*(f[name] for name in FEATURES), *vector.tolist()])
    return np.asarray(out, dtype=np.float64)


def main() -> None:
    from sklearn.linear_model import LogisticRegression

    import humanly.engine

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, required=True, help="the humanly_dev folder")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    engine = humanly.engine.load(threads=2)
    development, _ = split(read_jsonl(args.data / "threads.jsonl"))
    files = [("humanly_dev 70%", development)] + [
        (p.stem, read_jsonl(p)) for p in sorted((ROOT / "benchmarks" / "data").glob("threads_extra*.jsonl"))
    ]
    parts = [
        (name, matrix(engine, rows), np.asarray([STAGES.index(r["stage"]) for r in rows]))
        for name, rows in files
    ]

    def fit(x: np.ndarray, y: np.ndarray, c: float) -> Any:
        return LogisticRegression(C=c, max_iter=5000).fit(x, y)

    results: dict[str, dict[str, float]] = {}
    for c in (0.3, 1.0, 3.0):
        scores = {}
        for i, (name, x_out, y_out) in enumerate(parts):
            x = np.concatenate([p[1] for j, p in enumerate(parts) if j != i])
            y = np.concatenate([p[2] for j, p in enumerate(parts) if j != i])
            scores[name] = float((fit(x, y, c).predict(x_out) == y_out).mean())
        results[str(c)] = scores
        log.info("C=%s leave-one-file-out: %s", c, {k: round(v, 3) for k, v in scores.items()})
    best = max(results, key=lambda c: sum(results[c].values()) / len(results[c]))
    x = np.concatenate([p[1] for p in parts])
    y = np.concatenate([p[2] for p in parts])
    model = fit(x, y, float(best))
    n = len(FEATURES)
    weights = {
        stage: {name: round(float(w), 6) for name, w in zip(FEATURES, model.coef_[k][:n], strict=True)}
        for k, stage in enumerate(STAGES)
    }
    vector_weights = {
        stage: [round(float(w), 6) for w in model.coef_[k][n:]] for k, stage in enumerate(STAGES)
    }
    intercept = {stage: round(float(model.intercept_[k]), 6) for k, stage in enumerate(STAGES)}
    out = {
        "name": "humanly.playbook.v1",
        "trained_on": [name for name, _ in files],
        "rows": len(y),
        "C": float(best),
        "leave_one_file_out": {k: round(v, 3) for k, v in results[best].items()},
        "intercept": intercept,
        "weights": weights,
        "vector_weights": vector_weights,
    }
    (MODELS / "playbook.json").write_text(json.dumps(out, indent=1) + "\n")
    log.info("C=%s, wrote %s", best, MODELS / "playbook.json")


if __name__ == "__main__":
    main()
