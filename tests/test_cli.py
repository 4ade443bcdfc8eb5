"""The ``humanly analyze`` command: one message, and JSONL batches where every line is accounted for."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from humanly.cli import main


def test_analyze_prints_a_readable_reading() -> None:
    result = CliRunner().invoke(main, ["analyze", "Where is my order? I'm getting worried."])
    assert result.exit_code == 0, result.output
    assert "asks" in result.output
    assert "Where is my order?" in result.output
    assert "needs" in result.output


def test_analyze_json_is_the_analysis() -> None:
    result = CliRunner().invoke(main, ["analyze", "--format", "json", "Please cancel my plan."])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["asks"][0]["kind"] == "request"
    assert set(data) >= {"emotions", "sentiment", "intents", "asks", "gist", "flags", "escalation", "needs"}


def test_analyze_needs_a_message() -> None:
    result = CliRunner().invoke(main, ["analyze"])
    assert result.exit_code == 2
    assert "give a message" in result.output


def test_batch_keeps_order_and_reports_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "text": "Where is my order?"}),
        "{not json",
        json.dumps({"id": "b"}),
        json.dumps(["a list"]),
        "",
        json.dumps({"id": 7, "text": "Thanks, all sorted!"}),
        json.dumps({"id": "c", "text": 42}),
        json.dumps({"text": "no id here"}),
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    target = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["analyze", "--input", str(source), "--output", str(target), "--quiet"])
    assert result.exit_code == 1
    out = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [o.get("id") for o in out] == ["a", None, "b", None, 7, "c", None]
    assert out[0]["analysis"]["asks"][0]["text"] == "Where is my order?"
    assert out[1]["error"]["code"] == "invalid_json"
    assert out[1]["line"] == 2
    assert out[2]["error"]["code"] == "missing_text"
    assert out[3]["error"]["code"] == "not_an_object"
    assert "analysis" in out[4]
    assert out[5]["error"]["code"] == "invalid_text"
    assert out[6]["error"]["code"] == "missing_id"
    assert out[6]["line"] == 8


def test_batch_over_two_processes_through_stdin_and_stdout(tmp_path: Path) -> None:
    rows = [{"id": f"m{n}", "text": f"Message {n}: where is parcel {n}?"} for n in range(60)]
    stdin = "".join(json.dumps(r) + "\n" for r in rows)
    done = subprocess.run(
        [sys.executable, "-m", "humanly.cli", "analyze", "--input", "-", "--output", "-", "--workers", "2"],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [o["id"] for o in out] == [r["id"] for r in rows]
    assert all(o["analysis"]["asks"][0]["kind"] == "question" for o in out)
    assert "60 lines written, 0 failed" in done.stderr


def test_a_broken_intents_file_stops_a_batch_before_it_starts(tmp_path: Path) -> None:
    bad = tmp_path / "intents.toml"
    bad.write_text('[[intent]]\nname = "Bad Name"\nexamples = ["x"]\n', encoding="utf-8")
    source = tmp_path / "in.jsonl"
    source.write_text(
        "".join(json.dumps({"id": n, "text": "hi"}) + "\n" for n in range(60)), encoding="utf-8"
    )
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "humanly.cli",
            "analyze",
            "--input",
            str(source),
            "--intents",
            str(bad),
            "--quiet",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert "lower_snake_case" in done.stderr
    assert done.stdout == ""
