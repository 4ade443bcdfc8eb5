"""Who may read which article: an agent their teams', an admin every team's; "not found" otherwise."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from humanly.knowledge.models import Article
from humanly.people.models import Agent


def visible_articles(agent: Agent) -> QuerySet[Article]:
    if not agent.is_active:
        return Article.objects.none()
    found = Article.objects.select_related("team")
    return found if agent.is_admin else found.filter(team__in=agent.teams.all())


def access_article(agent: Agent, article_id: int) -> Article:
    try:
        return visible_articles(agent).get(pk=article_id)
    except (Article.DoesNotExist, ValueError, TypeError):
        raise Http404("article not found") from None
