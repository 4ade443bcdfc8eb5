"""Every setting of the desk, declared once: its environment variable, type, default and help.

Read from the environment when the Django settings load; ``docs/settings.md`` lists them all (a test
fails when one is missing there). Secrets have no default in production.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse


@dataclass(frozen=True)
class Setting:
    name: str
    kind: type
    default: str
    help: str


def data_dir() -> Path:
    """Where the desk keeps its SQLite database and uploads by default."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "humanly"


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "HUMANLY_DATABASE_URL",
        str,
        "",
        "Where the data lives: `sqlite:///path/to/humanly.db` or "
        "`postgres://user:password@host:5432/name`. Empty: a SQLite file in HUMANLY_DATA_DIR.",
    ),
    Setting(
        "HUMANLY_DATA_DIR",
        str,
        "",
        "Folder for the SQLite database and uploaded files (default: ~/.local/share/humanly).",
    ),
    Setting("HUMANLY_SECRET_KEY", str, "", "Django's secret key; required when HUMANLY_DEBUG is off."),
    Setting(
        "HUMANLY_SECRET_KEY_FALLBACKS",
        str,
        "",
        "Comma-separated earlier secret keys, still accepted while you rotate HUMANLY_SECRET_KEY.",
    ),
    Setting("HUMANLY_DEBUG", bool, "false", "Development mode: detailed error pages, no secure cookies."),
    Setting(
        "HUMANLY_ALLOWED_HOSTS", str, "127.0.0.1,localhost", "Comma-separated host names the desk answers to."
    ),
    Setting(
        "HUMANLY_BROKER_URL",
        str,
        "",
        "Redis for the scaled-out mode, e.g. `redis://127.0.0.1:6379/0`: tasks go to `humanly worker` "
        "processes after each commit (run in the web process when Redis cannot be reached). Empty: tasks run "
        "on a background thread of the web process after each commit.",
    ),
    Setting("HUMANLY_MAX_UPLOAD_MB", int, "10", "Largest attachment or request body accepted, in megabytes."),
    Setting(
        "HUMANLY_TRUSTED_PROXY",
        str,
        "127.0.0.1",
        "The address of the HTTPS proxy in front of `humanly serve`, or `*` for any: only its "
        "X-Forwarded-Proto and X-Forwarded-For are believed (the client's address then counts for the "
        "sign-in limit). Headers from anyone else are dropped.",
    ),
)


def value(name: str) -> str:
    setting = next(s for s in SETTINGS if s.name == name)
    return os.environ.get(name, setting.default)


def flag(name: str) -> bool:
    return value(name).strip().lower() in {"1", "true", "yes", "on"}


def database(url: str, default_dir: Path) -> dict[str, object]:
    """Django's DATABASES entry for a database URL (empty: SQLite in ``default_dir``)."""
    if not url:
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(default_dir / "humanly.db")}
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        # sqlite:///relative.db and sqlite:////absolute/path.db, as everywhere else
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": unquote(parsed.path[1:]) or ":memory:"}
    if parsed.scheme in {"postgres", "postgresql"}:
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")) or "humanly",
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "CONN_MAX_AGE": 60,
        }
    raise ValueError(
        f"HUMANLY_DATABASE_URL: unsupported scheme {parsed.scheme!r} (use sqlite:// or postgres://)"
    )
