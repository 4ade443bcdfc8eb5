"""The tone guard (check_reply) on humanly_dev replies, scored like the product is judged.

Reads ../shared/data/humanly_dev/replies.jsonl (not shipped with humanly). Measures on the held-out
30% (seeded split in humanly/engine/training/splits.py) and, for reference, on the data the rules
were developed on: the other 70% and benchmarks/data/replies_extra.jsonl (160 replies written for
this project with the same labels).

The replies go through ``humanly check-reply --input ... --output ...`` exactly as a user would
run it (``{"id", "reply", "customer"}`` in, ``{"id", "report"}`` out; ``--output PATH`` keeps the
output lines). Scoring follows
../shared/tools/score.py ``tone``: verdict accuracy; false alarms (the share of "send" replies given
any finding or a "revise" verdict); mean per-kind F1, a finding matching a labelled span of its kind
when they overlap by at least half the shorter span.

Usage: python benchmarks/tone.py [--errors] [--no-held-out] [--output PATH]
(errors are listed for development data only; --no-held-out skips the held-out part entirely)
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from _common import SHARED, f1, labelled_parts, need, overlap, read_jsonl, run_cli

from humanly.engine.training.splits import split

EXTRAS = sorted(
    (Path(__file__).parent / "data").glob("replies_extra*.jsonl"), key=lambda p: int(p.stem[13:] or 1)
)


def run(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The CLI's output lines for these rows, by id."""
    return run_cli(
        "check-reply", [{"id": r["id"], "reply": r["reply"], "customer": r["customer"]} for r in rows]
    )


def score(rows: list[dict[str, Any]], out: dict[str, dict[str, Any]], show: bool) -> dict[str, Any]:
    """Verdict accuracy, false alarms, mean per-kind F1 and each kind's F1 (``per_kind``)."""
    kinds = sorted({i["kind"] for g in rows for i in g["issues"]})
    correct = good = false_alarm = 0
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for g in rows:
        report = out.get(g["id"]) or {}
        findings = report.get("findings") or []
        verdict = report.get("verdict")
        correct += verdict == g["verdict"]
        if g["verdict"] == "send":
            good += 1
            false_alarm += bool(findings) or verdict != "send"
        text = g["reply"]
        gold = [
            (i["kind"], text.find(i["quote"]), text.find(i["quote"]) + len(i["quote"])) for i in g["issues"]
        ]
        pred = [(f.get("kind"), f.get("start", 0), f.get("end", 0)) for f in findings]
        errors = []
        for k in kinds:
            gk = [x for x in gold if x[0] == k]
            pk = [y for y in pred if y[0] == k]
            for x in gk:
                if any(overlap(x[1], x[2], y[1], y[2]) for y in pk):
                    tp[k] += 1
                else:
                    fn[k] += 1
                    errors.append(f"  MISSED {k:14} {text[x[1] : x[2]]!r}")
            for y in pk:
                if not any(overlap(x[1], x[2], y[1], y[2]) for x in gk):
                    fp[k] += 1
                    errors.append(f"  EXTRA  {k:14} {text[y[1] : y[2]]!r}")
        if show and (errors or verdict != g["verdict"]):
            print(f"--- {g['id']} gold {g['verdict']} pred {verdict} | customer: {g['customer']}")
            print(f"  reply: {text}")
            for line in errors:
                print(line)
            if verdict != g["verdict"] and not errors:
                print("  missing:", [m["kind"] for m in report.get("missing") or []])
    per_kind = {k: f1(tp[k], fp[k], fn[k]) for k in kinds}
    if show:
        for k in kinds:
            print(f"  {k:16} tp {tp[k]:2} fp {fp[k]:2} fn {fn[k]:2}  F1 {per_kind[k]:.3f}")
    return {
        "accuracy": correct / max(1, len(rows)),
        "false_alarms": false_alarm / max(1, good),
        "mean_f1": sum(per_kind.values()) / max(1, len(per_kind)),
        "per_kind": per_kind,
    }


def main() -> None:
    rows = read_jsonl(need(SHARED / "humanly_dev" / "replies.jsonl"))
    development, held_out = split(rows)
    parts = labelled_parts(held_out, development, EXTRAS)
    todo = [r for _, part in parts for r in part]
    lines = run(todo)
    if "--output" in sys.argv:
        path = Path(sys.argv[sys.argv.index("--output") + 1])
        path.write_text("".join(json.dumps(line) + "\n" for line in lines.values()), encoding="utf-8")
    failed = [i for i, line in lines.items() if "error" in line]
    if failed:
        sys.exit(f"check-reply failed on {len(failed)} lines, e.g. {lines[failed[0]]}")
    out = {i: line["report"] for i, line in lines.items()}
    show = "--errors" in sys.argv
    for name, part in parts:
        r = score(part, out, show and not name.startswith("held"))
        print(
            f"{name:16} replies {len(part):3}  verdict accuracy {r['accuracy']:.3f}  "
            f"false alarms {r['false_alarms']:.3f}  mean per-kind F1 {r['mean_f1']:.3f}"
        )


if __name__ == "__main__":
    main()
