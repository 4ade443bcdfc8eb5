from __future__ import annotations

from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "humanly.desk"
    label = "desk"
    verbose_name = "Desk"
