from __future__ import annotations

from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "humanly.web"
    label = "web"
