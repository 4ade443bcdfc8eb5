"""Helpers shared by the benchmarks: where the labelled data lives, and the CLI's JSONL round trip."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("HUMANLY_SHARED_DATA", ROOT.parent / "shared" / "data"))


def need(path: Path) -> Path:
    if not path.exists():
        sys.exit(
            f"{path} not found: this benchmark reads the project's labelled data (set HUMANLY_SHARED_DATA)"
        )
    return path


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _batch(verb: str, rows: list[dict[str, Any]], src: Path, output: str, *extra: str) -> list[str]:
    """Write rows to ``src`` and return the command that runs ``humanly VERB`` over them."""
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return [
        sys.executable,
        "-m",
        "humanly.cli",
        verb,
        "--input",
        str(src),
        "--output",
        output,
        "--quiet",
        *extra,
    ]


def run_cli(verb: str, rows: list[dict[str, Any]], *extra: str) -> dict[str, dict[str, Any]]:
    """Run ``humanly VERB --input ... --output ...`` on rows; return its results by id."""
    with tempfile.TemporaryDirectory() as tmp:
        dst = Path(tmp) / "out.jsonl"
        subprocess.run(_batch(verb, rows, Path(tmp) / "in.jsonl", str(dst), *extra), check=False)
        out = read_jsonl(dst)
    return {str(o["id"]): o for o in out}


def overlap(a0: int, a1: int, b0: int, b1: int) -> bool:
    """Two spans match when they overlap by at least half of the shorter one (as the product is judged)."""
    inter = max(0, min(a1, b1) - max(a0, b0))
    return inter / max(1, min(a1 - a0, b1 - b0)) >= 0.5


Rows = list[dict[str, Any]]


def labelled_parts(held_out: Rows, development: Rows, extras: list[Path]) -> list[tuple[str, Rows]]:
    """The labelled parts a quality benchmark scores: the held-out 30% (left out with --no-held-out),
    the development 70%, and each file of extra development data written for humanly."""
    found = [("held-out 30%", held_out)] if "--no-held-out" not in sys.argv else []
    found.append(("development 70%", development))
    for n, path in enumerate(extras, 1):
        found.append((f"extra{n if n > 1 else ''} (dev)", read_jsonl(path)))
    return found


def f1(tp: int, fp: int, fn: int) -> float:
    d = 2 * tp + fp + fn
    return 0.0 if d == 0 else 2 * tp / d


def cli_rate(verb: str, rows: list[dict[str, Any]]) -> float:
    """Lines per second through ``humanly VERB --input FILE --output /dev/null``, start-up included."""
    import time

    with tempfile.TemporaryDirectory() as tmp:
        command = _batch(verb, rows, Path(tmp) / "in.jsonl", os.devnull)
        t0 = time.perf_counter()
        subprocess.run(command, check=True)
        return len(rows) / (time.perf_counter() - t0)
