"""Django settings for the desk, from the environment (``config.SETTINGS`` lists every variable)."""

from __future__ import annotations

from pathlib import Path

from humanly.desk.config import data_dir, database, flag, value

DEBUG = flag("HUMANLY_DEBUG")
DATA_DIR = Path(value("HUMANLY_DATA_DIR") or data_dir())
SECRET_KEY = value("HUMANLY_SECRET_KEY") or ("insecure-development-key" if DEBUG else "")
if not SECRET_KEY:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("set HUMANLY_SECRET_KEY (or HUMANLY_DEBUG=true for development)")
# Earlier keys still open sessions, signed links and sealed secrets while the key is rotated.
SECRET_KEY_FALLBACKS = [k.strip() for k in value("HUMANLY_SECRET_KEY_FALLBACKS").split(",") if k.strip()]
ALLOWED_HOSTS = [h.strip() for h in value("HUMANLY_ALLOWED_HOSTS").split(",") if h.strip()]
# With no broker, a task runs on a background thread of the serving process after the commit, so a request
# never waits for the engine (the test settings run tasks inline, straight after the commit).
TASKS_IN_BACKGROUND = True
# Errors and warnings go to standard error, where the service manager keeps them: a failed request
# (django.request), a task that failed, an API route that broke.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "django.request": {"handlers": ["stderr"], "level": "ERROR", "propagate": False},
        "humanly": {"handlers": ["stderr"], "level": "WARNING"},
    },
}
# The proxy whose forwarded headers `humanly serve` believes (the serving layer applies them).
TRUSTED_PROXY = value("HUMANLY_TRUSTED_PROXY").strip()

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "humanly.desk",
    "humanly.people",
    "humanly.conversations",
    "humanly.knowledge",
    "humanly.copilot",
    "humanly.api",
    "humanly.web",
    "axes",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "humanly.desk.middleware.BodySizeLimit",
    "humanly.desk.middleware.ContentSecurityPolicy",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
# Sign-in attempts are limited: five failures for a username from one address lock it for an hour.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "web/locked.html"
AXES_VERBOSE = False
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:inbox"
LOGOUT_REDIRECT_URL = "web:login"
ROOT_URLCONF = "humanly.desk.urls"
WSGI_APPLICATION = "humanly.desk.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]
DATABASES = {"default": database(value("HUMANLY_DATABASE_URL"), DATA_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "people.Agent"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_TZ = True
STATIC_URL = "static/"
STATIC_ROOT = str(DATA_DIR / "static")
WHITENOISE_USE_FINDERS = DEBUG  # in development, static files straight from the apps
MEDIA_ROOT = str(DATA_DIR / "uploads")
MAX_UPLOAD_BYTES = int(value("HUMANLY_MAX_UPLOAD_MB")) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = min(MAX_UPLOAD_BYTES, 2_621_440)
BROKER_URL = value("HUMANLY_BROKER_URL")

# Secure by default outside development; `manage.py check --deploy` is clean with these.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
