"""The anonymous page cache can be neither poisoned nor bypassed (issue 10, items 3 and 9).

What one visitor sends (Host, scheme, extra parameters) must never reach the page the next
visitor is served, and parameters a page does not read must not cost a render each.
"""

import uuid

import pytest
from django.core.cache import cache
from django.test import override_settings

from promises.models import PromiseIndexPage
from search import database, engine
from search.results import EngineUnavailable
from search.service import NOTICES
from tests.factories import PromisePageFactory, SettlementPageFactory

PRODUCTION_LIKE = {
    "PAGE_CACHE_SECONDS": 60,
    "SITE_URL": "https://ubada.example",
    "ALLOWED_HOSTS": ["ubada.example", "testserver"],
    "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
}


@pytest.fixture
def page_cache():
    cache.clear()
    with override_settings(**PRODUCTION_LIKE):
        yield
    cache.clear()


def test_a_poisoned_host_and_scheme_do_not_reach_the_next_visitors_citation(
    client, home, page_cache
):
    settlement = SettlementPageFactory(title="Ak-Jar")
    attack = client.get(settlement.url, HTTP_HOST="ubada.example:31337",
                        HTTP_X_FORWARDED_PROTO="http")
    assert attack.status_code == 200

    visitor = client.get(settlement.url, HTTP_HOST="ubada.example", HTTP_X_FORWARDED_PROTO="https")

    assert visitor["X-Page-Cache"] == "hit"
    html = visitor.content.decode()
    assert f"https://ubada.example/record/{settlement.pk}/" in html
    assert "31337" not in html
    assert "http://ubada.example" not in html


def test_unique_junk_parameters_are_served_from_the_cache(client, home, page_cache):
    settlement = SettlementPageFactory(title="Ak-Jar")
    assert client.get(settlement.url)["X-Page-Cache"] == "miss"

    for _ in range(3):
        junk = uuid.uuid4().hex
        response = client.get(settlement.url, {"utm_source": junk}, follow=True)
        assert response.redirect_chain == [(settlement.url, 302)]
        assert response["X-Page-Cache"] == "hit"
        assert junk not in response.content.decode()


def test_a_first_request_with_junk_is_not_cached_for_others(client, home, page_cache):
    settlement = SettlementPageFactory(title="Ak-Jar")
    first = client.get(settlement.url, {"evil": "defaced"})
    assert first.status_code == 200

    visitor = client.get(settlement.url)

    assert visitor["X-Page-Cache"] == "miss"
    assert "defaced" not in visitor.content.decode()


def test_parameters_a_page_reads_are_kept_in_the_key_and_sorted(
    client, home, page_cache, monkeypatch
):
    monkeypatch.setattr(engine, "configured", lambda: False)  # the database answers, as in dev
    assert client.get("/search/?q=zebra")["X-Page-Cache"] == "miss"
    zebra = client.get("/search/", {"utm": "x", "q": "zebra"}, follow=True)
    assert zebra.redirect_chain == [("/search/?q=zebra", 302)]
    assert zebra["X-Page-Cache"] == "hit"

    giraffe = client.get("/search/?q=giraffe")
    assert giraffe["X-Page-Cache"] == "miss"
    assert 'value="giraffe"' in giraffe.content.decode()
    assert "zebra" not in giraffe.content.decode()
    assert client.get("/search/?sort=made&q=zebra")["X-Page-Cache"] == "miss"
    assert client.get("/search/?q=zebra&sort=made")["X-Page-Cache"] == "hit"


def test_a_fallback_search_page_is_not_served_after_the_engine_is_back(
    client, home, page_cache, monkeypatch
):
    PromisePageFactory(title="Water for Ak-Jar")
    monkeypatch.setattr(engine, "configured", lambda: True)

    def engine_down(query):
        raise EngineUnavailable("connection refused", "unavailable")

    monkeypatch.setattr(engine, "search", engine_down)
    down = client.get("/search/?q=water")
    assert str(NOTICES["unavailable"]) in down.content.decode()
    assert "no-store" in down["Cache-Control"]

    monkeypatch.setattr(engine, "search", database.search)  # back, answering as the database
    back = client.get("/search/?q=water")

    assert back["X-Page-Cache"] == "miss"
    assert str(NOTICES["unavailable"]) not in back.content.decode()
    assert client.get("/search/?q=water")["X-Page-Cache"] == "hit"


def test_the_promise_list_keeps_its_filters_and_drops_the_rest(client, home, page_cache):
    PromisePageFactory(title="Water for Ak-Jar", history=[("2012", "broken")])
    PromisePageFactory(title="School for Ak-Jar")
    url = PromiseIndexPage.objects.get().url
    assert "School for Ak-Jar" in client.get(url).content.decode()

    broken = client.get(url, {"status": "broken"})
    assert broken["X-Page-Cache"] == "miss"
    assert "School for Ak-Jar" not in broken.content.decode()

    again = client.get(url, {"status": "broken", "fbclid": uuid.uuid4().hex}, follow=True)
    assert again.redirect_chain == [(f"{url}?status=broken", 302)]
    assert again["X-Page-Cache"] == "hit"
    assert "Water for Ak-Jar" in again.content.decode()


SECURITY_HEADERS = ("Content-Security-Policy", "Permissions-Policy", "X-Frame-Options",
                    "X-Content-Type-Options", "Referrer-Policy", "Strict-Transport-Security")


@override_settings(SECURE_SSL_REDIRECT=True, SECURE_HSTS_SECONDS=31536000)
def test_a_cached_answer_keeps_every_security_header(client, home, page_cache):
    """A hit is answered before most middleware runs: the headers they set at the render are
    kept with the page, and HSTS, which depends on the request, is still set per request."""
    settlement = SettlementPageFactory(title="Ak-Jar")
    rendered = client.get(settlement.url, secure=True)
    hit = client.get(settlement.url, secure=True)

    assert (rendered["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    for header in SECURITY_HEADERS:
        assert hit[header] == rendered[header], header
    assert "default-src 'self'" in hit["Content-Security-Policy"]
    assert hit["Strict-Transport-Security"] == "max-age=31536000"
    plain = client.get(settlement.url)
    assert plain.status_code == 301  # no cached page over plain HTTP: the redirect first
    assert plain["Location"].startswith("https://")


def test_a_cached_page_is_not_served_to_a_host_that_is_not_allowed(client, home, page_cache):
    settlement = SettlementPageFactory(title="Ak-Jar")
    client.get(settlement.url)
    assert client.get(settlement.url)["X-Page-Cache"] == "hit"

    assert client.get(settlement.url, HTTP_HOST="attacker.example").status_code == 400


def test_each_language_is_cached_apart(client, home, page_cache):
    settlement = SettlementPageFactory(title="Ak-Jar")
    english = client.get(settlement.url)
    russian = client.get(f"/ru{settlement.url}")
    assert (english["X-Page-Cache"], russian["X-Page-Cache"]) == ("miss", "miss")
    assert client.get(f"/ru{settlement.url}")["Content-Language"] == "ru"
    assert client.get(settlement.url, HTTP_ACCEPT_LANGUAGE="ru")["Content-Language"] == "en"
