"""A page's address is found in one query (core.routing), its view restrictions in none
(core.view_restrictions), and what they keep in the cache never outlives a change: a moved,
renamed, unpublished or deleted page, a new page and a new restriction are right at once."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from wagtail.models import PageViewRestriction

from core.views import canonical_route
from tests.factories import CityPageFactory, SettlementPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragment_cache")]


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Changes made as a committed transaction makes them: their cache versions bumped."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def ak_jar(home, committed):
    with committed():
        city = CityPageFactory(title="Bishkek", slug="bishkek")
        return SettlementPageFactory(title="Ak-Jar", slug="ak-jar", parent=city)


def status(client, path):
    return client.get(path).status_code


def redirected_to(client, path):
    """Where an old address sends the reader (Wagtail's redirects, made on a move or a rename,
    answer where no page does)."""
    response = client.get(path)
    assert response.status_code == 301
    return response["Location"]


@pytest.mark.parametrize("prefix", ["", "/ru"])
def test_a_record_page_is_routed_in_one_query(ak_jar, django_assert_num_queries, prefix):
    path = f"{prefix}{ak_jar.url}"
    canonical_route(RequestFactory().get(path), ak_jar.url)  # the address kept
    with django_assert_num_queries(1):
        route = canonical_route(RequestFactory().get(path), ak_jar.url)
    assert route[0] == ak_jar


def test_a_moved_page_answers_at_its_new_address_at_once(ak_jar, client, committed):
    assert status(client, "/bishkek/ak-jar/") == 200
    with committed():
        osh = CityPageFactory(title="Osh", slug="osh")
        ak_jar.move(osh, pos="last-child")
    assert redirected_to(client, "/bishkek/ak-jar/") == "/osh/ak-jar/"
    assert status(client, "/osh/ak-jar/") == 200


def test_a_page_moved_with_no_cache_version_bumped_is_not_found_where_it_was(ak_jar, client):
    """What is kept is checked against the page: a change the versions missed costs the walk,
    never a page at an address it left."""
    assert status(client, "/bishkek/ak-jar/") == 200
    ak_jar.move(CityPageFactory(title="Osh", slug="osh"), pos="last-child")  # never committed
    assert redirected_to(client, "/bishkek/ak-jar/") == "/osh/ak-jar/"
    assert status(client, "/osh/ak-jar/") == 200


def test_a_renamed_page_answers_at_its_new_address_at_once(ak_jar, client, committed):
    assert status(client, "/bishkek/ak-jar/") == 200
    with committed():
        ak_jar.slug = "ak-zhar"
        ak_jar.save_revision().publish()
    assert redirected_to(client, "/bishkek/ak-jar/") == "/bishkek/ak-zhar/"
    assert status(client, "/bishkek/ak-zhar/") == 200


def test_an_unpublished_record_shows_its_tombstone_at_once(ak_jar, client, committed):
    assert status(client, "/ru/bishkek/ak-jar/") == 200
    with committed():
        ak_jar.unpublish()
    assert status(client, "/ru/bishkek/ak-jar/") == 410


def test_a_deleted_page_is_gone_at_once(ak_jar, client, committed):
    assert status(client, "/bishkek/ak-jar/") == 200
    with committed():
        ak_jar.delete()
    assert status(client, "/bishkek/ak-jar/") == 404


def test_a_new_page_is_found_at_once_where_nothing_was(ak_jar, client, committed):
    assert status(client, "/bishkek/ala-too/") == 404
    with committed():
        SettlementPageFactory(title="Ala-Too", slug="ala-too", parent=ak_jar.get_parent())
    assert status(client, "/bishkek/ala-too/") == 200


@pytest.mark.parametrize("kind", [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN])
def test_a_page_made_private_is_refused_at_once(ak_jar, client, committed, kind):
    assert "Ak-Jar" in client.get("/bishkek/ak-jar/").content.decode()
    with committed():
        restriction = PageViewRestriction.objects.create(  # the city: every settlement below it
            page=ak_jar.get_parent(), restriction_type=kind, password="swordfish")
    response = client.get("/bishkek/ak-jar/")
    if kind == PageViewRestriction.PASSWORD:
        assert 'name="password"' in response.content.decode()
    else:
        assert response.status_code == 302 and "login" in response["Location"]
    assert "Ak-Jar" not in response.content.decode()
    with committed():
        restriction.delete()
    assert "Ak-Jar" in client.get("/bishkek/ak-jar/").content.decode()


def test_a_public_page_reads_no_view_restriction(ak_jar, django_assert_num_queries):
    ak_jar.get_view_restrictions()  # the restrictions kept
    with django_assert_num_queries(0):
        assert not ak_jar.get_view_restrictions()


def test_the_privacy_setting_of_a_page_shows_the_restriction_above_it(ak_jar, admin_client,
                                                                      committed):
    city = ak_jar.get_parent()
    with committed():
        PageViewRestriction.objects.create(page=city, restriction_type=PageViewRestriction.LOGIN)
    dialog = admin_client.get(reverse("wagtailadmin_pages:set_privacy", args=[ak_jar.pk]))
    assert reverse("wagtailadmin_pages:edit", args=[city.pk]) in dialog.json()["html"]
