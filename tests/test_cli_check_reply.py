"""The ``humanly check-reply`` command: one draft, and JSONL batches where every line is accounted for."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from humanly.cli import main

BLAMING = "You must have typed the wrong address. It will arrive on 14 May."
UPSET = "My parcel never came and it was a birthday present. Where is it?"


def test_check_reply_highlights_and_explains_each_finding() -> None:
    result = CliRunner().invoke(main, ["check-reply", BLAMING, "--to", UPSET])
    assert result.exit_code == 0, result.output
    assert "[1]" in result.output
    assert "blame" in result.output
    assert "revise" in result.output
    assert "14 May" in result.output.split("a calmer version")[1]  # the rewrite keeps the date


def test_a_good_reply_is_sent_with_no_rewrite() -> None:
    draft = "Of course: your invoice for March is attached, and it is also under Billing in your account."
    result = CliRunner().invoke(main, ["check-reply", draft, "--to", "Can I get my March invoice?"])
    assert result.exit_code == 0, result.output
    assert "send" in result.output
    assert "a calmer version" not in result.output


def test_square_brackets_are_shown_as_written() -> None:
    """The rewrite's marked gaps and a draft's own brackets are text, never console markup."""
    own = CliRunner().invoke(main, ["check-reply", "Thanks [/] for [bold]writing[/bold]."])
    assert own.exit_code == 0, own.output
    assert "Thanks [/] for [bold]writing[/bold]." in own.output
    draft = "Refunds are not possible after 30 days per our policy."
    result = CliRunner().invoke(main, ["check-reply", draft, "--to", "can I get a refund?"])
    assert result.exit_code == 0, result.output
    flat = " ".join(result.output.replace("│", " ").split())
    assert "[say what you can offer]" in flat.split("a calmer version")[1]


def test_check_reply_json_is_the_report() -> None:
    result = CliRunner().invoke(main, ["check-reply", "--format", "json", BLAMING, "--to", UPSET])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["verdict"] == "revise"
    assert data["findings"][0]["kind"] == "blame"
    start, end = data["findings"][0]["start"], data["findings"][0]["end"]
    assert "typed the wrong address" in BLAMING[start:end]
    assert set(data) >= {"scores", "politeness", "landing", "heat", "missing", "rewrite"}


def test_the_draft_can_come_from_stdin() -> None:
    result = CliRunner().invoke(main, ["check-reply", "-", "--format", "json"], input=BLAMING)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["draft"] == BLAMING


def test_check_reply_needs_a_draft_and_one_source_of_stdin() -> None:
    assert CliRunner().invoke(main, ["check-reply"]).exit_code == 2
    both = CliRunner().invoke(main, ["check-reply", "-", "--to", "-"])
    assert both.exit_code == 2
    assert "stdin" in both.output


def test_batch_checks_each_line_and_reports_bad_ones(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "reply": BLAMING, "customer": UPSET}),
        json.dumps({"id": "b", "reply": "Thanks for writing in! Your refund went out today."}),
        "{broken",
        json.dumps({"id": "c", "text": "a reply under the wrong name"}),
        json.dumps({"id": "d", "reply": "Fine.", "customer": ["not", "a", "string"]}),
        json.dumps({"id": "e", "reply": "Sorry about that, it is fixed now.", "customer": None}),
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    target = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        main, ["check-reply", "--input", str(source), "--output", str(target), "--quiet"]
    )
    assert result.exit_code == 1
    out = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [o.get("id") for o in out] == ["a", "b", None, "c", "d", "e"]
    assert out[0]["report"]["verdict"] == "revise"
    assert out[1]["report"]["verdict"] == "send"
    assert out[2]["error"]["code"] == "invalid_json"
    assert out[3]["error"]["code"] == "missing_reply"
    assert out[4]["error"]["code"] == "invalid_customer"
    assert out[5]["report"]["draft"] == "Sorry about that, it is fixed now."


def test_batch_over_two_processes_keeps_order(tmp_path: Path) -> None:
    rows = [
        {"id": n, "reply": f"Your order {n} ships on Monday.", "customer": f"Where is order {n}?"}
        for n in range(60)
    ]
    done = subprocess.run(
        [sys.executable, "-m", "humanly.cli", "check-reply", "--input", "-", "--workers", "2"],
        input="".join(json.dumps(r) + "\n" for r in rows),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [o["id"] for o in out] == list(range(60))
    assert all(f"order {o['id']}" in o["report"]["draft"] for o in out)
    assert "60 lines written, 0 failed" in done.stderr
