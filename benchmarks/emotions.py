"""Emotion quality on GoEmotions dev, through the CLI's JSONL output.

Reads ../shared/data/goemotions (not shipped with humanly). The model was trained on the
train split with thresholds chosen on a held-out fold of train; dev was never used to train
or tune. Prints macro-F1 over the 28 labels, the Ekman-grouped macro-F1 (6 groups + neutral)
and per-label F1. Usage: python benchmarks/emotions.py
"""

from __future__ import annotations

import json
from collections import Counter

from _common import SHARED, f1, need, run_cli


def main() -> None:
    data = need(SHARED / "goemotions")
    labels = [x.strip() for x in (data / "emotions.txt").read_text().splitlines() if x.strip()]
    ekman = json.loads((data / "ekman_mapping.json").read_text())
    group = {label: g for g, members in ekman.items() for label in members} | {"neutral": "neutral"}
    rows, gold = [], {}
    for n, line in enumerate((data / "dev.tsv").read_text(encoding="utf-8").splitlines()):
        text, ids, _ = line.split("\t")
        rows.append({"id": str(n), "text": text})
        gold[str(n)] = {labels[int(i)] for i in ids.split(",")}
    out = run_cli("analyze", rows)
    tp, fp, fn = Counter(), Counter(), Counter()
    etp, efp, efn = Counter(), Counter(), Counter()
    missing = 0
    for key, g in gold.items():
        if key not in out or "analysis" not in out[key]:
            missing += 1
        p = set(out.get(key, {}).get("analysis", {}).get("emotions", {}).get("labels", []))
        for label in labels:
            tp[label] += label in p and label in g
            fp[label] += label in p and label not in g
            fn[label] += label in g and label not in p
        ge, pe = {group[x] for x in g}, {group[x] for x in p}
        for name in set(group.values()):
            etp[name] += name in pe and name in ge
            efp[name] += name in pe and name not in ge
            efn[name] += name in ge and name not in pe
    per = {label: f1(tp[label], fp[label], fn[label]) for label in labels}
    ek = {name: f1(etp[name], efp[name], efn[name]) for name in etp.keys() | efn.keys()}
    print(f"GoEmotions dev: {len(gold)} rows, {missing} missing")
    print(f"macro-F1 (28 labels)      {sum(per.values()) / len(per):.4f}")
    print(f"Ekman macro-F1 (7 groups) {sum(ek.values()) / len(ek):.4f}")
    print("per label: " + ", ".join(f"{k} {v:.2f}" for k, v in sorted(per.items(), key=lambda kv: -kv[1])))


if __name__ == "__main__":
    main()
