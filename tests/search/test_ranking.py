"""Ranking on the seed data, against the engine and the database fallback: a record whose title
holds every word of the query comes before records that match only some words in their title
(issue 15: the new promise "A school for Ak-Jar by September 2013" came 5th of 9 for
`Ak-Jar school`), and a Russian query of which one word matches nothing (issue 11)."""


import pytest
from django.test import override_settings
from django.utils import translation

from actors.models import BodyPage, PersonPage
from places.models import SettlementPage
from sources.models import Source
from tests.factories import PromisePageFactory

from .conftest import DATABASE, ENGINE, index_built
from .test_contract import found, run
from .world import translate

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def new_promise(_seed_for_module, django_db_blocker):
    """The study's next promise, recorded on top of the seed (rolled back with it)."""
    with django_db_blocker.unblock(), override_settings(OPENSEARCH_URL=""):
        return PromisePageFactory(
            title="A school for Ak-Jar by September 2013",
            text="The Bishkek mayor promised Ak-Jar a school by September 2013.",
            made="2013-03-03", deadline_phrase="by September 2013",
            bodies=[BodyPage.objects.get(
                slug="bishkek-city-administration", locale__language_code="en")],
            settlements=[SettlementPage.objects.get(slug="ak-jar", locale__language_code="en")],
            source=Source.objects.filter(part_of__isnull=False).first(),
        )


@pytest.fixture(scope="module")
def atambaev_in_russian(new_promise, django_db_blocker):
    """Atambaev's page translated into Russian (the seed's translations may not be loaded)."""
    with django_db_blocker.unblock(), override_settings(OPENSEARCH_URL=""):
        return translate(PersonPage.objects.get(title="Almazbek Atambaev"), "ru",
                         title="Алмазбек Атамбаев")


@pytest.fixture(scope="module")
def seed_index(atambaev_in_russian, engine_url):
    with index_built(engine_url, "seed") as prefix:
        yield prefix


@pytest.fixture(params=[ENGINE, DATABASE])
def seed_backend(request, atambaev_in_russian, db):
    if request.param == ENGINE:
        prefix = request.getfixturevalue("seed_index")
        url = request.getfixturevalue("engine_url")
        with override_settings(OPENSEARCH_URL=url, OPENSEARCH_INDEX_PREFIX=prefix):
            yield ENGINE
    else:
        with override_settings(OPENSEARCH_URL=""):
            yield DATABASE


@pytest.mark.parametrize("text", ["Ak-Jar school", "school Ak-Jar", "ak-jar SCHOOL"])
def test_the_record_titled_with_every_word_comes_first(seed_backend, new_promise, text):
    results = run(q=text)
    assert results.backend == seed_backend
    assert found(results)[0] == ("promise", new_promise.pk), [h.title for h in results.hits]


def test_titles_with_every_word_come_before_titles_with_some(seed_backend, new_promise):
    results = run(q="Ak-Jar electricity")
    titles = [hit.title.lower() for hit in results.hits]
    with_all = [("ak-jar" in title and "electricity" in title) for title in titles]
    assert any(with_all) and not all(with_all)
    assert with_all == sorted(with_all, reverse=True), titles


def test_a_russian_query_with_an_unmatched_word_shows_what_matches_most(seed_backend,
                                                                        atambaev_in_russian):
    """«Атамбаева обещание» ("Atambaev's promise"): no record holds «обещание», so the records
    that hold the name are shown, with a note (the database matches the name as typed only)."""
    name = "Атамбаева" if seed_backend == ENGINE else "Атамбаев"
    with translation.override("ru"):
        by_name = run(q=name)
        results = run(q=f"{name} обещание")
    assert atambaev_in_russian.title in [hit.title for hit in by_name.hits]  # shown in Russian
    assert found(results) == found(by_name)
    assert results.relaxed_note.startswith("Ни одна запись не содержит все слова: “Атамба")
