"""Small template filters for the desk's pages."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def words(value: str) -> str:
    """An engine label as words: "legal_threat" -> "legal threat"."""
    return str(value).replace("_", " ")
