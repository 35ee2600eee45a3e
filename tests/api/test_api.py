"""The JSON API at /api/v1/ as a journalist's script uses it: filters like the promise list's,
every status transition, dates as precise as known, only public records, and the headers that
let it be read from any site, cached and never written to."""

from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.test import override_settings

from tests.factories import (
    BodyPageFactory,
    CityPageFactory,
    ElectionFactory,
    PersonPageFactory,
    PromisePageFactory,
    SettlementPageFactory,
    SourceFactory,
    restrict,
)


@pytest.fixture
def world(home):
    """Promises to two settlements in two cities, by a person and a body, with histories."""
    osh = CityPageFactory(title="Osh")
    bishkek = CityPageFactory(title="Bishkek")
    ak_jar = SettlementPageFactory(title="Ak-Jar", parent=bishkek,
                                   legal_status=("illegal", "2005-03"))
    furkat = SettlementPageFactory(title="Furkat", parent=osh)
    mayor = PersonPageFactory(title="Mayor Tashiev",
                              roles=[{"body": BodyPageFactory(), "title": "Mayor",
                                      "start": "2009", "end": "2011-06"}])
    election = ElectionFactory(date="2011-10")
    correction_source = SourceFactory(content_hash="ab" * 32)
    broken = PromisePageFactory(
        title="Water for Ak-Jar", settlements=[ak_jar], people=[mayor], made="2011-03",
        subjects=["water"], election=election,
        history=[("2011-05", "in_progress"), ("2012", "stalled"),
                 {"date": "2012-02-14", "status": "broken", "is_correction": True,
                  "sources": [correction_source]}],
    )
    overdue = PromisePageFactory(title="Roads for Furkat", settlements=[furkat], made="2010",
                                 deadline="2012", history=[("2011", "in_progress")])
    return SimpleNamespace(**locals())


def get(client, path, **params):
    response = client.get(f"/api/v1/{path}", params)
    assert response.status_code == 200, response.content
    return response.json()


def titles(answer):
    return [item["title"] for item in answer["results"]]


def test_the_promise_list_takes_the_public_lists_filters(client, world):
    assert titles(get(client, "promises", status="broken")) == ["Water for Ak-Jar"]
    assert titles(get(client, "promises", city=world.osh.pk)) == ["Roads for Furkat"]
    assert titles(get(client, "promises", settlement=world.ak_jar.pk)) == ["Water for Ak-Jar"]
    assert titles(get(client, "promises", promisor=world.mayor.pk)) == ["Water for Ak-Jar"]
    assert titles(get(client, "promises", subject="water")) == ["Water for Ak-Jar"]
    assert titles(get(client, "promises", year=2010)) == ["Roads for Furkat"]
    assert titles(get(client, "promises", overdue="true")) == ["Roads for Furkat"]
    assert titles(get(client, "promises", election=world.election.pk)) == ["Water for Ak-Jar"]
    assert get(client, "promises", status="kept")["count"] == 0


def test_a_promise_carries_its_permalink_and_dates_as_precise_as_known(client, world):
    promise = next(item for item in get(client, "promises")["results"]
                   if item["id"] == world.broken.pk)

    assert promise["url"] == f"http://testserver/record/{world.broken.pk}/"
    assert promise["made"] == {"date": "2011-03", "precision": "month"}
    assert promise["settlements"][0]["url"] == f"http://testserver/record/{world.ak_jar.pk}/"
    assert promise["cities"][0]["title"] == "Bishkek"
    overdue = get(client, f"promises/{world.overdue.pk}")
    assert overdue["deadline"] == {"date": "2012", "precision": "year"}
    assert overdue["overdue"] is True


def test_every_status_transition_is_published_with_its_sources(client, world):
    history = get(client, f"promises/{world.broken.pk}")["status_changes"]

    assert [(c["from_status"], c["to_status"]) for c in history] == [
        (None, "in_progress"), ("in_progress", "stalled"), ("stalled", "broken")]
    assert [c["date"] for c in history] == [
        {"date": "2011-05", "precision": "month"}, {"date": "2012", "precision": "year"},
        {"date": "2012-02-14", "precision": "day"}]
    assert [c["is_correction"] for c in history] == [False, False, True]
    assert history[2]["source_ids"] == [world.correction_source.pk]
    assert history[2]["recorded_at"]
    listed = get(client, "status-changes", promise=world.broken.pk)["results"]
    assert listed == history
    source = get(client, f"sources/{world.correction_source.pk}")
    assert source["archived_sha256"] == "ab" * 32


def test_settlements_people_and_bodies_carry_their_dated_facts_and_roles(client, world):
    settlement = get(client, f"settlements/{world.ak_jar.pk}")
    assert settlement["facts"][0]["kind"] == "legal_status"
    assert settlement["facts"][0]["legal_status"] == "illegal"
    assert settlement["facts"][0]["as_of"] == {"date": "2005-03", "precision": "month"}
    person = get(client, f"people/{world.mayor.pk}")
    assert person["roles"][0]["title"] == "Mayor"
    assert person["roles"][0]["end"] == {"date": "2011-06", "precision": "month"}
    assert get(client, "cities")["count"] == 2


def test_pages_are_bounded_and_link_to_each_other(client, world):
    first = get(client, "promises", page_size=1)
    second = get(client, "promises", page_size=1, page=2)

    assert first["count"] == 2
    assert first["next"] == "http://testserver/api/v1/promises?page=2&page_size=1"
    assert second["previous"] == "http://testserver/api/v1/promises?page=1&page_size=1"
    assert second["next"] is None
    assert titles(first) != titles(second)
    overdue = get(client, "promises", overdue="true", page_size=1, page=2)
    assert overdue["previous"] == ("http://testserver/api/v1/promises?overdue=true&page=1"
                                   "&page_size=1")


@pytest.mark.parametrize("params", [
    {"year": "٢٠١١"}, {"year": "1800"}, {"page": "0"}, {"page_size": "101"},
    {"page_size": "+5"}, {"status": "lost"}, {"city": "99999999999999999999"},
    {"overdue": "perhaps"},
])
def test_bad_parameters_get_a_400_that_names_them(client, world, params):
    response = client.get("/api/v1/promises", params)

    assert response.status_code == 400
    assert response.json()["detail"][0]["parameter"] == next(iter(params))


def test_a_filter_naming_no_public_record_is_refused(client, world):
    restrict(world.furkat)

    response = client.get("/api/v1/promises", {"settlement": world.furkat.pk})

    assert response.status_code == 404
    assert "No public settlement" in response.json()["error"]




def test_drafts_and_private_records_never_leave_the_site(client, world):
    draft = PromisePageFactory(title="Draft promise", history=[("2011", "kept")])
    draft.unpublish()
    private = PromisePageFactory(title="Private promise", history=[("2011", "kept")])
    restrict(private)
    restrict(world.furkat)

    assert titles(get(client, "promises", page_size=100)) == ["Water for Ak-Jar",
                                                                "Roads for Furkat"]
    for hidden in (draft, private):
        assert client.get(f"/api/v1/promises/{hidden.pk}").status_code == 404
    changes = get(client, "status-changes", page_size=100)["results"]
    assert {change["promise_id"] for change in changes} == {world.broken.pk, world.overdue.pk}
    assert get(client, f"promises/{world.overdue.pk}")["settlements"] == []
    assert client.get(f"/api/v1/settlements/{world.furkat.pk}").status_code == 404
    assert world.furkat.pk not in [s["id"] for s in get(client, "settlements")["results"]]


def test_the_api_is_read_only_open_to_other_sites_and_cacheable(client, world):
    assert client.post("/api/v1/promises").status_code == 405
    assert client.delete(f"/api/v1/promises/{world.broken.pk}").status_code == 405
    response = client.get("/api/v1/promises")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "max-age=" in response["Cache-Control"]
    assert client.get("/api/v1/promises", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    assert client.head("/api/v1/promises").status_code == 200
    preflight = client.options("/api/v1/promises")
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    missing = client.get("/api/v1/promises/99999")
    assert missing.status_code == 404
    assert missing.json()["error"]


def test_a_client_asking_too_often_gets_a_json_429(client, world):
    cache.clear()
    with override_settings(RATELIMIT_ENABLE=True, RATE_LIMITS={"api": "2/m"}):
        for _ in range(2):
            assert client.get("/api/v1/cities").status_code == 200
        response = client.get("/api/v1/cities")
    cache.clear()

    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert "Too many requests" in response.json()["error"]


def test_the_openapi_description_and_docs_are_served_from_the_site(client, home):
    description = client.get("/api/v1/openapi.json").json()
    assert description["openapi"].startswith("3.")
    assert "/api/v1/promises" in description["paths"]
    docs = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in docs
    assert "https://" not in docs  # no CDN: the machine reading it may be offline
