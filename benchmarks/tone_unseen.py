"""The whole tone guard on replies it was never trained on: leave files out, train, read them.

For the files named with ``--test`` (benchmarks/data/replies_extraN.jsonl), copies the humanly
package into a temporary folder, trains the tone model, the warmth reading and the answer reading
there with their recipes (train_tone.py, train_warmth.py, train_unanswered.py) on every development
reply but those files (``--leave-out``), and runs ``humanly check-reply --input`` from that copy over
each file, scored like ``tone.py`` (verdict accuracy, false alarms, mean per-kind F1). This is how a
design is chosen: the guard as it ships, rules and all, on writing that nothing it holds was fitted
to. ``--shipped`` also scores the shipped guard on the same files, which is their first read when the
shipped model has never seen them.

``--shipped-tone`` keeps the shipped tone model instead of training one (it was trained on humanly_dev's
development 70% and replies_extra to replies_extra29, so this is fair only for later files) and trains
the two small readings alone, in about two minutes; ``--pooled`` also scores the named files as one set.

Needs the ``train`` extra (torch) and ../shared/data/humanly_dev (not shipped). About 11 minutes on
2 cores. Usage: python benchmarks/tone_unseen.py --test replies_extra23 [--test ...] [--shipped]
[--shipped-tone] [--pooled] [--keep DIR] (keeps the trained copy in DIR) [--errors]
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from _common import ROOT, SHARED, _batch, need, read_jsonl
from tone import score

DATA = Path(__file__).parent / "data"


def options(name: str) -> list[str]:
    return [sys.argv[i + 1] for i, a in enumerate(sys.argv[:-1]) if a == name]


def guard(copy: Path, rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The reports of ``humanly check-reply`` run from the package in ``copy``, by id."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.jsonl"
        todo = [{"id": r["id"], "reply": r["reply"], "customer": r["customer"]} for r in rows]
        # -m puts the working folder first on sys.path, so the copy is the humanly that runs.
        subprocess.run(_batch("check-reply", todo, Path(tmp) / "in.jsonl", str(out)), cwd=copy, check=True)
        lines = read_jsonl(out)
    failed = [line for line in lines if "error" in line]
    if failed:
        sys.exit(f"check-reply failed on {len(failed)} lines, e.g. {failed[0]}")
    return {str(line["id"]): line["report"] for line in lines}


def show(
    name: str, rows: list[dict[str, Any]], out: dict[str, dict[str, Any]], per_kind: bool = False
) -> None:
    r = score(rows, out, "--errors" in sys.argv)
    print(
        f"{name:34} replies {len(rows):3}  verdict accuracy {r['accuracy']:.3f}  "
        f"false alarms {r['false_alarms']:.3f}  mean per-kind F1 {r['mean_f1']:.3f}"
    )
    if per_kind:
        print("  " + "  ".join(f"{kind} {f1:.3f}" for kind, f1 in r["per_kind"].items()))


def main() -> None:
    tests = options("--test")
    if not tests:
        sys.exit("name at least one file to leave out: --test replies_extraN")
    files = {name: read_jsonl(need(DATA / f"{name}.jsonl")) for name in tests}
    kept = options("--keep")
    copy = Path(kept[0]) if kept else Path(tempfile.mkdtemp(prefix="humanly-unseen-"))
    try:
        shutil.rmtree(copy / "humanly", ignore_errors=True)
        shutil.copytree(ROOT / "humanly", copy / "humanly", ignore=shutil.ignore_patterns("__pycache__"))
        if not (copy / "benchmarks").exists():
            (copy / "benchmarks").symlink_to(ROOT / "benchmarks")  # train_tone reads benchmarks/data
        leave = [arg for name in tests for arg in ("--leave-out", name)]
        trainers = ("train_warmth", "train_unanswered")
        if "--shipped-tone" not in sys.argv:
            trainers = ("train_tone", *trainers)
        for trainer in trainers:
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    f"humanly.engine.training.{trainer}",
                    "--data",
                    str(need(SHARED / "humanly_dev")),
                    "--out",
                    str(copy / "humanly" / "engine" / "models"),
                    *leave,
                ],
                cwd=copy,
                env={**os.environ, "PYTHONPATH": str(copy)},
                check=True,
            )
        pooled: list[dict[str, Any]] = []
        reports: dict[str, dict[str, Any]] = {}
        for name, rows in files.items():
            found = guard(copy, rows)
            show(f"{name}, trained without it", rows, found)
            pooled += [{**row, "id": f"{name}/{row['id']}"} for row in rows]
            reports.update({f"{name}/{key}": report for key, report in found.items()})
            if "--shipped" in sys.argv:
                show(f"{name}, the shipped guard", rows, guard(ROOT, rows))
        if "--pooled" in sys.argv:
            show(f"{len(files)} files pooled", pooled, reports, per_kind=True)
    finally:
        if not kept:
            shutil.rmtree(copy, ignore_errors=True)


if __name__ == "__main__":
    main()
