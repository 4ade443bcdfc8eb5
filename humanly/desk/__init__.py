"""The desk: the Django project around the engine (settings, URLs, the audit log)."""
