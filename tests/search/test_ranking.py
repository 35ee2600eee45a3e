"""Ranking on the seed data, against the engine and the database fallback: a record whose title
holds every word of the query comes before records that match only some words in their title
(issue 15: the new promise "A school for Ak-Jar by September 2013" came 5th of 9 for
`Ak-Jar school`)."""


import pytest
from django.test import override_settings

from actors.models import BodyPage
from places.models import SettlementPage
from sources.models import Source
from tests.factories import PromisePageFactory

from .conftest import DATABASE, ENGINE, index_built
from .test_contract import found, run

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
def seed_index(new_promise, engine_url):
    with index_built(engine_url, "seed") as prefix:
        yield prefix


@pytest.fixture(params=[ENGINE, DATABASE])
def seed_backend(request, new_promise, db):
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
