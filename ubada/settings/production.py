"""Production: every secret and host comes from the environment; missing ones stop start-up."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def _require(name):
    value = os.environ.get(name)
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable.")
    return value


DEBUG = False
SECRET_KEY = _require("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = _require("DJANGO_ALLOWED_HOSTS").split(",")
CSRF_TRUSTED_ORIGINS = [
    origin for origin in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if origin
]
SITE_URL = _require("SITE_URL")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", SITE_URL)

# HTTPS only. Behind a proxy that terminates TLS and redirects itself, DJANGO_SSL_REDIRECT=false
# stops Django redirecting too; DJANGO_PROXY_SSL_HEADER names the header that proxy sets to say
# the request came over HTTPS ("HTTP_X_FORWARDED_PROTO"). Without a proxy it stays unset: a
# client could otherwise send the header itself.
SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SSL_REDIRECT", "true").lower() != "false"
if os.environ.get("DJANGO_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = (os.environ["DJANGO_PROXY_SSL_HEADER"], "https")
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = (
    os.environ.get("DJANGO_HSTS_INCLUDE_SUBDOMAINS", "true").lower() != "false"
)
# Preloading is a promise to browser vendors that is slow to take back: opt in explicitly.
SECURE_HSTS_PRELOAD = os.environ.get("DJANGO_HSTS_PRELOAD", "false").lower() == "true"
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]  # "not on the preload list": chosen, see above
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
# Where collectstatic writes (nginx serves it) and uploads go: outside the checkout on a server
# (deploy/README.md), so that the code directory can stay read-only for the services.
STATIC_ROOT = os.environ.get("DJANGO_STATIC_ROOT", str(STATIC_ROOT))  # noqa: F405
MEDIA_ROOT = os.environ.get("DJANGO_MEDIA_ROOT", str(MEDIA_ROOT))  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
LOGGING["loggers"]["ubada.requests"]["level"] = os.environ.get(  # noqa: F405
    "REQUEST_LOG_LEVEL", "INFO")
