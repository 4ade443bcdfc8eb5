"""``analyze`` through the public verb: shape, round trip, hard inputs."""

from __future__ import annotations

import json
import random

import pytest

from humanly.engine import Analysis
from humanly.engine.emotions import EKMAN

LABELS = {label for group in EKMAN.values() for label in group} | {"neutral"}


def test_reading_of_an_upset_customer(engine) -> None:  # type: ignore[no-untyped-def]
    reading = engine.analyze(
        "This is ridiculous. I was charged twice for order 5521 and nobody answers my emails. "
        "Can you refund the duplicate charge?"
    )
    assert set(reading.emotions.scores) == LABELS
    assert all(0.0 <= p <= 1.0 for p in reading.emotions.scores.values())
    assert reading.emotions.dominant == reading.emotions.labels[0]
    assert set(reading.emotions.labels) & {"annoyance", "anger", "disappointment", "disapproval"}
    assert reading.sentiment < 0
    assert [a.kind for a in reading.asks] == ["request"]
    assert {"refund", "billing"} & {i.label for i in reading.intents}
    assert "action" in reading.needs
    assert reading.language.code == "en"


def test_a_happy_customer_reads_as_positive(engine) -> None:  # type: ignore[no-untyped-def]
    reading = engine.analyze("Thank you so much! The course was brilliant and I loved every module.")
    assert reading.sentiment > 0.3
    assert set(reading.emotions.labels) & {"gratitude", "admiration", "love", "joy"}
    assert reading.asks == ()


def test_every_reading_round_trips_through_json(engine) -> None:  # type: ignore[no-untyped-def]
    reading = engine.analyze("Hi! <b>Where</b> is my parcel?? It's URGENT, the party is tomorrow!!!")
    assert Analysis.from_dict(json.loads(json.dumps(reading.to_dict()))) == reading


def test_html_mail_keeps_quote_and_signature_apart(engine) -> None:  # type: ignore[no-untyped-def]
    html = (
        "<html><body><p>Hello,</p><p>Could you resend my login details?</p>"
        "<div class='gmail_quote'>On Mon, Ava wrote:<blockquote>Your account is ready.</blockquote></div>"
        "</body></html>"
    )
    reading = engine.analyze(html)
    assert "resend my login details" in reading.text
    assert "account is ready" in reading.quoted
    assert "account is ready" not in reading.text
    assert reading.asks[0].text == "Could you resend my login details?"


def test_a_long_letter_gets_a_one_line_gist(engine) -> None:  # type: ignore[no-untyped-def]
    story = " ".join(["I have been a customer for years and the last month has been a long, hard one."] * 20)
    reading = engine.analyze(story + " Could you pause my membership until March?")
    assert "\n" not in reading.gist
    assert len(reading.gist) <= 160
    assert "pause my membership" in reading.gist


def test_non_english_text_is_marked(engine) -> None:  # type: ignore[no-untyped-def]
    reading = engine.analyze(
        "Bonjour, je n'ai toujours pas reçu ma commande et je voudrais un remboursement."
    )
    assert reading.language.code == "fr"
    assert reading.language.supported is False


@pytest.mark.parametrize(
    "message",
    [
        "",
        "   \n\t ",
        "😀😀😀🙏",
        "hi",
        "Где мой заказ? 注文はどこですか? Where is my order?",
        "\x00\x01\x02 garbage \ufffd\ud800",
        "A" * 5000,
    ],
)
def test_never_crashes(engine, message: str) -> None:  # type: ignore[no-untyped-def]
    reading = engine.analyze(message)
    assert isinstance(reading, Analysis)
    assert reading.emotions.dominant in LABELS


def test_binary_garbage_is_read_without_error(engine) -> None:  # type: ignore[no-untyped-def]
    garbage = random.Random(7).randbytes(20_000)
    reading = engine.analyze(garbage)
    assert isinstance(reading, Analysis)


@pytest.mark.slow
def test_a_one_megabyte_message_is_read(engine) -> None:  # type: ignore[no-untyped-def]
    paragraph = "My order has not arrived and nobody answers my emails. Where is it? " * 16
    text = (paragraph + "\n\n") * (1_000_000 // len(paragraph))
    reading = engine.analyze(text)
    assert len(reading.text) > 900_000
    assert 0 < len(reading.asks) <= 50


def test_analyze_many_matches_one_by_one(engine) -> None:  # type: ignore[no-untyped-def]
    messages = [
        "Where is my order?",
        "",
        "Thanks, all sorted!",
        "Cancel my plan now. This is the third time.",
    ]
    assert engine.analyze_many(messages) == [engine.analyze(m) for m in messages]


def test_custom_intents_need_no_training(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("HUMANLY_CACHE_DIR", str(tmp_path / "cache"))
    catalogue = tmp_path / "intents.yaml"
    catalogue.write_text(
        "intents:\n"
        "  - name: wholesale\n"
        "    description: A shop or café wants to stock our products and asks about trade prices.\n"
        "    examples:\n"
        "      - Do you offer wholesale prices for cafés?\n"
        "      - We run a small shop and would like to stock your candles.\n"
        "      - What is the minimum order for trade accounts?\n",
        encoding="utf-8",
    )
    import humanly.engine

    engine = humanly.engine.load(intents_file=catalogue, threads=1)
    reading = engine.analyze(
        "Hello, I own a little café in Leeds. Could we stock your coffee beans at trade price?"
    )
    assert reading.intents[0].label == "wholesale"


def test_a_broken_intent_file_says_what_is_wrong(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import humanly.engine

    bad = tmp_path / "intents.toml"
    bad.write_text('[[intent]]\nname = "Bad Name"\nexamples = ["x"]\n', encoding="utf-8")
    with pytest.raises(humanly.engine.CatalogueError, match="lower_snake_case"):
        humanly.engine.load(intents_file=bad, threads=1)


def test_writing_again_with_a_burst_of_exclamations_reads_as_annoyance(engine) -> None:  # type: ignore[no-untyped-def]
    chasing = engine.analyze("I've emailed twice!! Where is my refund?")
    assert "repeat_contact" in chasing.flags
    assert "annoyance" in chasing.emotions.labels
    assert "neutral" not in chasing.emotions.labels
    # Writing again calmly, or to say thank you, is not annoyance.
    calm = engine.analyze("This is the second time I've asked. Could you send the invoice?")
    assert "annoyance" not in calm.emotions.labels
    thanks = engine.analyze("This is my third email!! Thank you so much, all sorted now!!")
    assert thanks.emotions.dominant == "gratitude"
    assert "annoyance" not in thanks.emotions.labels


def test_a_lift_never_overrides_a_feeling_the_model_read(engine) -> None:  # type: ignore[no-untyped-def]
    import numpy as np

    model = engine._analyzer.emotions
    probs = np.zeros(len(model.labels), dtype=np.float32)
    probs[model.labels.index("neutral")] = 0.9
    lifted = model.lifted(probs, "annoyance")
    assert model.read(lifted, "").labels == ("annoyance",)
    probs[model.labels.index("sadness")] = 0.95
    assert model.lifted(probs, "annoyance") is probs


def test_what_they_say_about_being_answered_is_kept_and_not_taken_for_an_ask(engine) -> None:  # type: ignore[no-untyped-def]
    reading = engine.analyze(
        "Hi, please call me Sam. I'm deaf, so please email rather than phone. Where is my order?"
    )
    assert [(p.label, p.text) for p in reading.preferences] == [
        ("name", "please call me Sam"),
        ("accessibility", "I'm deaf"),
        ("channel", "please email rather than phone"),
    ]
    assert [a.text for a in reading.asks] == ["Where is my order?"]
    assert Analysis.from_dict(json.loads(json.dumps(reading.to_dict()))) == reading
    # Asking for one thing is not a preference.
    for plain in ("Can you call me back today?", "Please call me ASAP.", "Email me the invoice please."):
        assert engine.analyze(plain).preferences == (), plain
