"""The numpy lexical models and the blend that names a problem sentence's kind."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from humanly.engine.lexical import LexicalModel
from humanly.engine.tone_model import blend_kinds


def _save(
    path: Path, analyzer: str, ngrams: tuple[int, int], vocabulary: list[str], coef: list[list[float]]
) -> Path:
    np.savez_compressed(
        path,
        analyzer=np.asarray(analyzer),
        ngram_range=np.asarray(ngrams),
        vocabulary=np.asarray(vocabulary),
        idf=np.asarray([1.0 + n for n in range(len(vocabulary))], dtype=np.float32),
        coef=np.asarray(coef, dtype=np.float16),
        intercept=np.asarray([-0.5] * len(coef), dtype=np.float32),
    )
    return path


def test_words_and_word_pairs_are_weighted_as_sublinear_tf_idf(tmp_path: Path) -> None:
    vocabulary = ["late", "late fee", "fee", "refund"]
    model = LexicalModel(_save(tmp_path / "w.npz", "word", (1, 2), vocabulary, [[1, 2, -1, 3], [0, 0, 0, 1]]))
    # "late" twice, "fee" and "late fee" once each; "fee late" is not in the vocabulary.
    values = np.asarray([(1 + math.log(2)) * 1.0, 1.0 * 2.0, 1.0 * 3.0, 0.0])
    values /= np.linalg.norm(values)
    expected = [
        1 / (1 + math.exp(-(-0.5 + float(np.dot(row, values))))) for row in ([1, 2, -1, 3], [0, 0, 0, 1])
    ]
    assert model.probabilities("Late fee, LATE.") == pytest.approx(expected, abs=1e-6)


def test_a_text_with_no_known_word_reads_as_the_intercepts(tmp_path: Path) -> None:
    model = LexicalModel(_save(tmp_path / "w.npz", "word", (1, 2), ["refund"], [[4.0]]))
    assert model.probabilities("Thanks a lot!") == pytest.approx([1 / (1 + math.exp(0.5))])
    assert model.probabilities("") == pytest.approx([1 / (1 + math.exp(0.5))])


def test_a_vocabulary_stored_as_utf8_lines_reads_as_the_string_array(tmp_path: Path) -> None:
    """``training/lexical.save`` writes the vocabulary as UTF-8 bytes, one n-gram per line; files
    written before hold an array of strings. Both read the same."""
    vocabulary = ["café", "late fee", "£20", "refund"]
    coef = [[1.0, 2.0, -1.0, 3.0]]
    old = LexicalModel(_save(tmp_path / "old.npz", "word", (1, 2), vocabulary, coef))
    _save(tmp_path / "new.npz", "word", (1, 2), vocabulary, coef)
    stored = dict(np.load(tmp_path / "new.npz"))
    stored["vocabulary"] = np.frombuffer("\n".join(vocabulary).encode("utf-8"), dtype=np.uint8)
    np.savez_compressed(tmp_path / "new.npz", **stored)
    new = LexicalModel(tmp_path / "new.npz")
    for text in ("Late fee at the café: £20, refund it", "nothing known"):
        assert new.probabilities(text) == pytest.approx(old.probabilities(text), abs=0)
    assert new.probabilities("café") != pytest.approx(new.probabilities("nothing"))


def test_character_grams_stay_inside_word_boundaries(tmp_path: Path) -> None:
    model = LexicalModel(_save(tmp_path / "c.npz", "char_wb", (2, 3), ["x"], [[0.0]]))
    assert model._grams("Ab  c") == [" a", "ab", "b ", " ab", "ab ", " c", "c ", " c "]


def test_the_model_alone_names_its_own_kind() -> None:
    logits = np.asarray([0.1, 2.0, 0.3])
    assert int(blend_kinds(logits, [], 0.3).argmax()) == 1
    scores = blend_kinds(logits, [], 1.0)
    assert float(np.exp(scores).sum()) == pytest.approx(1.0)


def test_sure_words_overturn_a_model_in_two_minds() -> None:
    torn = np.asarray([1.0, 1.1, 0.0])
    words = np.asarray([0.9, 0.1, 0.1])
    assert int(blend_kinds(torn, [(words, 1.0)], 0.3).argmax()) == 0
    sure = np.asarray([0.0, 6.0, 0.0])
    assert int(blend_kinds(sure, [(words, 1.0)], 0.3).argmax()) == 1


def test_one_vs_rest_probabilities_are_scaled_before_they_are_mixed() -> None:
    logits = np.zeros(2)
    # The first model is twice as confident overall but prefers the same kind as strongly as the second.
    first, second = np.asarray([0.8, 0.4]), np.asarray([0.2, 0.1])
    assert blend_kinds(logits, [(first, 0.5), (second, 0.5)], 0.0) == pytest.approx(np.log([2 / 3, 1 / 3]))


def test_the_shipped_kind_models_read_the_words_of_a_boast_and_a_blame(engine) -> None:  # type: ignore[no-untyped-def]
    tone = engine._tone
    assert len(tone._lexical) == 2
    assert 0.0 < tone._share < 1.0

    def words_say(sentence: str) -> str:
        mixture = sum(
            p / p.sum() * weight for p, weight in ((m.probabilities(sentence), w) for m, w in tone._lexical)
        )
        return str(tone.kinds[int(np.argmax(mixture))])

    assert words_say("We are a family business that has served this town for forty years with pride.") == (
        "self_promotion"
    )
    assert words_say("You must have typed the wrong address when you ordered.") == "blame"


def test_a_flagged_boast_is_named_self_promotion(engine) -> None:  # type: ignore[no-untyped-def]
    from humanly.engine.text import sentences

    tone = engine._tone
    draft = (
        "Our bakery has won more regional awards than any other in Yorkshire. The fee applies after 14 days."
    )
    flags = tone.flags(draft, sentences(draft), "Why was I charged a late fee?")
    assert [draft[f.start : f.end] for f in flags] == [draft[: draft.index(".") + 1]]
    assert flags[0].kind == "self_promotion"
