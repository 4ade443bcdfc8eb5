"""``humanly serve`` behind an HTTPS proxy: forwarded headers count from the trusted proxy only."""

from __future__ import annotations

import threading
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Any

import pytest
from django.test import override_settings
from waitress import create_server

from humanly.cli import serving_options

Environ = dict[str, Any]


def _echo(environ: Environ, start_response: Callable[..., Any]) -> list[bytes]:
    start_response("200 OK", [("Content-Type", "text/plain")])
    seen = (
        f"{environ['wsgi.url_scheme']} {environ['REMOTE_ADDR']} {environ.get('HTTP_X_FORWARDED_PROTO', '-')}"
    )
    return [seen.encode()]


@contextmanager
def _served(app: Callable[..., Any]) -> Iterator[str]:
    server = create_server(app, host="127.0.0.1", port=0, **serving_options(threads=2))

    def run() -> None:
        with suppress(OSError):  # the loop may be polling the socket that close() takes away
            server.run()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"  # type: ignore[union-attr]
    finally:
        server.close()
        thread.join(timeout=5)


def _get(url: str, **headers: str) -> str:
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read().decode()


def test_the_trusted_proxy_tells_the_scheme_and_the_client() -> None:
    with override_settings(TRUSTED_PROXY="127.0.0.1"), _served(_echo) as url:
        seen = _get(url, **{"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"})
    assert seen.split()[:2] == ["https", "203.0.113.7"]


@pytest.mark.parametrize("proxy", ["10.9.9.9", ""])
def test_forwarded_headers_from_anyone_else_are_dropped(proxy: str) -> None:
    with override_settings(TRUSTED_PROXY=proxy), _served(_echo) as url:
        seen = _get(url, **{"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"})
    assert seen.split() == ["http", "127.0.0.1", "-"]


def test_the_desk_behind_its_proxy_does_not_redirect_to_https() -> None:
    from django.core.handlers.wsgi import WSGIHandler

    production = {
        "TRUSTED_PROXY": "127.0.0.1",
        "SECURE_SSL_REDIRECT": True,
        "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
    }
    opener = urllib.request.build_opener(_NoRedirect())
    with override_settings(**production), _served(WSGIHandler()) as url:
        page = _get(f"{url}/signin", **{"X-Forwarded-Proto": "https"})
        assert "password" in page.lower()
        with pytest.raises(urllib.error.HTTPError) as plain:
            opener.open(f"{url}/signin", timeout=10)
    plain.value.close()
    assert plain.value.code == 301
    assert plain.value.headers["Location"].startswith("https://")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def test_a_port_in_use_is_refused_plainly(tmp_path: Any) -> None:
    import socket

    from click.testing import CliRunner

    from humanly.cli import main

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["demo", "--port", str(port), "--data-dir", str(tmp_path)])
    assert result.exit_code == 1
    assert f"port {port} on 127.0.0.1 is already in use" in result.output
    assert not (tmp_path / "humanly.db").exists()  # refused before anything was loaded
