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


def run_cli(verb: str, rows: list[dict[str, Any]], *extra: str) -> dict[str, dict[str, Any]]:
    """Run ``humanly VERB --input ... --output ...`` on rows; return its results by id."""
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
        src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        subprocess.run(
            [
                sys.executable,
                "-m",
                "humanly.cli",
                verb,
                "--input",
                str(src),
                "--output",
                str(dst),
                "--quiet",
                *extra,
            ],
            check=False,
        )
        out = read_jsonl(dst)
    return {str(o["id"]): o for o in out}


def f1(tp: int, fp: int, fn: int) -> float:
    d = 2 * tp + fp + fn
    return 0.0 if d == 0 else 2 * tp / d


def cli_rate(verb: str, rows: list[dict[str, Any]]) -> float:
    """Lines per second through ``humanly VERB --input FILE --output /dev/null``, start-up included."""
    import time

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        t0 = time.perf_counter()
        command = [
            sys.executable,
            "-m",
            "humanly.cli",
            verb,
            "--input",
            str(src),
            "--output",
            os.devnull,
            "--quiet",
        ]
        subprocess.run(command, check=True)
        return len(rows) / (time.perf_counter() - t0)
