"""The knowledge base: Markdown articles in, passages out, found by keywords and by meaning, kept up to date."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from humanly.engine import DEMO_KNOWLEDGE
from humanly.engine.knowledge import Article, KnowledgeBase, KnowledgeError, parse_article, passages_of

REFUNDS = """---
title: Refunds
kind: article
tags: [refunds, billing]
answers: [special_exception]
---
# Refunds

You can have a **full refund** within 14 days of buying a course. See [our terms](https://example.com/terms).

## When will my refund arrive?

Your refund arrives 5 to 10 working days after we issue it.

## What we can do instead

- Move to another course of equal or lower price
- Move to the next cohort
"""

LOGIN = """---
title: Logging in
tags: login
---
We send a magic link to the email address you used at purchase. It is valid for 30 minutes.
"""


class Counting:
    """An embedding function that counts the texts it is asked to embed (deterministic fake vectors)."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, texts: list[str]) -> np.ndarray:
        self.calls += len(texts)
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for i, text in enumerate(texts):
            out[i, hash(text.split()[0].lower()) % 384] = 1.0
        return out


def test_an_article_is_read_from_its_front_matter() -> None:
    article = parse_article(REFUNDS, "refunds")
    assert article.title == "Refunds"
    assert article.kind == "article"
    assert article.tags == ("refunds", "billing")
    assert article.answers == ("special_exception",)


def test_without_front_matter_the_title_is_the_first_heading_and_tags_may_be_a_word() -> None:
    assert parse_article("# Opening hours\n\nWe open at 9.", "hours").title == "Opening hours"
    assert parse_article(LOGIN, "login").tags == ("login",)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("---\ntitle: [unclosed\n---\nBody", "not valid YAML"),
        ("---\n- a list\n---\nBody", "mapping"),
        ("---\nkind: faq\n---\nBody", "kind must be"),
        ("---\ntags: {a: 1}\n---\nBody", "tags must be"),
        ("---\ntitle: Empty\n---\n", "no text"),
    ],
)
def test_a_broken_article_says_what_is_wrong(text: str, says: str) -> None:
    with pytest.raises(KnowledgeError, match=says):
        parse_article(text, "broken")


def test_passages_are_plain_paragraphs_under_their_headings() -> None:
    passages = passages_of(parse_article(REFUNDS, "refunds"))
    assert [p.source.section for p in passages] == [
        "",
        "When will my refund arrive?",
        "What we can do instead",
    ]
    assert passages[0].text == (
        "You can have a full refund within 14 days of buying a course. See our terms (https://example.com/terms)."
    )
    assert passages[2].text == "- Move to another course of equal or lower price\n- Move to the next cohort"
    assert passages[1].id == "refunds#2"


def test_a_long_paragraph_is_cut_at_sentence_ends() -> None:
    body = " ".join(f"Sentence number {i} says one more thing about refunds." for i in range(40))
    passages = passages_of(Article("long", "Long", body))
    assert len(passages) > 1
    assert all(len(p.text.split()) <= 90 for p in passages)
    assert " ".join(p.text for p in passages) == body


def test_keywords_alone_find_the_passage() -> None:
    kb = KnowledgeBase([parse_article(REFUNDS, "refunds"), parse_article(LOGIN, "login")])
    hits = kb.search("when does my refund arrive", 2)
    assert hits[0].passage.source.article_id == "refunds"
    assert hits[0].passage.source.section == "When will my refund arrive?"
    assert hits[0].semantic == 0.0
    assert kb.search("magic link expired")[0].passage.source.article_id == "login"


@pytest.mark.parametrize("query", ['"', "NEAR(refund", "refund*", "AND OR NOT", "", "💸 ???", "a" * 5000])
def test_any_query_is_safe(query: str) -> None:
    kb = KnowledgeBase([parse_article(REFUNDS, "refunds")])
    assert isinstance(kb.search(query), list)


def test_meaning_finds_what_keywords_miss(engine) -> None:  # type: ignore[no-untyped-def]
    kb = engine.knowledge()
    hits = kb.search("I want my money back", 3)
    assert any(h.passage.source.article_id == "refunds" for h in hits)
    assert all(0.0 <= h.score <= 1.0 for h in hits)


def test_a_folder_lists_broken_files_and_indexes_the_rest(tmp_path: Path) -> None:
    (tmp_path / "refunds.md").write_text(REFUNDS)
    (tmp_path / "broken.md").write_text("---\nkind: faq\n---\nBody")
    (tmp_path / "binary.md").write_bytes(b"\xff\xfe\x00bad")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "draft.md").write_text(LOGIN)
    kb = KnowledgeBase.from_folder(tmp_path)
    assert [a.id for a in kb.articles] == ["refunds"]
    assert sorted(p.path.name for p in kb.problems) == ["binary.md", "broken.md"]


def test_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="not a folder"):
        KnowledgeBase.from_folder(tmp_path / "nowhere")


def test_refresh_reindexes_only_what_changed(tmp_path: Path) -> None:
    (tmp_path / "refunds.md").write_text(REFUNDS)
    (tmp_path / "login.md").write_text(LOGIN)
    embed = Counting()
    kb = KnowledgeBase.from_folder(tmp_path, embed=embed, cache=tmp_path / "cache.npz")
    assert embed.calls == 4
    assert kb.refresh() == (0, 0)
    (tmp_path / "login.md").write_text(LOGIN.replace("30 minutes", "one fortnight"))
    (tmp_path / "hours.md").write_text("# Opening hours\n\nWe answer email on weekdays.")
    (tmp_path / "refunds.md").unlink()
    assert kb.refresh() == (2, 1)
    assert embed.calls == 6  # the edited passage and the new one; nothing else
    assert {a.id for a in kb.articles} == {"login", "hours"}
    assert kb.search("fortnight")[0].passage.text.endswith("valid for one fortnight.")
    assert not kb.search("refund")


def test_vectors_are_kept_between_runs(tmp_path: Path) -> None:
    (tmp_path / "refunds.md").write_text(REFUNDS)
    KnowledgeBase.from_folder(tmp_path, embed=Counting(), model_id="m1", cache=tmp_path / "c.npz")
    again = Counting()
    KnowledgeBase.from_folder(tmp_path, embed=again, model_id="m1", cache=tmp_path / "c.npz")
    assert again.calls == 0
    other_model = Counting()
    KnowledgeBase.from_folder(tmp_path, embed=other_model, model_id="m2", cache=tmp_path / "c.npz")
    assert other_model.calls == 3


def test_upsert_replaces_and_remove_forgets() -> None:
    kb = KnowledgeBase([parse_article(LOGIN, "login")])
    kb.upsert(Article("login", "Logging in", "Use the code we text you."))
    assert len(kb) == 1
    assert kb.search("code")[0].passage.text == "Use the code we text you."
    assert kb.remove("login")
    assert not kb.remove("login")
    assert len(kb) == 0


def test_the_demo_knowledge_base_is_complete() -> None:
    kb = KnowledgeBase.from_folder(DEMO_KNOWLEDGE)
    assert not kb.problems
    assert len(kb.articles) >= 30
    assert {"article", "saved_reply"} == {a.kind for a in kb.articles}
    for expectation in (
        "do_it_for_me",
        "quick_results",
        "restore_previous_state",
        "special_exception",
        "free_work",
        "partnership_pitch",
    ):
        assert kb.answering(expectation), expectation
