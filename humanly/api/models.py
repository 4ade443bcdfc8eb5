"""API tokens: only a hash of each token is stored; the token itself is shown once, when it is made. The
first characters of each (its ``prefix``, like ``hly_Ab3dE9xZ``) are kept in the clear so that a token can
be told apart and revoked without anyone seeing it again."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models

PREFIX_LENGTH = 12  # "hly_" and 8 of the 43 random characters: the other 35 (over 200 bits) stay secret


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Token(models.Model):
    agent = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    # Empty for tokens issued before prefixes were kept.
    prefix = models.CharField(max_length=PREFIX_LENGTH, blank=True, default="")
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True)

    @classmethod
    def issue(cls, agent: object, name: str) -> tuple[Token, str]:
        """A new token for ``agent``: the row, and the secret to hand over once."""
        secret = "hly_" + secrets.token_urlsafe(32)
        token = cls.objects.create(
            agent=agent, name=name, key_hash=digest(secret), prefix=secret[:PREFIX_LENGTH]
        )
        return token, secret
