"""While typing a promise, the editor sees the role its promisor held on "Made on"."""

import pytest
from django.contrib.auth.models import Group

from tests.factories import BodyPageFactory, PersonPageFactory, PromisePageFactory

URL = "/admin/promises/role-on-made/"


@pytest.fixture
def editor_client(client, django_user_model, home):
    editor = django_user_model.objects.create_user("editor", "e@example.org", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    return client


@pytest.fixture
def mayor(home):
    city_hall = BodyPageFactory(title="Bishkek city administration")
    return PersonPageFactory(title="Isa Omurkulov", roles=[
        {"body": city_hall, "title": "Mayor of Bishkek", "start": "2011-01", "end": "2014-05"}])


def test_the_role_held_on_the_date_is_named(editor_client, mayor):
    answer = editor_client.get(URL, {"person": mayor.pk, "made": "2013-03-03"}).json()
    assert answer["people"] == [{
        "person": "Isa Omurkulov", "role": "Mayor of Bishkek, Bishkek city administration",
        "warning": False,
        "message": "Isa Omurkulov on 3 March 2013: Mayor of Bishkek, Bishkek city administration",
    }]


def test_a_person_without_a_role_then_gets_a_warning(editor_client, mayor):
    answer = editor_client.get(URL, {"person": mayor.pk, "made": "2009"}).json()
    [entry] = answer["people"]
    assert entry["warning"] is True and entry["role"] is None
    assert "held no recorded role on 2009" in entry["message"]


@pytest.mark.parametrize("made", ["", "March", "2013-13-45", "9" * 40])
def test_a_date_not_yet_readable_gives_no_hint_and_no_error(editor_client, mayor, made):
    response = editor_client.get(URL, {"person": mayor.pk, "made": made})
    assert response.status_code == 200
    assert response.json() == {"people": []}


@pytest.mark.parametrize("person", ["x", "-1", "9" * 30, "²"])
def test_a_bad_person_id_is_ignored(editor_client, mayor, person):
    response = editor_client.get(URL, {"person": [person, mayor.pk], "made": "2013"})
    assert response.status_code == 200
    assert [entry["person"] for entry in response.json()["people"]] == ["Isa Omurkulov"]


def test_only_for_people_signed_in_to_the_admin(client, mayor):
    response = client.get(URL, {"person": mayor.pk, "made": "2013"})
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_promise_form_loads_the_hint_script_from_the_site_itself(editor_client, home):
    form = editor_client.get("/admin/add-promise/", follow=True).content.decode()
    assert ('src="/static/js/admin-role-hint.js" data-role-url="/admin/promises/role-on-made/"'
            in form)


def test_where_it_was_said_is_shown_on_the_promise_page(client, home):
    promise = PromisePageFactory(where_said="Ak-Jar, at the road blockade")
    page = client.get(promise.url).content.decode()
    assert "Where it was said" in page
    assert "Ak-Jar, at the road blockade" in page


def test_a_promise_without_a_place_shows_no_empty_entry(client, home):
    promise = PromisePageFactory(where_said="")
    assert "Where it was said" not in client.get(promise.url).content.decode()
