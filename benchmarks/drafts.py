"""draft_reply with the demo knowledge base: do the drafts pass the tone guard and cover every ask, is the
playbook stage right, and how fast is the built-in composer.

Reads ../shared/data/humanly_dev (not shipped with humanly) and benchmarks/data/letters_extra*.jsonl.
Everything goes through the CLI as a user would run it: ``humanly draft --input`` writes the drafts,
``humanly check-reply --input`` checks each against its letter, scored like ../shared/tools/score.py
``drafts`` (clean: no finding and a "send" verdict; covered: every labelled ask overlaps an ask the
draft answers or marks as a gap) and ``stages`` (playbook stage accuracy on threads). Speed is measured
in process, warm, one draft at a time.

Usage: python benchmarks/drafts.py [--no-held-out] [--show N]
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from _common import SHARED, need, overlap, read_jsonl, run_cli

from humanly.engine.training.splits import split

DATA = Path(__file__).parent / "data"
# Stock and blaming phrases no draft should hold.
STOCK = (
    "i understand your frustration",
    "sorry for any inconvenience",
    "apologise for any inconvenience",
    "apologize for any inconvenience",
    "sorry for the inconvenience",
    "your call is important",
    "valued customer",
    "as per our policy",
    "please be advised",
    "calm down",
    "you should have",
    "as i already said",
    "as previously stated",
    "rest assured",
)


def _locate(text: str, snippet: str) -> tuple[int, int] | None:
    if not snippet:
        return None
    at = text.find(snippet)
    if at >= 0:
        return at, at + len(snippet)
    words = snippet.split()
    m = re.search(r"\s+".join(re.escape(w) for w in words), text) if words else None
    return (m.start(), m.end()) if m else None


def letters_part(name: str, rows: list[dict[str, Any]], show: int) -> None:
    drafts = run_cli("draft", [{"id": r["id"], "text": r["text"]} for r in rows])
    checks = run_cli(
        "check-reply",
        [
            {
                "id": r["id"],
                "reply": (drafts.get(r["id"]) or {}).get("draft", {}).get("text", ""),
                "customer": r["text"],
            }
            for r in rows
        ],
    )
    clean = covered = stock = gaps = invented = 0
    for r in rows:
        d = (drafts.get(r["id"]) or {}).get("draft") or {}
        report = (checks.get(r["id"]) or {}).get("report") or {}
        ok = not report.get("findings") and report.get("verdict") == "send"
        clean += ok
        spans = []
        for part in (d.get("parts") or []) + (d.get("gaps") or []):
            a = part.get("ask") or {}
            loc = _locate(r["text"], a.get("text") or "")
            if loc:
                spans.append(loc)
        missed = [
            q["quote"]
            for q in r.get("asks", [])
            if not any(
                overlap(r["text"].find(q["quote"]), r["text"].find(q["quote"]) + len(q["quote"]), s, e)
                for s, e in spans
            )
        ]
        covered += not missed
        low = (d.get("text") or "").lower()
        stock += any(p in low for p in STOCK) or not low.strip()
        gaps += len(d.get("gaps") or [])
        invented += any(n.startswith("Numbers not found") for n in d.get("notes") or [])
        if show and (not ok or missed):
            show -= 1
            print(f"--- {r['id']}: clean={ok} missed={missed}")
            print(
                "   ",
                [(f["kind"], d["text"][f["start"] : f["end"]]) for f in report.get("findings", [])],
                [m["kind"] for m in report.get("missing", [])],
            )
    n = len(rows)
    print(
        f"{name:<24} {n:>4} letters  pass tone check {clean / n:.3f}  cover every ask {covered / n:.3f}  "
        f"stock phrases {stock / n:.3f}  invented numbers {invented / n:.3f}  gaps per draft {gaps / n:.2f}"
    )


def stages_part(name: str, rows: list[dict[str, Any]]) -> float:
    out = run_cli(
        "draft", [{"id": r["id"], "text": r["turns"][-1]["text"], "thread": r["turns"]} for r in rows]
    )
    right = sum((out.get(r["id"]) or {}).get("draft", {}).get("stage") == r["stage"] for r in rows)
    print(f"{name:<24} {len(rows):>4} threads  stage accuracy {right / len(rows):.3f}")
    return right / len(rows)


def _p(times: list[float], q: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def speed(rows: list[dict[str, Any]]) -> None:
    """The composer given the reading (as the desk calls it: it stores the reading of every message), and
    the whole verb, reading included."""
    import humanly.engine

    engine = humanly.engine.load()
    context = humanly.engine.DraftContext(knowledge=engine.knowledge())
    readings = [engine.analyze(r["text"]) for r in rows]
    for r, reading in zip(rows[:5], readings, strict=False):
        engine.draft_reply(r["text"], context, analysis=reading)
    given, whole = [], []
    for r, reading in zip(rows, readings, strict=True):
        t0 = time.perf_counter()
        engine.draft_reply(r["text"], context, analysis=reading)
        given.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        engine.draft_reply(r["text"], context)
        whole.append((time.perf_counter() - t0) * 1000)
    print(
        f"composer, warm, one at a time over {len(rows)} letters: reading given p50 {statistics.median(given):.0f} ms, "
        f"p95 {_p(given, 0.95):.0f} ms; reading included p50 {statistics.median(whole):.0f} ms, p95 {_p(whole, 0.95):.0f} ms"
    )


def main() -> None:
    show = int(sys.argv[sys.argv.index("--show") + 1]) if "--show" in sys.argv else 0
    letters = read_jsonl(need(SHARED / "humanly_dev" / "letters.jsonl"))
    letters_part("humanly_dev letters (all)", letters, show)
    for path in sorted(DATA.glob("letters_extra*.jsonl")):
        letters_part(path.stem, read_jsonl(path), show)
    threads = read_jsonl(need(SHARED / "humanly_dev" / "threads.jsonl"))
    development, held_out = split(threads)
    if "--no-held-out" not in sys.argv:
        stages_part("threads held-out 30%", held_out)
    stages_part("threads development 70%", development)
    for path in sorted(DATA.glob("threads_extra*.jsonl")):
        stages_part(f"{path.stem} (training)", read_jsonl(path))
    speed(letters)


if __name__ == "__main__":
    main()
