"""One JSON error shape for every failure: ``{"error": {"code": ..., "message": ..., "details"?: ...}}``.

Codes are stable; clients branch on them, never on the message.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse

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
    return error(404, "Not found.")
