"""Newsroom settings: one module, read from the environment with safe defaults.

Every knob is an environment variable (see the README's settings table). Defaults suit a
developer's machine; production sets DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and
DATABASE_URL and leaves DJANGO_DEBUG unset. How a variable is read (switches, lists, whole
numbers, choices) and what is derived from several (the CSP's media origins) is in
newsroom/env.py.
"""

import os
from pathlib import Path

import dj_database_url

from newsroom.env import env_bool, env_choice, env_int, env_list, env_secret, media_origins
from newsroom.release import release_id

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = env_secret(
    "DJANGO_SECRET_KEY",
    debug=DEBUG,
    development_default="django-insecure-development-only-never-use-in-production",
)

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "newsroom.admin_site.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_prose_editor",
    "reversion",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "reviews",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files (compressed, hashed names, cached for a year) before anything else runs.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # NUL in the address, a header or a cookie: a 400 before anything looks them up.
    "newsroom.middleware.RejectNulBytesMiddleware",
    # A cached page is answered here with the headers the whole stack below gave it.
    "reviews.public.caching.PageCacheMiddleware",
    # Readers' GETs may read from a replica when DATABASE_REPLICA_URL names one.
    "newsroom.routers.ReplicaReadsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # NUL in a form field: looked for only once CSRF has accepted the request, so the body of
    # a POST CSRF refuses is never read (refuse early, read late).
    "newsroom.middleware.RejectNulFormFieldsMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Staff see (and type) times in the admin and on the desk in the zone they chose.
    "reviews.admin.times.StaffTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "newsroom.csp.ContentSecurityPolicyMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

# The tests look for N+1 queries on every public page (django-zeal, a test dependency): a page
# that fetches a related object per row fails its test instead of slowing down at scale.
if env_bool("NEWSROOM_NPLUSONE_CHECK"):
    INSTALLED_APPS.append("zeal")
    MIDDLEWARE.insert(0, "tests.nplusone.PublicPagesNPlusOneMiddleware")

AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out user is refused before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "newsroom.urls"

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
                "reviews.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

# SQLite file when DATABASE_URL is unset; PostgreSQL (psycopg 3) when it names one.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "NEWSROOM_DB_POOL", True
):
    # psycopg's pool: each worker keeps a few connections open and, with the health checks
    # above, checks one before handing it out: a restarted database costs errors only while
    # it is down.
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps the connections
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env_int("NEWSROOM_DB_POOL_MIN", 1),
        "max_size": env_int("NEWSROOM_DB_POOL_MAX", 4),
        "timeout": 10,
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several staff saving at once on the embedded database: the WAL journal lets readers
    # read while one writes; every transaction takes the write lock when it begins
    # (BEGIN IMMEDIATE), so a second writer waits its turn, up to the busy timeout, instead
    # of failing with "database is locked" when it tries to write after reading.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": env_int("NEWSROOM_SQLITE_TIMEOUT", 20),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )
if os.environ.get("DATABASE_REPLICA_URL"):
    # Readers' pages read from a replica; staff, writes and everything else use the primary
    # (newsroom/routers.py).
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"], conn_max_age=60, conn_health_checks=True
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["newsroom.routers.ReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True
# Every date and time shown with the formats' DATETIME_FORMAT carries its zone.
FORMAT_MODULE_PATH = ["newsroom.formats"]

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = os.environ.get("DJANGO_MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
# The files of stills whose rights have expired move here, where nothing serves them
# (reviews/stills/withdrawal.py); "signed" instead leaves them in place, for an S3 bucket
# that only answers signed, expiring addresses (NEWSROOM_S3_SIGNED_URLS=1).
WITHDRAWN_MEDIA_ROOT = Path(
    os.environ.get("NEWSROOM_WITHDRAWN_ROOT", MEDIA_ROOT.with_name(f"{MEDIA_ROOT.name}-withdrawn"))
)
EXPIRED_STILLS = env_choice(
    "NEWSROOM_EXPIRED_STILLS", {"withdraw": "withdraw", "signed": "signed"}, "withdraw"
)

# Uploaded stills: refused above these limits (see reviews/stills/validation.py).
STILL_MAX_BYTES = env_int("NEWSROOM_STILL_MAX_BYTES", 20 * 1024 * 1024)
STILL_MAX_PIXELS = env_int("NEWSROOM_STILL_MAX_PIXELS", 40_000_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Film files imported from the admin are held in the session between preview and confirm.
IMPORT_MAX_BYTES = env_int("NEWSROOM_IMPORT_MAX_BYTES", 5 * 1024 * 1024)

# Background work (still renditions): on a thread of the web process by default, off the
# request (newsroom/tasks.py); production sets NEWSROOM_TASKS_BACKEND=database and runs
# `manage.py db_worker`; the tests run them at once, in the request (`immediate`).
TASK_BACKENDS = {
    "thread": "newsroom.tasks.ThreadBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS = {"default": {"BACKEND": env_choice("NEWSROOM_TASKS_BACKEND", TASK_BACKENDS, "thread")}}

# Media on an S3-compatible object store when a bucket is named; the local disk otherwise.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "withdrawn": {"BACKEND": "reviews.stills.storage.WithdrawnFileStorage"},
    # In production, hashed and compressed copies made by collectstatic, which whitenoise
    # serves cached for ever (a page naming a file collectstatic has not seen fails loudly);
    # plain names while debugging and in the tests (DJANGO_STATIC_HASHED=0).
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("DJANGO_STATIC_HASHED", not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
if os.environ.get("NEWSROOM_S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["NEWSROOM_S3_BUCKET"],
            "endpoint_url": os.environ.get("NEWSROOM_S3_ENDPOINT") or None,
            "region_name": os.environ.get("NEWSROOM_S3_REGION") or None,
            "custom_domain": os.environ.get("NEWSROOM_S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": env_bool("NEWSROOM_S3_SIGNED_URLS"),
            "file_overwrite": False,
            "default_acl": None,
        },
    }
    # Withdrawn stills: a private bucket when one is named, else a prefix of the same bucket
    # that its policy must keep private; always private objects and signed addresses.
    STORAGES["withdrawn"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": STORAGES["default"]["OPTIONS"]
        | {
            "bucket_name": os.environ.get("NEWSROOM_S3_WITHDRAWN_BUCKET")
            or os.environ["NEWSROOM_S3_BUCKET"],
            "location": "" if os.environ.get("NEWSROOM_S3_WITHDRAWN_BUCKET") else "withdrawn",
            "custom_domain": None,
            "querystring_auth": True,
            "querystring_expire": 600,
            "default_acl": "private",
        },
    }

SITE_NAME = os.environ.get("NEWSROOM_SITE_NAME", "The Newsroom Film Desk")
#: The site's address, for absolute links in e-mails sent outside a request.
SITE_URL = os.environ.get("NEWSROOM_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# E-mail (the desk's notifications): the console while debugging, SMTP otherwise; the tests
# use Django's locmem backend.
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS")
EMAIL_TIMEOUT = env_int("DJANGO_EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "desk@localhost")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LOGIN_URL = "admin:login"
# Where a sign-in lands when its "next" is missing or points off the site.
LOGIN_REDIRECT_URL = "admin:index"
#: Where the admin lives; an unguessable path keeps login bots off it (e.g. "desk-7f3a/").
ADMIN_URL = os.environ.get("DJANGO_ADMIN_URL", "admin/").strip("/") + "/"

# Login attempts (django-axes): after AXES_FAILURE_LIMIT failures for one user name from one
# address, that pair is locked out for AXES_COOLOFF_TIME hours.
AXES_FAILURE_LIMIT = env_int("DJANGO_AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("DJANGO_AXES_COOLOFF_HOURS", 1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes_lockout.html"
# X-Forwarded-For is believed only when DJANGO_AXES_PROXY_COUNT says how many proxies add to
# it; otherwise a client could send a new address with every guess and never be locked out.
NEWSROOM_PROXY_COUNT = env_int("DJANGO_AXES_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "newsroom.client_ip.client_ip"

# Security: strict unless DEBUG is on; each can be relaxed from the environment.
# X-Forwarded-Proto is believed behind the same configured proxies: without one, any client
# could send it and have the site write https addresses into canonical links, og:url and
# feeds (and the proxy, not the client, is what must set it).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if NEWSROOM_PROXY_COUNT else None
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = env_bool("DJANGO_SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("DJANGO_CSRF_COOKIE_SECURE", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
# The admin's JavaScript reads the CSRF token from the form, never from the cookie.
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Content Security Policy (django-csp): scripts and styles only from this site, no inline
# script. The admin's rich-text editor needs one inline import map; newsroom/csp.py allows
# exactly that map by its hash. JSON-LD blocks are data, not scripts, and are not affected.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": [],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # The admin sets a few style attributes (e.g. widths in its widgets).
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": [
            "'self'",
            "data:",
            # The desk's upload form shows each chosen file as an object URL before it is
            # sent: a picture this page's own script made, from no other origin.
            "blob:",
            *media_origins(MEDIA_URL, STORAGES["default"]),
            *env_list("DJANGO_CSP_IMG_SRC"),
        ],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        # Trailers: the players are framed only after the reader clicks (static/js/trailer.js).
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "frame-ancestors": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    },
}

# Caches: local memory by default (one process); Redis when REDIS_URL names one, shared by
# every app server (Django's RedisCache). Short socket timeouts: a stopped Redis costs a
# request a fraction of a second, and pages are then served uncached.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("NEWSROOM_CACHE_PREFIX", "newsroom"),
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": env_int("NEWSROOM_CACHE_MAX_ENTRIES", 5000)},
        }
    }

# The page cache (reviews/public/caching.py): whole pages for anonymous readers, keyed by
# the content version the database keeps, so never stale. Off while debugging (templates
# change under a developer's hands) unless NEWSROOM_PAGE_CACHE says otherwise.
PAGE_CACHE_ENABLED = env_bool("NEWSROOM_PAGE_CACHE", not DEBUG)
PAGE_CACHE_ALIAS = "default"
# Fragments of pages (a review's facts box, credits, body with its stills, JSON-LD), keyed
# the same way, so a page-cache miss is cheap; on and off with the page cache by default.
FRAGMENT_CACHE_ENABLED = env_bool("NEWSROOM_FRAGMENT_CACHE", PAGE_CACHE_ENABLED)
PAGE_CACHE_SECONDS = env_int("NEWSROOM_PAGE_CACHE_SECONDS", 86400)
# How long a CDN may keep a page without asking again (s-maxage); 0: it revalidates always.
PAGE_CACHE_CDN_SECONDS = env_int("NEWSROOM_CDN_MAX_AGE", 0)
PAGE_CACHE_RELEASE = release_id(BASE_DIR)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}
