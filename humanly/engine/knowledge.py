"""The knowledge base: articles and saved replies, cut into passages and searched two ways at once.

Component ``humanly.knowledge.hybrid.v1``. A passage is one paragraph of an article (or a few sentences of
a long one) under its heading. A search ranks passages by keywords (BM25 over the passages' words, lightly
stemmed) and by meaning (the cosine of the engine's sentence vectors), and blends the two.

For the engine alone a knowledge base is a folder of Markdown files with YAML front matter::

    ---
    title: Refunds
    kind: article            # or saved_reply
    tags: [refunds, billing]
    answers: [special_exception]   # optional: the expectations this article honestly answers
    ---
    # Refunds
    You can ask for a full refund within 14 days of buying a course.

``KnowledgeBase.from_folder(path, embed)`` reads it; ``refresh()`` picks up added, edited and deleted
files, re-indexing only what changed; vectors are cached on disk by passage text, so a restart re-reads the
files and re-embeds nothing that was seen before. The desk keeps its articles in its database and feeds
them through ``upsert`` and ``remove``: the same index behind the same interface.
"""

from __future__ import annotations

import hashlib
import logging
import math
import re
import threading
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import yaml

from humanly.engine.intents import cache_dir
from humanly.engine.text import stem as word_stem
from humanly.engine.types import ArticleKind, Serialisable, Source

__all__ = [
    "KNOWLEDGE",
    "Article",
    "Hit",
    "KnowledgeBase",
    "KnowledgeError",
    "Passage",
    "Problem",
    "Source",
    "parse_article",
    "passages_of",
    "slug",
    "terms",
]

log = logging.getLogger(__name__)

KNOWLEDGE = "humanly.knowledge.hybrid.v1"
FloatArray = npt.NDArray[np.float32]
Embed = Callable[[list[str]], FloatArray]

# A passage longer than this many words is cut at sentence ends.
PASSAGE_WORDS = 90
# How keywords and meaning are blended: score = SEMANTIC * cosine + (1 - SEMANTIC) * keyword.
SEMANTIC = 0.6
# BM25 scores are unbounded; keyword = bm25 / (bm25 + BM25_HALF) puts a typical good match near 0.6.
BM25_HALF = 6.0
# Candidates taken from each side before blending.
CANDIDATES = 40
MAX_FILE_BYTES = 1_000_000
QUERY_CACHE = 256
# The most the share of the query's words can count for as the keyword half.
COVERAGE_WEIGHT = 0.8
# Below this a passage has nothing to do with the query.
MIN_SCORE = 0.01


class KnowledgeError(ValueError):
    """An article that cannot be read: what is wrong, and where."""


@dataclass(frozen=True, slots=True)
class Article(Serialisable):
    """One article or saved reply. ``id`` is stable: a folder's articles use their file name without ``.md``."""

    id: str
    title: str
    body: str
    kind: ArticleKind = "article"
    tags: tuple[str, ...] = ()
    answers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Passage(Serialisable):
    """A paragraph of an article, as plain text a reply can quote."""

    id: str
    text: str
    source: Source


@dataclass(frozen=True, slots=True)
class Hit(Serialisable):
    """One search result: the passage, the blended score (0-1) and its two halves."""

    passage: Passage
    score: float
    keyword: float
    semantic: float


@dataclass(frozen=True, slots=True)
class Problem:
    """A file of a knowledge folder that was skipped, and why."""

    path: Path
    reason: str


# --- Markdown --------------------------------------------------------------------------------------

_FRONT = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)\s]*)[^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_CODE = re.compile(r"`([^`]*)`")
_HTML_TAG = re.compile(r"<[^>]+>")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")
_ID = re.compile(r"[^a-z0-9]+")


def _inline(text: str) -> str:
    text = _LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})" if m.group(2) else m.group(1), text)
    text = _CODE.sub(r"\1", text)
    text = _EMPHASIS.sub(r"\2", text)
    text = _HTML_TAG.sub("", text)
    return re.sub(r"\s+", " ", text).strip()


def slug(text: str) -> str:
    """A stable id from a title or file name: lower case, words joined by '-'."""
    return _ID.sub("-", text.lower()).strip("-") or "article"


def parse_article(text: str, article_id: str) -> Article:
    """An article from Markdown with YAML front matter; raises ``KnowledgeError`` saying what is wrong."""
    text = text.replace("\r\n", "\n").lstrip("\ufeff")
    meta: dict[str, Any] = {}
    match = _FRONT.match(text)
    if match:
        try:
            loaded = yaml.safe_load(match.group(1))
        except yaml.YAMLError as exc:
            raise KnowledgeError(f"the front matter is not valid YAML: {exc}".splitlines()[0]) from None
        if loaded is not None and not isinstance(loaded, dict):
            raise KnowledgeError("the front matter must be a mapping of fields (title: ..., tags: [...])")
        meta = loaded or {}
        text = text[match.end() :]
    body = text.strip()
    title = meta.get("title")
    if title is None:
        first = next((m.group(2) for line in body.splitlines() if (m := _HEADING.match(line))), None)
        title = first or article_id
    kind = meta.get("kind", "article")
    if kind not in ("article", "saved_reply"):
        raise KnowledgeError(f"kind must be 'article' or 'saved_reply', not {kind!r}")
    tags, answers = _strings(meta.get("tags"), "tags"), _strings(meta.get("answers"), "answers")
    if not body:
        raise KnowledgeError("the article has no text")
    return Article(id=article_id, title=_inline(str(title)), body=body, kind=kind, tags=tags, answers=answers)


def _strings(value: object, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [v for v in re.split(r"[,\s]+", value) if v]
    if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
        raise KnowledgeError(f"{name} must be a list of words, e.g. {name}: [billing, refunds]")
    return tuple(str(v).strip() for v in value if str(v).strip())


def passages_of(article: Article) -> list[Passage]:
    """The article's paragraphs as plain-text passages, each under the heading it sits below."""
    blocks: list[tuple[str, str]] = []
    section = ""
    lines: list[str] = []

    def close() -> None:
        if lines:
            items = [_inline(line) for line in lines]
            listed = any(_LIST_ITEM.match(line) for line in lines)
            joined = (
                "\n".join(
                    f"- {_inline(_LIST_ITEM.sub('', line))}" if _LIST_ITEM.match(line) else i
                    for line, i in zip(lines, items, strict=True)
                )
                if listed
                else " ".join(items)
            )
            if joined.strip():
                blocks.append((section, joined.strip()))
            lines.clear()

    fenced = False
    for line in article.body.splitlines():
        if line.strip().startswith("```"):
            fenced = not fenced
            continue
        heading = None if fenced else _HEADING.match(line)
        if heading:
            close()
            level, name = len(heading.group(1)), _inline(heading.group(2))
            section = "" if level == 1 and name == article.title else name
        elif not line.strip():
            close()
        else:
            lines.append(line.strip())
    close()
    found: list[Passage] = []
    for section_name, text in blocks:
        for piece in _pieces(text):
            source = Source(article.id, article.title, section_name, article.kind)
            found.append(Passage(f"{article.id}#{len(found) + 1}", piece, source))
    return found


def _pieces(text: str) -> list[str]:
    if len(text.split()) <= PASSAGE_WORDS:
        return [text]
    pieces: list[str] = []
    current: list[str] = []
    for sentence in _SENTENCE_END.split(text):
        if current and len(" ".join([*current, sentence]).split()) > PASSAGE_WORDS:
            pieces.append(" ".join(current))
            current = []
        current.append(sentence)
    if current:
        pieces.append(" ".join(current))
    return pieces


# --- the index -------------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "if",
        "so",
        "to",
        "of",
        "in",
        "on",
        "at",
        "for",
        "from",
        "with",
        "by",
        "about",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "do",
        "does",
        "did",
        "have",
        "has",
        "had",
        "i",
        "me",
        "my",
        "we",
        "us",
        "our",
        "you",
        "your",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "what",
        "when",
        "where",
        "why",
        "how",
        "which",
        "who",
        "can",
        "could",
        "will",
        "would",
        "should",
        "may",
        "might",
        "must",
        "not",
        "no",
        "please",
        "just",
        "also",
        "any",
        "some",
        "get",
        "got",
        "tell",
        "know",
        "let",
        "like",
        "want",
        "need",
        "hi",
        "hello",
        "hey",
        "thanks",
        "thank",
        "still",
        "now",
        "then",
        "very",
        "much",
        "more",
        "one",
        "ok",
        "okay",
        "sure",
        "im",
        "i'm",
    ]
)


def terms(text: str) -> list[str]:
    """The content words of a text, lower case, in order, each once."""
    seen: dict[str, None] = {}
    for found in _WORD.findall(text.lower()):
        word = found.replace("’", "'")
        if word not in _STOP and (len(word) > 1 or word.isdigit()):
            seen.setdefault(word, None)
    return list(seen)


def _index_text(passage: Passage) -> str:
    """What a passage is searched by: its article's title and heading, then its own words."""
    source = passage.source
    return " ".join(p for p in (source.title, source.section, passage.text) if p)


def _vector_key(text: str) -> str:
    """What a passage's vector is cached by: its index text's hash."""
    return hashlib.sha256(text.encode()).hexdigest()[:32]


class KnowledgeBase:
    """Articles and saved replies, searchable by keywords and meaning.

    ``embed`` turns texts into unit vectors (the engine passes its sentence encoder); without it the search
    uses keywords alone. Safe to share between threads.
    """

    def __init__(
        self,
        articles: Iterable[Article] = (),
        *,
        embed: Embed | None = None,
        model_id: str = "",
        cache: Path | None = None,
    ) -> None:
        self._embed = embed
        self._model_id = model_id
        self._cache_path = cache
        self._cached: dict[str, FloatArray] = self._read_cache() if embed is not None else {}
        self._cache_dirty = False
        self._lock = threading.RLock()
        self._keywords = _Keywords()
        self._articles: dict[str, Article] = {}
        self._rows: dict[str, list[int]] = {}  # article id -> FTS rowids
        self._passages: dict[int, Passage] = {}
        self._vectors = np.zeros((0, 384), dtype=np.float32)
        self._row_of: dict[int, int] = {}  # FTS rowid -> vector row
        self._free: list[int] = []
        self._next_rowid = 1
        self._queries: dict[str, FloatArray] = {}
        self.folder: Path | None = None
        self.problems: list[Problem] = []
        self._seen: dict[Path, tuple[int, int]] = {}
        self.upsert_many(articles)

    # --- loading ---------------------------------------------------------------------------------

    @classmethod
    def from_folder(
        cls, folder: Path, *, embed: Embed | None = None, model_id: str = "", cache: Path | None = None
    ) -> KnowledgeBase:
        """Every ``*.md`` file under ``folder`` (sub-folders too); files that cannot be read are listed in
        ``problems`` and skipped. ``cache`` is where passage vectors are kept between runs (by default a file
        in the user cache folder named after the folder)."""
        folder = Path(folder)
        if not folder.is_dir():
            raise KnowledgeError(f"{folder} is not a folder of Markdown articles")
        if cache is None and embed is not None:
            key = hashlib.sha256(f"{folder.resolve()}|{model_id}".encode()).hexdigest()[:20]
            cache = cache_dir() / f"knowledge-{key}.npz"
        kb = cls(embed=embed, model_id=model_id, cache=cache)
        kb.folder = folder
        kb.refresh()
        return kb

    def refresh(self) -> tuple[int, int]:
        """Re-read the folder: index added and edited files, drop deleted ones. Returns (indexed, removed)."""
        if self.folder is None:
            return 0, 0
        with self._lock:
            found: dict[Path, tuple[int, int]] = {}
            changed: list[Article] = []
            problems: list[Problem] = []
            for path in sorted(self.folder.rglob("*.md")):
                if any(part.startswith(".") for part in path.relative_to(self.folder).parts):
                    continue
                stat = path.stat()
                found[path] = (stat.st_mtime_ns, stat.st_size)
                if self._seen.get(path) == found[path]:
                    continue
                article_id = slug(str(path.relative_to(self.folder).with_suffix("")))
                try:
                    if stat.st_size > MAX_FILE_BYTES:
                        raise KnowledgeError(f"the file is over {MAX_FILE_BYTES // 1_000_000} MB")
                    text = path.read_text(encoding="utf-8")
                    changed.append(parse_article(text, article_id))
                except (KnowledgeError, UnicodeDecodeError, OSError) as exc:
                    problems.append(Problem(path, str(exc)))
                    found.pop(path)
                    self.remove(article_id)
            removed = [p for p in self._seen if p not in found]
            for path in removed:
                self.remove(slug(str(path.relative_to(self.folder).with_suffix(""))))
            self.upsert_many(changed)
            self._seen = found
            self.problems = problems
            for problem in problems:
                log.warning("knowledge article skipped: %s: %s", problem.path, problem.reason)
            return len(changed), len(removed)

    # --- changes ---------------------------------------------------------------------------------

    def upsert(self, article: Article) -> None:
        """Add an article, or replace the one with the same id (only its passages are re-indexed)."""
        self.upsert_many([article])

    def upsert_many(
        self, articles: Iterable[Article], *, vectors: Mapping[str, tuple[str, FloatArray]] | None = None
    ) -> None:
        """Add or replace articles. ``vectors`` holds, by article id, what ``passage_vectors`` gave for an
        article earlier (perhaps in another process, kept in a database): when its fingerprint still
        matches the article, its passages are not encoded again."""
        articles = list(articles)
        if not articles:
            return
        with self._lock:
            for article in articles:
                self._drop(article.id)
            new = [(article, passages_of(article)) for article in articles]
            for article, passages in new:
                known = (vectors or {}).get(article.id)
                own = [_index_text(p) for p in passages]
                if known is not None and known[0] == self._fingerprint(own) and len(known[1]) == len(own):
                    for text, vector in zip(own, known[1], strict=True):  # as if cached: not encoded again
                        self._cached[_vector_key(text)] = np.asarray(vector, dtype=np.float32)
            texts = [_index_text(p) for _, ps in new for p in ps]
            found = self._vectors_for(texts)
            at = 0
            for article, passages in new:
                self._articles[article.id] = article
                rows = []
                for passage in passages:
                    rowid = self._next_rowid
                    self._next_rowid += 1
                    self._keywords.add(
                        rowid,
                        ((passage.source.title, 2.0), (passage.source.section, 1.5), (passage.text, 1.0)),
                    )
                    self._passages[rowid] = passage
                    if found is not None:
                        self._row_of[rowid] = self._store(found[at])
                    at += 1
                    rows.append(rowid)
                self._rows[article.id] = rows
            self._write_cache()

    def remove(self, article_id: str) -> bool:
        """Take an article out of the index; ``False`` when there was none with that id."""
        with self._lock:
            return self._drop(article_id)

    def _drop(self, article_id: str) -> bool:
        rows = self._rows.pop(article_id, None)
        self._articles.pop(article_id, None)
        if rows is None:
            return False
        for rowid in rows:
            self._keywords.remove(rowid)
            self._passages.pop(rowid, None)
            row = self._row_of.pop(rowid, None)
            if row is not None:
                self._vectors[row] = 0.0
                self._free.append(row)
        return True

    def _store(self, vector: FloatArray) -> int:
        if not self._free:  # grow by doubling; the new rows are free
            used = len(self._vectors)
            grown = np.zeros((max(64, used * 2), vector.shape[0]), dtype=np.float32)
            grown[:used] = self._vectors
            self._vectors = grown
            self._free.extend(range(len(grown) - 1, used - 1, -1))
        row = self._free.pop()
        self._vectors[row] = vector
        return row

    # --- vectors and their cache -----------------------------------------------------------------

    def passage_vectors(self, article: Article) -> tuple[str, FloatArray]:
        """The sentence vectors of the article's passages in reading order, encoded now (or taken from the
        cache), with a fingerprint of the encoder and the passages' text they belong to: to keep them
        elsewhere and hand them back to ``upsert_many``. Raises ``ValueError`` without an encoder."""
        texts = [_index_text(p) for p in passages_of(article)]
        with self._lock:
            vectors = self._vectors_for(texts)
        if vectors is None:
            raise ValueError("this knowledge base has no encoder")
        return self._fingerprint(texts), vectors

    def fingerprint(self, article: Article) -> str:
        """What ``passage_vectors`` would fingerprint the article's vectors with, without encoding."""
        return self._fingerprint([_index_text(p) for p in passages_of(article)])

    def _fingerprint(self, texts: list[str]) -> str:
        return hashlib.sha256("\n\x00".join([self._model_id, *texts]).encode()).hexdigest()[:32]

    def _vectors_for(self, texts: list[str]) -> FloatArray | None:
        if self._embed is None:
            return None
        keys = [_vector_key(t) for t in texts]
        todo = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in self._cached}.items())
        if todo:
            fresh = self._embed([t for _, t in todo])
            for (key, _), vector in zip(todo, fresh, strict=True):
                self._cached[key] = np.asarray(vector, dtype=np.float32)
            self._cache_dirty = True
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([self._cached[k] for k in keys])

    def _read_cache(self) -> dict[str, FloatArray]:
        if self._cache_path is None:
            return {}
        try:
            with np.load(self._cache_path) as data:
                if str(data["model"]) != self._model_id:
                    return {}
                return dict(zip((str(k) for k in data["keys"]), data["vectors"], strict=True))
        except (OSError, KeyError, ValueError):
            return {}

    def _write_cache(self) -> None:
        if self._cache_path is None or not self._cache_dirty:
            return
        live = {_vector_key(_index_text(p)) for p in self._passages.values()}
        kept = {k: v for k, v in self._cached.items() if k in live}
        try:
            self._cache_path.parent.mkdir(parents=True, exist_ok=True)
            keys = sorted(kept)
            vectors = np.stack([kept[k] for k in keys]) if keys else np.zeros((0, 384), np.float32)
            tmp = self._cache_path.with_suffix(".tmp.npz")
            np.savez(tmp, model=np.asarray(self._model_id), keys=np.asarray(keys), vectors=vectors)
            tmp.replace(self._cache_path)
            self._cache_dirty = False
        except OSError as exc:
            log.debug("knowledge vector cache not written: %s", exc)

    # --- reading ---------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._passages)

    @property
    def articles(self) -> list[Article]:
        with self._lock:
            return list(self._articles.values())

    def article(self, article_id: str) -> Article | None:
        return self._articles.get(article_id)

    def passages(self, article_id: str) -> list[Passage]:
        """An article's passages in reading order."""
        with self._lock:
            return [self._passages[r] for r in self._rows.get(article_id, [])]

    def answering(self, expectation: str) -> list[Article]:
        """The articles whose front matter says they honestly answer this expectation."""
        with self._lock:
            return [a for a in self._articles.values() if expectation in a.answers]

    def search(
        self,
        query: str,
        k: int = 5,
        *,
        vector: FloatArray | None = None,
        kinds: Sequence[ArticleKind] = ("article", "saved_reply"),
        articles: Collection[str] | None = None,
    ) -> list[Hit]:
        """The ``k`` passages that best answer ``query``, best first. Pass ``vector`` when the query's
        sentence vector is already known, to save encoding it again; ``articles`` searches only those."""
        words = terms(query)
        with self._lock:
            within = None
            if articles is not None:
                within = [r for a in articles for r in self._rows.get(a, [])]
            keyword = self._keyword_scores(words, within)
            semantic: dict[int, float] = {}
            if self._embed is not None and self._row_of:
                if vector is None:
                    vector = self._query_vector(query)
                sims = self._vectors @ np.asarray(vector, dtype=np.float32)
                allowed = (
                    self._row_of
                    if within is None
                    else {r: self._row_of[r] for r in within if r in self._row_of}
                )
                rowids = np.fromiter(allowed.keys(), dtype=np.int64, count=len(allowed))
                rows = np.fromiter(allowed.values(), dtype=np.int64, count=len(allowed))
                values = sims[rows]
                top = np.argsort(-values)[:CANDIDATES]
                semantic = {int(rowids[i]): float(values[i]) for i in top}
                for rowid in keyword:
                    if rowid not in semantic and rowid in self._row_of:
                        semantic[rowid] = float(sims[self._row_of[rowid]])
            hits = []
            weight = SEMANTIC if self._embed is not None else 0.0
            for rowid in set(keyword) | set(semantic):
                passage = self._passages.get(rowid)
                if passage is None or passage.source.kind not in kinds:
                    continue
                kw, sem = keyword.get(rowid, 0.0), max(0.0, semantic.get(rowid, 0.0))
                score = weight * sem + (1 - weight) * kw
                if score < MIN_SCORE:
                    continue
                hits.append(Hit(passage, round(score, 4), round(kw, 4), round(sem, 4)))
            hits.sort(key=lambda h: (-h.score, h.passage.id))
            return hits[:k]

    def _query_vector(self, query: str) -> FloatArray:
        """A query's sentence vector; the last few hundred are kept, as drafts ask the same things often."""
        vector = self._queries.get(query)
        if vector is None:
            assert self._embed is not None
            vector = self._embed([query])[0]
            if len(self._queries) >= QUERY_CACHE:
                self._queries.pop(next(iter(self._queries)))
            self._queries[query] = vector
        return vector

    def _keyword_scores(self, words: list[str], within: list[int] | None = None) -> dict[int, float]:
        found, covered = self._keywords.scores(words, set(within) if within is not None else None)
        top = sorted(found.items(), key=lambda kv: -kv[1])[:CANDIDATES]
        # BM25 ranks well in a large knowledge base but says little in a small one (every word is rare in a
        # handful of articles): the share of the query's words a passage holds, weighted by rarity, stands in.
        return {
            rowid: max(s / (s + BM25_HALF), COVERAGE_WEIGHT * covered[rowid])
            for rowid, s in top
            if s > 0 and not math.isnan(s)
        }


class _Keywords:
    """BM25 (k1 1.2, b 0.75, IDF as Lucene's, which stays positive in a small knowledge base) over a
    passage's title, heading and text, weighted 2 : 1.5 : 1. Postings per word, so adding or removing a
    passage touches only its own words; each word's postings are kept as arrays for scoring."""

    K1 = 1.2
    B = 0.75

    def __init__(self) -> None:
        self.postings: dict[str, dict[int, float]] = {}
        self.arrays: dict[str, tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]] = {}
        self.lengths = np.zeros(64, dtype=np.float64)
        self.words: dict[int, list[str]] = {}
        self.total = 0.0

    def add(self, rowid: int, fields: Iterable[tuple[str, float]]) -> None:
        counts: dict[str, float] = {}
        for text, weight in fields:
            for found in _WORD.findall(text.lower()):
                stem = word_stem(found.replace("’", "'"))
                counts[stem] = counts.get(stem, 0.0) + weight
        for stem, count in counts.items():
            self.postings.setdefault(stem, {})[rowid] = count
            self.arrays.pop(stem, None)
        if rowid >= len(self.lengths):
            grown = np.zeros(max(rowid + 1, len(self.lengths) * 2), dtype=np.float64)
            grown[: len(self.lengths)] = self.lengths
            self.lengths = grown
        self.words[rowid] = list(counts)
        self.lengths[rowid] = sum(counts.values())
        self.total += self.lengths[rowid]

    def remove(self, rowid: int) -> None:
        for stem in self.words.pop(rowid, []):
            posting = self.postings[stem]
            del posting[rowid]
            self.arrays.pop(stem, None)
            if not posting:
                del self.postings[stem]
        if rowid < len(self.lengths):
            self.total -= self.lengths[rowid]
            self.lengths[rowid] = 0.0

    def _array(self, stem: str) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
        found = self.arrays.get(stem)
        if found is None:
            posting = self.postings[stem]
            found = (
                np.fromiter(posting.keys(), dtype=np.int64, count=len(posting)),
                np.fromiter(posting.values(), dtype=np.float64, count=len(posting)),
            )
            self.arrays[stem] = found
        return found

    def scores(
        self, words: Iterable[str], within: set[int] | None = None
    ) -> tuple[dict[int, float], dict[int, float]]:
        """BM25 per passage, and the rarity-weighted share of the query's words each passage holds."""
        n = len(self.words)
        if not n:
            return {}, {}
        average = self.total / n or 1.0
        stems = sorted({word_stem(w) for w in words})
        unseen = math.log(1.0 + (n - 0.5) / 1.5)  # a word no passage holds counts as the rarest one would
        weights = {
            stem: math.log(1.0 + (n - len(p) + 0.5) / (len(p) + 0.5))
            if (p := self.postings.get(stem))
            else unseen
            for stem in stems
        }
        total = sum(weights.values()) or 1.0
        bm25 = np.zeros(len(self.lengths), dtype=np.float64)
        held = np.zeros(len(self.lengths), dtype=np.float64)
        for stem in stems:
            if stem not in self.postings:
                continue
            rows, counts = self._array(stem)
            norm = self.K1 * (1 - self.B + self.B * self.lengths[rows] / average)
            bm25[rows] += weights[stem] * counts * (self.K1 + 1) / (counts + norm)
            held[rows] += weights[stem] / total
        hit = np.flatnonzero(bm25)
        if within is not None:
            hit = np.asarray([r for r in hit.tolist() if r in within], dtype=np.int64)
        if len(hit) > CANDIDATES:
            hit = hit[np.argpartition(-bm25[hit], CANDIDATES)[:CANDIDATES]]
        return (
            {int(r): float(bm25[r]) for r in hit},
            {int(r): float(held[r]) for r in hit},
        )
