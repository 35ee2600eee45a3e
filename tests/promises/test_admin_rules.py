"""The admin refuses bad records with a clear message and saves nothing of them."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from actors.models import PersonPage
from promises.models import PromiseIndexPage, PromisePage, StatusChange
from tests.factories import (
    BodyPageFactory,
    PersonPageFactory,
    PromisePageFactory,
    SettlementPageFactory,
    SourceFactory,
)


@pytest.fixture
def admin_client(client, django_user_model, home):
    user = django_user_model.objects.create_superuser("moderator", "m@example.org", "pw")
    client.force_login(user)
    client.user = user
    return client


def promise_form(*, status_changes=(), **overrides):
    """Form data as the page editor posts it; multi-valued fields are tuples."""
    body, settlement, source = BodyPageFactory(), SettlementPageFactory(), SourceFactory()
    data = {
        "title": "Electricity for the settlement",
        "slug": "electricity-for-the-settlement",
        "text": "The city administration promised electricity.",
        "quote": "",
        "quote_kind": "paraphrase",
        "made": "2010-11",
        "occasion": "road_blockade",
        "people": (),
        "bodies": (body.pk,),
        "settlements": (settlement.pk,),
        "beneficiary_group": "",
        "subjects": "electricity",
        "deadline": "",
        "deadline_phrase": "",
        "events": (),
        "source": source.pk,
        "status_changes": inline_formset(list(status_changes)),
        "comments": inline_formset([]),
        "action-publish": "publish",
    }
    data.update(overrides)
    # The choosers post one inline form per chosen record: a record's id, or a saved link row
    # as the edit form posts it back ({"id": ..., "person": ...}).
    for field, (relation, link_field) in CHOOSER_PANELS.items():
        rows = [row if isinstance(row, dict) else {link_field: row} for row in data.pop(field)]
        data[relation] = inline_formset(rows, initial=sum("id" in row for row in rows))
    return nested_form_data(data)


# A promise's many-to-many field: the chooser panel (link relation) and the link's field.
CHOOSER_PANELS = {
    "people": ("promisor_people", "person"),
    "bodies": ("promisor_bodies", "body"),
    "settlements": ("beneficiary_settlements", "settlement"),
    "events": ("related_events", "event"),
}


def add_promise(client, data):
    parent = PromiseIndexPage.objects.get(locale__language_code="en")
    url = reverse("wagtailadmin_pages:add", args=("promises", "promisepage", parent.pk))
    return client.post(url, data)


def errors_of(response):
    form = response.context["form"]
    messages = [str(e) for errors in form.errors.values() for e in errors]
    messages += [str(e) for e in form.non_field_errors()]
    for formset in form.formsets.values():
        for child in formset.forms:
            messages += [str(e) for errors in child.errors.values() for e in errors]
    return " ".join(messages)


def test_a_valid_promise_is_published_with_its_status_change(admin_client):
    source = SourceFactory()
    response = add_promise(admin_client, promise_form(status_changes=[{
        "date": "2011-06", "status": "stalled", "rationale": "Poles, no power.",
        "sources": (source.pk,),
    }]))
    assert response.status_code == 302, errors_of(response)
    promise = PromisePage.objects.get(
        slug="electricity-for-the-settlement", locale__language_code="en")
    assert promise.live and promise.status == "stalled"
    change = promise.status_changes.get()
    assert change.editor == admin_client.user
    assert list(change.sources.all()) == [source]


def test_status_change_without_a_source_is_refused(admin_client):
    response = add_promise(admin_client, promise_form(status_changes=[{
        "date": "2011-06", "status": "stalled", "rationale": "Poles, no power.", "sources": (),
    }]))
    assert response.status_code == 200
    assert "source" in errors_of(response).lower()
    assert not PromisePage.objects.exists()
    assert not StatusChange.objects.exists()


def test_deadline_before_the_promise_was_made_is_refused(admin_client):
    response = add_promise(admin_client, promise_form(deadline="2010-10"))
    assert response.status_code == 200
    assert "before the promise was made" in errors_of(response)
    assert not PromisePage.objects.exists()


def test_promise_without_promisor_is_refused(admin_client):
    response = add_promise(admin_client, promise_form(bodies=(), people=()))
    assert response.status_code == 200
    assert "at least one promisor" in errors_of(response)
    assert not PromisePage.objects.exists()


def test_promise_without_beneficiary_is_refused(admin_client):
    response = add_promise(admin_client, promise_form(settlements=(), beneficiary_group=""))
    assert response.status_code == 200
    assert "who the promise was made to" in errors_of(response)
    assert not PromisePage.objects.exists()


def test_a_group_alone_is_a_valid_beneficiary(admin_client):
    response = add_promise(admin_client, promise_form(
        settlements=(), beneficiary_group="42,000 people on the land waiting list"))
    assert response.status_code == 302, errors_of(response)


def edit_promise(client, promise, changes):
    rows = []
    for change in promise.status_changes.all():
        rows.append({"id": change.pk, "date": change.date, "status": change.status,
                     "rationale": change.rationale,
                     "sources": tuple(s.pk for s in change.sources.all())})
    initial = len(rows)
    changes(rows)
    data = promise_form(title=promise.title, slug=promise.slug)
    data.update(nested_form_data({"status_changes": inline_formset(rows, initial=initial)}))
    url = reverse("wagtailadmin_pages:edit", args=(promise.pk,))
    return client.post(url, data)


def test_published_status_change_cannot_be_rewritten(admin_client):
    promise = PromisePageFactory(history=[("2011-06", "stalled")])
    response = edit_promise(admin_client, promise, lambda rows: rows[0].update(status="kept"))
    assert response.status_code == 200
    assert "append-only" in errors_of(response)
    assert promise.status_changes.get().status == "stalled"


def test_published_status_change_cannot_be_deleted(admin_client):
    promise = PromisePageFactory(history=[("2011-06", "stalled")])
    response = edit_promise(admin_client, promise, lambda rows: rows[0].update(DELETE="1"))
    assert response.status_code == 200
    assert "append-only" in errors_of(response)
    assert promise.status_changes.count() == 1


def test_published_status_change_cannot_be_dropped_from_the_form(admin_client):
    promise = PromisePageFactory(history=[("2011-06", "stalled")])
    response = edit_promise(admin_client, promise, lambda rows: rows.clear())
    assert response.status_code == 200
    assert "append-only" in errors_of(response)
    assert promise.status_changes.count() == 1


def test_correction_is_a_new_visible_entry(admin_client):
    promise = PromisePageFactory(history=[("2011-06", "kept")])
    source = SourceFactory()
    response = edit_promise(admin_client, promise, lambda rows: rows.append({
        "date": "2011-07", "status": "broken", "rationale": "The earlier entry was wrong.",
        "sources": (source.pk,), "is_correction": "on"}))
    assert response.status_code == 302, errors_of(response)
    promise.refresh_from_db()
    assert promise.status == "broken"
    assert [c.status for c in promise.status_history()] == ["kept", "broken"]
    assert promise.status_history()[-1].is_correction


def test_role_ending_before_it_starts_is_refused(admin_client):
    body = BodyPageFactory()
    person = PersonPageFactory(title="Mayor Person")
    url = reverse("wagtailadmin_pages:edit", args=(person.pk,))
    data = nested_form_data({
        "title": person.title, "slug": person.slug, "kind": "politician", "other_names": "",
        "summary": rich_text(""), "roles": inline_formset([{
            "body": body.pk, "title": "Mayor", "start": "2011-05", "end": "2010", "note": "",
        }]),
        "comments": inline_formset([]), "action-publish": "publish",
    })
    revisions_before = Revision.objects.count()
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "cannot end" in errors_of(response)
    assert Revision.objects.count() == revisions_before
    assert not PersonPage.objects.get(pk=person.pk).roles.exists()


def test_editor_cannot_publish_but_submits_for_moderation(client, django_user_model, home):
    editor = django_user_model.objects.create_user("editor", "e@example.org", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    data = promise_form()
    data.pop("action-publish")
    data["action-submit"] = "submit"
    response = add_promise(client, data)
    assert response.status_code == 302, errors_of(response)
    promise = PromisePage.objects.get(
        slug="electricity-for-the-settlement", locale__language_code="en")
    assert not promise.live
    assert promise.current_workflow_state.status == "in_progress"
