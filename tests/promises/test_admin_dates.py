"""Dates typed into the admin as people write them: a save or a field error, never a 500."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from actors.models import PersonPage
from core.partial_dates import PartialDateField
from promises.models import PromisePage
from tests.factories import BodyPageFactory, PersonPageFactory, PromisePageFactory
from tests.promises.test_admin_rules import add_promise, promise_form

# What the editor typed, and what is stored (None: refused with a message on the field).
TYPED_DATES = [
    ("March 2013", "2013-03"), ("03.2013", "2013-03"), ("2013/03", "2013-03"),
    ("3/2013", "2013-03"), ("2013-3", "2013-03"), ("2013-03-00", None), ("2013-13", None),
    ("2013-02-30", None), ("март 2013", "2013-03"), ("03-03-2013", "2013-03-03"), ("13", None),
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


def assert_saved_or_refused(response, stored, expected):
    """A redirect after storing the date meant, or a 200 naming the field's problem."""
    if expected is None:
        assert response.status_code == 200
        assert "Enter a date as" in str(response.context["form"].errors["made"])
    else:
        assert response.status_code == 302
        assert stored() == expected


@pytest.mark.parametrize(("typed", "expected"), TYPED_DATES)
def test_typed_made_on_creating_a_promise(editor_client, typed, expected):
    response = add_promise(editor_client, draft(promise_form(made=typed)))
    assert_saved_or_refused(response, lambda: PromisePage.objects.get().made, expected)
    if expected is None:
        assert not PromisePage.objects.exists()


@pytest.mark.parametrize(("typed", "expected"), TYPED_DATES)
def test_typed_made_on_editing_a_promise(editor_client, typed, expected):
    promise = PromisePageFactory(made="2010-11")
    data = draft(promise_form(title=promise.title, slug=promise.slug, made=typed))
    response = editor_client.post(reverse("wagtailadmin_pages:edit", args=(promise.pk,)), data)
    assert_saved_or_refused(
        response, lambda: PromisePage.objects.get(pk=promise.pk).get_latest_revision_as_object()
        .made, expected)


def test_a_date_input_takes_more_than_ten_characters(editor_client):
    """A browser cuts typing silently at an input's maxlength: the server says "too long"."""
    form_field = PromisePage._meta.get_field("made").formfield()
    assert "maxlength" not in form_field.widget.attrs
    with pytest.raises(ValidationError, match="at most 60 characters"):
        form_field.clean("3 " * 31)


def person_form(person, body, start):
    return nested_form_data({
        "title": person.title, "slug": person.slug, "kind": "politician", "other_names": "",
        "summary": rich_text(""), "roles": inline_formset([{
            "body": body.pk, "title": "Mayor", "start": start, "end": "", "note": "",
        }]),
        "comments": inline_formset([]),
    })


@pytest.mark.parametrize(("typed", "expected"), [
    ("January 2011", "2011-01"), ("март 2013", "2013-03"), ("January 20", None), ("2011-13", None),
])
def test_typed_role_start_on_a_person(editor_client, typed, expected):
    body, person = BodyPageFactory(), PersonPageFactory(title="Mayor Person")
    url = reverse("wagtailadmin_pages:edit", args=(person.pk,))
    response = editor_client.post(url, person_form(person, body, typed))
    if expected is None:
        assert response.status_code == 200
        role_form = response.context["form"].formsets["roles"].forms[0]
        assert "Enter a date as" in str(role_form.errors["start"])
    else:
        assert response.status_code == 302
        draft_person = PersonPage.objects.get(pk=person.pk).get_latest_revision_as_object()
        assert [role.start for role in draft_person.roles.all()] == [expected]


def test_the_form_says_what_the_date_was_understood_as(editor_client):
    promise = PromisePageFactory(made="2013-03")
    page = editor_client.get(reverse("wagtailadmin_pages:edit", args=(promise.pk,)))
    assert "March 2013, month precision" in page.content.decode()
    assert "js/admin-partial-dates.js" in page.content.decode()


def test_the_admin_says_what_is_typed_while_typing(editor_client):
    url = reverse("partial_date_understood")
    assert editor_client.get(url, {"value": "март 2013"}).json() == {
        "value": "март 2013", "understood": "March 2013, month precision", "error": ""}
    refused = editor_client.get(url, {"value": "2013-13"}).json()
    assert not refused["understood"] and "There is no month 13" in refused["error"]


def test_only_signed_in_editors_ask_the_date_parser(client):
    response = client.get(reverse("partial_date_understood"), {"value": "2013"})
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("add_view", [
    "wagtailsnippets_chronicle_event:add", "wagtailsnippets_sources_source:add",
])
def test_every_admin_date_input_says_what_it_understood(admin_user, client, home, add_view):
    client.force_login(admin_user)
    form = client.get(reverse(add_view)).content.decode()
    assert "data-partial-date-url" in form and "Type it as the source gives it" in form


def test_every_partial_date_field_uses_the_one_parser():
    fields = [field for model in apps.get_models() for field in model._meta.get_fields()
              if isinstance(field, PartialDateField)]
    assert len(fields) >= 8  # made, deadline, status date, role from/until, event, source, ...
    for field in fields:
        assert field.formfield().clean("March 2013") == "2013-03", field
