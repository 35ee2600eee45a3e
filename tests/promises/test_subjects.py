"""Subjects are a managed vocabulary: suggested as typed, no silent near-duplicates, a merge."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from taggit.models import Tag
from wagtail.models import ModelLogEntry

from promises.models import PromiseIndexPage, PromisePage
from tests.factories import PromisePageFactory
from tests.promises import test_admin_rules as rules

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model, home):
    user = django_user_model.objects.create_superuser("admin", "a@example.org", "pw")
    client.force_login(user)
    return client


def test_the_subject_field_suggests_existing_subjects(admin_client):
    PromisePageFactory(subjects=["schools"])
    parent = PromiseIndexPage.objects.get(locale__language_code="en")
    page = admin_client.get(reverse("wagtailadmin_pages:add",
                                    args=("promises", "promisepage", parent.pk)))
    html = page.content.decode()
    url = reverse("wagtailadmin_tag_autocomplete")  # taggit's Tag: the subjects
    assert f'data-w-tag-url-value="{url}"' in html
    suggestions = admin_client.get(url, {"term": "scho"}).json()
    assert "schools" in str(suggestions)


@pytest.mark.parametrize("typed", ["school", "Schools", "schools "])
def test_a_near_duplicate_of_an_existing_subject_is_refused_naming_it(admin_client, typed):
    PromisePageFactory(subjects=["schools"])
    response = rules.add_promise(admin_client, rules.promise_form(subjects=typed))
    if typed.strip() == "schools":  # the same subject, typed with a space: fine
        assert response.status_code == 302, rules.errors_of(response)
        return
    assert response.status_code == 200
    errors = rules.errors_of(response)
    assert f"“{typed}” nearly repeats the subject “schools”" in errors
    assert PromisePage.objects.count() == 1
    assert not Tag.objects.filter(name=typed).exists()


def test_two_new_near_duplicates_typed_together_are_refused(admin_client):
    response = rules.add_promise(admin_client, rules.promise_form(subjects="roads, road"))
    assert response.status_code == 200
    assert "“roads” nearly repeats the subject “road”" in rules.errors_of(response)
    assert not Tag.objects.exists()


def test_a_distinct_new_subject_is_accepted(admin_client):
    PromisePageFactory(subjects=["schools"])
    response = rules.add_promise(admin_client, rules.promise_form(subjects="water, schools"))
    assert response.status_code == 302, rules.errors_of(response)
    promise = PromisePage.objects.get(
        slug="electricity-for-the-settlement", locale__language_code="en")
    assert sorted(promise.subjects.names()) == ["schools", "water"]


def test_merging_moves_the_promises_deletes_the_old_subject_and_logs_it(admin_client):
    only_old = PromisePageFactory(subjects=["school"])
    both = PromisePageFactory(subjects=["school", "schools"])
    old, new = Tag.objects.get(name="school"), Tag.objects.get(name="schools")
    only_old.subjects.add("lighting")
    only_old.save_revision()  # a draft still naming the old subject

    listing = admin_client.get(reverse("wagtailsnippets_taggit_tag:list")).content.decode()
    merge_url = reverse("wagtailsnippets_taggit_tag:merge", args=[old.pk])
    assert merge_url in listing and "Merge into" in listing

    response = admin_client.post(merge_url, {"into": new.pk}, follow=True)

    assert "2 promises moved" in response.content.decode()
    assert not Tag.objects.filter(pk=old.pk).exists()
    assert list(PromisePage.objects.get(pk=only_old.pk).subjects.names()) == ["schools"]
    assert list(PromisePage.objects.get(pk=both.pk).subjects.names()) == ["schools"]
    entry = ModelLogEntry.objects.get(action="promises.merge_subjects")
    assert entry.data == {"merged": "school", "into": "schools", "promises": 2}
    # the draft publishes with the merged subject, never the deleted one
    PromisePage.objects.get(pk=only_old.pk).get_latest_revision().publish()
    assert sorted(PromisePage.objects.get(pk=only_old.pk).subjects.names()) == [
        "lighting", "schools"]


def test_editors_cannot_merge_subjects(client, django_user_model, home):
    PromisePageFactory(subjects=["school"])
    editor = django_user_model.objects.create_user("editor", "e@example.org", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    old = Tag.objects.get(name="school")
    response = client.post(reverse("wagtailsnippets_taggit_tag:merge", args=[old.pk]),
                           {"into": old.pk})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert Tag.objects.filter(pk=old.pk).exists()
