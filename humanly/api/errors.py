"""One JSON error shape for every failure: ``{"error": {"code": ..., "message": ..., "details"?: ...}}``.

Codes are stable; clients branch on them, never on the message. ``API`` answers with this shape for every
error under its prefix: a route's refusals, a route that does not exist, a method a route does not take,
and a failure inside a route (logged, never shown).
"""

from __future__ import annotations

import functools
import inspect
import logging
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.signals import got_request_exception
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.urls import URLPattern, URLResolver, re_path
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from humanly.conversations.attachments import TooLarge

log = logging.getLogger(__name__)

CODES = {
    400: "invalid_input",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    422: "invalid_input",
    429: "rate_limited",
    500: "server_error",
}


def error(status: int, message: str, code: str | None = None, details: Any = None) -> JsonResponse:
    body: dict[str, Any] = {"code": code or CODES.get(status, "error"), "message": message}
    if details is not None:
        body["details"] = details
    return JsonResponse({"error": body}, status=status)


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The desk's 404: the one JSON shape anywhere under /api/, the page everywhere else."""
    if request.path.startswith("/api/"):
        return error(404, "Not found.")
    return defaults.page_not_found(request, exception)


def server_failed(request: HttpRequest) -> HttpResponse:
    """The desk's 500 outside a route (a middleware, say): JSON under /api/, the page elsewhere."""
    if request.path.startswith("/api/"):
        return error(500, "Something went wrong on our side; it has been logged.")
    return defaults.server_error(request)


@csrf_exempt
def no_route(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """Whatever path under the API's prefix no route has."""
    return error(404, "Not found: no route at this path (the routes are in openapi.json).")


def _json_errors(pattern: URLPattern | URLResolver) -> URLPattern | URLResolver:
    """``pattern`` with its view's own error answers (a method it does not take, a 404 raised outside
    a route, as by the API's root) in the one shape."""
    view = pattern.callback if isinstance(pattern, URLPattern) else None
    if view is None or inspect.iscoroutinefunction(view):
        return pattern

    @functools.wraps(view)  # keeps csrf_exempt
    def answer(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            response: HttpResponse = view(request, *args, **kwargs)
        except Http404:
            return error(404, "Not found.")
        if isinstance(response, HttpResponseNotAllowed):
            allowed = sorted(m.strip() for m in response["Allow"].split(",") if m.strip())
            refused = error(
                405,
                f"{request.method} is not allowed here; this route takes {', '.join(allowed)}.",
                details={"allowed": allowed},
            )
            refused["Allow"] = ", ".join(allowed)
            return refused
        return response

    assert isinstance(pattern, URLPattern)
    return URLPattern(pattern.pattern, answer, pattern.default_args, pattern.name)


class API(NinjaAPI):
    """A NinjaAPI that answers every error in the one shape, from its routes and from paths it has none for."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        handlers: list[tuple[type[Exception], Callable[[HttpRequest, Any], HttpResponse]]] = [
            (AuthenticationError, _unauthorized),
            (ValidationError, _invalid),
            (Http404, _missing),
            (PermissionDenied, _forbidden),
            (HttpError, _http),
            (ValueError, _refused),
            (TooLarge, _too_large),
            (Exception, _failed),
        ]
        for kind, handler in handlers:
            self.add_exception_handler(kind, handler)

    def _get_urls(self) -> list[URLPattern | URLResolver]:
        return [*(_json_errors(p) for p in super()._get_urls()), re_path(r"^.*$", no_route)]


def _unauthorized(request: HttpRequest, exc: Exception) -> HttpResponse:
    return error(401, "A valid API token is needed: Authorization: Bearer <token>.")


def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return error(422, "The request does not match what this route takes.", details=exc.errors)


def _missing(request: HttpRequest, exc: Exception) -> HttpResponse:
    return error(404, "Not found.")


def _forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
    return error(403, str(exc) or "Forbidden.")


def _http(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return error(exc.status_code, str(exc))


def _refused(request: HttpRequest, exc: ValueError) -> HttpResponse:
    return error(400, str(exc))


def _too_large(request: HttpRequest, exc: TooLarge) -> HttpResponse:
    return error(413, str(exc))


def _failed(request: HttpRequest, exc: Exception) -> HttpResponse:
    """A failure inside a route: logged with its traceback and signalled as Django does for any view,
    answered with the code alone (what went wrong stays in the log)."""
    log.error("%s %s failed", request.method, request.path, exc_info=exc)
    got_request_exception.send(sender=None, request=request)
    return error(500, "Something went wrong on the desk's side; it has been logged.")
