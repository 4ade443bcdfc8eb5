"""API tokens: only a hash of each token is stored; the token itself is shown once, when it is made."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Token(models.Model):
    agent = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True)

    @classmethod
    def issue(cls, agent: object, name: str) -> tuple[Token, str]:
        """A new token for ``agent``: the row, and the secret to hand over once."""
        secret = "hly_" + secrets.token_urlsafe(32)
        return cls.objects.create(agent=agent, name=name, key_hash=digest(secret)), secret
