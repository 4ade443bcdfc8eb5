"""Politeness quality on the Stanford Politeness Corpus dev split, and the model's speed.

Reads ../shared/data/stanford_politeness (not shipped with humanly). The model was trained on
the train split, its calibration chosen on a fold of train; dev was never used to train or
tune. Prints the paper's binary task (polite vs impolite quartile, middle dropped, score
thresholded at 0.5) overall and per domain, then the time to score one text (encoder pass
included, one thread): p50/p95 over the dev requests and over 150-word drafts, and texts/s.
Usage: python benchmarks/politeness.py
"""

from __future__ import annotations

import csv
import os
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np
from _common import ROOT, SHARED, need

from humanly.engine.encoder import Encoder
from humanly.engine.politeness import Politeness

DRAFT = (
    "Hi Sam, thanks for writing in and for your patience while we looked into this. I checked your "
    "account and the refund for order 4471 was issued on Monday; banks usually take three to five "
    "working days to show it. I'm sorry it has taken longer than we said. If it hasn't arrived by "
    "Friday, could you reply with a screenshot of your statement? I'll chase it with our payments "
    "team straight away and keep you posted. In the meantime, you don't need to do anything else. "
    "Would it help if I also sent a copy of the refund confirmation to your email? Thanks again "
    "for bearing with us, and have a good week. Best wishes, Alex from the support team, who is "
    "here to help with anything else you need. P.S. If a phone call would be easier, just tell us "
    "a time that suits you and a number to reach you on, and we will call."
)


def timings(model: Politeness, texts: list[str]) -> tuple[float, float, float]:
    model.score(texts[:5])
    took = []
    for text in texts:
        t0 = time.perf_counter()
        model.score([text])
        took.append(time.perf_counter() - t0)
    ms = np.asarray(took) * 1000
    return float(np.percentile(ms, 50)), float(np.percentile(ms, 95)), len(texts) / float(np.sum(took))


def main() -> None:
    path = need(SHARED / "stanford_politeness" / "politeness_train_dev.csv")
    with path.open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["split"] == "dev"]
    models = ROOT / "humanly" / "engine" / "models"
    model = Politeness(models, threads=1, encoder=Encoder(models, threads=1))
    scores = model.score([r["request"] for r in rows])
    binary = [(r, s) for r, s in zip(rows, scores, strict=True) if r["quartile_label"] != "middle"]
    right = {name: [] for name in ("all", "wikipedia", "stackexchange")}
    for row, score in binary:
        hit = (score >= 0.5) == (row["quartile_label"] == "polite")
        right["all"].append(hit)
        right[row["domain"]].append(hit)
    corr = np.corrcoef(scores, [float(r["normalized_score"]) for r in rows])[0, 1]
    print(f"Stanford Politeness dev: {len(rows)} requests, {len(binary)} in the binary task")
    for name, hits in right.items():
        print(f"binary accuracy {name:14s} {np.mean(hits):.4f}  ({len(hits)} rows)")
    print(f"Pearson r with normalized_score, all dev rows: {corr:.3f}")
    p50, p95, rate = timings(model, [r["request"] for r in rows])
    print(f"speed, dev requests (1 thread): p50 {p50:.2f} ms, p95 {p95:.2f} ms, {rate:.0f} texts/s")
    p50, p95, rate = timings(model, [DRAFT] * 200)
    print(f"speed, 150-word draft (1 thread): p50 {p50:.2f} ms, p95 {p95:.2f} ms, {rate:.0f} drafts/s")
    states = model.encoder.states([DRAFT]) * 200
    t0 = time.perf_counter()
    for state in states:
        model.score_states([state])
    print(f"  of which the politeness layers alone: {(time.perf_counter() - t0) / len(states) * 1000:.2f} ms")


if __name__ == "__main__":
    main()
