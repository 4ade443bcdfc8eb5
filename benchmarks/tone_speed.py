"""Speed of ``check_reply`` on this machine: while the agent types, and in batches.

Drafts come from benchmarks/data/replies_extra.jsonl (shipped in the repository). Prints:
- one 150-word draft, warm, p50/p95 on an engine of 1 thread: a live check as the agent types
  (the customer's message already read, as in the desk, where the reading is done once and the
  draft is checked on every pause in typing; no whole rewrite, each finding keeps its own calmer
  wording), the full report with its rewrite, and the full report with no message at all;
- batch replies/s through ``humanly check-reply --input`` over two worker processes, for replies
  alone and for replies with the customer's message (which is then read too).

Usage: python benchmarks/tone_speed.py
"""

from __future__ import annotations

import random
import statistics
import time
from pathlib import Path

from _common import cli_rate as cli_rate_of
from _common import read_jsonl

DATA = Path(__file__).parent / "data" / "replies_extra.jsonl"


def long_drafts(rows: list[dict[str, str]], n: int, low: int = 140, high: int = 160) -> list[tuple[str, str]]:
    """(draft, message) pairs: replies joined until 140-160 words, each with its first message."""
    rng = random.Random(5)
    found: list[tuple[str, str]] = []
    while len(found) < n:
        picked = rng.sample(rows, 8)
        words: list[str] = []
        for row in picked:
            words += row["reply"].split()
            if len(words) >= low:
                break
        if low <= len(words) <= high:
            found.append((" ".join(words), picked[0]["customer"]))
    return found


def cli_rate(rows: list[dict[str, str]], with_customer: bool) -> float:
    lines = []
    for n, row in enumerate(rows):
        line = {"id": n, "reply": row["reply"]}
        if with_customer:
            line["customer"] = row["customer"]
        lines.append(line)
    return cli_rate_of("check-reply", lines)


def percentiles(samples: list[float]) -> tuple[float, float]:
    samples = sorted(samples)
    return statistics.median(samples), samples[int(len(samples) * 0.95)]


def latencies(pairs: list[tuple[str, str]]) -> dict[str, list[float]]:
    """Per draft, ms on an engine of one thread: a live check while the agent types (the message
    already read and the draft checked on every pause, no whole rewrite), the full report with its
    rewrite, and the full report of a draft with no message."""
    import humanly.engine

    engine = humanly.engine.load(threads=1)
    readings = {m: engine.analyze(m) for _, m in pairs}
    for draft, message in pairs:  # the message has been read and checked against an earlier draft
        engine.check_reply(draft[: len(draft) // 2], message, analysis=readings[message])
    found: dict[str, list[float]] = {"live": [], "full": [], "alone": []}
    # One mode at a time, so that no mode finds the draft already read by another.
    for name, times in found.items():
        for draft, message in pairs:
            t = time.perf_counter()
            if name == "alone":
                engine.check_reply(draft)
            else:
                engine.check_reply(draft, message, analysis=readings[message], whole_rewrite=name == "full")
            times.append(1000 * (time.perf_counter() - t))
    return found


def main() -> None:
    rows = read_jsonl(DATA)
    pairs = long_drafts(rows, 200)
    batch = rows * 8
    words = [len(r["reply"].split()) for r in rows]
    latencies_found = latencies(pairs)
    print(
        f"{len(pairs)} drafts of 140-160 words; batch of {len(batch)} replies of {min(words)}-{max(words)} words"
    )
    # one thread: two measured slower for one short draft (thread start-up)
    for name, label in (
        ("live", "live check as the agent types (no whole rewrite)"),
        ("full", "full report with its rewrite, message read   "),
        ("alone", "full report, no message                      "),
    ):
        p50, p95 = percentiles(latencies_found[name])
        print(f"one 150-word draft, {label} p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    print(f"batch, CLI, replies alone                  {cli_rate(batch, False):7.1f} replies/s (2 workers)")
    print(f"batch, CLI, replies with their message     {cli_rate(batch, True):7.1f} replies/s (2 workers)")


if __name__ == "__main__":
    main()
