"""The engine stands alone: no web framework, nothing from the rest of humanly."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[2] / "humanly" / "engine"
FORBIDDEN_ROOTS = {"django", "celery", "ninja", "redis", "psycopg", "kombu"}


def test_importing_and_running_the_engine_never_loads_the_server_side() -> None:
    code = (
        "import sys, humanly.engine\n"
        "humanly.engine.load(threads=1).analyze('Where is my order?')\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'django', 'celery', 'ninja'}"
        " or (m.startswith('humanly.') and not m.startswith('humanly.engine')))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_no_engine_module_imports_outside_the_engine() -> None:
    offenders = []
    for path in ENGINE.rglob("*.py"):
        if "training" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                root = name.split(".")[0]
                inside = name == "humanly.engine" or name.startswith("humanly.engine.")
                if root in FORBIDDEN_ROOTS or (root == "humanly" and not inside):
                    offenders.append(f"{path.name}: {name}")
    assert offenders == []


def test_the_engine_never_prints() -> None:
    code = "import humanly.engine\nhumanly.engine.load(threads=1).analyze('HELLO?? anyone there!!!')\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == ""
    assert out.stderr == ""
