"""Knowledge search at scale: 10,000 passages, one query at a time, warm.

Reads ../shared/data/bitext_customer_support (not shipped with humanly; used here only as realistic text):
the paragraphs of its synthetic support answers become 10,000 passages in 500 articles, and its customer
utterances are the queries. Prints the time to index everything (encoder included), the time to take in
one edited article, and the per-query p50 / p95 (the query's encoder pass included, as in a draft).

Usage: python benchmarks/knowledge_speed.py [--passages N]
"""

from __future__ import annotations

import csv
import statistics
import sys
import time

from _common import SHARED, need

from humanly.engine.knowledge import Article


def main() -> None:
    wanted = int(sys.argv[sys.argv.index("--passages") + 1]) if "--passages" in sys.argv else 10_000
    path = need(SHARED / "bitext_customer_support" / "bitext_customer_support_4514.csv")
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    paragraphs: list[str] = []
    seen: set[str] = set()
    for row in rows:
        for raw in row["response"].split("\n"):
            paragraph = raw.strip()
            if len(paragraph.split()) >= 8 and paragraph not in seen:
                seen.add(paragraph)
                paragraphs.append(paragraph)
    # Vary the wording a little so the corpus holds `wanted` distinct passages.
    variants = [p if n == 0 else f"{p} (Note {n}.)" for n in range(4) for p in paragraphs][:wanted]
    per_article = 20
    articles = [
        Article(f"a{i}", f"Help article {i}", "\n\n".join(variants[i * per_article : (i + 1) * per_article]))
        for i in range(len(variants) // per_article)
    ]
    queries = [r["instruction"] for r in rows[::9]][:300]

    import humanly.engine

    engine = humanly.engine.load()
    t0 = time.perf_counter()
    kb = engine.knowledge(articles=articles)
    build = time.perf_counter() - t0
    t0 = time.perf_counter()
    edited = articles[7]
    kb.upsert(
        Article(edited.id, edited.title, edited.body + "\n\nYou can also reach us by phone on weekdays.")
    )
    update = time.perf_counter() - t0
    for q in queries[:20]:
        kb.search(q, 5)
    times = []
    for q in queries:
        t0 = time.perf_counter()
        kb.search(q + " ", 5)  # a fresh string each time: the query's vector is computed, not cached
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    p95 = times[round(0.95 * (len(times) - 1))]
    print(f"{len(kb)} passages in {len(articles)} articles, indexed in {build:.0f} s (encoder included)")
    print(f"one edited article taken in: {update * 1000:.0f} ms (its passages only)")
    print(
        f"search, {len(times)} queries one at a time: p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms"
    )


if __name__ == "__main__":
    main()
