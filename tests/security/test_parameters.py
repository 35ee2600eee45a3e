"""Strict parameters: no query string or path id a visitor can type makes a public page fail.

Property-based tests (Hypothesis) throw generated values (digits `int()` refuses, numbers too
large for the database, NUL, invalid UTF-8, 10-100 KB strings, repeated and unknown names) at
every public GET URL pattern, in every interface language, and assert the answer is never a 5xx:
one mixes parameters freely, one gives each parameter a view reads its own run (a mix alone
misses a bad value of one filter among many). The examples are read-only GETs, so sharing the
function-scoped `seeded` database between them is fine. Plain regression tests pin the URLs
found answering 500.
"""

from urllib.parse import quote

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import URLPattern, get_resolver, reverse, translate_url
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from wagtail.models import Page

from actors.models import ActorIndexPage, BodyPage, PersonPage
from places.models import CityPage, SettlementPage
from promises.listing import PromiseFilterForm
from promises.models import PromiseIndexPage, PromisePage, published_subjects
from search.facets import FACETS
from sources.models import SourceIndexPage
from website.models import HomePage, StandardPage

from .stories import news_story

HUGE = "99999999999999999999999"
UNICODE_DIGITS = ("²", "¹", "①", "٣", "߁", "Ⅻ")

# The parameters each public view reads. A view added without an entry here fails
# test_every_public_url_pattern_is_exercised, so that the property below covers it.
SEARCH_PARAMETERS = ("q", "sort", "page", *(facet.name for facet in FACETS))
PROMISE_LIST_PARAMETERS = (*PromiseFilterForm.base_fields, "page")
KNOWN_PARAMETERS = {
    "search": SEARCH_PARAMETERS,
    "search_autocomplete": ("q",),
    "news_item": ("version",),
    "permalink": (),
    "source_detail": (),
    "corrections": ("page",),
    "sitemap": ("p",),  # Django's sitemap pages
    "robots_txt": (),
    "favicon": (),
    "health": ("format",),  # django-health-check's answer format
    "wagtail_serve": PROMISE_LIST_PARAMETERS,  # the promise list is a Wagtail page
    "wagtailcore_login": ("next",),
    "wagtailcore_authenticate_with_password": ("next",),
    "wagtaildocs_serve": (),
    "wagtaildocs_authenticate_with_password": ("next",),
    # following: feeds, alert links (the subscribe form only answers POST), widgets
    "site_feed": (),
    "page_feed": (),
    "subject_feed": (),
    "subscribe": (),
    "confirm": (),
    "unsubscribe": (),
    "embed_settlement": (),
    "embed_person": (),
    # exports: the data page, CSV downloads (the promise list's filters), the data package, charts
    "data": (),
    "promises_csv": (*PROMISE_LIST_PARAMETERS, "bom"),
    "status_changes_csv": (*PROMISE_LIST_PARAMETERS, "bom"),
    "datapackage": (),
    "index": (),
    "svg": (),
    "record_status": (),
}
PAGE_MODELS = (HomePage, PromiseIndexPage, PromisePage, SettlementPage, CityPage, PersonPage,
               BodyPage, ActorIndexPage, SourceIndexPage, StandardPage)
# Outside this test: the admins, and the JSON API (schemathesis, tests/api/test_schema.py,
# generates every parameter of every operation from its OpenAPI description).
PRIVATE_PREFIXES = ("admin/", "django-admin/", "api/")


def public_patterns(patterns=None, prefix=""):
    """(route, name) of every URL pattern outside the admin, walked from the URL resolver."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern)
        if route.startswith(PRIVATE_PREFIXES):
            continue
        if isinstance(entry, URLPattern):
            yield route, entry.name
        else:
            yield from public_patterns(entry.url_patterns, route)


TARGETS = sorted([*(name for name in KNOWN_PARAMETERS if name != "wagtail_serve"),
                  *(f"wagtail_serve:{model.__name__}" for model in PAGE_MODELS)])


@pytest.fixture(scope="module")
def targets(_seed_for_module, django_db_blocker):
    """{target: (URL, with {id} for a path id; an existing id or None)}, one target per URL
    pattern and, for Wagtail's catch-all, one per kind of page."""
    with django_db_blocker.unblock():
        item = news_story()
        promise = PromisePage.objects.live().first()
        settlement = SettlementPage.objects.live().first()
        person = PersonPage.objects.live().first()
        subject = published_subjects().first()
        pages = {f"wagtail_serve:{model.__name__}": (model.objects.live().first().url, None)
                 for model in PAGE_MODELS}
    return {
        **pages,
        "search": (reverse("search"), None),
        "search_autocomplete": (reverse("search_autocomplete"), None),
        "news_item": ("/news/{id}/", item.pk),
        "permalink": ("/record/{id}/", promise.pk),
        "source_detail": ("/sources/{id}/", item.source_id),
        "corrections": (reverse("corrections"), None),
        "sitemap": (reverse("sitemap"), None),
        "robots_txt": (reverse("robots_txt"), None),
        "favicon": (reverse("favicon"), None),
        "health": (reverse("health"), None),
        "wagtailcore_login": (reverse("wagtailcore_login"), None),
        "wagtailcore_authenticate_with_password": (
            f"/_util/authenticate_with_password/{{id}}/{promise.pk}/", 1),
        "wagtaildocs_serve": ("/documents/{id}/report.pdf", 1),
        "wagtaildocs_authenticate_with_password": (
            "/documents/authenticate_with_password/{id}/", 1),
        "site_feed": ("/feeds/", None),
        "page_feed": ("/feeds/record/{id}/", settlement.pk),
        "subject_feed": (f"/feeds/subject/{subject.slug}/", None),
        "subscribe": ("/follow/{id}/", settlement.pk),
        "confirm": ("/follow/confirm/not-a-token/", None),
        "unsubscribe": ("/follow/unsubscribe/not-a-token/", None),
        "embed_settlement": ("/embed/settlement/{id}/", settlement.pk),
        "embed_person": ("/embed/person/{id}/", person.pk),
        "data": ("/data/", None),
        "promises_csv": ("/data/promises.csv", None),
        "status_changes_csv": ("/data/status-changes.csv", None),
        "datapackage": ("/data/ubada-datapackage.zip", None),
        "index": ("/charts/", None),
        "svg": ("/charts/promises-per-month.svg", None),
        "record_status": ("/charts/status/{id}.svg", settlement.pk),
    }


def test_every_public_url_pattern_is_exercised(seeded, targets):
    names = {name for _route, name in public_patterns()}
    assert names == set(KNOWN_PARAMETERS)
    assert set(targets) == set(TARGETS)


def _percent(text):
    return quote(text, safe="")


def invalid_utf8():
    """Percent-encoded bytes that are no UTF-8 ("%C2", "%FF%FE", ...), left as they are."""
    return st.binary(min_size=1, max_size=6).filter(_not_utf8).map(
        lambda raw: "".join(f"%{byte:02X}" for byte in raw))


def _not_utf8(raw):
    try:
        raw.decode()
    except UnicodeDecodeError:
        return True
    return False


def hostile_values():
    """Encoded query-string values a visitor (or a scanner) can send, numbers twice as often
    as the rest since most parameters are numbers."""
    unicode_digits = st.text(st.sampled_from("0123456789" + "".join(UNICODE_DIGITS)),
                             min_size=1, max_size=30)
    numbers = st.one_of(
        st.sampled_from([HUGE, "", "0", "-1", "1e9", " 7", "+7", "1_000", *UNICODE_DIGITS]),
        unicode_digits, st.integers(min_value=-(10**40), max_value=10**40).map(str),
        st.integers(min_value=2**63, max_value=10**40).map(str),  # too large for any database
    ).map(_percent)
    with_nul = st.text(max_size=20).map(lambda text: text + "\x00" + text)
    long_values = st.tuples(st.integers(10_000, 100_000), st.sampled_from("9²a\x00é ")).map(
        lambda pair: pair[1] * pair[0])
    others = st.one_of(with_nul.map(_percent), long_values.map(_percent),
                       st.text(max_size=40).map(_percent), invalid_utf8())
    return st.one_of(numbers, numbers, others)


def query_strings(known, focus=None):
    """Up to five name=value pairs, mostly under the names the view reads; `focus` first."""
    unknown = st.one_of(st.text(max_size=12).map(_percent), invalid_utf8())
    names = st.one_of(*[st.sampled_from(known)] * 3, unknown) if known else unknown
    pairs = st.lists(st.tuples(names, hostile_values()), min_size=0 if focus else 1,
                     max_size=2 if focus else 5)
    if focus:
        pairs = st.tuples(st.tuples(st.just(focus), hostile_values()), pairs).map(
            lambda first_and_rest: [first_and_rest[0], *first_and_rest[1]])
    return pairs.map(lambda items: "&".join(f"{name}={value}" for name, value in items))


def path_ids(existing):
    """Mostly the id of a record that exists (so that its parameters are read), else any."""
    return st.one_of(st.just(existing), st.just(existing),
                     st.integers(min_value=0, max_value=10**30))


def known_parameters(target):
    return KNOWN_PARAMETERS[target.split(":")[0]]


def get_with_hostile_query(client, targets, target, data, focus=None):
    """GET the target in a drawn language, with a drawn id and query string."""
    template, existing = targets[target]
    language = data.draw(st.sampled_from([code for code, _name in settings.LANGUAGES]))
    path = template
    if existing is not None:
        path = template.replace("{id}", str(data.draw(path_ids(existing), "id")))
    path = translate_url(path, language) if language != settings.LANGUAGE_CODE else path
    query = data.draw(query_strings(known_parameters(target), focus), "query")
    return client.get(f"{path}?{query}"), f"{path}?{query[:200]}"


HYPOTHESIS = {"deadline": None, "suppress_health_check": [
    HealthCheck.function_scoped_fixture, HealthCheck.too_slow]}


@pytest.mark.parametrize("target", TARGETS)
@hypothesis_settings(max_examples=30, **HYPOTHESIS)
@given(data=st.data())
def test_no_query_string_makes_a_public_url_fail(client, seeded, targets, target, data):
    response, asked = get_with_hostile_query(client, targets, target, data)
    assert response.status_code < 500, asked


@pytest.mark.parametrize(("target", "name"), [
    (target, name) for target in TARGETS for name in known_parameters(target)
    if target == "wagtail_serve:PromiseIndexPage" or not target.startswith("wagtail_serve")])
@hypothesis_settings(max_examples=15, **HYPOTHESIS)
@given(data=st.data())
def test_no_value_of_a_known_parameter_makes_a_public_url_fail(
    client, seeded, targets, target, name, data
):
    response, asked = get_with_hostile_query(client, targets, target, data, focus=name)
    assert response.status_code < 500, asked


# What the probe found answering 500 --------------------------------------------------------


@pytest.mark.parametrize("query", [
    "q=x&page=%C2%B2", "q=x&page=%C2%B9", "q=x&page=%E2%91%A0", "q=x&year=%C2%B2%C2%B2",
    f"q=x&page={HUGE}", f"q=x&year={HUGE}", f"q=x&city={HUGE}",
])
def test_search_answers_odd_numbers_with_a_message(client, seeded, query):
    response = client.get(f"/search/?{query}")
    assert response.status_code == 200


@pytest.mark.parametrize("digit", UNICODE_DIGITS)
def test_news_page_shows_the_latest_version_for_a_unicode_digit(client, seeded, targets,
                                                             digit):
    template, item_id = targets["news_item"]
    path = template.format(id=item_id)
    response = client.get(path, {"version": digit})
    assert response.status_code == 200
    assert response.context["version"].number == 1


@pytest.mark.parametrize("field", ["city", "settlement", "promisor", "subject", "year"])
@pytest.mark.parametrize("value", [HUGE, "²", "-1", "\x00"])
def test_promise_list_ignores_a_filter_it_cannot_read(client, seeded, field, value):
    response = client.get("/promises/", {field: value})
    assert response.status_code == 200
    assert response.context["total"] == PromisePage.objects.live().count()
    assert str(response.context["form"].fields[field].label) in response.context[
        "filter_errors"]


@pytest.mark.parametrize("path", [f"/record/{HUGE}/", f"/sources/{HUGE}/", f"/news/{HUGE}/",
                                  f"/ru/record/{HUGE}/"])
def test_an_id_too_large_for_the_database_is_not_found(client, seeded, path):
    assert client.get(path).status_code == 404


def test_the_permalink_of_a_page_without_an_address_is_not_found(client, seeded):
    root = Page.objects.get(depth=1)  # found by the property above: it answered 500
    assert client.get(f"/record/{root.pk}/").status_code == 404


@pytest.mark.parametrize("value", [HUGE, "²", "①", "-3", "1" * 100_000])
def test_moderators_suggestion_queue_ignores_an_outlet_it_cannot_read(
    client, django_user_model, seeded, value
):
    moderator = django_user_model.objects.create_user("moderator", "m@example.org", "pw")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)
    response = client.get("/admin/news-suggestions/", {"outlet": value, "p": value})
    assert response.status_code == 200
    assert response.context["outlet"] is None

