"""Private pages (Wagtail's Privacy setting: password, login or groups) and every page below
them stay out of everything the public sees: search, autocomplete, facets, lists and counts.

The search tests run against the database fallback and, with OPENSEARCH_URL set, against a real
node (skipped without one, like the engine tests in tests/search).
"""

import re
import uuid
from html import unescape
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.test import override_settings

from core.cache_scopes import SITE, versions
from search import engine, vocabularies
from tests.factories import (
    CityPageFactory,
    EventFactory,
    PersonPageFactory,
    PromisePageFactory,
    SettlementPageFactory,
    restrict,
)

pytestmark = pytest.mark.django_db

ENGINE, DATABASE = "engine", "database"


def text_of(response):
    """The page as a visitor reads it: tags removed, whitespace collapsed."""
    assert response.status_code == 200
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


@pytest.fixture
def world(home):
    """A public settlement with a public and a secret promise, in a city with a second
    settlement; every name is unique so that finding it anywhere means it leaked."""
    city = CityPageFactory(title="Quillborough")
    settlement = SettlementPageFactory(title="Marrowfield", parent=city)
    hidden_settlement = SettlementPageFactory(title="Thistlemoor", parent=city)
    person = PersonPageFactory(title="Orlaith Venn")
    public = PromisePageFactory(
        title="Lanterns for Marrowfield", text="Street lanterns along the ridge.",
        people=[person], settlements=[settlement], deadline="2012",
        history=[("2011-05", "in_progress")],
    )
    secret = PromisePageFactory(
        title="Zephyrine wells for Marrowfield", text="Zephyrine wells will be dug.",
        people=[person], settlements=[settlement], deadline="2012",
        subjects=["zephyrine"], history=[("2011-06", "stalled")],
    )
    PromisePageFactory(  # to the settlement that becomes private
        title="Roofs for the moor", text="New roofs before winter.",
        people=[person], settlements=[hidden_settlement],
    )
    return SimpleNamespace(**locals())




# The node the engine tests use; every other test searches the database.
NODE_URL = settings.OPENSEARCH_URL


@pytest.fixture(autouse=True)
def _database_search():
    with override_settings(OPENSEARCH_URL=""):
        yield


@pytest.fixture
def engine_url():
    if not NODE_URL:
        pytest.skip("OPENSEARCH_URL is not set: run inside `bin/search-node exec --`")
    return NODE_URL


@pytest.fixture(params=[ENGINE, DATABASE])
def backend(request, world):
    """The search served by the engine (an index of the world of its own) and by the database.

    Privacy changes reach the engine only through the signals: the index is built before them.
    """
    if request.param == DATABASE:
        with override_settings(OPENSEARCH_URL=""):
            yield DATABASE
        return
    url = request.getfixturevalue("engine_url")
    prefix = f"{settings.OPENSEARCH_INDEX_PREFIX}-private-{uuid.uuid4().hex[:8]}"
    with override_settings(OPENSEARCH_URL=url, OPENSEARCH_INDEX_PREFIX=prefix):
        engine.breaker.reset()
        engine.rebuild(grace=0)
        try:
            yield ENGINE
        finally:
            engine.client().indices.delete(index=f"{prefix}*", ignore_unavailable=True)


@pytest.fixture
def change_privacy(django_capture_on_commit_callbacks):
    """Run a privacy change and what its commit triggers (re-indexing), as the admin would."""
    def run(change):
        with django_capture_on_commit_callbacks(execute=True):
            result = change()
        vocabularies.clear_all()  # as a new version makes every process reload
        if settings.OPENSEARCH_URL:
            engine.refresh()  # what a search sees within a second
        return result
    return run


def search_text(client, q):
    return text_of(client.get("/search/", {"q": q}))


def autocomplete_values(client, typed):
    return [item["value"] for item in client.get("/search/autocomplete/", {"q": typed})
            .json()["results"]]


# Search ---------------------------------------------------------------------------------


def test_a_private_promise_is_not_found_until_made_public(backend, world, client,
                                                           change_privacy):
    assert "Zephyrine wells for Marrowfield" in search_text(client, "zephyrine")
    restriction = change_privacy(lambda: restrict(world.secret))
    assert "Zephyrine wells" not in search_text(client, "zephyrine")
    assert "Zephyrine wells" not in search_text(client, "Marrowfield")
    assert "Zephyrine wells for Marrowfield" not in autocomplete_values(client, "zephyr")
    change_privacy(restriction.delete)
    assert "Zephyrine wells for Marrowfield" in search_text(client, "zephyrine")


def test_a_restricted_city_hides_its_settlements(backend, world, client, change_privacy):
    assert "Thistlemoor" in autocomplete_values(client, "thistle")
    restriction = change_privacy(lambda: restrict(world.city))
    assert "Thistlemoor" not in autocomplete_values(client, "thistle")
    assert "Quillborough" not in autocomplete_values(client, "quillbor")
    results = search_text(client, "Thistlemoor")
    assert "Settlement Thistlemoor" not in results and "Thistlemoor (Quillborough)" not in results
    change_privacy(restriction.delete)
    assert "Thistlemoor" in autocomplete_values(client, "thistle")


def test_facets_leave_out_private_records(backend, world, client, change_privacy):
    change_privacy(lambda: restrict(world.hidden_settlement))
    facets = text_of(client.get("/search/", {"q": "roofs"}))
    assert "Roofs for the moor" in facets  # the promise is public; its settlement is not
    assert "Thistlemoor" not in facets
    assert world.hidden_settlement.pk not in {
        entry.id for entry in vocabularies.vocabulary("settlement").all()}


def test_results_never_link_to_a_private_page(backend, world, client, change_privacy):
    event = EventFactory(title="Moorland blockade", settlements=[world.hidden_settlement])
    if backend == ENGINE:
        change_privacy(lambda: event.save())  # the index learns of the event
    assert f'href="/record/{world.hidden_settlement.pk}/"' in client.get(
        "/search/", {"q": "moorland"}).content.decode()
    change_privacy(lambda: restrict(world.hidden_settlement))
    html = client.get("/search/", {"q": "moorland"}).content.decode()
    assert "Moorland blockade" in text_of(client.get("/search/", {"q": "moorland"}))
    assert f'href="/record/{world.hidden_settlement.pk}/"' not in html


def test_vocabularies_and_subjects_leave_out_private_records(world, change_privacy):
    change_privacy(lambda: restrict(world.city))
    change_privacy(lambda: restrict(world.secret))
    assert world.city.pk not in {entry.id for entry in vocabularies.vocabulary("city").all()}
    settlements = {entry.id for entry in vocabularies.vocabulary("settlement").all()}
    assert settlements.isdisjoint({world.settlement.pk, world.hidden_settlement.pk})
    assert "zephyrine" not in {entry.label for entry in vocabularies.vocabulary("subject").all()}


# Lists and counts ------------------------------------------------------------------------


def test_the_promise_list_leaves_out_private_promises_and_places(world, client, change_privacy):
    assert "Zephyrine wells" in text_of(client.get("/promises/"))
    restriction = change_privacy(lambda: restrict(world.secret))
    change_privacy(lambda: restrict(world.city))
    listing = client.get("/promises/")
    assert "Zephyrine wells" not in text_of(listing)
    assert "Lanterns for Marrowfield" in text_of(listing)
    assert "zephyrine" not in text_of(listing)  # the subject filter's choices
    assert "Thistlemoor" not in text_of(listing) and "Quillborough" not in text_of(listing)
    change_privacy(restriction.delete)
    assert "Zephyrine wells" in text_of(client.get("/promises/"))


def test_home_counts_leave_out_private_promises(world, client, change_privacy):
    before = client.get("/").context
    change_privacy(lambda: restrict(world.secret))
    after = client.get("/")
    assert after.context["promise_total"] == before["promise_total"] - 1
    assert dict(after.context["status_counts"])["stalled"] == (
        dict(before["status_counts"])["stalled"] - 1)
    assert "Zephyrine" not in text_of(after)  # overdue list and latest changes


def test_home_leaves_out_private_places(world, client, change_privacy):
    change_privacy(lambda: restrict(world.hidden_settlement))
    home = text_of(client.get("/"))
    assert "Thistlemoor" not in home and "Marrowfield" in home
    change_privacy(lambda: restrict(world.city))
    assert "Quillborough" not in text_of(client.get("/"))


def test_place_and_person_pages_leave_out_private_promises(world, client, change_privacy):
    change_privacy(lambda: restrict(world.secret))
    change_privacy(lambda: restrict(world.hidden_settlement))
    for page in (world.settlement, world.person):
        text = text_of(client.get(page.url))
        assert "Lanterns for Marrowfield" in text
        assert "Zephyrine" not in text
    city = text_of(client.get(world.city.url))
    assert "Marrowfield" in city and "Zephyrine" not in city and "Thistlemoor" not in city


def test_private_people_leave_the_people_list(world, client, change_privacy):
    people_url = world.person.get_parent().url
    assert "Orlaith Venn" in text_of(client.get(people_url))
    change_privacy(lambda: restrict(world.person))
    assert "Orlaith Venn" not in text_of(client.get(people_url))
    assert "Orlaith Venn" not in text_of(client.get(world.public.url))


def test_the_permalink_of_a_page_below_a_private_one_is_not_found(world, client,
                                                                    change_privacy):
    change_privacy(lambda: restrict(world.city))
    assert client.get(f"/record/{world.settlement.pk}/").status_code == 404


def test_a_privacy_change_drops_cached_pages(world, change_privacy):
    before = versions([SITE])
    restriction = change_privacy(lambda: restrict(world.secret))
    assert versions([SITE]) != before
    before = versions([SITE])
    change_privacy(restriction.delete)
    assert versions([SITE]) != before
