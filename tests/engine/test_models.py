"""The shipped artefacts: present, small, and describing themselves."""

from __future__ import annotations

import json
from pathlib import Path

MODELS = Path(__file__).resolve().parents[2] / "humanly" / "engine" / "models"


def test_artefacts_are_small_and_complete() -> None:
    files = {p.name: p.stat().st_size for p in MODELS.iterdir() if p.is_file()}
    assert {
        "encoder_lower.int8.onnx",
        "encoder_upper.int8.onnx",
        "tokenizer.json",
        "emotions.json",
        "politeness.int8.onnx",
        "tone.int8.onnx",
    } <= set(files)
    assert sum(files.values()) < 40_000_000


def test_emotion_metadata_names_labels_thresholds_and_training_data() -> None:
    meta = json.loads((MODELS / "emotions.json").read_text(encoding="utf-8"))
    assert meta["name"] == "humanly.emotions.minilm.v1"
    assert len(meta["labels"]) == 28
    assert meta["labels"][-1] == "neutral"
    assert len(meta["thresholds"]) == 28
    assert all(0.0 < t < 1.0 for t in meta["thresholds"])
    assert "GoEmotions" in meta["trained_on"]


def test_the_encoder_is_identified_by_its_weights(engine) -> None:  # type: ignore[no-untyped-def]
    import hashlib

    graphs = (MODELS / "encoder_lower.int8.onnx").read_bytes() + (
        MODELS / "encoder_upper.int8.onnx"
    ).read_bytes()
    assert engine._analyzer.encoder.fingerprint == hashlib.sha256(graphs).hexdigest()


def test_the_models_on_the_encoder_were_trained_on_this_encoder(engine) -> None:  # type: ignore[no-untyped-def]
    for name in ("politeness.json", "tone.json"):
        meta = json.loads((MODELS / name).read_text(encoding="utf-8"))
        assert meta["encoder_sha256"] == engine._analyzer.encoder.fingerprint, name


def test_the_warmth_reading_names_its_models_thresholds_and_training_data() -> None:
    meta = json.loads((MODELS / "tone_warmth.json").read_text(encoding="utf-8"))
    assert meta["name"] == "humanly.tone.warmth.v1"
    assert all((MODELS / f"tone_warmth_{name}.npz").is_file() for name in meta["models"])
    assert 0.0 < meta["upset_at"] < meta["alone_at"] < 1.0
    assert "never the held-out 30%" in meta["trained_on"]
    assert meta["out_of_fold"]["with_warmth"]["f1"] > meta["out_of_fold"]["rules_alone"]["f1"]
