"""humanly: a self-hostable helpdesk built around an empathy engine."""

__version__ = "0.1.0.dev0"
