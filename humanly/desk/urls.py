"""The desk's URLs."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.urls import include, path

from humanly.api.v1 import api


def health(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


handler404 = "humanly.api.errors.not_found"
handler500 = "humanly.api.errors.server_failed"

urlpatterns = [
    path("healthz", health, name="health"),
    path("api/v1/", api.urls),
    path("", include("humanly.web.urls")),
]
