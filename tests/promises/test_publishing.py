"""Drafts stay editable until published; a promise goes live only with the pages it links to."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from actors.models import PersonPage
from promises.models import PromisePage
from promises.publishing import UnpublishedLinks
from tests.factories import PromisePageFactory, SourceFactory, index
from tests.promises import test_admin_rules as rules


@pytest.fixture
def admin_client(client, django_user_model, home):
    user = django_user_model.objects.create_superuser("moderator", "m@example.org", "pw")
    client.force_login(user)
    return client


def login(client, django_user_model, name, group):
    user = django_user_model.objects.create_user(name, f"{name}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return user


def draft_person(title="Draft Mayor"):
    person = PersonPage(title=title, kind="politician", live=False)
    index("people").add_child(instance=person)
    return person


def as_draft(data):
    data = dict(data)
    data.pop("action-publish", None)
    return data


def history_rows(promise):
    return [{"id": change.pk, "date": change.date, "status": change.status,
             "rationale": change.rationale,
             "sources": tuple(s.pk for s in change.sources.all())}
            for change in promise.status_changes.all()]


def post_edit(client, promise, rows, *, publish=False, **overrides):
    data = rules.promise_form(title=promise.title, slug=promise.slug, **overrides)
    data.update(nested_form_data({"status_changes": inline_formset(
        rows, initial=promise.status_changes.count())}))
    if not publish:
        data = as_draft(data)
    return client.post(reverse("wagtailadmin_pages:edit", args=(promise.pk,)), data)


def test_a_draft_status_change_can_be_corrected_and_removed_until_published(admin_client):
    source = SourceFactory()
    response = rules.add_promise(admin_client, as_draft(rules.promise_form(status_changes=[{
        "date": "2011-06", "status": "stalled", "rationale": "Poles, no pwoer.",
        "sources": (source.pk,)}])))
    assert response.status_code == 302, rules.errors_of(response)
    promise = PromisePage.objects.get(
        slug="electricity-for-the-settlement", locale__language_code="en")
    assert not promise.live

    rows = history_rows(promise)
    rows[0]["rationale"] = "Poles, no power."
    response = post_edit(admin_client, promise, rows)
    assert response.status_code == 302, rules.errors_of(response)
    assert promise.status_changes.get().rationale == "Poles, no power."

    rows = history_rows(promise)
    rows[0]["DELETE"] = "1"
    response = post_edit(admin_client, promise, rows)
    assert response.status_code == 302, rules.errors_of(response)
    assert not promise.status_changes.exists()


def test_once_published_the_entry_is_locked(admin_client):
    source = SourceFactory()
    rules.add_promise(admin_client, as_draft(rules.promise_form(status_changes=[{
        "date": "2011-06", "status": "stalled", "rationale": "Poles, no power.",
        "sources": (source.pk,)}])))
    promise = PromisePage.objects.get(
        slug="electricity-for-the-settlement", locale__language_code="en")
    response = post_edit(admin_client, promise, history_rows(promise), publish=True)
    assert response.status_code == 302, rules.errors_of(response)
    change = promise.status_changes.get()
    assert change.published_at is not None

    rows = history_rows(promise)
    rows[0]["rationale"] = "Rewritten after publication."
    response = post_edit(admin_client, promise, rows)
    assert response.status_code == 200
    assert "append-only" in rules.errors_of(response)
    assert promise.status_changes.get().rationale == "Poles, no power."


def test_an_entry_added_to_a_live_promise_stays_editable_in_its_draft(admin_client):
    promise = PromisePageFactory(history=[("2011-06", "stalled")])
    source = SourceFactory()
    rows = history_rows(promise) + [{"date": "2012-01", "status": "kept",
                                     "rationale": "Lihgts on.", "sources": (source.pk,)}]
    assert post_edit(admin_client, promise, rows).status_code == 302
    draft = PromisePage.objects.get(pk=promise.pk).get_latest_revision_as_object()
    assert [c.rationale for c in draft.status_history()][-1] == "Lihgts on."

    rows = history_rows(promise) + [{"date": "2012-01", "status": "kept",
                                     "rationale": "Lights on.", "sources": (source.pk,)}]
    response = post_edit(admin_client, promise, rows)
    assert response.status_code == 302, rules.errors_of(response)
    draft = PromisePage.objects.get(pk=promise.pk).get_latest_revision_as_object()
    assert [c.rationale for c in draft.status_history()] == ["Became stalled.", "Lights on."]


def test_publishing_a_promise_by_an_unpublished_person_is_refused(admin_client):
    person = draft_person("Mayor Not Yet Approved")
    response = rules.add_promise(admin_client, rules.promise_form(people=(person.pk,)))
    assert response.status_code == 200
    errors = rules.errors_of(response)
    assert "cannot be published" in errors and "Mayor Not Yet Approved" in errors
    assert not PromisePage.objects.filter(live=True).exists()

    # saved as a draft, it is kept; published once the person is
    response = rules.add_promise(admin_client, as_draft(rules.promise_form(
        people=(person.pk,))))
    assert response.status_code == 302, rules.errors_of(response)
    person.save_revision().publish()
    promise = PromisePage.objects.get(locale__language_code="en")
    link = promise.promisor_people.get()
    response = post_edit(admin_client, promise, [], publish=True,
                         people=({"id": link.pk, "person": person.pk},))
    assert response.status_code == 302, rules.errors_of(response)
    assert PromisePage.objects.get(locale__language_code="en").live


def submit_for_moderation(client, django_user_model, person):
    login(client, django_user_model, "editor", "Editors")
    data = as_draft(rules.promise_form(people=(person.pk,)))
    data["action-submit"] = "submit"
    response = rules.add_promise(client, data)
    assert response.status_code == 302, rules.errors_of(response)
    return PromisePage.objects.get(locale__language_code="en")


def test_approving_a_promise_by_an_unpublished_person_is_refused(client, django_user_model,
                                                                 home):
    person = draft_person("Mayor Not Yet Approved")
    promise = submit_for_moderation(client, django_user_model, person)
    task_state = promise.current_workflow_task_state
    login(client, django_user_model, "moderator", "Moderators")
    approve = reverse("wagtailadmin_pages:workflow_action",
                      args=(promise.pk, "approve", task_state.pk))

    response = client.post(approve, {"comment": ""}, follow=True)

    assert "Mayor Not Yet Approved" in response.content.decode()
    promise.refresh_from_db()
    assert not promise.live
    assert promise.current_workflow_state.status == "in_progress"

    person.save_revision().publish()
    client.post(approve, {"comment": ""})
    promise.refresh_from_db()
    assert promise.live


def test_approving_from_the_edit_page_is_refused_too(client, django_user_model, home):
    person = draft_person("Mayor Not Yet Approved")
    promise = submit_for_moderation(client, django_user_model, person)
    login(client, django_user_model, "moderator", "Moderators")
    data = as_draft(rules.promise_form(title=promise.title, slug=promise.slug,
                                       people=(person.pk,)))
    data.update({"action-workflow-action": "true", "workflow-action-name": "approve"})

    response = client.post(reverse("wagtailadmin_pages:edit", args=(promise.pk,)), data)

    assert response.status_code == 200
    assert "Mayor Not Yet Approved" in rules.errors_of(response)
    promise.refresh_from_db()
    assert not promise.live


def test_an_approval_on_any_other_path_is_refused_and_rolled_back(client, django_user_model,
                                                                   home):
    person = draft_person("Mayor Not Yet Approved")
    promise = submit_for_moderation(client, django_user_model, person)
    task_state = promise.current_workflow_task_state
    moderator = login(client, django_user_model, "moderator", "Moderators")

    with pytest.raises(UnpublishedLinks, match="Mayor Not Yet Approved"):
        task_state.task.specific.on_action(task_state, moderator, "approve")

    promise.refresh_from_db()
    task_state.refresh_from_db()
    assert not promise.live and task_state.status == "in_progress"
