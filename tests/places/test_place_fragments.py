"""The settlement page keeps its facts and timeline, and the city page its table of settlements,
in cached fragments (places.display): an edit still shows at once, in every language, and a
city's page costs the same queries however many settlements it has."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from places.models import SettlementLegalStatus, SettlementPage
from promises.models import PromisePage, StatusChange
from sources.models import Source
from tests.factories import (
    CityPageFactory,
    EventFactory,
    PromisePageFactory,
    SettlementPageFactory,
    SourceFactory,
    translate,
)

pytestmark = pytest.mark.usefixtures("fragment_cache")


@pytest.fixture(autouse=True)
def english_afterwards():
    """A request to /ru/ leaves Russian active in this thread: give later tests English back."""
    with translation.override("en"):
        yield


@pytest.fixture
def ak_jar(home):
    settlement = SettlementPageFactory(title="Ak-Jar", legal_status=("illegal", "2005"))
    PromisePageFactory(title="Electricity for Ak-Jar", settlements=[settlement],
                       history=[("2011-08", "broken")])
    return settlement


def html_of(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_a_second_view_reads_no_fact_or_event_again(client, ak_jar):
    first = html_of(client, ak_jar.url)
    with CaptureQueriesContext(connection) as queries:
        second = html_of(client, ak_jar.url)
    assert second == first
    read = " ".join(query["sql"] for query in queries.captured_queries)
    assert 'FROM "places_settlementlegalstatus"' not in read
    assert 'FROM "chronicle_event"' not in read


def test_an_edited_source_of_a_fact_shows_at_once(
    client, ak_jar, django_capture_on_commit_callbacks
):
    source = Source.objects.get(title__in=[
        row.source.title for row in SettlementLegalStatus.objects.filter(settlement=ak_jar)])
    assert source.title in html_of(client, ak_jar.url)
    with django_capture_on_commit_callbacks(execute=True):
        source.title = "Land study, corrected title"
        source.save()
    assert "Land study, corrected title" in html_of(client, ak_jar.url)


def test_a_new_fact_published_shows_at_once(
    client, ak_jar, django_capture_on_commit_callbacks
):
    assert "Legalised" not in html_of(client, ak_jar.url)
    with django_capture_on_commit_callbacks(execute=True):
        ak_jar.legal_statuses.add(
            SettlementLegalStatus(status="legalised", as_of="2015", source=SourceFactory()))
        ak_jar.save_revision().publish()
    facts = html_of(client, ak_jar.url).split('id="facts"')[1].split("</section>")[0]
    assert "Legalised" in facts


def test_a_preview_shows_the_draft_not_the_kept_facts(client, ak_jar):
    html_of(client, ak_jar.url)  # the live facts, kept
    draft = SettlementPage.objects.get(pk=ak_jar.pk)
    draft.legal_statuses.add(
        SettlementLegalStatus(status="legalised", as_of="2015", source=SourceFactory()))
    preview = draft.make_preview_request().rendered_content
    assert "Legalised" in preview.split('id="facts"')[1].split("</section>")[0]
    assert "Legalised" not in html_of(client, ak_jar.url)


def test_a_new_event_shows_in_the_timeline_at_once(
    client, ak_jar, django_capture_on_commit_callbacks
):
    html_of(client, ak_jar.url)
    with django_capture_on_commit_callbacks(execute=True):
        EventFactory(title="Road blockade on the bypass", date="2012-03", settlements=[ak_jar])
    timeline = html_of(client, ak_jar.url).split('<ol class="timeline">')[1]
    assert "Road blockade on the bypass" in timeline


def test_a_new_status_shows_in_the_timeline_at_once(
    client, ak_jar, django_capture_on_commit_callbacks
):
    html_of(client, ak_jar.url)
    with django_capture_on_commit_callbacks(execute=True):
        PromisePageFactory(title="Water for Ak-Jar", settlements=[ak_jar],
                           history=[("2013-05", "kept")])
    timeline = html_of(client, ak_jar.url).split('<ol class="timeline">')[1]
    assert "Water for Ak-Jar" in timeline
    assert "badge-kept" in timeline


def test_a_new_status_of_a_listed_promise_shows_with_its_source_at_once(
    client, ak_jar, django_capture_on_commit_callbacks
):
    promise = PromisePage.objects.get(title="Electricity for Ak-Jar")
    html_of(client, ak_jar.url)
    with django_capture_on_commit_callbacks(execute=True):
        change = StatusChange(date="2014-02", status="kept", rationale="Lines built in 2014.")
        change.sources = [SourceFactory(title="Power company report")]
        promise.status_changes.add(change)
        promise.save_revision().publish()
    html = html_of(client, ak_jar.url)
    printed = html.split('id="promises"')[1].split('<ol class="timeline">')[0]
    assert "Power company report" in printed  # the dossier's sources of the promise
    assert "Lines built in 2014." in html.split('<ol class="timeline">')[1]


def test_the_russian_page_shows_translations_and_marks_english_text(
    client, ak_jar, django_capture_on_commit_callbacks
):
    EventFactory(title="Road blockade on the bypass", date="2012-03", settlements=[ak_jar])
    html_of(client, "/ru" + ak_jar.url)  # kept before the translation is published
    with django_capture_on_commit_callbacks(execute=True):
        translate(ak_jar, "ru", title="Ак-Жар", summary="<p>Новостройка на севере.</p>")
    html = html_of(client, "/ru" + ak_jar.url)
    assert "Новостройка на севере." in html.split('id="about"')[1]
    timeline = html.split('<ol class="timeline">')[1]
    assert '<span lang="en">Road blockade on the bypass</span>' in timeline


def settlements_table(client, city):
    with CaptureQueriesContext(connection) as queries:
        html = html_of(client, city.url)
    return html.split('id="settlements"')[1].split("</table>")[0], len(queries)


def test_a_city_page_costs_the_same_queries_with_more_settlements(client, home, settings):
    settings.FRAGMENT_CACHE_SECONDS = 0  # every request reads what it shows
    small, large = CityPageFactory(title="Osh"), CityPageFactory(title="Bishkek")
    SettlementPageFactory(title="Ak-Jar", parent=small, legal_status=("illegal", "2005"))
    for number in range(6):
        SettlementPageFactory(title=f"Settlement {number}", parent=large,
                              legal_status=("legalised", "2015"))
    settlements_table(client, small)  # the site and its menus, looked up once
    small_table, small_queries = settlements_table(client, small)
    large_table, large_queries = settlements_table(client, large)
    assert large_table.count("<tr>") == 7  # the heading and every settlement
    assert "Legalised" in large_table and "Ak-Jar" in small_table
    assert large_queries == small_queries


def test_a_city_lists_a_new_settlement_at_once(
    client, home, django_capture_on_commit_callbacks
):
    city = CityPageFactory(title="Bishkek")
    SettlementPageFactory(title="Ak-Jar", parent=city)
    html_of(client, city.url)
    with django_capture_on_commit_callbacks(execute=True):
        SettlementPageFactory(title="Ata-Turk", parent=city)
    table, _queries = settlements_table(client, city)
    assert "Ak-Jar" in table and "Ata-Turk" in table
