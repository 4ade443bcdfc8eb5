"""Speed and memory of ``analyze`` on this machine.

Messages of 10-120 words come from the customer messages in ../shared/data (humanly_dev and
the IBM Twitter customer-care set; not shipped with humanly). Prints: batch messages/s in
one process and through the CLI over two worker processes, single-message p50/p95 warm,
cold start of ``humanly analyze "hi"``, and peak memory. Usage: python benchmarks/speed.py
"""

from __future__ import annotations

import json
import random
import resource
import statistics
import subprocess
import sys
import time

from _common import SHARED, need, read_jsonl
from _common import cli_rate as cli_rate_of


def messages(limit: int = 1200) -> list[str]:
    found: list[str] = []
    dev = need(SHARED / "humanly_dev")
    found += [r["customer"] for r in read_jsonl(dev / "replies.jsonl")]
    found += [r["text"] for r in read_jsonl(dev / "letters.jsonl")]
    found += [
        t["text"] for r in read_jsonl(dev / "threads.jsonl") for t in r["turns"] if t["role"] == "customer"
    ]
    ibm = SHARED / "ibm_twitter_customer_care"
    for name in ("dev.json", "test.json"):
        path = ibm / name
        if path.exists():
            for conv in json.loads(path.read_text(encoding="utf-8")):
                for turn in conv.get("dialogContent", []):
                    if turn.get("client") or turn.get("speaker") == "client":
                        found.append(str(turn.get("message", "")))
    picked = [m for m in found if 10 <= len(m.split()) <= 120]
    while len(picked) < limit:
        picked += picked
    return picked[:limit]


def main() -> None:
    import humanly.engine

    texts = messages()
    words = [len(t.split()) for t in texts]
    print(f"{len(texts)} messages, {min(words)}-{max(words)} words (median {statistics.median(words):.0f})")
    engine = humanly.engine.load(threads=2)
    engine.analyze_many(texts[:64])

    t0 = time.perf_counter()
    for i in range(0, len(texts), 64):
        engine.analyze_many(texts[i : i + 64])
    in_process = len(texts) / (time.perf_counter() - t0)

    rng = random.Random(3)
    longer: list[str] = []
    while len(longer) < 400:
        joined = " ".join(rng.sample(texts, 3))
        if 60 <= len(joined.split()) <= 120:
            longer.append(joined)
    t0 = time.perf_counter()
    for i in range(0, len(longer), 64):
        engine.analyze_many(longer[i : i + 64])
    long_rate = len(longer) / (time.perf_counter() - t0)

    latencies = []
    for text in texts[:400]:
        t = time.perf_counter()
        engine.analyze(text)
        latencies.append((time.perf_counter() - t) * 1000)
    latencies.sort()
    p50, p95 = latencies[len(latencies) // 2], latencies[int(len(latencies) * 0.95)]

    cli_rate = cli_rate_of("analyze", [{"id": n, "text": t} for n, t in enumerate(texts * 2)])
    cli_long_rate = cli_rate_of("analyze", [{"id": n, "text": t} for n, t in enumerate(longer * 2)])

    colds = []
    for _ in range(5):
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "humanly.cli", "analyze", "hi"], check=True, capture_output=True
        )
        colds.append(time.perf_counter() - t0)

    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"batch, one process (2 threads)    {in_process:7.1f} messages/s")
    print(f"  the same, 60-120-word messages  {long_rate:7.1f} messages/s  (three messages joined)")
    print(
        f"batch, CLI --input (2 workers)    {cli_rate:7.1f} messages/s  (incl. start-up, {2 * len(texts)} messages)"
    )
    print(f"  the same, 60-120-word messages  {cli_long_rate:7.1f} messages/s  ({2 * len(longer)} messages)")
    print(f"single message, warm              p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    print(
        f"cold 'humanly analyze \"hi\"'       median {statistics.median(colds):.2f} s, max {max(colds):.2f} s"
    )
    print(f"peak memory                       this process {own:.0f} MB, largest child {children:.0f} MB")


if __name__ == "__main__":
    main()
