"""Articles and saved replies, stored per team and given to the engine through its knowledge interface."""

from __future__ import annotations

from django.db import models

from humanly.people.models import Team


class Article(models.Model):
    class Kind(models.TextChoices):
        ARTICLE = "article", "Article"
        SAVED_REPLY = "saved_reply", "Saved reply"

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="articles")
    slug = models.SlugField(max_length=120)
    title = models.CharField(max_length=200)
    body = models.TextField()  # Markdown
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.ARTICLE)
    tags = models.JSONField(default=list, blank=True)
    answers = models.JSONField(default=list, blank=True)
    updated = models.DateTimeField(auto_now=True)
    # The passages' sentence vectors (float32, one row per passage in reading order) and the fingerprint of
    # the encoder and text they belong to, stored by the task knowledge.reindex so that every process (web
    # or worker, on any machine) builds its index without encoding again (docs/decisions/0010).
    vectors = models.BinaryField(null=True, blank=True, editable=False)
    vectors_of = models.CharField(max_length=32, blank=True, default="", editable=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["team", "slug"], name="one_slug_per_team")]

    def __str__(self) -> str:
        return self.title
