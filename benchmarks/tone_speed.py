"""Speed of ``check_reply`` on this machine: while the agent types, and in batches.

Drafts come from benchmarks/data/replies_extra.jsonl (shipped in the repository). Prints:
- one 150-word draft, warm, p50/p95 on an engine of 1 thread, with the
  customer's message already read (as in the desk,
  where the reading is done once and the draft is checked on every pause in typing), and with
  no message at all;
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


def latencies(threads: int, pairs: list[tuple[str, str]]) -> tuple[list[float], list[float]]:
    """Per draft, ms with the message already read and with no message, on an engine of ``threads``."""
    import humanly.engine

    engine = humanly.engine.load(threads=threads)
    readings = {m: engine.analyze(m) for _, m in pairs}
    for draft, message in pairs[:20]:
        engine.check_reply(draft, message, analysis=readings[message])
    with_message, alone = [], []
    for draft, message in pairs:
        t = time.perf_counter()
        engine.check_reply(draft, message, analysis=readings[message])
        with_message.append(1000 * (time.perf_counter() - t))
        t = time.perf_counter()
        engine.check_reply(draft)
        alone.append(1000 * (time.perf_counter() - t))
    return with_message, alone


def main() -> None:
    rows = read_jsonl(DATA)
    pairs = long_drafts(rows, 200)
    batch = rows * 8
    words = [len(r["reply"].split()) for r in rows]
    print(
        f"{len(pairs)} drafts of 140-160 words; batch of {len(batch)} replies of {min(words)}-{max(words)} words"
    )
    for threads in (1,):  # two threads measured slower for one short draft (thread start-up)
        with_message, alone = latencies(threads, pairs)
        p50, p95 = percentiles(with_message)
        print(
            f"one 150-word draft, message already read   p50 {p50:.1f} ms, p95 {p95:.1f} ms ({threads} threads)"
        )
        p50, p95 = percentiles(alone)
        print(
            f"one 150-word draft, no message             p50 {p50:.1f} ms, p95 {p95:.1f} ms ({threads} threads)"
        )
    print(f"batch, CLI, replies alone                  {cli_rate(batch, False):7.1f} replies/s (2 workers)")
    print(f"batch, CLI, replies with their message     {cli_rate(batch, True):7.1f} replies/s (2 workers)")


if __name__ == "__main__":
    main()
