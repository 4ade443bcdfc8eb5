"""What each team sets for the copilot: its voice, its language model endpoint and its own intents.

Changed only through ``humanly.copilot.actions`` (audited); read by ``humanly.copilot.business``.
"""

from __future__ import annotations

from django.db import models

from humanly.desk.sealed import seal, unseal
from humanly.people.models import Team


class TeamSettings(models.Model):
    """A team's voice (how its drafts greet and sign off) and its optional language model endpoint.

    ``llm_key`` is a secret: it is stored sealed (``humanly.desk.sealed``; read it as ``key``, set it with
    ``set_key``) and is never shown on a page, given by the API, written to the audit log or logged."""

    class Tone(models.TextChoices):
        WARM = "warm", "Warm"
        FORMAL = "formal", "Formal"

    team = models.OneToOneField(Team, on_delete=models.CASCADE, related_name="copilot_settings")
    tone = models.CharField(max_length=10, choices=Tone.choices, default=Tone.WARM)
    first_names = models.BooleanField(default=True)
    signature = models.TextField(blank=True)
    llm_url = models.CharField(max_length=500, blank=True)
    llm_model = models.CharField(max_length=200, blank=True)
    llm_key = models.CharField(max_length=1000, blank=True)
    llm_timeout = models.FloatField(default=30.0)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "team settings"

    def __str__(self) -> str:
        return f"settings of {self.team}"

    @property
    def key(self) -> str:
        """The language model key, unsealed ("" when none, or when it can no longer be opened)."""
        return unseal(self.llm_key)

    def set_key(self, key: str) -> None:
        self.llm_key = seal(key)

    def __repr__(self) -> str:  # the key never appears in a log line or a traceback
        return f"<TeamSettings team={self.team_id} llm_url={self.llm_url!r} key={'***' if self.llm_key else ''!r}>"


class CustomIntent(models.Model):
    """One of a team's own intents: the engine compares messages with its examples (no training step)."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="custom_intents")
    name = models.SlugField(max_length=64)  # lower_snake_case, as the engine's intent files
    description = models.TextField(blank=True)
    examples = models.TextField()  # one sentence a line
    keywords = models.TextField(blank=True)  # one word or phrase a line
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["team", "name"], name="one_intent_name_per_team")]

    def __str__(self) -> str:
        return self.name

    @property
    def example_list(self) -> list[str]:
        return [line.strip() for line in self.examples.splitlines() if line.strip()]

    @property
    def keyword_list(self) -> list[str]:
        return [line.strip() for line in self.keywords.splitlines() if line.strip()]
