"""The "Needs attention" report: what an editor should look at, and why."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from promises.deadlines import unparsed_deadline_phrase
from tests.factories import PersonPageFactory, PromisePageFactory

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/needs-attention/"


@pytest.fixture
def editor_client(client, django_user_model, home):
    user = django_user_model.objects.create_user("editor", "e@example.org", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client


def recent():
    return (timezone.localdate() - datetime.timedelta(days=30)).isoformat()


def test_the_report_lists_each_promise_that_needs_attention_with_why(editor_client):
    stale = PromisePageFactory(title="Stale overdue", deadline="2011",
                               history=[("2011-06", "in_progress")])
    PromisePageFactory(title="Overdue but followed", deadline="2011",
                       history=[(recent(), "in_progress")])
    PromisePageFactory(title="Never followed up")
    person = PersonPageFactory(title="Withdrawn Mayor")
    linking = PromisePageFactory(title="Links to a withdrawn page", people=[person],
                                 history=[(recent(), "in_progress")])
    person.unpublish()
    PromisePageFactory(title="Vague deadline", deadline_phrase="when the snow melts",
                       history=[(recent(), "in_progress")])
    PromisePageFactory(title="Clear deadline", made="2025-01", deadline_phrase="within two years",
                       history=[(recent(), "in_progress")])

    response = editor_client.get(REPORT)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Stale overdue" in html and "no status change since 2011-06-30" in html
    assert "Never followed up" in html and "No status change yet" in html
    assert "Links to a withdrawn page" in html and "person “Withdrawn Mayor”" in html
    assert "Vague deadline" in html and "“when the snow melts”" in html
    assert "Overdue but followed" not in html and "Clear deadline" not in html
    assert reverse("wagtailadmin_pages:edit", args=[stale.pk]) in html
    assert reverse("wagtailadmin_pages:edit", args=[linking.pk]) in html


def test_the_report_is_listed_under_reports(editor_client):
    html = editor_client.get("/admin/").content.decode()
    assert REPORT in html and "Needs attention" in html


def test_a_deadline_phrase_is_not_understood_only_when_nothing_can_be_derived(home):
    assert unparsed_deadline_phrase(PromisePageFactory.build(
        made="2010-11", deadline_phrase="when the snow melts")) == "when the snow melts"
    assert unparsed_deadline_phrase(PromisePageFactory.build(
        made="2010-11", deadline_phrase="within a year")) == ""
    assert unparsed_deadline_phrase(PromisePageFactory.build(
        made="2010-11", deadline="2012", deadline_phrase="when the snow melts")) == ""
