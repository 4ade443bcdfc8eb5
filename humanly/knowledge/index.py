"""A team's articles as the engine's knowledge base, kept in step with the database.

Encoding passages is the slow part, so it is done once, by the task ``knowledge.reindex`` (asked for by
every change to an article): it stores each article's passage vectors on the article. ``team_knowledge``
builds each process's index from those stored vectors and encodes only what the task has not stored yet.
The index itself stays in each process's memory (docs/decisions/0010-tasks-on-celery.md).
"""

from __future__ import annotations

import threading

import numpy as np
from django.db.models import Count, Max

from humanly.engine import Article as EngineArticle
from humanly.engine import Engine, KnowledgeBase
from humanly.engine.encoder import FloatArray
from humanly.knowledge.models import Article
from humanly.people.models import Team
from humanly.workers.tasks import task

_lock = threading.Lock()
_indexes: dict[int, tuple[tuple[object, ...], KnowledgeBase]] = {}


def _engine_article(a: Article) -> EngineArticle:
    return EngineArticle(a.slug, a.title, a.body, a.kind, tuple(a.tags), tuple(a.answers))  # type: ignore[arg-type]


def _stored(vectors: bytes | memoryview | None, fingerprint: str) -> tuple[str, FloatArray] | None:
    if not vectors or not fingerprint:
        return None
    return fingerprint, np.frombuffer(bytes(vectors), dtype=np.float32).reshape(-1, 384)


def team_knowledge(team: Team, engine: Engine) -> KnowledgeBase:
    """The team's knowledge base; rebuilt only from the articles that changed since it was last read."""
    articles = Article.objects.filter(team=team).defer("vectors")
    stamp = tuple(articles.aggregate(n=Count("pk"), latest=Max("updated")).values())
    with _lock:
        cached = _indexes.get(team.pk)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        kb = cached[1] if cached is not None else engine.knowledge(articles=[])
        current = {a.slug: a for a in articles}
        for stale in {a.id for a in kb.articles} - set(current):
            kb.remove(stale)
        changed = [
            a
            for a in current.values()
            if (known := kb.article(a.slug)) is None or known.body != a.body or known.title != a.title
        ]
        # The vectors the reindex task stored; upsert_many uses those whose fingerprint still matches the
        # article's text (a save the task has not caught up with yet is encoded here, as before).
        stored = Article.objects.filter(pk__in=[a.pk for a in changed]).exclude(vectors_of="")
        vectors = {
            slug: found
            for slug, blob, fingerprint in stored.values_list("slug", "vectors", "vectors_of")
            if (found := _stored(blob, fingerprint)) is not None
        }
        kb.upsert_many((_engine_article(a) for a in changed), vectors=vectors)
        _indexes[team.pk] = (stamp, kb)
        return kb


@task("knowledge.reindex")
def reindex(team_id: int) -> int:
    """Encode the passages of the team's articles whose stored vectors are missing or out of date, and
    store them. Returns how many articles were encoded."""
    from humanly.copilot.reading import engine

    kb = engine().knowledge(articles=[])  # only its encoder: nothing is indexed here
    done = 0
    for article in Article.objects.filter(team_id=team_id).defer("vectors"):
        if kb.fingerprint(_engine_article(article)) == article.vectors_of:
            continue
        fingerprint, vectors = kb.passage_vectors(_engine_article(article))
        # update(), not save(): storing vectors is not a change to the article (``updated`` stays). If the
        # article was edited meanwhile, the fingerprint no longer matches it and the vectors are ignored.
        Article.objects.filter(pk=article.pk).update(
            vectors=np.ascontiguousarray(vectors, dtype=np.float32).tobytes(), vectors_of=fingerprint
        )
        done += 1
    return done
