"""Leerkring settings: one module, configured by environment variables.

Without any environment the project runs on the *embedded default*: SQLite, no Redis, tasks run
eagerly and e-mail is printed to the console. Set ``DATABASE_URL`` and ``REDIS_URL`` for the real
stack; set ``DJANGO_ENV=production`` for production, which refuses unsafe values at start-up
(see ``accounts.checks``).
"""

from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DJANGO_ENV = env.str("DJANGO_ENV", default="development")
PRODUCTION = DJANGO_ENV == "production"

# Debug pages show settings, source and every URL: off unless asked for (`DJANGO_DEBUG=true
# make run` on a developer's machine), and production refuses them.
DEBUG = env.bool("DJANGO_DEBUG", default=False)
# Production must be given a key; anywhere else the install's own random key in var/ is used
# (config/secret.py). No key is written in the repository.
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY and not PRODUCTION:
    from config.secret import local_secret_key

    SECRET_KEY = local_secret_key(BASE_DIR / "var" / "secret_key")
ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost"]
)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # Leerkring apps, bottom of the app graph first.
    "accounts",
    "notifications",
    "courses",
    "competencies",
    "trainers",
    "intervision",
    "cms",
    "overview",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.apps.WagtailUsersConfig",  # wagtail.users, role changes through a service
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Infrastructure
    "django_celery_beat",
    "django_htmx",
    # The API docs (/api/docs) with django-ninja's own Swagger files, not a CDN the CSP blocks.
    "ninja",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "accounts.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.StaffIdleTimeoutMiddleware",
    "accounts.middleware.StaffAreaMiddleware",
    "accounts.middleware.ReconsentMiddleware",
    "accounts.middleware.PrivateCacheControlMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "cms.middleware.AnonymousPageCacheMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "accounts.context_processors.roles",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Keep a PostgreSQL connection between requests: a sync gunicorn worker serves one request at a
# time, and opening a connection (a new server process, authentication) costs more than all the
# queries of a typical page. The health check replaces a connection the server has dropped (a
# restart, a failover) at the start of the next request instead of failing it (bin/drill
# postgres-restart).
DATABASES["default"]["CONN_MAX_AGE"] = env.int(
    "DATABASE_CONN_MAX_AGE",
    default=60 if DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql") else 0,
)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the embedded demo serve requests while the scheduler writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USING_POSTGRES = DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql")
if USING_POSTGRES and env.bool("DATABASE_PREPARED_STATEMENTS", default=True):
    # Django's cursors bind on the client and never prepare; this lets the few statements that
    # ask for it be prepared (the autosave of an answer: ``competencies.answer_store``). Turn it
    # off behind a transaction-pooling PgBouncer older than 1.21: they then run unprepared.
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = 1_000_000

# --- Cache ----------------------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")


def _redis_db(url: str, db: int) -> str:
    base, _, last = url.rstrip("/").rpartition("/")
    return f"{base}/{db}" if last.isdigit() else f"{url.rstrip('/')}/{db}"


if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "config.cache.FailSoftRedisCache",
            # A separate Redis database from the broker's, so clearing the cache never drops tasks.
            "LOCATION": env.str("CACHE_REDIS_URL", default=_redis_db(REDIS_URL, 1)),
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="leerkring"),
            "TIMEOUT": 600,
            # Redis down must not slow a request down either (callers fall back to no cache).
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "accounts.validators.UserAttributeSimilarityValidator"},
    {
        "NAME": "accounts.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "accounts.validators.CommonPasswordValidator"},
    {"NAME": "accounts.validators.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
# National staff land on the national overview after log-in (accounts.adapters; a URL name, so
# accounts does not import the app on top).
STAFF_LOGIN_REDIRECT_URL = "overview:index"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
# Staff sessions (national staff, administrators) end after this many idle seconds.
STAFF_IDLE_TIMEOUT = env.int("LEERKRING_STAFF_IDLE_TIMEOUT", default=30 * 60)
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = env.int("ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS", 3)
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_UNIQUE_EMAIL = True
# Sign-up, password reset and log-in answer the same for known and unknown addresses; the owner
# of a known address gets a mail instead (with mandatory verification, True is already strict).
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupProfileForm"
ACCOUNT_FORMS = {"signup": "accounts.signup.SignupForm"}
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Leerkring] "
ACCOUNT_RATE_LIMITS = {
    # Every log-in form (ours, the Wagtail admin's and the Django admin's) goes through allauth.
    "login": "30/m/ip",
    "login_failed": env.str("LOGIN_FAILED_RATE_LIMIT", default="10/m/ip,5/5m/key"),
    "signup": "20/m/ip",
    "confirm_email": "3/m/key",
    "reset_password": "20/m/ip,5/m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Leerkring"
# Staff (national staff, superusers) must have TOTP before reaching any staff page. The embedded
# demo may relax this; production refuses to start with it relaxed (accounts/checks.py).
LEERKRING_REQUIRE_STAFF_MFA = env.bool("LEERKRING_REQUIRE_STAFF_MFA", default=True)

# --- Courses --------------------------------------------------------------------------------
# How far ahead a session may be planned: a meeting (or an enrolment deadline) further away is
# refused as a typo (a year such as 9999), not published.
COURSES_PLANNING_HORIZON_DAYS = env.int("COURSES_PLANNING_HORIZON_DAYS", default=3 * 365)
# --- Privacy (accounts.privacy) ---------------------------------------------------------------
# Days between "forget me" and the beat job doing it (the person can undo it until then).
LEERKRING_ERASURE_GRACE_DAYS = env.int("LEERKRING_ERASURE_GRACE_DAYS", default=14)
# An inactive account is warned this many days before it is erased.
LEERKRING_INACTIVITY_WARNING_DAYS = env.int("LEERKRING_INACTIVITY_WARNING_DAYS", default=30)
# Retention per kind in days; a kind left out keeps its registered default (answers 3 years after
# the last course, inactive accounts 3 years, audit entries 7 years).
LEERKRING_RETENTION_DAYS = {
    "answers": env.int("LEERKRING_RETENTION_ANSWERS_DAYS", default=3 * 365),
    "inactive_accounts": env.int("LEERKRING_RETENTION_INACTIVE_ACCOUNTS_DAYS", default=3 * 365),
    "audit": env.int("LEERKRING_RETENTION_AUDIT_DAYS", default=7 * 365),
}
# --- Competencies ---------------------------------------------------------------------------
# How many people one participant may ask for a reaction (each gets a mail) per 24 hours.
COMPETENCIES_PEER_INVITATIONS_PER_DAY = 5

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands"), ("en", "English")]

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Leerkring <noreply@leerkring.nl>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Every SMTP call ends within this many seconds, well inside the outbox's claim on a row.
EMAIL_TIMEOUT = EMAIL_CONFIG.get("EMAIL_TIMEOUT") or env.int("EMAIL_TIMEOUT", default=30)
# A mail template that fails to render: loud in development and tests; in production the change
# that caused the mail stands and the outbox row is stored as failed (notifications.services).
OUTBOX_RAISE_TEMPLATE_ERRORS = env.bool("OUTBOX_RAISE_TEMPLATE_ERRORS", default=not PRODUCTION)
# How long a sender owns a claimed outbox row (a dead sender's row is swept after it), and how old
# a pending row must be before the sweep sends it. The operations drills (bin/drill) shorten both.
OUTBOX_CLAIM_LEASE_SECONDS = env.int("OUTBOX_CLAIM_LEASE_SECONDS", default=300)
OUTBOX_SWEEP_AFTER_SECONDS = env.int("OUTBOX_SWEEP_AFTER_SECONDS", default=30)

# --- Celery ---------------------------------------------------------------------------------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=REDIS_URL or "cache+memory://")
# Without Redis (the embedded default) tasks run in-process; the periodic jobs are then run by
# the in-process scheduler of `manage.py rundemo`.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# A publish from a web request must fail fast when Redis is down (the outbox row waits for the
# sweep): no reconnect loop on the implicit connection. The worker reconnects on its own terms
# (broker_connection_retry / broker_connection_max_retries).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
    "max_retries": 0,
}
CELERY_TASK_PUBLISH_RETRY = False
# No task's caller reads its result (the outbox row is the record), so none is stored: a publish
# then never touches the result backend, whose Redis pub/sub subscription otherwise retried 20
# times (about 20 s) per request while Redis was down. A task that is awaited (``ping``) asks
# for its result itself; storing or fetching it fails fast too.
CELERY_TASK_IGNORE_RESULT = True
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 2
CELERY_REDIS_SOCKET_TIMEOUT = 5
CELERY_REDIS_RETRY_ON_TIMEOUT = False
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {
    "retry_policy": {"max_retries": 1, "interval_start": 0, "interval_step": 0.5},
}
CELERY_RESULT_EXPIRES = 3600
# Exactly one active beat (a Redis lock; a second beat stands by): config/beat.py.
CELERY_BEAT_SCHEDULER = "config.beat:SingleBeatScheduler"
# The worker logs through Django's LOGGING (structured, see config/logging.py), not Celery's own.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_TASK_DEFAULT_QUEUE = "leerkring"
CELERY_TASK_DEFAULT_EXCHANGE = "leerkring"
CELERY_TASK_DEFAULT_ROUTING_KEY = "leerkring"

# /health/ (config/health.py): a beat is expected wherever tasks go through a real broker, and its
# heartbeat (written every few seconds) may be this many seconds old.
HEALTH_REQUIRE_BEAT = env.bool("HEALTH_REQUIRE_BEAT", default=not CELERY_TASK_ALWAYS_EAGER)
HEALTH_BEAT_MAX_AGE = env.int("HEALTH_BEAT_MAX_AGE", default=120)

# --- Wagtail --------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Leerkring"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_FRONTEND_LOGIN_URL = "/account/login/"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if USING_POSTGRES:
    # PostgreSQL full-text search with Dutch stemming ("vlinderen" finds "vlinder").
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "dutch"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com: the admin would tell a third party who works here, and the
# request fails where there is no internet.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILEMBEDS_RESPONSIVE_HTML = True
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Security -------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=PRODUCTION)
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31536000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if PRODUCTION else None

# Powerful browser features no page needs (config/middleware.py). "Lees voor" uses the speech
# synthesis API, which no policy gates; fullscreen stays allowed for the embedded videos.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF, "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
    # The Wagtail and Django admins use inline scripts and styles we do not control.
    "EXCLUDE_URL_PREFIXES": ["/beheer/", "/django-admin/"],
}

# --- Logging --------------------------------------------------------------------------------
# LOG_FORMAT=json (the default in production and on the native stack): one JSON object per line
# for web and worker, e-mail addresses redacted (config/logging.py); "text" for a terminal.
LOG_FORMAT = env.str("LOG_FORMAT", default="json" if PRODUCTION else "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "config.logging.JsonFormatter"},
        "text": {
            "()": "config.logging.RedactingFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Wagtail's background reference-index tasks log every run at INFO.
        "django_tasks": {"level": "WARNING"},
    },
}

# --- Production refuses unsafe settings at start-up -----------------------------------------
if PRODUCTION:
    from django.core.exceptions import ImproperlyConfigured

    if not SECRET_KEY or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set (50+ characters) in production.")
    if not LEERKRING_REQUIRE_STAFF_MFA:
        raise ImproperlyConfigured("LEERKRING_REQUIRE_STAFF_MFA may not be off in production.")
    if DEBUG:
        raise ImproperlyConfigured("DJANGO_DEBUG may not be on in production.")
