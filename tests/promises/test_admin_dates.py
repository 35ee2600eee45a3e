"""Dates typed into the admin as people write them: a save or a field error, never a 500."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from core.partial_dates import PATTERN
from promises.models import PromisePage
from tests.factories import BodyPageFactory, PersonPageFactory, PromisePageFactory
from tests.promises.test_admin_rules import add_promise, promise_form

TYPED_DATES = [
    "March 2013", "03.2013", "2013/03", "3/2013", "2013-3", "2013-03-00", "2013-13",
    "2013-02-30", "март 2013", "03-03-2013", "13",
]


@pytest.fixture
def editor_client(client, django_user_model, home):
    editor = django_user_model.objects.create_user("editor", "e@example.org", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    return client


def draft(data):
    """Form data as "Save draft" posts it: an Editor cannot publish."""
    data.pop("action-publish", None)
    return data


def assert_saved_or_refused(response, stored):
    """A 200 naming the field's problem, or a redirect after storing a well-formed date."""
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert response.context["form"].errors.get("made")
    else:
        assert PATTERN.match(stored()), stored()


@pytest.mark.parametrize("typed", TYPED_DATES)
def test_typed_made_on_creating_a_promise(editor_client, typed):
    response = add_promise(editor_client, draft(promise_form(made=typed)))
    assert_saved_or_refused(response, lambda: PromisePage.objects.get().made)


@pytest.mark.parametrize("typed", TYPED_DATES)
def test_typed_made_on_editing_a_promise(editor_client, typed):
    promise = PromisePageFactory(made="2010-11")
    data = draft(promise_form(title=promise.title, slug=promise.slug, made=typed))
    response = editor_client.post(reverse("wagtailadmin_pages:edit", args=(promise.pk,)), data)
    assert_saved_or_refused(
        response, lambda: PromisePage.objects.get(pk=promise.pk).get_latest_revision_as_object()
        .made)


def test_a_date_input_takes_more_than_ten_characters(editor_client):
    form_field = PromisePage._meta.get_field("made").formfield()
    assert int(form_field.widget.attrs["maxlength"]) > len("the end of September 2013")


def person_form(person, body, start):
    return nested_form_data({
        "title": person.title, "slug": person.slug, "kind": "politician", "other_names": "",
        "summary": rich_text(""), "roles": inline_formset([{
            "body": body.pk, "title": "Mayor", "start": start, "end": "", "note": "",
        }]),
        "comments": inline_formset([]),
    })


# "January 20" is what a 10-character input leaves of "January 2011".
@pytest.mark.parametrize("typed", ["January 2011", "January 20", "март 2013", "2011-13"])
def test_typed_role_start_on_a_person(editor_client, typed):
    body, person = BodyPageFactory(), PersonPageFactory(title="Mayor Person")
    url = reverse("wagtailadmin_pages:edit", args=(person.pk,))
    response = editor_client.post(url, person_form(person, body, typed))
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        role_form = response.context["form"].formsets["roles"].forms[0]
        assert role_form.errors.get("start")
