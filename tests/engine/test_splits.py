from __future__ import annotations

from humanly.engine.training.splits import split


def test_the_held_out_split_is_seeded_and_ignores_file_order() -> None:
    rows = [{"id": f"dL{n:03}"} for n in range(1, 61)]
    development, held_out = split(rows)
    again_dev, again_held = split(list(reversed(rows)))
    assert len(held_out) == 18
    assert len(development) == 42
    assert {r["id"] for r in held_out} == {r["id"] for r in again_held}
    assert {r["id"] for r in development} == {r["id"] for r in again_dev}
    assert not {r["id"] for r in held_out} & {r["id"] for r in development}
