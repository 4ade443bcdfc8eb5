"""JSONL batches for the engine's verbs: read, validate, fan out over processes, write in order.

Every input line is accounted for: it yields one output line, either the verb's result or
``{"id": ..., "line": N, "error": {"code": ..., "message": ...}}``. Blank lines are skipped.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import IO, Any

MAX_LINE_BYTES = 10 * 1024 * 1024
CHUNK = 16


@dataclass(frozen=True, slots=True)
class Item:
    line: int
    id: Any
    fields: dict[str, Any] | None
    error: dict[str, str] | None


# A check for a field that is not a plain string: the error message, or None when the value is fine.
FieldCheck = Callable[[Any], str | None]


def parse(
    line_no: int,
    raw: str,
    required: tuple[str, ...],
    optional: tuple[str, ...] = (),
    structured: Mapping[str, FieldCheck] | None = None,
) -> Item:
    if len(raw) > MAX_LINE_BYTES:
        return Item(
            line_no, None, None, {"code": "line_too_large", "message": f"line is over {MAX_LINE_BYTES} bytes"}
        )
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        return Item(
            line_no,
            None,
            None,
            {"code": "invalid_json", "message": f"not valid JSON: {exc.msg} at column {exc.colno}"},
        )
    if not isinstance(data, dict):
        return Item(
            line_no, None, None, {"code": "not_an_object", "message": "each line must be a JSON object"}
        )
    ident = data.get("id")
    if ident is None:
        return Item(line_no, None, None, {"code": "missing_id", "message": "the object has no 'id'"})
    if not isinstance(ident, str | int) or isinstance(ident, bool):
        return Item(
            line_no, None, None, {"code": "invalid_id", "message": "'id' must be a string or an integer"}
        )
    for name in required:
        if name not in data:
            return Item(
                line_no, ident, None, {"code": f"missing_{name}", "message": f"the object has no '{name}'"}
            )
        if not isinstance(data[name], str):
            return Item(
                line_no, ident, None, {"code": f"invalid_{name}", "message": f"'{name}' must be a string"}
            )
    for name in optional:
        if data.get(name) is not None and not isinstance(data[name], str):
            return Item(
                line_no,
                ident,
                None,
                {"code": f"invalid_{name}", "message": f"'{name}' must be a string or null"},
            )
    for name, check in (structured or {}).items():
        if data.get(name) is not None and (problem := check(data[name])) is not None:
            return Item(line_no, ident, None, {"code": f"invalid_{name}", "message": problem})
    return Item(line_no, ident, data, None)


def read_items(
    stream: IO[str],
    required: tuple[str, ...],
    optional: tuple[str, ...] = (),
    structured: Mapping[str, FieldCheck] | None = None,
) -> Iterator[Item]:
    for n, raw in enumerate(stream, 1):
        if raw.strip():
            yield parse(n, raw, required, optional, structured)


Worker = Callable[[list[dict[str, Any]]], list[dict[str, Any]]]

_worker: Worker | None = None


def _init(factory: Callable[[], Worker]) -> None:
    global _worker  # noqa: PLW0603 - one engine per worker process
    _worker = factory()


def _run_chunk(items: list[Item]) -> list[dict[str, Any]]:
    assert _worker is not None
    return _apply(_worker, items)


def _apply(worker: Worker, items: list[Item]) -> list[dict[str, Any]]:
    good = [i for i in items if i.fields is not None]
    outputs: dict[int, dict[str, Any]] = {}
    try:
        results = worker([i.fields for i in good if i.fields is not None]) if good else []
        for item, result in zip(good, results, strict=True):
            outputs[item.line] = {"id": item.id, **result}
    except Exception:  # one bad message must not sink its neighbours: retry them one by one
        for item in good:
            try:
                outputs[item.line] = {"id": item.id, **worker([item.fields])[0]}  # type: ignore[list-item]
            except Exception as exc:
                outputs[item.line] = error_line(
                    item.id, item.line, "engine_error", f"{type(exc).__name__}: {exc}"
                )
    lines = []
    for item in items:
        if item.error is not None:
            lines.append(error_line(item.id, item.line, item.error["code"], item.error["message"]))
        else:
            lines.append(outputs[item.line])
    return lines


def error_line(ident: Any, line: int, code: str, message: str) -> dict[str, Any]:
    return {"id": ident, "line": line, "error": {"code": code, "message": message}}


def _chunks(items: Iterable[Item]) -> Iterator[list[Item]]:
    batch: list[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) >= CHUNK:
            yield batch
            batch = []
    if batch:
        yield batch


def run(
    items: Iterable[Item],
    factory: Callable[[], Worker],
    out: IO[str],
    *,
    workers: int,
    on_done: Callable[[int], None] = lambda n: None,
) -> tuple[int, int]:
    """Process items in input order over ``workers`` processes; return (lines written, lines failed)."""
    written = failed = 0

    def emit(lines: list[dict[str, Any]]) -> None:
        nonlocal written, failed
        for line in lines:
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
            written += 1
            failed += "error" in line
        out.flush()
        on_done(len(lines))

    if workers <= 1:
        worker = factory()
        for batch in _chunks(items):
            emit(_apply(worker, batch))
        return written, failed
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    context = multiprocessing.get_context(method)
    with context.Pool(workers, initializer=_init, initargs=(factory,)) as pool:
        for lines in pool.imap(_run_chunk, _chunks(items)):
            emit(lines)
    return written, failed


def default_workers() -> int:
    return max(1, min(2, os.cpu_count() or 1))
