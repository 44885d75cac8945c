"""Settings for the Smart City Expo portal.

Every setting that differs between a laptop and production comes from an environment
variable (docs/configuration.md lists them all). The defaults are safe for local use: SQLite in the
project folder, the console e-mail backend, DEBUG only when asked for.
"""

import ipaddress
import os
from pathlib import Path

import botocore.config
import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from common.logs import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 1/0, true/false, yes/no or on/off, not {value!r}.")


def env_int(name, default):
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name, default=()):
    value = os.environ.get(name, "")
    items = [item.strip() for item in value.split(",") if item.strip()]
    return items or list(default)


def env_int_list(name, default):
    items = env_list(name)
    try:
        return [int(item) for item in items] or list(default)
    except ValueError:
        message = f"{name} must be whole numbers separated by commas, not {items!r}."
        raise ImproperlyConfigured(message) from None


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Production (DEBUG off) needs a long random SECRET_KEY in "
            "the environment, for example from: "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'. "
            "For local development set DEBUG=1 instead (make run does)."
        )
    SECRET_KEY = "insecure-local-development-key-never-use-in-production"  # noqa: S105 (DEBUG only)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it must come before django.contrib.admin.
    "modeltranslation",
    # Django's admin on the portal's own site, with a throttled sign-in.
    "portal.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_filters",
    "common",
    "standards",
    "events",
    "exhibitors",
    "visitors",
    "portal",
]

MIDDLEWARE = [
    # Outermost: the request id is set for everything below, and the request's log line times
    # all of it.
    "common.logs.RequestIdMiddleware",
    # First, so that it compresses the answer every other middleware has finished.
    "common.middleware.CompressionMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "common.middleware.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Before anything reads the body (CSRF reads the form), after the session and the language
    # its 413 page shows.
    "common.middleware.RequestSizeLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # An upload the object store refused is a 503 page in the visitor's language.
    "common.middleware.StoreUnavailableMiddleware",
    # A NUL or other control character in a query string is a 400, never a database error
    # (last, so that the 400 page has the visitor's language and session).
    "common.middleware.RefuseControlCharactersMiddleware",
]

ROOT_URLCONF = "portal.urls"
# Forged or stale form posts get the site's own bilingual page instead of Django's English one.
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if os.environ.get("REDIS_URL"):
    FORGIVING_REDIS = {
        # An empty cache while Redis does not answer, rather than an error (common.cache).
        "BACKEND": "common.cache.ForgivingRedisCache",
        # A Redis that hangs costs a request at most this long before the site goes on.
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
    CACHES = {
        # Pages, in a Redis that forgets the least used past its memory limit.
        "default": {**FORGIVING_REDIS, "LOCATION": os.environ["REDIS_URL"], "KEY_PREFIX": "smartcity"},
        # Rate-limit counts and the data's versions, which no flood of made-up addresses may
        # push out: a Redis that never evicts, the job queue's unless COUNTS_REDIS_URL names
        # another (common.cache.counts_cache).
        "counts": {
            **FORGIVING_REDIS,
            "LOCATION": os.environ.get("COUNTS_REDIS_URL")
            or os.environ.get("JOB_QUEUE_URL")
            or os.environ["REDIS_URL"],
            "KEY_PREFIX": "smartcity-counts",
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        # Without Redis each process keeps its own pages, but the versions of the data they show
        # live in files every process of this machine reads: an import run from the command line
        # retires the running server's pages at once (common.pagecache).
        "versions": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("VERSIONS_DIR") or BASE_DIR / ".cache" / "versions",
        },
    }

# Shared pages kept in each app process's memory, in front of the shared cache (common.pagecache).
SHARED_PAGES_LOCAL_BYTES = int(os.environ.get("SHARED_PAGES_LOCAL_BYTES", 64 * 1024 * 1024))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Chinese first and served without a URL prefix, English under /en/.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True

# Content fields carry both languages; an empty English value falls back to Chinese.
MODELTRANSLATION_DEFAULT_LANGUAGE = "zh-hans"
MODELTRANSLATION_LANGUAGES = ("zh-hans", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("zh-hans",)

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "media")

# Hashed, compressed files (served for a year by WhiteNoise) need `collectstatic`; local
# development and the tests serve the files as they are.
STATICFILES_BACKEND = os.environ.get("STATICFILES_BACKEND") or (
    "django.contrib.staticfiles.storage.StaticFilesStorage"
    if DEBUG
    else "whitenoise.storage.CompressedManifestStaticFilesStorage"
)
# Without collected files, WhiteNoise serves straight from the source folders.
WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = not STATICFILES_BACKEND.startswith("whitenoise.")
# Uploads (common/storage.py): local folders unless MEDIA_BUCKET names an S3-compatible bucket
# shared by every app process. Private files (spec sheets) are served by the site, which checks
# who asks, at PRIVATE_MEDIA_URL; locally they live outside MEDIA_ROOT, which a web server may
# serve as it is.
PRIVATE_MEDIA_URL = "/private-media/"
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT") or BASE_DIR / "private-media")
MEDIA_BUCKET = os.environ.get("MEDIA_BUCKET", "")
if MEDIA_BUCKET:
    _bucket = {
        "bucket_name": MEDIA_BUCKET,
        "endpoint_url": os.environ.get("MEDIA_S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("MEDIA_S3_REGION") or None,
        "signature_version": "s3v4",
        # A store that does not answer costs an upload seconds, not minutes, before the visitor
        # is told to try again (common.middleware.StoreUnavailableMiddleware).
        "client_config": botocore.config.Config(
            signature_version="s3v4",
            connect_timeout=3,
            read_timeout=20,
            retries={"mode": "standard", "max_attempts": 3},
        ),
        # A new name for every upload: no object is ever rewritten, so a year's caching is safe.
        "file_overwrite": False,
    }
    MEDIA_STORAGE = {
        "BACKEND": "common.storage.PublicMediaStorage",
        "OPTIONS": {
            **_bucket,
            "location": "public",
            "querystring_auth": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }
    PRIVATE_STORAGE = {
        "BACKEND": "common.storage.PrivateMediaStorage",
        "OPTIONS": {
            **_bucket,
            "location": "private",
            "querystring_expire": 300,
            "object_parameters": {"CacheControl": "private, no-store"},
        },
    }
else:
    MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    PRIVATE_STORAGE = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": PRIVATE_MEDIA_URL},
    }
STORAGES = {
    "default": MEDIA_STORAGE,
    "private": PRIVATE_STORAGE,
    "staticfiles": {"BACKEND": STATICFILES_BACKEND},
}

# E-mail: printed to the console unless an SMTP host is given.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Smart City Expo <noreply@localhost>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
    EMAIL_TIMEOUT = 10
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Security. HTTPS_ONLY (on unless DEBUG) turns on the redirect, HSTS and secure cookies
# together; behind a TLS proxy that redirects by itself, SECURE_SSL_REDIRECT=0 turns off
# just the redirect, and SECURE_PROXY_SSL_HEADER=1 trusts the proxy's X-Forwarded-Proto.
HTTPS_ONLY = env_bool("HTTPS_ONLY", not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS_ONLY)
# Load balancers probe over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if HTTPS_ONLY else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", HTTPS_ONLY)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", HTTPS_ONLY)
SESSION_COOKIE_SECURE = HTTPS_ONLY
CSRF_COOKIE_SECURE = HTTPS_ONLY
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Content-Security-Policy on every response: scripts, styles, fonts and pictures come from this
# site only, no inline script runs, nothing frames the site. Style *attributes* stay allowed:
# the grid places sessions and cards carry their track's colour through them (data-driven
# values, escaped by the templates); style elements must come from files. `style-src` keeps
# 'unsafe-inline' only for browsers that do not know the -elem/-attr directives.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "style-src-elem": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Uploads. A request declaring a body larger than MAX_REQUEST_BYTES is a 413 before anything
# reads it: the largest file anyone uploads is a 20 MB publication PDF, and the form's other
# fields add at most DATA_UPLOAD_MAX_MEMORY_SIZE. A proxy in front should refuse the same.
MAX_REQUEST_BYTES = env_int("MAX_REQUEST_BYTES", 25 * 1024 * 1024)
# Form fields other than files. The longest legitimate form is a news article in the back
# office: a 50,000-character body in each language, about 1 MB once Chinese is
# percent-encoded (9 bytes a character). The margin lets a text pasted over a field's limit
# reach the form, which then says the limit, rather than end in a bare 400.
DATA_UPLOAD_MAX_MEMORY_SIZE = 3 * 1024 * 1024

# JSON lines for a log collector in production, one readable line a record with DEBUG.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "plain" if DEBUG else "json")
if LOG_FORMAT not in {"json", "plain"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be json or plain, not {LOG_FORMAT!r}.")
LOGGING = logging_config(LOG_FORMAT, os.environ.get("LOG_LEVEL", "INFO"))

# The exhibitor portal: how long a booth is held before an organiser must confirm it, how many
# active reservations one company may have, and who hears of each new reservation.
EXHIBIT_HOLD_DAYS = env_int("EXHIBIT_HOLD_DAYS", 3)
EXHIBIT_MAX_ACTIVE_RESERVATIONS = env_int("EXHIBIT_MAX_ACTIVE_RESERVATIONS", 2)
ORGANISER_EMAILS = env_list("ORGANISER_EMAILS")
# The job queue (common.jobs): e-mails are sent by `manage.py run_jobs` workers when it is set,
# and at once by the app process otherwise. A failed job is retried after each interval, then
# logged as a dead letter.
JOB_QUEUE_URL = os.environ.get("JOB_QUEUE_URL", "")
JOB_QUEUE_NAME = os.environ.get("JOB_QUEUE_NAME", "smartcity")
JOB_RETRY_SECONDS = env_int_list("JOB_RETRY_SECONDS", [30, 120, 600])
JOB_RETRIES = len(JOB_RETRY_SECONDS)
# The programme's exports are built this long after a change (a storm of saves gives one build)
# by a worker, or a thread without one (events/prebuild.py); 0: rendered on request instead.
EXPORT_BUILD_DELAY_SECONDS = env_int("EXPORT_BUILD_DELAY_SECONDS", 3)

# The site's public address, for links in e-mails sent outside a request (cron jobs); during a
# request they use the address the visitor used.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Sign-up, sign-in and password reset attempts allowed per address and per IP in a window.
EXHIBIT_RATE_LIMIT = env_int("EXHIBIT_RATE_LIMIT", 10)
EXHIBIT_RATE_WINDOW_SECONDS = env_int("EXHIBIT_RATE_WINDOW_SECONDS", 15 * 60)
# Colleague invitations a company (and a user) may send per hour.
EXHIBIT_INVITE_LIMIT = env_int("EXHIBIT_INVITE_LIMIT", 10)
# Failed back-office sign-ins allowed per IP and per user name in EXHIBIT_RATE_WINDOW_SECONDS.
ADMIN_SIGN_IN_LIMIT = env_int("ADMIN_SIGN_IN_LIMIT", 5)
# New personal agendas (first stars) per IP an hour. A venue's Wi-Fi puts many visitors behind
# one address, so this is generous; it stops a script from filling the table.
AGENDA_NEW_PER_IP = env_int("AGENDA_NEW_PER_IP", 120)
# The proxies in front of the app (addresses or networks): for a request from one of them, the
# client's address is taken from X-Forwarded-For (common.ratelimit.client_ip), so that limits
# per IP count visitors, not the proxy.
try:
    TRUSTED_PROXIES = [ipaddress.ip_network(item, strict=False) for item in env_list("TRUSTED_PROXIES")]
except ValueError as error:
    raise ImproperlyConfigured(f"TRUSTED_PROXIES: {error}") from None
# Visitor registrations per IP an hour: generous for the same reason (and the registration desk).
VISITOR_REGISTRATIONS_PER_IP = env_int("VISITOR_REGISTRATIONS_PER_IP", 60)
# Badge scans an exhibitor's team member may post a minute: a busy booth scans one every few
# seconds; a script guessing codes is stopped long before it could find one.
LEAD_SCANS_PER_MINUTE = env_int("LEAD_SCANS_PER_MINUTE", 120)
# Meeting requests a registered visitor may send an hour. Counted per registration: each needs a
# confirmed address, and registrations are counted per IP already.
VISITOR_MEETING_REQUESTS_PER_HOUR = env_int("VISITOR_MEETING_REQUESTS_PER_HOUR", 10)
# Mails an hour to any one mailbox that someone typed into a form (a registration, a sign-up,
# an invitation), however its address was written (common.mail.to_typed_addresses).
MAILS_PER_TYPED_ADDRESS_PER_HOUR = env_int("MAILS_PER_TYPED_ADDRESS_PER_HOUR", 5)

LOGIN_URL = "exhibitors:sign_in"
LOGIN_REDIRECT_URL = "exhibitors:dashboard"
LOGOUT_REDIRECT_URL = "home"
