"""Security headers (issue 10, item 6): a strict Content-Security-Policy on public pages, one the
admin works under on its pages, and HSTS, HTTPS redirect and Permissions-Policy in production."""

import runpy

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from tests.factories import SettlementPageFactory


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


def test_public_pages_forbid_inline_script_and_style(client, home):
    settlement = SettlementPageFactory(title="Ak-Jar")
    for url in ("/", settlement.url, "/search/?q=water", "/no-such-page/"):
        policy = directives(client.get(url))
        assert policy["default-src"] == ["'self'"]
        assert "'unsafe-inline'" not in str(policy)
        assert "script-src" not in policy and "style-src" not in policy  # default-src: self


def test_public_pages_load_no_inline_script_or_style(client, home):
    settlement = SettlementPageFactory(title="Ak-Jar")
    html = client.get(settlement.url).content.decode()
    assert "<style" not in html and " style=" not in html
    assert "<script>" not in html and "<script src" in html


@pytest.mark.parametrize("url", ["/admin/", "/django-admin/"])
def test_admin_pages_get_the_admin_policy(client, home, url):
    client.force_login(get_user_model().objects.create_superuser("boss", "b@example.org", "pw"))
    policy = directives(client.get(url))
    assert policy["default-src"] == ["'self'"]
    assert "'unsafe-inline'" in policy["script-src"]
    assert "'unsafe-inline'" in policy["style-src"]
    assert policy["object-src"] == ["'none'"]


def test_every_response_has_a_permissions_policy(client, home):
    assert "camera=()" in client.get("/")["Permissions-Policy"]


@override_settings(SECURE_SSL_REDIRECT=True, SECURE_HSTS_SECONDS=31536000,
                   SECURE_HSTS_INCLUDE_SUBDOMAINS=True)
def test_production_redirects_to_https_and_sends_hsts(client, home):
    plain = client.get("/")
    assert plain.status_code == 301
    assert plain["Location"].startswith("https://")

    secure = client.get("/", secure=True)
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "stand-in-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz",
    "DJANGO_ALLOWED_HOSTS": "ubada.example",
    "SITE_URL": "https://ubada.example",
}


def production_settings(monkeypatch, **env):
    for name, value in {**PRODUCTION_ENV, **env}.items():
        monkeypatch.setenv(name, value)
    return runpy.run_module("ubada.settings.production")


def test_production_is_https_only_with_secure_cookies(monkeypatch):
    production = production_settings(monkeypatch)
    assert production["SECURE_SSL_REDIRECT"] is True
    assert production["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600
    assert "SECURE_PROXY_SSL_HEADER" not in production  # a client could send the header itself
    for cookie in ("SESSION", "CSRF", "LANGUAGE"):
        assert production[f"{cookie}_COOKIE_SECURE"] is True
        assert production[f"{cookie}_COOKIE_HTTPONLY"] is True
    assert production["SITE_URL"] == "https://ubada.example"


def test_production_behind_a_tls_terminating_proxy(monkeypatch):
    production = production_settings(monkeypatch, DJANGO_SSL_REDIRECT="false",
                                     DJANGO_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO")
    assert production["SECURE_SSL_REDIRECT"] is False
    assert production["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")


def test_production_refuses_to_start_without_a_site_url(monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SITE_URL"):
        production_settings(monkeypatch, SITE_URL="")
