"""The desk's own middleware: refuse a body that is too large before anything reads it, with a clear
message; and a Content-Security-Policy on every answer."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse


class BodySizeLimit:
    """413 for a body over ``MAX_UPLOAD_BYTES`` (HUMANLY_MAX_UPLOAD_MB): JSON for the API, plain text elsewhere."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            size = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            size = 0
        limit = settings.MAX_UPLOAD_BYTES
        if size > limit:
            message = f"The request is {size / 1_048_576:.1f} MB; the most this desk accepts is {limit // 1_048_576} MB."
            if request.path.startswith("/api/"):
                return JsonResponse({"error": {"code": "too_large", "message": message}}, status=413)
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


# Scripts only from the desk itself (htmx and desk.js, vendored): nothing a customer writes can run, even
# if it slipped past the sanitiser. Inline style attributes stay allowed (htmx adds its indicator style).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


class ContentSecurityPolicy:
    """Adds the desk's Content-Security-Policy to every answer that does not set its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response
