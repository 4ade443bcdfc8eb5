from __future__ import annotations

import os

import pytest

os.environ.setdefault("OMP_NUM_THREADS", "1")


@pytest.fixture(scope="session")
def engine(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    os.environ["HUMANLY_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    import humanly.engine

    return humanly.engine.load(threads=1)
