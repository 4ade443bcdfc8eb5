"""The desk's settings: declared once, documented, parsed with clear errors, secure in production."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from humanly.desk.config import SETTINGS, database

DOCS = Path(__file__).resolve().parents[2] / "docs" / "settings.md"


def test_every_setting_is_documented() -> None:
    documented = DOCS.read_text(encoding="utf-8")
    for setting in SETTINGS:
        assert f"`{setting.name}`" in documented, setting.name


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "sqlite:////var/lib/humanly/desk.db",
            {"ENGINE": "django.db.backends.sqlite3", "NAME": "/var/lib/humanly/desk.db"},
        ),
        (
            "postgres://desk:s%40cret@db.internal:5433/humanly",
            {"NAME": "humanly", "USER": "desk", "PASSWORD": "s@cret", "HOST": "db.internal", "PORT": "5433"},
        ),
    ],
)
def test_database_urls(url: str, expected: dict[str, str]) -> None:
    assert expected.items() <= database(url, Path("/tmp")).items()


def test_no_url_means_sqlite_in_the_data_folder_and_a_bad_one_is_named() -> None:
    assert database("", Path("/data"))["NAME"] == "/data/humanly.db"
    with pytest.raises(ValueError, match="unsupported scheme 'mysql'"):
        database("mysql://x/y", Path("/tmp"))


def _django(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("HUMANLY_", "DJANGO_"))}
    return subprocess.run(
        [sys.executable, "-m", "django", *args],
        env=clean | {"DJANGO_SETTINGS_MODULE": "humanly.desk.settings"} | env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_pass_the_deploy_check(tmp_path: Path) -> None:
    result = _django(
        ["check", "--deploy", "--fail-level", "WARNING"],
        {
            "HUMANLY_SECRET_KEY": "x" * 20 + "-Vq9#kT2$wL7!pZ4&nR8*bY3@mD6^cF1",
            "HUMANLY_DATA_DIR": str(tmp_path),
        },
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    result = _django(["check"], {"HUMANLY_DATA_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "HUMANLY_SECRET_KEY" in result.stderr


def test_the_cli_migrates_creates_an_admin_and_issues_a_token(tmp_path: Path) -> None:
    env = {"HUMANLY_DEBUG": "true", "HUMANLY_DATA_DIR": str(tmp_path)}
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("HUMANLY_", "DJANGO_"))} | env

    def humanly(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "humanly.cli", *args],
            env=clean,
            capture_output=True,
            text=True,
            check=False,
        )

    assert humanly("migrate").returncode == 0
    assert (tmp_path / "humanly.db").exists()
    weak = humanly("createadmin", "alex", "--password", "short")
    assert weak.returncode == 1
    assert "too short" in weak.stderr
    made = humanly("createadmin", "alex", "--password", "a-very-long-pass-123", "--team", "Front desk")
    assert made.returncode == 0, made.stderr
    assert "team Front desk" in made.stdout
    assert humanly("createadmin", "alex", "--password", "a-very-long-pass-123").returncode == 1
    issued = humanly("token", "alex")
    assert issued.stdout.startswith("hly_")
    assert humanly("token", "nobody").returncode == 1
