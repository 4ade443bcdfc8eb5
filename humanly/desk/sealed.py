"""Secrets kept in the database, sealed: encrypted and authenticated (Fernet, from ``cryptography``)
with a key derived from Django's SECRET_KEY, so a copy of the database alone does not give them away.

Keys listed in SECRET_KEY_FALLBACKS still open what they sealed, so the secret key can be rotated; a
value no key opens (the secret key changed with no fallback) reads as empty and is logged, and the
admin types it again. Values from before sealing (no ``PREFIX``) read as they are until saved again.
"""

from __future__ import annotations

import base64
import hashlib
import logging

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

log = logging.getLogger(__name__)

PREFIX = "sealed:"
# Keeps these keys apart from every other use of SECRET_KEY.
PURPOSE = b"humanly.desk.sealed.v1:"


def _fernet(secret: str) -> Fernet:
    return Fernet(base64.urlsafe_b64encode(hashlib.sha256(PURPOSE + secret.encode()).digest()))


def _keys() -> MultiFernet:
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return MultiFernet([_fernet(secret) for secret in secrets])


def seal(value: str) -> str:
    """``value`` sealed for the database ("" stays "")."""
    return PREFIX + _keys().encrypt(value.encode()).decode() if value else ""


def unseal(stored: str) -> str:
    """What ``seal`` sealed, or "" when no current or fallback key opens it."""
    if not stored.startswith(PREFIX):
        return stored
    try:
        return _keys().decrypt(stored[len(PREFIX) :].encode()).decode()
    except InvalidToken:
        log.warning("a sealed secret could not be opened with the current or fallback secret keys")
        return ""
