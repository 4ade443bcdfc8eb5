"""Writing the knowledge: articles and saved replies, audited. Each change asks for the task
``knowledge.reindex`` (after commit), which encodes the changed passages and stores their vectors; each
process's index then re-reads only what changed, without encoding (``index.team_knowledge``)."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils.text import slugify

from humanly.desk.audit import record
from humanly.engine.knowledge import Article as EngineArticle
from humanly.engine.knowledge import passages_of
from humanly.knowledge import index  # noqa: F401 - registers the task knowledge.reindex
from humanly.knowledge.models import Article
from humanly.people.models import Agent, Team
from humanly.workers.tasks import enqueue

EXPECTATIONS = (
    "do_it_for_me",
    "quick_results",
    "restore_previous_state",
    "special_exception",
    "free_work",
    "partnership_pitch",
)
MIN_TEXT = 3  # letters or digits: less is never something a reply could quote


def _words(values: Sequence[str]) -> list[str]:
    return sorted({v.strip().lower() for v in values if v.strip()})


@transaction.atomic
def do_save_article(
    agent: Agent,
    team: Team,
    *,
    title: str,
    body: str,
    kind: str = "article",
    tags: Sequence[str] = (),
    answers: Sequence[str] = (),
    slug: str = "",
    article: Article | None = None,
) -> Article:
    """Create an article (or update ``article``); raises ValueError saying what is wrong."""
    title, body = title.strip(), body.strip()
    if not title or not body:
        raise ValueError("an article needs a title and some text")
    if kind not in Article.Kind.values:
        raise ValueError(f"kind must be one of {', '.join(Article.Kind.values)}")
    unknown = [a for a in _words(answers) if a not in EXPECTATIONS]
    if unknown:
        raise ValueError(f"unknown expectation {unknown[0]!r}; use {', '.join(EXPECTATIONS)}")
    slug = slugify(slug or title)[:120] or "article"
    quotable = " ".join(p.text for p in passages_of(EngineArticle(slug, title, body)))
    if sum(c.isalnum() for c in quotable) < MIN_TEXT:
        raise ValueError("the article has no text a reply could quote")
    clash = Article.objects.filter(team=team, slug=slug)
    if article is not None:
        clash = clash.exclude(pk=article.pk)
    if clash.exists():
        raise ValueError(f"this team already has an article at {slug!r}")
    article = article or Article(team=team)
    article.team, article.slug, article.title, article.body, article.kind = team, slug, title, body, kind
    article.tags, article.answers = _words(tags), _words(answers)
    article.save()
    record(agent, "article.saved", article, slug=slug)
    enqueue("knowledge.reindex", team_id=team.pk)
    return article


@transaction.atomic
def do_delete_article(agent: Agent, article: Article) -> None:
    record(agent, "article.deleted", article, slug=article.slug, title=article.title)
    enqueue("knowledge.reindex", team_id=article.team_id)
    article.delete()
