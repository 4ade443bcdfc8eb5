"""The WSGI entry point: ``humanly.desk.wsgi:application``."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "humanly.desk.settings")
application = get_wsgi_application()
