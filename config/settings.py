"""Settings for the diplomatic relations event log, all read from the environment.

SQLite is the default so one can check the code out and run it; set DATABASE_URL
(e.g. postgres://postgres@127.0.0.1:5432/diplomacy) for PostgreSQL.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import environ
from csp.constants import NONE, SELF, UNSAFE_INLINE

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

# A development key is allowed only while debugging. Without one, Django refuses to
# build the WSGI/ASGI application (so no server starts), while commands that sign
# nothing, such as makemigrations --check, still run.
_DEV_SECRET_KEY = "dev-only-insecure-key-do-not-deploy"  # noqa: S105
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET_KEY if DEBUG else "")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "diplomacy.admin_site.WorkbenchAdminConfig",  # django.contrib.admin, grouped (admin_site.py)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "knox",
    "axes",
    "csp",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "diplomacy",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # A database that is down or never answers is a JSON 503 for API clients.
    "diplomacy.api.middleware.DatabaseUnavailableMiddleware",
    # Records which user made each change, for the curation history.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: counts failed logins and locks the account out.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First, so a locked-out login is refused before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
# No ATOMIC_REQUESTS: every write is a service under @transaction.atomic (the admin's
# views are atomic too), and reads run in autocommit, so on SQLite a read never takes
# the write lock that IMMEDIATE transactions take.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several workers writing at once: take the write lock when a transaction starts
    # and wait for it (rather than fail with "database is locked"), and let readers
    # go on while one writes (WAL).
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    })
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The test database gets its own name so a developer's data is never touched.
    DATABASES["default"].setdefault("TEST", {})["NAME"] = env.str(
        "TEST_DATABASE_NAME", default=f"test_{DATABASES['default']['NAME']}",
    )
    # A database that is down, or accepts and never answers, fails a request within
    # seconds (a JSON 503) instead of holding a worker; a runaway query is cut off.
    _statement_timeout_ms = env.int("DATABASE_STATEMENT_TIMEOUT_MS", default=30000)
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "connect_timeout": env.int("DATABASE_CONNECT_TIMEOUT", default=5),
        # JIT compiling costs far more than it saves on this API's short indexed queries
        # (measured: the changes feed spent 22 of 23 s compiling).
        "options": f"-c statement_timeout={_statement_timeout_ms} -c jit=off",
    })
    # Persistent connections, checked before reuse: no connect per request.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The timeline indexes carry extra columns on PostgreSQL (models/derived.py COVERED);
# SQLite builds them without, which is all it needs.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Hashed, compressed names need collectstatic: only worth it when serving for real.
# The test suite turns it off (pyproject.toml) so it needs no collectstatic run.
STATIC_MANIFEST = env.bool("STATIC_MANIFEST", default=not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}
# Without collected files, serve straight from the apps' static folders.
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "diplomacy.api.schema.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Tokens first: an anonymous write is then a 401 with WWW-Authenticate: Token.
        "knox.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "diplomacy.api.throttling.AnonThrottle",
        "diplomacy.api.throttling.UserThrottle",
        "diplomacy.api.throttling.ExportThrottle",
    ],
    # Requests per client: anonymous by IP, signed-in by user; full exports (CSV,
    # PLOVER, ICEWS of a whole list) have a tighter budget of their own.
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("THROTTLE_ANON", default="120/min"),
        "user": env.str("THROTTLE_USER", default="600/min"),
        "export": env.str("THROTTLE_EXPORT", default="30/hour"),
    },
    # Behind a proxy, the client is the address the proxy saw (X-Forwarded-For).
    "NUM_PROXIES": env.int("NUM_PROXIES", default=0),
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_FILTER_BACKENDS": ["diplomacy.api.filtering.FilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "diplomacy.api.pagination.Pagination",
    "EXCEPTION_HANDLER": "diplomacy.api.exceptions.exception_handler",
    "URL_FORMAT_OVERRIDE": "format",
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "diplomacy.api.negotiation.FormatFirstNegotiation",
    "DEFAULT_PARSER_CLASSES": ["diplomacy.api.parsers.BoundedJSONParser"],
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Diplomatic relations event log API",
    "VERSION": "1.0.0",
    "DESCRIPTION": "Curated, cited diplomatic events, statements and agreements. Anonymous "
                   "users read published records; curators create and edit; reviewers "
                   "publish and retract.",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # One schema name per shared vocabulary, however many fields use it.
    "ENUM_NAME_OVERRIDES": {
        "DatePrecisionEnum": "diplomacy.models.common.DatePrecision",
        "VerificationEnum": "diplomacy.models.common.Verification",
        "CurationStatusEnum": "diplomacy.models.common.CurationStatus",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "diplomacy.api.schema.tighten_query_parameters",
        "diplomacy.api.schema.merge_blank_alternatives",
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Publishing is a review: a reviewer does not publish a record they created.
SECOND_REVIEWER_REQUIRED = env.bool("SECOND_REVIEWER_REQUIRED", default=True)

# API tokens are stored hashed and expire (django-rest-knox); issue one with
# `manage.py issue_token USERNAME`.
REST_KNOX = {
    "TOKEN_TTL": datetime.timedelta(days=env.int("API_TOKEN_TTL_DAYS", default=30)),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
    "TOKEN_LIMIT_PER_USER": 20,
}

# Admin logins: after AXES_FAILURE_LIMIT wrong passwords for one username from one
# address, that pair is locked out for AXES_COOLOFF_MINUTES (django-axes).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True

# Rate limits and lockouts count in this cache. The default lives in each process;
# with several workers set CACHE_URL (e.g. redis://127.0.0.1:6379/1) so they share it.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}

# --- Serving on the open internet ------------------------------------------------------------

# HTTPS only: redirect, HSTS, cookies never sent in clear. On by default whenever
# DEBUG is off; the test suite and a local server over plain HTTP turn it off.
HTTPS_ONLY = env.bool("HTTPS_ONLY", default=not DEBUG)
SECURE_SSL_REDIRECT = HTTPS_ONLY
SECURE_HSTS_SECONDS = 31536000 if HTTPS_ONLY else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS_ONLY
SECURE_HSTS_PRELOAD = HTTPS_ONLY
SESSION_COOKIE_SECURE = HTTPS_ONLY
CSRF_COOKIE_SECURE = HTTPS_ONLY
# Behind a TLS-terminating proxy, trust its X-Forwarded-Proto (set it only then).
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy: scripts, styles and images only from this site (the admin,
# the API docs and the pages serve every asset themselves). Inline styles stay
# allowed: the admin and Swagger UI set style attributes.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
