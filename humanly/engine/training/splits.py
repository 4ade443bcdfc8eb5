"""The seeded split of humanly_dev used everywhere: 70% to build and tune, 30% held out to measure."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

SEED = 20261122
HELD_OUT_SHARE = 0.3


def split(
    rows: Sequence[dict[str, Any]], *, seed: int = SEED
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(development rows, held-out rows), decided by id so the split never depends on file order."""
    ids = sorted(str(r["id"]) for r in rows)
    random.Random(seed).shuffle(ids)
    held = set(ids[: round(len(ids) * HELD_OUT_SHARE)])
    return [r for r in rows if str(r["id"]) not in held], [r for r in rows if str(r["id"]) in held]
