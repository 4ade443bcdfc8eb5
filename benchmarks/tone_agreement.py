"""How far a second careful reader agrees with the labels the tone guard is measured against.

Each file in benchmarks/data/second_reading/ holds a second, blind reading of one labelled set:
the same replies labelled again by another reader from the kind definitions and conventions of
humanly_dev's README alone, without seeing the first labels. Each reading is scored against the
set's own labels exactly as the guard's output is (``tone.py``'s ``score``: verdict accuracy,
false alarms, mean per-kind F1), which gives the figure a reader can reach on these labels: how
much of the guard's shortfall is the labels' own ambiguity and how much is the guard's reading.

- humanly_dev_development.a / .b: two readers, each over humanly_dev's development 70% (140
  replies; reads ../shared/data/humanly_dev, not shipped; skipped without it). Their agreement
  with each other is printed too.
- replies_extra39 / replies_extra44: one reader each, over the files in benchmarks/data.

Usage: python benchmarks/tone_agreement.py [--errors]
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from _common import SHARED, read_jsonl
from tone import score

from humanly.engine.training.splits import split

DATA = Path(__file__).parent / "data"
READINGS = DATA / "second_reading"


def as_reports(rows: list[dict[str, Any]], reading: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """A reading's labels as the guard's reports: each quote becomes a finding over its span."""
    text = {str(r["id"]): r["reply"] for r in rows}
    reports = {}
    for line in reading:
        reply = text[str(line["id"])]
        findings = []
        for issue in line["issues"]:
            start = reply.find(issue["quote"])
            if start < 0:
                sys.exit(f"{line['id']}: quote not in the reply: {issue['quote']!r}")
            findings.append({"kind": issue["kind"], "start": start, "end": start + len(issue["quote"])})
        reports[str(line["id"])] = {"findings": findings, "verdict": line["verdict"]}
    missing = set(text) - set(reports)
    if missing:
        sys.exit(f"the reading leaves {len(missing)} replies unlabelled, e.g. {sorted(missing)[0]}")
    return reports


def relabelled(rows: list[dict[str, Any]], reading: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows with a reading's labels in place of their own (to score one reading against another)."""
    by_id = {str(line["id"]): line for line in reading}
    return [
        {**r, "issues": by_id[str(r["id"])]["issues"], "verdict": by_id[str(r["id"])]["verdict"]}
        for r in rows
    ]


def show(name: str, rows: list[dict[str, Any]], reading: list[dict[str, Any]]) -> None:
    r = score(rows, as_reports(rows, reading), "--errors" in sys.argv)
    print(
        f"{name:44} replies {len(rows):3}  verdict accuracy {r['accuracy']:.3f}  "
        f"false alarms {r['false_alarms']:.3f}  mean per-kind F1 {r['mean_f1']:.3f}"
    )
    print("    " + "  ".join(f"{k} {v:.2f}" for k, v in r["per_kind"].items()))


def main() -> None:
    dev_file = SHARED / "humanly_dev" / "replies.jsonl"
    if dev_file.exists():
        development, _ = split(read_jsonl(dev_file))
        first = read_jsonl(READINGS / "humanly_dev_development.a.jsonl")
        second = read_jsonl(READINGS / "humanly_dev_development.b.jsonl")
        show("humanly_dev development 70%, reader a", development, first)
        show("humanly_dev development 70%, reader b", development, second)
        show("reader b against reader a", relabelled(development, first), second)
    else:
        print(f"{dev_file} not found: the humanly_dev readings are skipped (set HUMANLY_SHARED_DATA)")
    for name in ("replies_extra39", "replies_extra44"):
        show(
            f"{name}, a second reader",
            read_jsonl(DATA / f"{name}.jsonl"),
            read_jsonl(READINGS / f"{name}.jsonl"),
        )


if __name__ == "__main__":
    main()
