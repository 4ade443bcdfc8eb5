"""A team's articles as the engine's knowledge base, kept in step with the database."""

from __future__ import annotations

import threading

from django.db.models import Count, Max

from humanly.engine import Article as EngineArticle
from humanly.engine import Engine, KnowledgeBase
from humanly.knowledge.models import Article
from humanly.people.models import Team

_lock = threading.Lock()
_indexes: dict[int, tuple[tuple[object, ...], KnowledgeBase]] = {}


def team_knowledge(team: Team, engine: Engine) -> KnowledgeBase:
    """The team's knowledge base; rebuilt only from the articles that changed since it was last read."""
    articles = Article.objects.filter(team=team)
    stamp = tuple(articles.aggregate(n=Count("pk"), latest=Max("updated")).values())
    with _lock:
        cached = _indexes.get(team.pk)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        kb = cached[1] if cached is not None else engine.knowledge(articles=[])
        current = {a.slug: a for a in articles}
        for stale in {a.id for a in kb.articles} - set(current):
            kb.remove(stale)
        kb.upsert_many(
            EngineArticle(a.slug, a.title, a.body, a.kind, tuple(a.tags), tuple(a.answers))  # type: ignore[arg-type]
            for a in current.values()
            if (known := kb.article(a.slug)) is None or known.body != a.body or known.title != a.title
        )
        _indexes[team.pk] = (stamp, kb)
        return kb
