"""The ``humanly draft`` command: one message, a thread, and JSONL batches where every line is accounted for."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from humanly.cli import main

QUESTION = "How much is Momentum Coaching if I pay monthly?"


def test_draft_uses_the_demo_knowledge_and_shows_its_sources() -> None:
    result = CliRunner().invoke(main, ["draft", QUESTION, "--signature", "Alex\\nBrightwater Academy"])
    assert result.exit_code == 0, result.output
    assert "£420" in result.output
    assert "Momentum Coaching" in result.output  # the source
    assert "stage" in result.output
    assert "Alex" in result.output


def test_draft_json_is_the_draft() -> None:
    result = CliRunner().invoke(main, ["draft", "--format", "json", QUESTION, "--name", "Ana Silva"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["text"].startswith("Hi Ana,")
    assert set(data) >= {"text", "parts", "gaps", "stage", "confidence"}
    assert any(p["ask"] and p["source"] for p in data["parts"])


def test_draft_reads_your_own_knowledge_folder(tmp_path: Path) -> None:
    (tmp_path / "parking.md").write_text("# Parking\n\nThere is free parking behind the studio on Mill Lane.")
    (tmp_path / "broken.md").write_text("---\nkind: faq\n---\nx")
    result = CliRunner().invoke(main, ["draft", "--kb", str(tmp_path), "Is there parking near the studio?"])
    assert result.exit_code == 0, result.output
    assert "Mill Lane" in result.output
    assert "skipped" in result.output
    assert "broken.md" in result.output


def test_draft_answers_the_last_turn_of_a_thread(tmp_path: Path) -> None:
    thread = tmp_path / "thread.json"
    thread.write_text(
        json.dumps(
            [
                {"role": "customer", "text": "My certificate isn't on my profile."},
                {"role": "agent", "text": "Sorry about that. Which course was it for?"},
                {"role": "customer", "text": "Blog to Business, I passed the final quiz yesterday."},
            ]
        )
    )
    result = CliRunner().invoke(main, ["draft", "--thread", str(thread), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["stage"] == "calm"


def test_draft_refuses_bad_input_clearly(tmp_path: Path) -> None:
    assert CliRunner().invoke(main, ["draft"]).exit_code == 2
    thread = tmp_path / "thread.json"
    thread.write_text(json.dumps([{"role": "boss", "text": "hi"}]))
    result = CliRunner().invoke(main, ["draft", "--thread", str(thread)])
    assert result.exit_code == 1
    assert "needs a role" in result.output


def test_batch_drafts_each_line_and_reports_bad_ones(tmp_path: Path) -> None:
    lines = [
        {"id": 1, "text": QUESTION, "customer": {"name": "Ana"}},
        {
            "id": 2,
            "text": "and the refund?",
            "thread": [{"role": "customer", "text": "hi"}, {"role": "agent", "text": "hello"}],
        },
        {"id": 3, "text": "hi", "thread": "not a list"},
        {"id": 4, "text": "hi", "customer": {"name": 7}},
        {"id": 5},
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(x) for x in lines) + "\nnot json\n")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["draft", "--input", str(src), "--output", str(out), "--quiet"])
    assert result.exit_code == 1
    rows = [json.loads(x) for x in out.read_text().splitlines()]
    assert [r.get("id") for r in rows] == [1, 2, 3, 4, 5, None]
    assert rows[0]["draft"]["text"].startswith("Hi Ana,")
    assert "draft" in rows[1]
    assert [r["error"]["code"] for r in rows[2:]] == [
        "invalid_thread",
        "invalid_customer",
        "missing_text",
        "invalid_json",
    ]
