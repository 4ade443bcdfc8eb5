"""The JSON API (Django Ninja, OpenAPI at /api/v1/openapi.json), with token authentication."""
