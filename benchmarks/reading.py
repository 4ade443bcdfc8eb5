"""Asks, expectations and flags on humanly_dev letters, through the CLI's JSONL output.

Reads ../shared/data/humanly_dev/letters.jsonl (not shipped with humanly). Measures on the
held-out 30% (seeded split in humanly/engine/training/splits.py) and, for reference, on the
data the rules were developed on: the other 70%, benchmarks/data/letters_extra.jsonl,
letters_extra2.jsonl and letters_extra3.jsonl (90, 80 and 100 messages written for this project
with the same labels).
Usage: python benchmarks/reading.py [--errors] [--no-held-out]
(errors are listed for development data only; --no-held-out skips the held-out part entirely:
its letters are neither analysed nor scored)
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Any

from _common import SHARED, f1, labelled_parts, need, overlap, read_jsonl, run_cli

from humanly.engine.training.splits import split

EXTRAS = [Path(__file__).parent / "data" / f"letters_extra{n}.jsonl" for n in ("", "2", "3")]


def locate(text: str, snippet: str) -> tuple[int, int] | None:
    p = text.find(snippet) if snippet else -1
    return (p, p + len(snippet)) if p >= 0 else None


def score(rows: list[dict[str, Any]], out: dict[str, dict[str, Any]], show: bool) -> dict[str, float]:
    tp_g = n_g = tp_p = n_p = 0
    sig: Counter[str] = Counter()
    need: Counter[str] = Counter()
    per: dict[str, Counter[str]] = {}
    for row in rows:
        analysis = out[row["id"]]["analysis"]
        text = row["text"]
        spans = []
        for ask in analysis["asks"]:
            loc = locate(text, ask["text"]) or (ask["start"], ask["end"])
            spans.append(loc)
        gold = [(text.find(q["quote"]), text.find(q["quote"]) + len(q["quote"])) for q in row["asks"]]
        n_g += len(gold)
        n_p += len(spans)
        hit_g = [any(overlap(*g, *p) for p in spans) for g in gold]
        hit_p = [any(overlap(*g, *p) for g in gold) for p in spans]
        tp_g += sum(hit_g)
        tp_p += sum(hit_p)
        gold_labels = set(row["flags"]) | (
            {row["expectation"]} if row["expectation"] not in (None, "other") else set()
        )
        pred_labels = set(analysis["flags"]) | set(analysis["expectations"])
        for label in gold_labels | pred_labels:
            kind = (
                "tp"
                if label in gold_labels and label in pred_labels
                else "fp"
                if label in pred_labels
                else "fn"
            )
            sig[kind] += 1
            per.setdefault(label, Counter())[kind] += 1
        for label in set(row["needs"]) | set(analysis["needs"]):
            need[
                "tp"
                if label in row["needs"] and label in analysis["needs"]
                else "fp"
                if label in analysis["needs"]
                else "fn"
            ] += 1
        if show and (not all(hit_g) or not all(hit_p) or gold_labels != pred_labels):
            print(f"--- {row['id']}")
            for q, h in zip(row["asks"], hit_g, strict=True):
                if not h:
                    print("  MISSED ask:", q["quote"])
            for a, h in zip(analysis["asks"], hit_p, strict=True):
                if not h:
                    print("  EXTRA  ask:", a["text"])
            if gold_labels != pred_labels:
                print("  signals gold", sorted(gold_labels), "pred", sorted(pred_labels))
                for ev in analysis["evidence"]:
                    if ev["label"] in pred_labels - gold_labels:
                        print("     because:", ev["label"], repr(ev["text"]))
    result = {
        "ask_recall": tp_g / max(1, n_g),
        "ask_precision": tp_p / max(1, n_p),
        "signals_micro_f1": f1(sig["tp"], sig["fp"], sig["fn"]),
        "needs_micro_f1": f1(need["tp"], need["fp"], need["fn"]),
    }
    if show:
        for label, c in sorted(per.items()):
            print(f"  {label:24} tp {c['tp']:2} fp {c['fp']:2} fn {c['fn']:2}")
    return result


def main() -> None:
    rows = read_jsonl(need(SHARED / "humanly_dev" / "letters.jsonl"))
    development, held_out = split(rows)
    parts = labelled_parts(held_out, development, EXTRAS)
    out = run_cli("analyze", [{"id": r["id"], "text": r["text"]} for _, part in parts for r in part])
    show = "--errors" in sys.argv
    for name, part in parts:
        r = score(part, out, show and not name.startswith("held"))
        print(
            f"{name:16} letters {len(part):3}  asks recall {r['ask_recall']:.3f} precision {r['ask_precision']:.3f}  "
            f"expectations+flags micro-F1 {r['signals_micro_f1']:.3f}  needs micro-F1 {r['needs_micro_f1']:.3f}"
        )


if __name__ == "__main__":
    main()
