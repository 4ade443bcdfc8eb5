from __future__ import annotations

from django.apps import AppConfig


class CopilotConfig(AppConfig):
    name = "humanly.copilot"
    label = "copilot"

    def ready(self) -> None:
        from humanly.copilot import reading  # noqa: F401 - registers the tasks
