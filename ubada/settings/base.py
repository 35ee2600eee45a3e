"""Settings shared by every environment. Environment-specific modules import from here."""

import json
import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.utils.translation import gettext_lazy as _

from .caches import redis_cache

BASE_DIR = Path(__file__).resolve().parent.parent.parent

INSTALLED_APPS = [
    "core",
    "places",
    "actors",
    "sources",
    "chronicle",
    "promises",
    "search",
    "scrapers",
    "exports",
    "following",
    "website",
    "api",
    "health_check",  # django-health-check: /health/ for load balancers (ubada/health.py)
    "ninja",  # django-ninja: its templates and static files serve the API docs offline
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    # wagtail-localize: segment-by-segment translation of pages and snippets; its locales app
    # replaces wagtail.locales (it adds each locale's synchronisation with English).
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail",
    "modelcluster",
    "taggit",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",  # its sitemap.xml template, for wagtail.contrib.sitemaps
]

MIDDLEWARE = [
    "core.request_log.RequestLogMiddleware",  # outermost: its timing covers the others
    "django.middleware.security.SecurityMiddleware",
    # A read whose database connection was lost runs again; a write runs in one transaction
    # (core.database_outage): every middleware below runs again with the view.
    "core.database_outage.DatabaseOutageMiddleware",
    # A cached page is answered here, with the headers the middleware below added when it was
    # rendered (CSP...): a hit skips them (core.page_cache). /api/ is answered further in.
    "core.page_cache.AnonymousPageCacheMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "api.middleware.ApiMiddleware",  # /api/: read-only, CORS, cache headers, rate limit
    "core.page_cache.ApiPageCacheMiddleware",  # the page cache for /api/, once counted
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks: answers locked-out logins
]

# django-axes checks every login (admin and django-admin) before the model backend.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "ubada.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# Django's renderer, showing a refused choice of a record as nothing chosen (see core.forms).
FORM_RENDERER = "core.forms.FormRenderer"

WSGI_APPLICATION = "ubada.wsgi.application"

# Connections are kept for a minute and checked before each request reuses one, so that a
# restarted database server costs no request its error page (`make prod-check` restarts it).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60, conn_health_checks=True
    )
}
# A database restart (core.database_outage): a read whose connection was lost or refused is run
# again for up to DATABASE_RETRY_SECONDS in all; then, and for a write at once, our 503 page asks
# to come back after DATABASE_RETRY_AFTER seconds.
DATABASE_RETRY_SECONDS = float(os.environ.get("DATABASE_RETRY_SECONDS", "5"))
DATABASE_RETRY_AFTER = int(os.environ.get("DATABASE_RETRY_AFTER", "10"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Interface languages. Content may be translated per Wagtail locale (WAGTAIL_I18N_ENABLED).
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("ru", "Русский"),
    ("ky", "Кыргызча"),
    ("kk", "Қазақша"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Machine translation in wagtail-localize's editor: off unless configured (no service is
# reachable from here). WAGTAILLOCALIZE_MACHINE_TRANSLATOR_CLASS names a translator class, e.g.
# wagtail_localize.machine_translators.libretranslate.LibreTranslator, with its options as JSON
# in WAGTAILLOCALIZE_MACHINE_TRANSLATOR_OPTIONS (e.g. {"LIBRETRANSLATE_URL": "...", "API_KEY": ""}).
if os.environ.get("WAGTAILLOCALIZE_MACHINE_TRANSLATOR_CLASS"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": os.environ["WAGTAILLOCALIZE_MACHINE_TRANSLATOR_CLASS"],
        "OPTIONS": json.loads(os.environ.get("WAGTAILLOCALIZE_MACHINE_TRANSLATOR_OPTIONS", "{}")),
    }
LOCALE_PATHS = [BASE_DIR / "locale"]
# How each language writes a date (Django has no Kazakh module): see ubada/formats/.
FORMAT_MODULE_PATH = ["ubada.formats"]
TIME_ZONE = "Asia/Bishkek"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "site" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"

WAGTAIL_SITE_NAME = "Ubada"
# Wagtail's Draftail editor, reading a hand-made value it cannot convert as text (core.forms).
WAGTAILADMIN_RICH_TEXT_EDITORS = {"default": {"WIDGET": "core.forms.RichTextArea"}}
# The site's canonical address: every absolute URL (citations) is built on it, never on the
# Host a request names. Production refuses to start without it.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", SITE_URL)
# The admin keeps Wagtail's database search backend (see search/__init__.py for why).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Public search (the `search` app). Empty OPENSEARCH_URL: served from the database.
# Credentials go in the URL (https://user:password@host:9200). A cluster: every node's URL,
# comma-separated, and OPENSEARCH_REPLICAS=1 (see deploy/CLUSTER.md).
OPENSEARCH_URL = os.environ.get("OPENSEARCH_URL", "")
OPENSEARCH_REPLICAS = int(os.environ.get("OPENSEARCH_REPLICAS", "0"))  # copies of each shard
OPENSEARCH_INDEX_PREFIX = os.environ.get("OPENSEARCH_INDEX_PREFIX", "ubada")
OPENSEARCH_TIMEOUT = float(os.environ.get("OPENSEARCH_TIMEOUT", "2"))  # seconds per search
OPENSEARCH_RETRY_AFTER = float(os.environ.get("OPENSEARCH_RETRY_AFTER", "30"))  # after a failure
OPENSEARCH_VERIFY_CERTS = os.environ.get("OPENSEARCH_VERIFY_CERTS", "true").lower() != "false"
OPENSEARCH_CA_CERTS = os.environ.get("OPENSEARCH_CA_CERTS", "")
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no editor's address goes to a third party for avatars
# Longest search text used and shown back (search box, links); the rest is cut, with a message.
SEARCH_MAX_QUERY_LENGTH = 200
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
# A promise is published on approval only if the pages it links to are live (promises.publishing).
WAGTAIL_FINISH_WORKFLOW_ACTION = "promises.publishing.publish_workflow_state"
WAGTAILDOCS_EXTENSIONS = ["csv", "pdf", "txt", "xlsx", "docx", "odt"]

# Anonymous page responses are cached whole (core.page_cache) and dropped by scope when what
# they show is published, or a record of these apps is saved or deleted (core.cache_scopes).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# Pieces of pages (what every page's chrome looks up: its site, the navigation, the default locale
# (core.scoped_cache); a list's filter options, a promise row) are cached under the same scope
# versions, so they too change at once on a publish; 0 renders them every time.
FRAGMENT_CACHE_SECONDS = int(os.environ.get("FRAGMENT_CACHE_SECONDS", "3600"))
PAGE_CACHE_CONTENT_APPS = {
    "website", "places", "actors", "sources", "chronicle", "promises", "wagtailcore",
}
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "ubada",
    }
}
# CACHE_URL=redis://host:port/db shares the cache (pages, rate limits) between web workers and
# machines; a Redis that is down makes the site slower, never broken (settings/caches.py).
if os.environ.get("CACHE_URL", "").startswith(("redis://", "rediss://", "unix://")):
    CACHES = redis_cache(
        os.environ["CACHE_URL"],
        key_prefix=os.environ.get("CACHE_KEY_PREFIX", "ubada"),
        connect_timeout=float(os.environ.get("CACHE_CONNECT_TIMEOUT", "0.2")),
        timeout=float(os.environ.get("CACHE_TIMEOUT", "0.2")),
    )
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True  # logged on "django_redis", never raised

# One JSON line per request on `ubada.requests` (core/request_log.py) at REQUEST_LOG_LEVEL=INFO
# (production's default); other environments keep it quiet (runserver logs requests itself).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "core.request_log.JsonFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "json": {"class": "logging.StreamHandler", "formatter": "json"},
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "ubada": {"level": "INFO"},
        "scrapers": {"level": "INFO"},
        "ubada.requests": {"handlers": ["json"], "propagate": False,
                           "level": os.environ.get("REQUEST_LOG_LEVEL", "WARNING")},
    },
}
HEALTH_TASK_BACKLOG_SECONDS = int(os.environ.get("HEALTH_TASK_BACKLOG_SECONDS", "600"))

# Human-readable name of the project, used in "cite this" blocks.
UBADA_CITATION_NAME = _("Ubada: promises to informal settlements")

# News scrapers (scrapers app). Every value can be set from the environment.
# The contact address goes into the User-Agent ("UbadaBot/0.1 (+URL)"): a page that says who
# runs the bot and how to reach them.
SCRAPER_CONTACT_URL = os.environ.get("SCRAPER_CONTACT_URL", WAGTAILADMIN_BASE_URL)
SCRAPER_ALLOW_LOOPBACK = False  # never fetch 127.0.0.0/8 or ::1 (test settings allow it)
SCRAPER_POLITENESS_DELAY = float(os.environ.get("SCRAPER_POLITENESS_DELAY", "2"))  # s per host
SCRAPER_CONNECT_TIMEOUT = float(os.environ.get("SCRAPER_CONNECT_TIMEOUT", "10"))
SCRAPER_READ_TIMEOUT = float(os.environ.get("SCRAPER_READ_TIMEOUT", "20"))
SCRAPER_DEADLINE = float(os.environ.get("SCRAPER_DEADLINE", "60"))  # s per HTTP request
SCRAPER_MAX_BYTES = int(os.environ.get("SCRAPER_MAX_BYTES", str(5 * 1024 * 1024)))
SCRAPER_MAX_RETRIES = int(os.environ.get("SCRAPER_MAX_RETRIES", "2"))  # within one fetch
SCRAPER_BACKOFF_BASE = float(os.environ.get("SCRAPER_BACKOFF_BASE", "2"))  # s, doubled per retry
SCRAPER_MAX_REDIRECTS = int(os.environ.get("SCRAPER_MAX_REDIRECTS", "5"))
SCRAPER_MAX_RETRY_WAIT = float(os.environ.get("SCRAPER_MAX_RETRY_WAIT", "60"))
SCRAPER_RETRY_DELAY_SECONDS = int(os.environ.get("SCRAPER_RETRY_DELAY_SECONDS", "3600"))
SCRAPER_MAX_ATTEMPTS = int(os.environ.get("SCRAPER_MAX_ATTEMPTS", "5"))  # then rejected
# Stories fetched per outlet and run unless --limit says otherwise (0: no cap); the rest wait.
SCRAPER_MAX_ARTICLES_PER_OUTLET = int(os.environ.get("SCRAPER_MAX_ARTICLES_PER_OUTLET", "200"))
SCRAPER_MIN_TEXT_CHARS = int(os.environ.get("SCRAPER_MIN_TEXT_CHARS", "150"))
SCRAPER_NEAR_DUPLICATE_THRESHOLD = float(
    os.environ.get("SCRAPER_NEAR_DUPLICATE_THRESHOLD", "0.9")
)
SCRAPER_DEDUPE_WINDOW_DAYS = int(os.environ.get("SCRAPER_DEDUPE_WINDOW_DAYS", "60"))
SCRAPER_REFRESH_AFTER_HOURS = float(os.environ.get("SCRAPER_REFRESH_AFTER_HOURS", "12"))
SCRAPER_REFRESH_WINDOW_DAYS = float(os.environ.get("SCRAPER_REFRESH_WINDOW_DAYS", "3"))
SCRAPER_SUGGESTION_THRESHOLD = float(os.environ.get("SCRAPER_SUGGESTION_THRESHOLD", "0.6"))
SCRAPER_RUN_TIMEOUT_MINUTES = int(os.environ.get("SCRAPER_RUN_TIMEOUT_MINUTES", "180"))

# Background tasks (django-tasks). Without TASKS the immediate backend runs tasks inline.
# UBADA_TASK_BACKEND=database queues them in the database for `manage.py db_worker`
# (django-tasks-db); see scrapers/README.md.
if os.environ.get("UBADA_TASK_BACKEND") == "database":
    INSTALLED_APPS.append("django_tasks_db")
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Workers (`manage.py task_worker`, core.workers): each records a heartbeat this often; a task
# left RUNNING by a worker not seen for TASK_WORKER_LOST_AFTER_SECONDS is run again by another,
# at most TASK_MAX_ATTEMPTS times in all.
TASK_WORKER_HEARTBEAT_SECONDS = float(os.environ.get("TASK_WORKER_HEARTBEAT_SECONDS", "15"))
TASK_WORKER_LOST_AFTER_SECONDS = float(os.environ.get("TASK_WORKER_LOST_AFTER_SECONDS", "120"))
TASK_MAX_ATTEMPTS = int(os.environ.get("TASK_MAX_ATTEMPTS", "3"))

# Email (alerts, the admin's password reset): an SMTP server, set from the environment.
# Development prints emails on the console (dev.py).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "false").lower() == "true"  # STARTTLS
EMAIL_USE_SSL = os.environ.get("EMAIL_USE_SSL", "false").lower() == "true"  # implicit TLS
EMAIL_TIMEOUT = float(os.environ.get("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Ubada <alerts@ubada.example>")

# Email alerts (the `following` app): how long a confirmation link works (unconfirmed addresses
# are deleted after it), and how a send that the mail server refused is retried (the delay
# doubles with each attempt).
FOLLOWING_CONFIRM_DAYS = int(os.environ.get("FOLLOWING_CONFIRM_DAYS", "7"))
FOLLOWING_MAX_ATTEMPTS = int(os.environ.get("FOLLOWING_MAX_ATTEMPTS", "5"))
FOLLOWING_RETRY_SECONDS = int(os.environ.get("FOLLOWING_RETRY_SECONDS", "300"))

# Limits and headers (README, "Limits and headers"). Every value can be set from the environment.
# The client address rate limits and login lockouts count by: REMOTE_ADDR, or, behind a proxy,
# the request header the proxy sets (e.g. HTTP_X_FORWARDED_FOR: its last address is taken, the
# one the proxy itself appended). Never set it without a proxy that overwrites the header.
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "")
RATELIMIT_IP_META_KEY = "core.limits.client_ip"
RATELIMIT_FAIL_OPEN = True  # the cache being down must not turn every reader away
# Requests per client: "<count>/<period>" with s, m, h or d (django-ratelimit's rate syntax).
RATE_LIMITS = {
    "search": os.environ.get("RATE_LIMIT_SEARCH", "30/m"),
    "autocomplete": os.environ.get("RATE_LIMIT_AUTOCOMPLETE", "120/m"),
    "password_reset": os.environ.get("RATE_LIMIT_PASSWORD_RESET", "5/h"),  # submissions
    "export": os.environ.get("RATE_LIMIT_EXPORT", "10/m"),  # CSV and data package downloads
    "subscribe": os.environ.get("RATE_LIMIT_SUBSCRIBE", "10/h"),  # alert sign-ups (each mails)
    "api": os.environ.get("RATE_LIMIT_API", "120/m"),  # the JSON API at /api/v1/
}
# How long browsers and proxies may keep a download (CSV, data package), in seconds.
EXPORT_CACHE_SECONDS = int(os.environ.get("EXPORT_CACHE_SECONDS", "600"))
# Login lockout (django-axes): this many failures from one address lock the account's logins
# from it for AXES_COOLOFF_TIME hours, whether the password is then right or not.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_TIME_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "core.limits.client_ip"

# Content-Security-Policy (django-csp): public pages run no inline script or style; the Wagtail
# and Django admins need inline ones and get their own policy (core.middleware).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
}
# Map of settlements: an XYZ tile server (e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png,
# within its usage policy) and the attribution its licence asks for (HTML). None by default:
# pages then list places as text, without a map. The public pages' CSP admits its host only.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "")
MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION", "")
if MAP_TILE_URL:
    _tiles = urlsplit(MAP_TILE_URL)
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(
        f"{_tiles.scheme}://{_tiles.netloc.replace('{s}', '*')}"
    )
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "connect-src": ["'self'", "https://releases.wagtail.org"],  # Wagtail's update notice
        "frame-src": ["'self'"],
    },
}
ADMIN_PATH_PREFIXES = ("/admin/", "/django-admin/")
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
)
