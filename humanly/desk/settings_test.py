"""Settings for the test suite: the desk's own, in development mode, with a fast password hasher."""

from __future__ import annotations

import os

os.environ.setdefault("HUMANLY_DEBUG", "true")
os.environ.setdefault("HUMANLY_SECRET_KEY", "only-for-tests")

from humanly.desk.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS_IN_BACKGROUND = False  # a test sees a task's effect as soon as the commit's callbacks ran

import tempfile  # noqa: E402

STATIC_ROOT = tempfile.mkdtemp(prefix="humanly-static-")
WHITENOISE_USE_FINDERS = True
