"""The CSV downloads: what a journalist opening them in a spreadsheet or a script gets."""

import csv
import io

import pytest
from django.test import override_settings

from exports import rows
from exports.columns import PROMISE_COLUMNS, STATUS_CHANGE_COLUMNS, header
from tests.factories import (
    CityPageFactory,
    PersonPageFactory,
    PromisePageFactory,
    SettlementPageFactory,
    SourceFactory,
    restrict,
)

PROMISES, CHANGES = "/data/promises.csv", "/data/status-changes.csv"


def download(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return b"".join(response.streaming_content)


def table(content):
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"))))


@pytest.fixture
def world(home):
    osh = CityPageFactory(title="Osh")
    bishkek = CityPageFactory(title="Bishkek")
    ak_jar = SettlementPageFactory(title="Ak-Jar", parent=bishkek)
    furkat = SettlementPageFactory(title="Furkat", parent=osh)
    atambaev = PersonPageFactory(title="Almazbek Atambaev")
    study = SourceFactory(kind="study", url="", title="The study")
    passage = SourceFactory(kind="study", url="", part_of=study, title="p. 9")
    broken = PromisePageFactory(
        title="Land titles for Furkat", settlements=[furkat], people=[atambaev], made="2011-08",
        deadline="2012",
        history=[{"date": "2011-09", "status": "in_progress", "sources": [passage]},
                 {"date": "2013-01-15", "status": "broken", "rationale": "Nothing, \"none\"",
                  "sources": [SourceFactory(url="https://24.kg/1")]},
                 {"date": "2013", "status": "stalled", "is_correction": True}])
    kept = PromisePageFactory(title="Electricity for Ak-Jar", settlements=[ak_jar],
                              made="2011", deadline_phrase="within a year",
                              history=[("2012-05", "kept")])
    return {"osh": osh, "ak_jar": ak_jar, "broken": broken, "kept": kept, "passage": passage}


def test_every_published_promise_is_one_row_with_documented_headers(client, world):
    content = download(client, PROMISES)
    assert content.decode().splitlines()[0] == ",".join(header(PROMISE_COLUMNS))
    by_title = {row["title"]: row for row in table(content)}
    assert set(by_title) == {"Land titles for Furkat", "Electricity for Ak-Jar"}
    furkat = by_title["Land titles for Furkat"]
    assert furkat["id"] == str(world["broken"].pk)
    assert furkat["permalink"] == f"http://testserver/record/{world['broken'].pk}/"
    assert (furkat["made"], furkat["made_precision"]) == ("2011-08", "month")
    assert (furkat["deadline"], furkat["deadline_precision"], furkat["due_by"]) == (
        "2012", "year", "2012-12-31")
    assert furkat["deadline_stated"] == "true"
    assert (furkat["people"], furkat["settlements"], furkat["cities"]) == (
        "Almazbek Atambaev", "Furkat", "Osh")
    ak_jar = by_title["Electricity for Ak-Jar"]
    assert (ak_jar["status"], ak_jar["made"], ak_jar["made_precision"]) == ("kept", "2011", "year")
    assert ak_jar["deadline_stated"] == "false"  # derived from "within a year"


def test_status_changes_are_one_row_each_with_their_previous_status(client, world):
    content = download(client, CHANGES)
    assert content.decode().splitlines()[0] == ",".join(header(STATUS_CHANGE_COLUMNS))
    changes = [row for row in table(content) if row["promise_id"] == str(world["broken"].pk)]
    # "2013" (the year) sorts before "2013-01-15" by text but after it in the history
    assert [(row["date"], row["date_precision"], row["from_status"], row["to_status"])
            for row in changes] == [
        ("2011-09", "month", "", "in_progress"),
        ("2013", "year", "in_progress", "stalled"),
        ("2013-01-15", "day", "stalled", "broken"),
    ]
    by_status = {row["to_status"]: row for row in changes}
    assert by_status["stalled"]["is_correction"] == "true"
    assert by_status["broken"]["rationale"] == 'Nothing, "none"'
    assert by_status["broken"]["source_urls"] == "https://24.kg/1"
    passage = world["passage"]
    assert by_status["in_progress"]["source_ids"] == str(passage.pk)
    assert by_status["in_progress"]["source_urls"] == f"http://testserver/sources/{passage.pk}/"


def test_the_history_order_is_the_promise_pages_order(client, world):
    history = world["broken"].status_history()
    rows_of_broken = [row for row in table(download(client, CHANGES))
                      if row["promise_id"] == str(world["broken"].pk)]
    assert [row["id"] for row in rows_of_broken] == [str(change.pk) for change in history]


def test_the_promise_lists_filters_select_the_rows(client, world):
    osh = table(download(client, PROMISES, city=world["osh"].pk))
    assert [row["title"] for row in osh] == ["Land titles for Furkat"]
    kept_changes = table(download(client, CHANGES, status="kept"))
    assert {row["promise_id"] for row in kept_changes} == {str(world["kept"].pk)}
    overdue = table(download(client, PROMISES, overdue="on"))
    assert overdue == []  # the one with a passed deadline is settled (broken): not overdue


def test_bom_is_added_only_when_asked(client, world):
    assert not download(client, PROMISES).startswith(b"\xef\xbb\xbf")
    with_bom = download(client, PROMISES, bom="1")
    assert with_bom.startswith(b"\xef\xbb\xbfid,permalink,")
    assert table(with_bom[3:])[0]["id"]


@pytest.mark.parametrize("params, says", [
    ({"city": "99999999"}, "city"),
    ({"city": "Osh"}, "city"),
    ({"year": "²⁰¹¹"}, "year"),
    ({"status": "forgotten"}, "status"),
    ({"bom": "yes"}, "bom"),
    ({"format": "xlsx"}, "format"),
])
def test_bad_parameters_get_a_clear_400(client, world, params, says):
    for url in (PROMISES, CHANGES):
        response = client.get(url, params)
        assert response.status_code == 400
        assert says in response.content.decode()


def test_private_and_draft_records_are_not_exported(client, world):
    restrict(world["ak_jar"])
    world["kept"].unpublish()
    hidden_to_private = PromisePageFactory(title="Gas for Ak-Jar", people=[PersonPageFactory()],
                                           settlements=[world["ak_jar"]],
                                           history=[("2012", "stalled")])
    promises = table(download(client, PROMISES))
    assert [row["title"] for row in promises] == ["Land titles for Furkat", "Gas for Ak-Jar"]
    gas = promises[1]
    assert gas["id"] == str(hidden_to_private.pk)
    assert gas["settlements"] == gas["settlement_ids"] == gas["cities"] == ""  # Ak-Jar is private
    changes = table(download(client, CHANGES))
    assert str(world["kept"].pk) not in {row["promise_id"] for row in changes}


def test_the_download_is_cacheable_and_changes_with_the_content(
        client, world, django_capture_on_commit_callbacks):
    first = client.get(PROMISES)
    assert "public" in first["Cache-Control"] and "max-age" in first["Cache-Control"]
    again = client.get(PROMISES, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    with django_capture_on_commit_callbacks(execute=True):
        PromisePageFactory(title="Water for Furkat")
    changed = client.get(PROMISES, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200


@override_settings(RATELIMIT_ENABLE=True, RATE_LIMITS={"export": "2/m"})
def test_downloads_are_rate_limited(client, world):
    from django.core.cache import cache

    cache.clear()
    assert client.get(PROMISES).status_code == 200
    assert client.get(CHANGES).status_code == 200
    refused = client.get(PROMISES)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) >= 1


def test_rows_are_read_in_chunks_in_a_fixed_number_of_queries(client, world, monkeypatch,
                                                             django_assert_max_num_queries):
    for number in range(5):
        PromisePageFactory(title=f"Roads {number}", history=[("2012", "stalled")])
    monkeypatch.setattr(rows, "CHUNK_SIZE", 2)
    assert len(table(download(client, PROMISES))) == 7
    # 4 chunks of promises and a last empty one: a query for the ids, one for their changes
    # with the sources cited, one for the sources not met before; and the filter form's choices
    with django_assert_max_num_queries(20):
        assert len(table(download(client, CHANGES))) == 9


def test_the_promise_list_links_to_the_csv_of_its_filters(client, world):
    html = client.get("/promises/", {"city": world["osh"].pk, "status": "nonsense"}).content
    assert f'href="/data/promises.csv?city={world["osh"].pk}"'.encode() in html
    assert f'href="/data/status-changes.csv?city={world["osh"].pk}"'.encode() in html
