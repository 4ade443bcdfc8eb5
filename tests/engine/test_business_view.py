"""``Engine.with_business``: one loaded engine, a light view per business with its own intents and model."""

from __future__ import annotations

import pytest

from humanly.engine import CatalogueError, IntentDefinition, LLMConfig
from humanly.engine.intents import load_catalogue, parse_intent

WHOLESALE = IntentDefinition(
    "wholesale",
    "A shop or café wants to stock our products and asks about trade prices.",
    (
        "Do you offer wholesale prices for cafés?",
        "We run a small shop and would like to stock your candles.",
        "What is the minimum order for trade accounts?",
    ),
    ("trade price",),
)
CAFE = "Hello, I own a little café in Leeds. Could we stock your coffee beans at trade price?"


def labels(analysis) -> list[str]:  # type: ignore[no-untyped-def]
    return [i.label for i in analysis.intents]


def test_a_business_intent_is_found_by_its_view_and_never_by_the_base_engine(engine) -> None:  # type: ignore[no-untyped-def]
    before = engine.analyze(CAFE)
    view = engine.with_business(intents=[WHOLESALE])
    assert labels(view.analyze(CAFE))[0] == "wholesale"
    assert "wholesale" not in labels(engine.analyze(CAFE))
    assert engine.analyze(CAFE) == before  # the base engine is unchanged
    assert view.analyze_many([CAFE, CAFE]) == [view.analyze(CAFE)] * 2
    # Everything but the catalogue is shared: nothing was loaded again.
    assert view._analyzer.encoder is engine._analyzer.encoder
    assert view._analyzer.emotions is engine._analyzer.emotions
    assert view._tone is engine._tone
    assert view._politeness is engine._politeness
    assert [d.name for d in view._analyzer.intents.definitions][-1] == "wholesale"
    assert "wholesale" not in [d.name for d in engine._analyzer.intents.definitions]


def test_only_the_business_sentences_are_encoded_when_the_view_is_made(engine, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    encoder = engine._analyzer.encoder
    seen: list[str] = []
    encode = type(encoder).encode

    def counting(self, texts, **kwargs):  # type: ignore[no-untyped-def]
        seen.extend(texts)
        return encode(self, texts, **kwargs)

    monkeypatch.setattr(type(encoder), "encode", counting)
    rare = IntentDefinition(
        "rare_bird", "Someone saw an unusual bird.", ("I spotted a hoopoe in the garden.",)
    )
    engine.with_business(intents=[rare])
    assert seen == ["I spotted a hoopoe in the garden.", "Someone saw an unusual bird."]


def test_a_business_intent_named_like_a_built_in_one_replaces_it(engine) -> None:  # type: ignore[no-untyped-def]
    refund = IntentDefinition("refund", "", ("Do you sell gift vouchers?",))
    view = engine.with_business(intents=[refund])
    names = [d.name for d in view._analyzer.intents.definitions]
    assert names.count("refund") == 1
    assert len(names) == len(engine._analyzer.intents.definitions)
    assert "refund" in labels(view.analyze("Do you sell gift vouchers for birthdays?"))
    assert "refund" not in labels(engine.analyze("Do you sell gift vouchers for birthdays?"))
    assert "refund" in labels(engine.analyze("I want my money back for the duplicate charge, please."))


def test_business_intents_are_checked_as_an_intents_file_is(engine, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CatalogueError, match="name must be lower_snake_case, got 'Trade Prices'"):
        engine.with_business(intents=[IntentDefinition("Trade Prices", "", ("x",))])
    with pytest.raises(CatalogueError, match="'trade' needs at least one example sentence"):
        engine.with_business(intents=[IntentDefinition("trade", "Trade.", ("  ",))])
    with pytest.raises(CatalogueError, match="'long_story'"):
        engine.with_business(intents=[IntentDefinition("long_story", "", ("A long one.",))])
    with pytest.raises(CatalogueError, match="'wholesale' is given twice"):
        engine.with_business(intents=[WHOLESALE, WHOLESALE])
    # The same checks and messages as a file's, which also says where.
    bad = tmp_path / "intents.toml"
    bad.write_text('[[intent]]\nname = "Trade Prices"\nexamples = ["x"]\n', encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"intents.toml: intent 1: name must be lower_snake_case"):
        load_catalogue(bad)


def test_one_string_is_one_example_or_keyword_never_its_letters() -> None:
    found = parse_intent({"name": "trade", "examples": "Do you sell wholesale?", "keywords": " Trade "})
    assert found.examples == ("Do you sell wholesale?",)
    assert found.keywords == ("trade",)
    assert parse_intent({"name": "trade", "examples": ["A", ""], "keywords": ["", " Bulk "]}).keywords == (
        "bulk",
    )


def test_a_view_drafts_with_its_own_language_model_and_the_base_with_none(engine) -> None:  # type: ignore[no-untyped-def]
    unreachable = LLMConfig(url="http://127.0.0.1:9/v1", model="m", key="sk-secret", timeout=2)
    view = engine.with_business(llm=unreachable)
    message = "Could you send me last month's invoice?"
    drafted = view.draft_reply(message)
    assert drafted.backend == "composer"
    assert any("could not be reached" in note for note in drafted.notes)
    assert not any("sk-secret" in note for note in drafted.notes)
    plain = engine.draft_reply(message)
    assert not any("language model" in note for note in plain.notes)
    assert plain.text == drafted.text
    # llm=None keeps the engine's own model: here the view's.
    assert view.with_business(intents=[WHOLESALE])._complete is view._complete
