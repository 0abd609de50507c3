"""Settings for Newsdesk, read from the environment.

Production must provide SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL, and the
site refuses to start without them. With DEBUG=1 in the environment (as the
Makefile runs manage.py) a local checkout also reads KEY=VALUE lines from
`.env`; otherwise only a file named by NEWSDESK_ENV_FILE is read, so a `.env`
left in a production checkout never turns debugging on. The real environment
always wins over the file.
"""

import hashlib
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("NEWSDESK_VAR_DIR", BASE_DIR / "var"))


def load_env_file(path):
    """Default environment variables from a KEY=VALUE file, if there is one."""
    if not path or not Path(path).is_file():
        return
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        key, sep, value = line.partition("=")
        key = key.strip()
        if sep and key and not key.startswith("#"):
            os.environ.setdefault(key, value.strip().strip("'\""))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_file():
    """The file of defaults to read: the one named, or `.env` only when debugging."""
    if "NEWSDESK_ENV_FILE" in os.environ:
        return os.environ["NEWSDESK_ENV_FILE"]
    return BASE_DIR / ".env" if env_bool("DEBUG") else None


load_env_file(env_file())


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        # A random fallback would silently invalidate sessions and signed
        # preview links on every restart; refuse to start instead.
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY in the environment, "
            "or DEBUG=1 for local development."
        )
    SECRET_KEY = "django-insecure-local-development-only"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
if not ALLOWED_HOSTS:
    # Django would answer 400 to every request; refuse to start instead.
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS is not set. Set it to the site's host names, comma-separated "
        "(e.g. ALLOWED_HOSTS=news.example.org), or DEBUG=1 for local development."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_filters",
    "django_prose_editor",
    "taggit",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "newsdesk",
    # The content API (articles/api/); listed for its Swagger UI files and template.
    "ninja",
    "entities",
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "newsdesk.http.HeadWithoutBodyMiddleware",
    "newsdesk.security.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Turns a refused login into the "too many failed attempts" page.
    "axes.middleware.AxesMiddleware",
    # Before the page cache: API requests count against their limit, hits included.
    "articles.api.throttling.RateLimitMiddleware",
    # Last, so that a page from the cache still passes through all of the above.
    "newsdesk.pagecache.middleware.PageCacheMiddleware",
]

ROOT_URLCONF = "newsdesk.urls"
WSGI_APPLICATION = "newsdesk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "articles.context_processors.navigation",
            ],
        },
    },
]

if not DEBUG and not os.environ.get("DATABASE_URL"):
    # A silent fallback to a local SQLite file would lose data written there.
    raise ImproperlyConfigured(
        "DATABASE_URL is not set. Set it, e.g. DATABASE_URL=postgres://user@host/newsdesk "
        "or DATABASE_URL=sqlite:////srv/newsdesk/newsdesk.sqlite3, or DEBUG=1 for local "
        "development (which uses var/newsdesk.sqlite3)."
    )
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'newsdesk.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Readers and a writer at once: WAL lets reads proceed during a write,
    # IMMEDIATE takes the write lock at BEGIN so two writers queue on the
    # busy timeout instead of failing with "database is locked" mid-transaction.
    # Connections persist like PostgreSQL's (CONN_MAX_AGE, checked before reuse by
    # CONN_HEALTH_CHECKS): opening one per request ran the PRAGMAs below and
    # parsed the whole schema again, ~2.3 ms of a 24 ms article page. An
    # autocommit connection holds no read snapshot between requests, so it
    # neither sees stale rows nor keeps WAL checkpoints from completing.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
# Every key this site writes to a shared cache starts with this. By default it
# is drawn from the database, so two sites sharing one Redis database never
# see each other's pages, while all the hosts of one site (one database) agree.
CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX") or (
    "newsdesk-"
    + hashlib.sha256(
        "|".join(
            str(DATABASES["default"].get(part, "")) for part in ("HOST", "PORT", "NAME")
        ).encode()
    ).hexdigest()[:12]
)
# Whole pages each process keeps in its own memory, in front of the shared
# cache: a page served again costs no read of the shared cache. A copy cannot
# outlive a change, since a page carries the versions it was made under and is
# checked against them on every hit (newsdesk/pagecache/middleware.py).
# Pages average ~40 KB: 2,000 of them stay well inside a worker's memory.
LOCAL_PAGES = {
    "BACKEND": "newsdesk.hostcache.LocalCopies",
    "LOCATION": "newsdesk-pages",
    "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", "2000"))},
}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        },
        "pages": LOCAL_PAGES,
    }
else:
    # One host: a cache on disk (diskcache: SQLite and files under VAR_DIR) that
    # every process of the host shares and that outlives a worker's restart,
    # with each process's recent reads in memory in front (newsdesk/hostcache.py).
    # A cache in each process's memory made every page once per worker and lost
    # them all whenever gunicorn replaced a worker: in bench/load.py, two thirds
    # of the pages made were pages another worker already had.
    CACHES = {
        "default": {
            "BACKEND": "newsdesk.hostcache.HostCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "OPTIONS": {"size_limit": int(os.environ.get("CACHE_SIZE_MB", "1024")) << 20},
        },
        "pages": LOCAL_PAGES,
    }

# Background work (Django's tasks API through the django-tasks backport): jobs
# are rows in the database, run by `manage.py db_worker`, which `make run` and
# `make serve` start beside the web server.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Hong_Kong")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Failed logins are counted in the database by django-axes (newsdesk.logins):
# shared by every process and host, and kept across restarts. A lock holds for
# one username from one address, LOGIN_FAILURE_LIMIT failures within
# LOGIN_FAILURE_WINDOW seconds of the last one.
AUTHENTICATION_BACKENDS = [
    "newsdesk.logins.LoginAttemptsBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = "newsdesk.logins.failure_limit"
AXES_COOLOFF_TIME = "newsdesk.logins.cool_off"
AXES_CLIENT_IP_CALLABLE = "newsdesk.logins.client_ip"
AXES_USERNAME_CALLABLE = "newsdesk.logins.username"
AXES_LOCKOUT_CALLABLE = "newsdesk.logins.locked_out"
AXES_RESET_ON_SUCCESS = True
# Attempts while locked out do not push the end of the lock further away.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Successful logins are in the admin's own records; only failures are kept.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

# Media on S3-compatible object storage (AWS S3, MinIO, Ceph, R2...) instead of
# MEDIA_ROOT: what a site served from several hosts needs. The credentials may
# also come the usual boto3 ways (AWS_ACCESS_KEY_ID, an instance role).
MEDIA_S3_BUCKET = os.environ.get("MEDIA_S3_BUCKET", "")
if MEDIA_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "newsdesk.storage.MediaS3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": os.environ.get("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("MEDIA_S3_REGION") or None,
            "access_key": os.environ.get("MEDIA_S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("MEDIA_S3_SECRET_ACCESS_KEY") or None,
            # A CDN or public host name for the bucket, e.g. media.news.example.org.
            "custom_domain": os.environ.get("MEDIA_S3_CUSTOM_DOMAIN") or None,
            # "path" for most servers that are not AWS itself.
            "addressing_style": os.environ.get("MEDIA_S3_ADDRESSING_STYLE") or None,
            "signature_version": "s3v4",
            # Never replace another upload's object: names get a suffix instead.
            "file_overwrite": False,
            # Originals are linked with signed addresses valid this long (seconds).
            "querystring_expire": int(os.environ.get("MEDIA_S3_SIGNED_URL_SECONDS", "3600")),
            "default_acl": None,
        },
    }

LOGIN_URL = "admin:login"
# Where a login goes when its `next` is missing or points off the site.
LOGIN_REDIRECT_URL = "admin:index"

# Security. Behind HTTPS (the production default) every cookie is secure, plain
# HTTP is redirected and browsers are told to use HTTPS only (HSTS).
# SECURE_HTTPS=0 turns those off for serving production settings over plain
# HTTP on a local machine, where they would lock the browser out.
SECURE_HTTPS = not DEBUG and env_bool("SECURE_HTTPS", default=True)
SECURE_SSL_REDIRECT = SECURE_HTTPS
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
SECURE_HSTS_SECONDS = (
    int(os.environ.get("SECURE_HSTS_SECONDS", 365 * 24 * 3600)) if SECURE_HTTPS else 0
)
# Both are hard to take back once browsers (or their preload lists) have them:
# off unless the operator turns them on knowingly.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
# The deploy checks' nudges towards exactly those two, off by choice.
SILENCED_SYSTEM_CHECKS = [
    *([] if SECURE_HSTS_INCLUDE_SUBDOMAINS else ["security.W005"]),
    *([] if SECURE_HSTS_PRELOAD else ["security.W021"]),
]
SECURE_PROXY_SSL_HEADER = None
if proxy_header := os.environ.get("SECURE_PROXY_SSL_HEADER", ""):
    # e.g. "X-Forwarded-Proto: https", as the proxy in front of the site sets it.
    header, _, value = (part.strip() for part in proxy_header.partition(":"))
    if not header or not value:
        raise ImproperlyConfigured(
            'SECURE_PROXY_SSL_HEADER must look like "X-Forwarded-Proto: https".'
        )
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + header.upper().replace("-", "_"), value)
if not DEBUG and not SECURE_HTTPS:
    # Deliberately plain HTTP: the deploy checks' warnings about exactly the
    # HTTPS-only settings switched off above (HSTS, redirect, secure cookies).
    SILENCED_SYSTEM_CHECKS += ["security.W004", "security.W008", "security.W012", "security.W016"]
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# The Content-Security-Policy (django-csp, through newsdesk.security): scripts
# and styles only from our own files (no inline code), no plugins, no framing,
# forms post only here.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # The rich-text editor (Tiptap) adds its base stylesheet as a <style>
        # element; this allows exactly that stylesheet and no other inline
        # style. The admin browser tests fail on any CSP violation, so an
        # editor upgrade that changes it shows up there.
        "style-src": ["'self'", "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

NEWSDESK = {
    "SITE_NAME": os.environ.get("NEWSDESK_SITE_NAME", "Newsdesk"),
    "TAGLINE": "Innovation, technology and the people who shape them",
    # How long a public page may be served from the cache; 0 turns the cache off.
    "PAGE_CACHE_SECONDS": int(os.environ.get("PAGE_CACHE_SECONDS", "600")),
    # What public pages tell a shared cache in front of the site (a CDN): keep a
    # page this long (s-maxage; 0: do not keep it), and serve it this much
    # longer while fetching a fresh copy. Nothing purges a CDN, so the first is
    # how stale a page may be there after a change.
    "CDN_CACHE_SECONDS": int(os.environ.get("CDN_CACHE_SECONDS", "60")),
    "CDN_STALE_SECONDS": int(os.environ.get("CDN_STALE_SECONDS", "30")),
    # The query parameters public pages read; any other is dropped before a
    # page is made or looked up in the cache, so `?utm_source=…` cannot fill it.
    "PAGE_QUERY_PARAMETERS": frozenset(
        {
            "page",
            # Search.
            "q",
            "kind",
            "date_from",
            "date_to",
            # Article, people, organisation and event lists.
            "section",
            "tag",
            "person",
            "organisation",
            "event",
            "published_after",
            "published_before",
            "when",
            "year",
            # The people list's order; the quotes list's series and dates.
            "sort",
            "series",
            "said_after",
            "said_before",
            # The content API's pages.
            "cursor",
            "limit",
        }
    ),
    # Admin logins: after this many failures for one username from one client
    # address within the window (seconds), further attempts are refused.
    "LOGIN_FAILURE_LIMIT": int(os.environ.get("LOGIN_FAILURE_LIMIT", "5")),
    "LOGIN_FAILURE_WINDOW": int(os.environ.get("LOGIN_FAILURE_WINDOW", str(15 * 60))),
    # The request header, as in request.META (e.g. "HTTP_X_FORWARDED_FOR"), that
    # the proxy in front of the site puts the client's address in; empty: none.
    "CLIENT_IP_HEADER": os.environ.get("CLIENT_IP_HEADER", ""),
    # Uploaded images: the largest file accepted, and the most pixels (a small
    # file can declare a huge picture that would fill the memory when decoded).
    "MAX_UPLOAD_BYTES": int(float(os.environ.get("MAX_UPLOAD_MB", "20")) * 2**20),
    "MAX_IMAGE_PIXELS": int(float(os.environ.get("MAX_IMAGE_MEGAPIXELS", "80")) * 10**6),
    # Days a deleted article stays in the trash, restorable, before `purge_trash` removes it.
    "TRASH_DAYS": 30,
    # The site's own address, for links in webhook bodies (sent with no request to copy it from).
    "SITE_URL": os.environ.get("SITE_URL", "http://localhost:8000").rstrip("/"),
    # Content API: requests per minute for a client without a key (per address);
    # partner keys carry their own limit.
    "API_ANONYMOUS_PER_MINUTE": int(os.environ.get("API_ANONYMOUS_PER_MINUTE", "60")),
    # Webhooks: the first retry waits this many seconds, each next one twice as long.
    "WEBHOOK_RETRY_SECONDS": float(os.environ.get("WEBHOOK_RETRY_SECONDS", "30")),
    "WEBHOOK_MAX_ATTEMPTS": int(os.environ.get("WEBHOOK_MAX_ATTEMPTS", "10")),
    "WEBHOOK_TIMEOUT_SECONDS": float(os.environ.get("WEBHOOK_TIMEOUT_SECONDS", "10")),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Replaces Django's default "django" logger, whose own console handler
        # would print every message a second time through the root handler.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "INFO"},
        # Each failed login is one line at WARNING; the INFO lines say nothing more.
        "axes": {"level": "WARNING"},
    },
}
