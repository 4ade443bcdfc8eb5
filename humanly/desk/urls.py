"""The desk's URLs."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.urls import include, path

from humanly.api.v1 import api


def health(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


urlpatterns = [
    path("healthz", health, name="health"),
    path("api/v1/", api.urls),
    path("", include("humanly.web.urls")),
]
