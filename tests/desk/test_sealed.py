"""Secrets sealed for the database (humanly/desk/sealed.py)."""

from __future__ import annotations

import pytest

from humanly.desk.sealed import PREFIX, seal, unseal


def test_a_sealed_value_opens_and_never_shows_itself() -> None:
    sealed = seal("sk-secret-123")
    assert sealed.startswith(PREFIX)
    assert "sk-secret-123" not in sealed
    assert seal("sk-secret-123") != sealed  # a fresh nonce each time
    assert unseal(sealed) == "sk-secret-123"
    assert seal("") == unseal("") == ""


def test_a_value_from_before_sealing_reads_as_it_is() -> None:
    assert unseal("sk-plain-old") == "sk-plain-old"


def test_a_tampered_value_reads_as_empty(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    import base64
    import logging

    # Other tests in the same process (a Celery worker) may have raised the root logger's level.
    monkeypatch.setattr(logging.getLogger("humanly.desk.sealed"), "disabled", False)
    caplog.set_level(logging.WARNING, logger="humanly.desk.sealed")

    token = bytearray(base64.urlsafe_b64decode(seal("sk-secret-123")[len(PREFIX) :]))
    token[30] ^= 0xFF  # one byte of the ciphertext
    broken = PREFIX + base64.urlsafe_b64encode(bytes(token)).decode()
    assert unseal(broken) == ""
    assert "could not be opened" in caplog.text
    assert "sk-secret-123" not in caplog.text
