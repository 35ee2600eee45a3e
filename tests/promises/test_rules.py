"""Model rules: partial dates, deadlines, overdue, current status, restatements, roles."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from actors.models import Role
from core.partial_dates import PartialDate
from promises.deadlines import derive_deadline
from promises.models import PromisePage
from tests.factories import BodyPageFactory, PersonPageFactory, PromisePageFactory


@pytest.mark.parametrize(
    ("stored", "shown"),
    [("2010", "2010"), ("2010-11", "November 2010"), ("2010-11-15", "15 November 2010")],
)
def test_partial_date_is_shown_exactly_as_precise_as_known(stored, shown):
    with translation.override("en"):
        assert PartialDate.parse(stored).display() == shown


def test_partial_date_in_russian_names_the_month():
    with translation.override("ru"):
        assert PartialDate.parse("2010-11").display() == "ноябрь 2010 г."


@pytest.mark.parametrize("bad", ["2010-13", "2011-02-30", "Nov 2010", "10-11-2010", ""])
def test_malformed_partial_dates_are_refused(bad):
    with pytest.raises(ValueError):
        PartialDate.parse(bad)


def test_partial_date_spans_its_whole_period():
    assert PartialDate.parse("2012").latest() == datetime.date(2012, 12, 31)
    assert PartialDate.parse("2011-02").latest() == datetime.date(2011, 2, 28)
    assert PartialDate.parse("2011-02").earliest() == datetime.date(2011, 2, 1)


@pytest.mark.parametrize(
    ("made", "phrase", "due"),
    [
        ("2010-11", "within a year", "2011-11"),
        ("2011-08-10", "within two days", "2011-08-12"),
        ("2011-08", "within two days", "2011-09"),  # counted from 31 August
        ("2011", "by the end of 2012", "2012-12-31"),
        ("2011-03", "by year end", "2011-12-31"),
        ("2011-05", "в течение года", "2012-05"),
        ("2011-05", "within 3 months", "2011-08"),
    ],
)
def test_deadline_is_derived_from_relative_phrases(made, phrase, due):
    assert derive_deadline(made, phrase).iso() == due


@pytest.mark.parametrize("phrase", ["within days", "soon", "", "after the elections"])
def test_vague_phrases_derive_no_deadline(phrase):
    assert derive_deadline("2011-05", phrase) is None


def test_stated_deadline_wins_over_the_phrase(home):
    promise = PromisePageFactory(made="2011", deadline="2012-12-31", deadline_phrase="within days")
    assert promise.effective_deadline() == PartialDate(2012, 12, 31)
    assert not promise.deadline_is_derived


def test_overdue_at_a_given_date(home):
    promise = PromisePageFactory(made="2010-11", deadline_phrase="within a year",
                                 history=[("2011-06", "stalled")])
    assert not promise.is_overdue(on=datetime.date(2011, 11, 30))
    assert promise.is_overdue(on=datetime.date(2011, 12, 1))
    overdue = PromisePage.objects.overdue(on=datetime.date(2011, 12, 1))
    assert list(overdue) == [promise]
    assert not PromisePage.objects.overdue(on=datetime.date(2011, 11, 30)).exists()


@pytest.mark.parametrize("settled", ["kept", "broken"])
def test_kept_or_broken_promises_are_never_overdue(home, settled):
    promise = PromisePageFactory(made="2010-11", deadline="2011", history=[("2011-06", settled)])
    assert not promise.is_overdue(on=datetime.date(2020, 1, 1))
    assert not PromisePage.objects.overdue(on=datetime.date(2020, 1, 1)).exists()


def test_promise_without_deadline_is_never_overdue(home):
    promise = PromisePageFactory(made="2010")
    assert not promise.is_overdue(on=datetime.date(2030, 1, 1))


def test_current_status_is_the_latest_change(home):
    promise = PromisePageFactory(
        history=[("2011-09", "broken"), ("2010-12", "in_progress"), ("2011-06", "stalled")]
    )
    assert promise.status == "broken"
    assert [change.status for change in promise.status_history()] == [
        "in_progress", "stalled", "broken"
    ]


def test_promise_without_status_changes_is_not_yet_rated(home):
    assert PromisePageFactory().status == "not_rated"


def test_restatement_links_both_ways(home):
    original = PromisePageFactory(title="Land within a year", made="2010-11")
    repeat = PromisePageFactory(title="Land within a year, again", made="2011-09",
                                restates=original)
    assert repeat.restates == original
    assert list(original.restatements.all()) == [repeat]


def test_person_is_shown_in_the_role_held_when_promising(home):
    government = BodyPageFactory(title="Government of Kyrgyzstan", kind="government")
    presidency = BodyPageFactory(title="Office of the President", kind="other")
    person = PersonPageFactory(
        title="A. Politician",
        roles=[
            {"body": government, "title": "Prime Minister", "start": "2010-12", "end": "2011-11"},
            {"body": presidency, "title": "President", "start": "2011-12"},
        ],
    )
    promise = PromisePageFactory(people=[person], made="2011-08")
    [(who, role)] = promise.roles_at_time()
    assert who == person
    assert role.title == "Prime Minister"
    assert person.role_on("2012-03").title == "President"


def test_role_that_ends_before_it_starts_is_invalid(home):
    body = BodyPageFactory()
    role = Role(body=body, title="Mayor", start="2011-05", end="2010")
    with pytest.raises(ValidationError) as error:
        role.clean()
    assert "end" in error.value.message_dict


def test_deadline_before_the_promise_is_invalid(home):
    promise = PromisePageFactory(made="2011-08")
    promise.deadline = "2011-07"
    with pytest.raises(ValidationError) as error:
        promise.full_clean()
    assert "deadline" in error.value.message_dict
