"""An editor reaches the promise form in one click, from the menu or the dashboard."""

import re

import pytest
from django.contrib.auth.models import Group, Permission

from promises.models import PromiseIndexPage


@pytest.fixture
def editor(django_user_model, home):
    user = django_user_model.objects.create_user("editor", "e@example.org", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def add_form_url():
    return f"/admin/pages/add/promises/promisepage/{PromiseIndexPage.objects.get().pk}/"


def test_the_menu_offers_add_promise_leading_to_the_form_under_the_promise_list(client, editor):
    client.force_login(editor)
    sidebar = client.get("/admin/").content.decode()
    item = sidebar.split('"name": "add-promise"', 1)[1].split("}]}", 1)[0]
    assert '"label": "Add promise"' in item
    assert '"url": "/admin/add-promise/"' in item
    response = client.get("/admin/add-promise/", follow=True)
    assert response.redirect_chain[-1][0] == add_form_url()
    assert response.status_code == 200
    assert 'name="text"' in response.content.decode()  # "What was promised"


def test_the_dashboard_has_an_add_promise_button(client, editor):
    client.force_login(editor)
    dashboard = client.get("/admin/").content.decode()
    assert 'id="add-promise-heading"' in dashboard
    assert 'href="/admin/add-promise/"' in dashboard


def test_someone_who_may_not_add_promises_is_not_offered_the_form(client, django_user_model, home):
    reader = django_user_model.objects.create_user("reader", "r@example.org", "pw")
    reader.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(reader)
    dashboard = client.get("/admin/").content.decode()
    assert '"name": "add-promise"' not in dashboard
    assert 'id="add-promise-heading"' not in dashboard
    assert client.get("/admin/add-promise/").status_code == 404


def test_for_an_editor_the_form_s_main_button_submits_for_moderation(client, editor):
    client.force_login(editor)
    footer = client.get(add_form_url()).content.decode().split("<footer", 1)[1]
    main_button = re.search(r"<button[^>]*>", footer).group(0)
    assert 'name="action-submit"' in main_button
    assert footer.index("Save draft") > footer.index(main_button)
