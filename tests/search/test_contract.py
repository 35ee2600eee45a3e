"""The search contract, run against the real OpenSearch node and the database fallback.

Tests taking `backend` run twice (engine, database); the others need the engine. Everything the
engine does beyond the database (inflection, typos, highlighting) is checked on the engine only.
"""

import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import uuid
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import override_settings

from places.models import SettlementPage
from promises.models import PromisePage, StatusChange
from search import database, engine, indexing, service
from search.models import IndexingFailure
from search.query import MAX_QUERY_LENGTH, parse_query
from sources.models import Source
from tests.factories import PromisePageFactory, SettlementPageFactory

from .conftest import (
    DATABASE,
    ENGINE,
    record_engine_requests,
    wait_for_green_index,
    warm_up,
)

pytestmark = pytest.mark.django_db


def run(**params):
    return service.run(parse_query({name: value if isinstance(value, list) else [value]
                                    for name, value in params.items()}))


def fresh(page):
    """The page as the database has it now (tests share the world's Python objects)."""
    return type(page).objects.get(pk=page.pk)


def found(results):
    return [(hit.type, hit.pk) for hit in results.hits]


# Names in any script ------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["Ak-Jar", "Ак-Жар", "Акжар", "Ak Zhar", "akzhar", "AK-JAR"])
def test_a_settlement_is_found_by_any_spelling(backend, world, text):
    results = run(q=text)
    assert results.backend == backend
    assert found(results)[0] == ("settlement", world.akjar.pk)


@pytest.mark.parametrize("text", ["Atambaev", "Atambayev", "Атамбаев", "атамбаев"])
def test_a_person_is_found_by_any_spelling(backend, world, text):
    results = run(q=text, type="person")
    assert found(results) == [("person", world.atambaev.pk)]


@pytest.mark.parametrize("text", ["Жаны-Жер", "Жаңы-Жер", "Zhany-Zher", "Zhany Zher"])
def test_kyrgyz_letters_are_folded(backend, world, text):
    assert ("settlement", world.zhanyzher.pk) in found(run(q=text))


def test_records_are_found_by_the_names_of_what_they_refer_to(backend, world):
    """A promise to Ak-Jar is found by the settlement's Cyrillic name it does not contain."""
    results = run(q="Акжар", type="promise")
    assert {pk for _type, pk in found(results)} == {
        world.p_electricity.pk, world.p_school.pk, world.p_bishkek.pk}


def test_quoted_phrases(backend, world):
    results = run(q='"road blockade"', type="promise")
    assert found(results) == [("promise", world.p_electricity.pk)]  # not "road ... blockade"
    both_words = run(q="road blockade", type="promise")
    assert {pk for _t, pk in found(both_words)} >= {world.p_electricity.pk, world.p_kelechek.pk}


def test_inflected_forms_match_on_the_engine(backend, world):
    if backend == DATABASE:
        pytest.skip("word forms are matched by the engine only")
    assert ("city", world.bishkek.pk) in found(run(q="Бишкеке"))
    assert ("promise", world.p_russian.pk) in found(run(q="электричества"))
    assert ("promise", world.p_electricity.pk) in found(run(q="promises electricity"))


def test_typos_are_tolerated_by_the_engine(backend, world):
    if backend == DATABASE:
        pytest.skip("typos are tolerated by the engine only")
    assert found(run(q="Shanyrk"))[0] == ("settlement", world.shanyrak.pk)
    assert ("person", world.atambaev.pk) in found(run(q="Atambayv"))


def test_did_you_mean_when_nothing_matches(backend, world):
    text = "Osj" if backend == ENGINE else "Shanyrac"
    results = run(q=text)
    assert results.total == 0
    assert results.suggestion in ("osh", "shanyrak")
    assert run(q=results.suggestion).total > 0


# Facets and filters -------------------------------------------------------------------------

FILTER_CASES = [
    {},
    {"status": "broken"},
    {"status": ["broken", "stalled"]},
    {"city": "bishkek"},
    {"city": "bishkek", "subject": "electricity"},
    {"promisor": "almazbek-atambaev", "overdue": "yes"},
    {"type": "promise", "year": "2011"},
    {"type": ["settlement", "city"]},
    {"settlement": "ak-jar", "type": ["promise", "event"]},
    {"election": "ELECTION"},
    {"q": "Ak-Jar"},
    {"q": "Ак-Жар", "status": ["broken", "in_progress"]},
    {"q": "electricity", "city": "bishkek"},
    {"type": "news"},
    {"language": "ky"},
    {"q": "Ак-Жар", "language": ["ru", "ky"]},
]


def test_a_node_that_does_not_answer_is_passed_over(world, world_index, engine_url):
    """OPENSEARCH_URL lists a cluster's nodes: a search that cannot reach one goes to the next,
    and the reader never notices: the engine answers, the circuit breaker stays closed, and the
    silent node is left alone for a while."""
    with socket.socket() as probe:  # a port where nothing listens
        probe.bind(("127.0.0.1", 0))
        silent = f"http://127.0.0.1:{probe.getsockname()[1]}"
    with override_settings(OPENSEARCH_URL=f"{silent},{engine_url}",
                           OPENSEARCH_INDEX_PREFIX=world_index):
        pages = [run(q="Ak-Jar") for _ in range(4)]  # the nodes take turns: both are asked
        assert {(page.backend, page.degraded) for page in pages} == {(ENGINE, False)}
        assert found(pages[0]) and all(found(page) == found(pages[0]) for page in pages)
        assert engine.breaker.allow()
        pool = engine.client().transport.connection_pool
        assert [connection.host for connection in pool.dead_count] == [silent]


@pytest.mark.parametrize("params", FILTER_CASES, ids=lambda p: "&".join(
    f"{k}={v}" for k, v in p.items()) or "everything")
def test_facet_counts_equal_the_database(world, world_index, engine_url, params):
    params = {k: (str(world.election.pk) if v == "ELECTION" else v) for k, v in params.items()}
    query = parse_query({k: v if isinstance(v, list) else [v] for k, v in params.items()})
    assert not query.messages
    with override_settings(OPENSEARCH_URL=engine_url, OPENSEARCH_INDEX_PREFIX=world_index):
        from_engine = engine.search(query)
    from_database = database.search(query)
    assert from_engine.total == from_database.total
    assert from_engine.facet_counts == from_database.facet_counts
    assert set(from_engine.facet_counts) == {
        "type", "status", "overdue", "city", "settlement", "promisor", "subject", "year",
        "election", "language"}
    engine_hits = {(doc["type"], doc["pk"]) for doc in from_engine.docs}
    assert engine_hits == {(doc["type"], doc["pk"]) for doc in from_database.docs}


def test_facet_counts_are_right(backend, world):
    results = run(status="broken")
    facets = {facet.name: {b.value: b.count for b in facet.buckets} for facet in results.facets}
    assert facets["type"] == {"promise": 2}
    # counts for the other statuses ignore the status filter (choose another one)
    broken_or_not = PromisePage.objects.live()
    assert facets["status"] == {
        status: broken_or_not.filter(status=status).count()
        for status in ("in_progress", "broken", "not_rated", "stalled", "kept",
                       "partially_kept")}
    assert facets["city"] == {"bishkek": 1, "almaty": 1}
    overdue = run(overdue="yes")
    assert {pk for _t, pk in found(overdue)} == {
        world.p_electricity.pk, world.p_kelechek.pk, world.p_bishkek.pk}


def test_news_items_cited_as_sources(backend, world):
    results = run(q="Ак-Жар", type="news")
    assert {pk for _t, pk in found(results)} == {world.news_ru.pk, world.news_ky.pk}
    languages = {f.name: {b.value: b.count for b in f.buckets} for f in results.facets}
    assert languages["language"] == {"ru": 1, "ky": 1}
    assert results.hits[0].url.startswith("/news/")
    assert found(run(q="Неопубликованная")) == []  # not cited: not public


def test_a_journalists_questions(backend, world):
    atambaev = world.atambaev.slug
    assert found(run(promisor=atambaev, status="broken")) == [("promise", world.p_water.pk)]
    assert found(run(promisor=atambaev, overdue="yes")) == [("promise", world.p_electricity.pk)]
    electricity_in_bishkek = run(q="electricity", city="bishkek", type="promise")
    # the Russian promise is tagged "electricity": the subject's name counts as its words
    assert {pk for _t, pk in found(electricity_in_bishkek)} == {
        world.p_electricity.pk, world.p_bishkek.pk, world.p_russian.pk}


def test_sorting(backend, world):
    by_deadline = run(type="promise", sort="deadline")
    dues = [PromisePage.objects.get(pk=hit.pk).deadline_due for hit in by_deadline.hits]
    known = [due for due in dues if due]
    assert known == sorted(known) and dues[len(known):] == [None] * (len(dues) - len(known))
    by_date = run(type="promise", sort="made")
    made = [PromisePage.objects.get(pk=hit.pk).made_date.earliest() for hit in by_date.hits]
    assert made == sorted(made, reverse=True)


# Results, highlighting, autocomplete --------------------------------------------------------


def test_highlighting_and_escaping(backend, world):
    results = run(q="kindergarten")
    hit = results.hits[0]
    assert hit.pk == world.p_school.pk
    assert "<mark>kindergarten</mark>" in hit.snippet.lower()
    assert "<script>" not in hit.snippet and "<b>" not in hit.snippet
    assert "&amp;" in hit.snippet  # the text is escaped
    alias_hit = run(q="Ак-Жар").hits[0]
    assert "<mark>" in alias_hit.aliases


def test_highlights_on_the_engine_follow_word_forms(backend, world):
    if backend == DATABASE:
        pytest.skip("the database marks the words as typed only")
    hit = run(q="электричества", type="promise").hits[0]
    assert "<mark>электричество</mark>" in hit.snippet.lower()


@pytest.mark.parametrize("typed, expected", [
    ("ak", "Ak-Jar"), ("Ak-J", "Ak-Jar"), ("акж", "Ak-Jar"), ("Ата", "Almazbek Atambaev"),
    ("Жаны", "Zhany-Zher"), ("shany", "Shanyrak"), ("Мэрия", "Bishkek City Hall"),
])
def test_autocomplete(backend, world, client, typed, expected):
    response = client.get("/search/autocomplete/", {"q": typed})
    assert response.status_code == 200
    data = response.json()
    assert data["backend"] == backend
    assert expected in [item["value"] for item in data["results"]]
    assert all(item["url"].startswith("/record/") for item in data["results"])


def test_autocomplete_ignores_too_little(backend, client):
    for typed in ("", "a", " " * 50, "x" * 5000):
        response = client.get("/search/autocomplete/", {"q": typed})
        assert response.status_code == 200
        assert isinstance(response.json()["results"], list)


# The page ---------------------------------------------------------------------------------


def test_the_search_page(backend, world, client):
    response = client.get("/search/", {"q": "Ak-Jar", "status": "in_progress", "page": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert f'data-backend="{backend}"' in html
    assert "Electricity for <mark>Ak" in html
    assert 'method="get"' in html and 'name="q"' in html
    assert 'href="?q=Ak-Jar"' in html  # removing the status filter keeps the query
    assert "js/autocomplete.js" in html


HOSTILE = [
    {"q": ""},
    {"q": "   "},
    {"q": "x" * 10_000},
    {"q": '"unbalanced quote'},
    {"q": 'Ak "Jar'},
    {"q": '"'},
    {"q": '+-=&&||><!(){}[]^"~*?:\\/'},
    {"q": "AND OR NOT * ~2 ^3"},
    {"q": "title:Ak-Jar OR _exists_:status"},
    {"q": "<script>alert(1)</script>"},
    {"q": "' OR 1=1 --"},
    {"q": "%_%"},
    {"q": "\x00\x07 Ak"},
    {"q": " ".join(["word"] * 60)},
    {"q": "🏚️ Ак-Жар"},
    {"page": "-1"},
    {"page": "0"},
    {"page": str(10**9)},
    {"page": "abc"},
    {"page": "9" * 40},
    {"q": "Ak-Jar", "page": "50"},
    {"status": "bogus"},
    {"city": "nowhere", "settlement": "x", "promisor": "nobody", "subject": "nothing"},
    {"year": "99999"},
    {"year": "abc"},
    {"election": "-5"},
    {"type": "promise", "overdue": "maybe"},
    {"language": "<b>"},
    {"sort": "evil"},
    {"type": ["promise"] * 30},
]


@pytest.mark.parametrize("params", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_queries_get_a_normal_page(backend, world, client, params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'data-backend="{backend}"' in html  # the engine answered: no error fell back
    assert "<script>alert" not in html
    assert "Traceback" not in html and "Exception" not in html


def test_hostile_queries_are_explained(backend, client):
    def messages(params):
        return " ".join(service.run(parse_query(params)).messages)

    assert f"first {MAX_QUERY_LENGTH}" in messages({"q": ["x " * 5000]})
    assert "quotation mark" in messages({"q": ['"Ak-Jar']})
    assert "no page" in messages({"page": ["-1"]}).lower()
    assert "10,000" in messages({"page": [str(10**9)]})
    assert "not a known city" in messages({"city": ["nowhere"]})
    assert "no letters or digits" in messages({"q": ["+-()"]})
    assert "There is no page 50" in messages({"q": ["Ak-Jar"], "page": ["50"]})


def test_urls_are_bookmarkable(backend, world):
    query = parse_query({"q": ["Ak-Jar"], "status": ["broken"], "city": ["bishkek"],
                         "page": ["2"]})
    assert query.url_params() == "q=Ak-Jar&status=broken&city=bishkek&page=2"
    assert query.toggled("status", "broken") == "q=Ak-Jar&city=bishkek"
    assert query.toggled("status", "kept") == "q=Ak-Jar&status=broken&status=kept&city=bishkek"


# Keeping the index true --------------------------------------------------------------------


def _engine_finds(text, **params):
    engine.refresh()
    params = {name: [value] for name, value in params.items()}
    return [(doc["type"], doc["pk"]) for doc in engine.search(
        parse_query({"q": [text], **params})).docs]


def test_a_search_cached_before_the_index_write_shows_the_change_after_it(
        fresh_index, world, client, settings):
    """A reader searching between a publish and its index write (the write runs on commit, or
    later from the retry queue) must not keep the stale answer in the page cache."""
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    orto = SettlementPageFactory(title="Orto-Sai", parent=fresh(world.bishkek))
    SettlementPage.objects.filter(pk=orto.pk).update(title="Kyzyl-Kyshtak")  # not yet indexed
    search = "/search/?q=Kyzyl-Kyshtak"
    assert "Nothing matches" in client.get(search).content.decode()
    assert client.get(search)["X-Page-Cache"] == "hit"

    indexing.sync({("settlement", orto.pk)})
    html = client.get(search).content.decode()
    assert "Nothing matches" not in html and "<mark>Kyzyl</mark>" in html
    cache.clear()


def test_edits_reach_the_index_after_commit(fresh_index, world,
                                            django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        orto = SettlementPageFactory(title="Orto-Sai", other_names="Орто-Сай",
                                     parent=fresh(world.bishkek))
    assert _engine_finds("Орто-Сай") == []  # not before the transaction commits
    for callback in callbacks:
        callback()
    assert _engine_finds("Орто-Сай") == [("settlement", orto.pk)]

    with django_capture_on_commit_callbacks(execute=True):
        SettlementPage.objects.get(pk=orto.pk).unpublish()
    assert _engine_finds("Орто-Сай") == []
    with django_capture_on_commit_callbacks(execute=True):
        SettlementPage.objects.get(pk=orto.pk).save_revision().publish()

    school = PromisePage.objects.get(pk=world.p_school.pk)
    with django_capture_on_commit_callbacks(execute=True):
        school.unpublish()
    assert _engine_finds("kindergarten") == []
    with django_capture_on_commit_callbacks(execute=True):
        school.save_revision().publish()
    assert _engine_finds("kindergarten") == [("promise", school.pk)]
    assert _engine_finds("Orto Sai") == [("settlement", orto.pk)]

    # renaming a settlement re-indexes the promises made to it (their context)
    with django_capture_on_commit_callbacks(execute=True):
        akbata = SettlementPage.objects.get(pk=world.akbata.pk)
        akbata.other_names = "Ак-Бата\nАкбата-Нова"
        akbata.save_revision().publish()
    assert {pk for _t, pk in _engine_finds("Акбата-Нова", type="promise")} == {
        world.p_water.pk, world.p_bishkek.pk}

    # a status change moves the promise in the status facet
    with django_capture_on_commit_callbacks(execute=True):
        russian = PromisePage.objects.get(pk=world.p_russian.pk)
        change = StatusChange(promise=russian, date="2013", status="broken",
                              rationale="Nothing happened.")
        russian.status_changes.add(change)
        russian.save_revision().publish()
    assert _engine_finds("Жаңы-Жер", status="broken") == [("promise", world.p_russian.pk)]

    with django_capture_on_commit_callbacks(execute=True):
        orto.delete()
    assert _engine_finds("Орто-Сай") == []
    query = parse_query({"status": ["broken"]})
    assert engine.search(query).facet_counts == database.search(query).facet_counts


def test_non_page_records_follow_saves(fresh_index, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        source = Source.objects.create(kind="news", title="Ak-Jar residents block the road",
                                       publisher="24.kg", published="2011-08")
    assert ("source", source.pk) in _engine_finds("blocked roads", type="source")
    with django_capture_on_commit_callbacks(execute=True):
        world.blockade.settlements.add(world.kelechek)
    assert ("event", world.blockade.pk) in _engine_finds("Kelechek", type="event")
    with django_capture_on_commit_callbacks(execute=True):
        source.delete()
    assert _engine_finds("blocked roads", type="source") == []


def test_moving_a_page_reindexes_it(fresh_index, world, monkeypatch):
    from search import signals

    scheduled = []
    monkeypatch.setattr(signals, "schedule", lambda records: scheduled.extend(records))
    fresh(world.kelechek).move(fresh(world.bishkek), pos="last-child")
    assert ("settlement", world.kelechek.pk) in scheduled
    assert ("promise", world.p_kelechek.pk) in scheduled  # it names the settlement


def test_a_failed_update_is_queued_and_retried(fresh_index, world, engine_url, monkeypatch,
                                               django_capture_on_commit_callbacks):
    with override_settings(OPENSEARCH_URL="http://127.0.0.1:9"):  # nothing listens there
        with django_capture_on_commit_callbacks(execute=True):
            kok = SettlementPageFactory(title="Kok-Jar", other_names="Көк-Жар",
                                        parent=fresh(world.bishkek))
        assert SettlementPage.objects.get(pk=kok.pk).live  # the edit is kept
        failure = IndexingFailure.objects.get(record_type="settlement", record_pk=kok.pk)
        assert "did not answer" in failure.error
        # with the breaker open, the next edit is queued at once, without asking the node
        sent = record_engine_requests(monkeypatch)
        with django_capture_on_commit_callbacks(execute=True):
            fresh(world.kelechek).save_revision().publish()
        assert sent == []
        assert IndexingFailure.objects.count() >= 2
    engine.breaker.reset()
    assert _engine_finds("Көк-Жар") == []
    call_command("retry_search_indexing")
    assert not IndexingFailure.objects.exists()
    assert _engine_finds("Кок-Жар") == [("settlement", kok.pk)]


def test_the_next_successful_write_retries_the_queue(fresh_index, world,
                                                     django_capture_on_commit_callbacks):
    IndexingFailure.objects.create(record_type="promise", record_pk=world.p_water.pk,
                                   error="test")
    engine.write({}, [f"promise-{world.p_water.pk}"], engine.now_version())
    assert ("promise", world.p_water.pk) not in _engine_finds("Water pipes")
    with django_capture_on_commit_callbacks(execute=True):
        fresh(world.akjar).save_revision().publish()
    assert not IndexingFailure.objects.exists()
    assert ("promise", world.p_water.pk) in _engine_finds("Water pipes")


def test_check_and_repair(fresh_index, world, capsys):
    call_command("check_search_index", "--no-progress")
    connection = engine.client()
    index = engine.live_index()
    connection.delete(index=index, id=f"settlement-{world.akjar.pk}", refresh=True)
    connection.index(index=index, id="promise-999999", body={"type": "promise", "pk": 999999,
                                                             "title": "Ghost"}, refresh=True)
    connection.update(index=index, id=f"city-{world.osh.pk}",
                      body={"doc": {"title": "Stale", "fingerprint": "x"}}, refresh=True)
    with pytest.raises(CommandError, match="3 difference"):
        call_command("check_search_index", "--no-progress")
    out = capsys.readouterr().out
    assert f"settlement-{world.akjar.pk}" in out and "promise-999999" in out
    call_command("check_search_index", "--repair", "--no-progress")
    call_command("check_search_index", "--no-progress")
    assert _engine_finds("Ak-Jar")[0] == ("settlement", world.akjar.pk)
    assert _engine_finds("Ghost") == []


def test_rebuild_while_searching(fresh_index, world, django_capture_on_commit_callbacks):
    """Searches keep working during a rebuild, and edits made during it are not lost."""
    queries = [parse_query({"q": [text]}) for text in ("Ak-Jar", "Бишкек", "electricity")]
    queries.append(parse_query({"status": ["broken"], "city": ["bishkek"]}))
    stop, errors, answered = threading.Event(), [], []

    def searcher():
        while not stop.is_set():
            for query in queries:
                try:
                    results = engine.search(query)
                    assert results.total > 0
                    answered.append(results.total)
                except Exception as error:
                    errors.append(repr(error))

    threads = [threading.Thread(target=searcher) for _ in range(4)]
    for thread in threads:
        thread.start()
    edits = {}

    def progress(type_name, done, total):
        # promises are already in the new index when events start: edit some now
        if type_name == "event" and done == 0 and not edits:
            with django_capture_on_commit_callbacks(execute=True):
                edits["new"] = PromisePageFactory(
                    title="Gas for Kelechek", made="2013-05", text="Gas pipes for Kelechek.",
                    people=[world.bakiev], settlements=[world.kelechek])
            with django_capture_on_commit_callbacks(execute=True):
                PromisePage.objects.get(pk=world.p_shanyrak.pk).unpublish()

    try:
        _wait_until(lambda: len(answered) >= 10 or errors, "searches before the rebuild")
        report = engine.rebuild(progress=progress, chunk_size=3, grace=0.5)
        after_swap = len(answered)
        _wait_until(lambda: len(answered) >= after_swap + 10 or errors,
                    "searches after the rebuild")
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    assert errors == []
    assert report["index"] == engine.live_index()
    assert _engine_finds("Gas for Kelechek") == [("promise", edits["new"].pk)]
    assert _engine_finds("Legalise Shanyrak plots", type="promise") == []
    assert set(engine.client().indices.get_alias(index=engine.index_pattern())) == {
        report["index"]}


def _wait_until(condition, what, limit=120):
    """Wait for `condition()` (searcher threads making progress), however busy the machine."""
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"No {what} within {limit} s")
        time.sleep(0.05)


def _node(command, env):
    """bin/search-node `command`, given longer than the script's own start timeout."""
    timeout = float(env.get("OPENSEARCH_START_TIMEOUT", "300")) + 60
    return subprocess.run([str(settings.BASE_DIR / "bin" / "search-node"), command], env=env,
                          cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=timeout)


@pytest.mark.slow
def test_node_stopped_mid_test(world, engine_url, db, client, monkeypatch,
                               django_capture_on_commit_callbacks):
    """A second, throwaway node: stopped, the database answers; started, the index recovers."""
    # 50 above the suite's own node (9201 -> 9251), so suites run side by side on other ports
    # do not start their second nodes on the same one.
    url = f"http://127.0.0.1:{(urlsplit(engine_url).port or 9200) + 50}"
    run_dir = tempfile.mkdtemp(prefix="ubada-search-node-")
    env = {name: value for name, value in os.environ.items()
           if name != "OPENSEARCH_TRANSPORT_PORT"}  # the second node's is its own (port + 100)
    env.update(OPENSEARCH_URL=url, OPENSEARCH_RUN_DIR=run_dir)
    started = _node("start", env)
    assert started.returncode == 0, started.stderr
    try:
        with override_settings(OPENSEARCH_URL=url, OPENSEARCH_RETRY_AFTER=1,
                               OPENSEARCH_INDEX_PREFIX=f"{settings.OPENSEARCH_INDEX_PREFIX}-stop"):
            engine.rebuild(grace=0)
            warm_up()  # a second node, just started: as cold as the first one was
            assert run(q="Ak-Jar").backend == ENGINE
            database.search(parse_query({"q": ["Ak-Jar"]}))  # the fallback's table of records,
            # built now, not within the breaker's 1 s window (production waits 30 s)

            stopped = _node("stop", env)
            assert stopped.returncode == 0, stopped.stderr
            response = client.get("/search/", {"q": "Ak-Jar"})
            html = response.content.decode()
            assert response.status_code == 200 and 'data-backend="database"' in html
            assert "not answering" in html and "Electricity for <mark>Ak-Jar</mark>" in html
            sent = record_engine_requests(monkeypatch)
            assert run(q="Ak-Jar").backend == DATABASE
            assert sent == []  # the breaker is open: the next reader does not wait for the node

            with django_capture_on_commit_callbacks(execute=True):
                kok = SettlementPageFactory(title="Kok-Jar", other_names="Көк-Жар",
                                            parent=fresh(world.bishkek))
            assert IndexingFailure.objects.filter(record_pk=kok.pk).exists()
            assert run(q="Kok-Jar").hits[0].pk == kok.pk  # the database has it

            restarted = _node("start", env)
            assert restarted.returncode == 0, restarted.stderr
            wait_for_green_index()  # the node answers before it has reopened the index
            time.sleep(1.1)  # OPENSEARCH_RETRY_AFTER: the breaker lets the engine try again
            recovered = run(q="Ak-Jar")
            assert recovered.backend == ENGINE
            assert found(run(q="Kok-Jar", type="settlement")) == []  # still behind
            with pytest.raises(CommandError, match="1 difference"):
                call_command("check_search_index", "--no-progress")
            call_command("check_search_index", "--repair", "--no-progress")
            assert not IndexingFailure.objects.exists()
            assert run(q="Kok-Jar", type="settlement").backend == ENGINE
            assert found(run(q="Kok-Jar", type="settlement")) == [("settlement", kok.pk)]
    finally:
        _node("stop", env)
        shutil.rmtree(run_dir, ignore_errors=True)


def test_before_the_first_rebuild(world, engine_url, client,
                                  django_capture_on_commit_callbacks):
    """No index yet: the database answers, edits are queued, the first rebuild catches up."""
    prefix = f"{settings.OPENSEARCH_INDEX_PREFIX}-first-{uuid.uuid4().hex[:6]}"
    with override_settings(OPENSEARCH_URL=engine_url, OPENSEARCH_INDEX_PREFIX=prefix):
        html = client.get("/search/", {"q": "Ak-Jar"}).content.decode()
        assert 'data-backend="database"' in html and "being built" in html
        with django_capture_on_commit_callbacks(execute=True):
            kok = SettlementPageFactory(title="Kok-Jar", parent=fresh(world.bishkek))
        assert IndexingFailure.objects.filter(record_pk=kok.pk).exists()
        assert engine.client().indices.get_alias(index=engine.index_pattern()) == {}
        call_command("rebuild_search_index", "--no-progress")
        assert not IndexingFailure.objects.exists()
        results = run(q="Kok-Jar", type="settlement")
        assert results.backend == ENGINE and found(results) == [("settlement", kok.pk)]


def test_no_engine_configured(world, client):
    with override_settings(OPENSEARCH_URL=""):
        response = client.get("/search/", {"q": "Ak-Jar"})
    html = response.content.decode()
    assert 'data-backend="database"' in html
    assert "not answering" not in html
