"""The shared cache on a real Redis server: pages come from it, and when Redis stops the site
keeps answering (rendering every page, slower) and uses the cache again once it is back."""

import pytest

from tests.factories import SettlementPageFactory


@pytest.fixture
def page_cache(settings, redis_cache):
    settings.PAGE_CACHE_SECONDS = 60
    return redis_cache


def test_pages_come_from_redis_and_survive_its_restart(client, home, page_cache):
    settlement = SettlementPageFactory(title="Ak-Jar")
    assert client.get(settlement.url)["X-Page-Cache"] == "miss"
    assert client.get(settlement.url)["X-Page-Cache"] == "hit"

    page_cache.stop()
    while_down = [client.get(settlement.url), client.get("/"), client.get("/search/?q=Ak-Jar")]
    assert [response.status_code for response in while_down] == [200, 200, 200]
    assert "Ak-Jar" in while_down[0].content.decode()
    assert while_down[0]["X-Page-Cache"] == "miss"  # rendered: nothing could be read or kept

    page_cache.start()  # an empty Redis, as after a restart without persistence
    assert client.get(settlement.url)["X-Page-Cache"] == "miss"
    assert client.get(settlement.url)["X-Page-Cache"] == "hit"


def test_rate_limits_are_counted_in_redis_and_open_while_it_is_down(
    client, home, settings, redis_cache
):
    settings.RATELIMIT_ENABLE = True
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "search": "2/m"}
    statuses = [client.get("/search/", {"q": "Ak-Jar"}).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]

    redis_cache.stop()
    assert client.get("/search/", {"q": "Ak-Jar"}).status_code == 200  # fails open
