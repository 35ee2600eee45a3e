"""Roles over time: which office a person held on a date known only to the year, month or day.

A promise made in "2011-06" is shown with the role its maker held then; sources give both the
promise's date and the role's start and end only as precisely as they know them.
"""

import pytest
from django.core.exceptions import ValidationError

from actors.models import Role
from tests.factories import BodyPageFactory, PersonPageFactory


@pytest.fixture
def government(home):
    return BodyPageFactory(title="Government of Kyrgyzstan", kind="government")


def person_with_roles(government, *periods):
    """A person holding one office per (title, start, end) period, in the order given."""
    return PersonPageFactory(roles=[
        {"body": government, "title": title, "start": start, "end": end}
        for title, start, end in periods
    ])


def held_on(person, when):
    role = person.role_on(when)
    return role.title if role else None


@pytest.mark.parametrize(("when", "title"), [
    ("2011-06", "Minister"),
    ("2011", "Minister"),  # the year the role began: it may have been held then
    ("2011-01-01", "Minister"),  # "from 2011" can mean the first day of 2011
    ("2012-03", "Minister"),  # the month it ended, known only to the month
    ("2012-03-31", "Minister"),  # ... runs to that month's last day
    ("2012", "Minister"),  # part of 2012 falls inside the role
    ("2012-04", None),
    ("2012-04-01", None),
    ("2010-12", None),
    ("2010-12-31", None),
    ("2010", None),
])
def test_a_role_from_a_year_to_a_month(government, when, title):
    minister = person_with_roles(government, ("Minister", "2011", "2012-03"))
    assert held_on(minister, when) == title


@pytest.mark.parametrize(("when", "title"), [
    ("2010-11-30", None),
    ("2010-12-01", "Prime Minister"),
    ("2011-02-28", "Prime Minister"),
    ("2011-03-01", None),
])
def test_month_boundaries_to_the_day(government, when, title):
    prime_minister = person_with_roles(government, ("Prime Minister", "2010-12", "2011-02"))
    assert held_on(prime_minister, when) == title


@pytest.mark.parametrize(("start", "end", "held", "not_held"), [
    ("2010-12", "", "2030-06", "2010-11"),  # still in office
    ("", "2009-05", "1995", "2009-06"),  # the start is not known
])
def test_open_ended_roles(government, start, end, held, not_held):
    person = person_with_roles(government, ("Mayor", start, end))
    assert held_on(person, held) == "Mayor"
    assert held_on(person, not_held) is None


def test_a_role_with_no_dates_is_held_at_any_time(government):
    person = person_with_roles(government, ("Adviser", "", ""))
    assert held_on(person, "1990") == held_on(person, "2030-01-01") == "Adviser"


def test_when_roles_overlap_the_one_begun_last_is_shown(government):
    """A handover month ("until December 2010", "from December 2010") names the new office."""
    person = person_with_roles(
        government,
        ("Prime Minister", "2010-12", ""),
        ("First Deputy Prime Minister", "2010-07", "2010-12"),
    )
    assert held_on(person, "2010-12") == "Prime Minister"
    assert held_on(person, "2010-12-15") == "Prime Minister"
    assert held_on(person, "2010-09") == "First Deputy Prime Minister"


def test_no_date_or_no_role_means_no_role(government):
    person = person_with_roles(government, ("Mayor", "2009", ""))
    assert person.role_on("") is None
    assert person.role_on(None) is None
    assert PersonPageFactory().role_on("2011-06") is None


def test_roles_over_time_are_listed_earliest_first(government):
    person = person_with_roles(
        government,
        ("President", "2011-12", ""),
        ("Member of Parliament", "2007", "2010-07"),
        ("Prime Minister", "2010-12", "2011-11"),
        ("Party founder", "", "1993"),  # start unknown: listed first
    )
    assert [role.title for role in person.roles_over_time()] == [
        "Party founder", "Member of Parliament", "Prime Minister", "President"]


@pytest.mark.parametrize(("start", "end"), [
    ("2011-05", "2011"),  # ends some time in 2011: may be after May
    ("2011-05-10", "2011-05"),  # ends some time in May
    ("2011", "2011-01-01"),
    ("", "2011"),
    ("2011", ""),
])
def test_an_end_that_may_be_after_the_start_is_accepted(government, start, end):
    Role(body=government, title="Mayor", start=start, end=end).clean()


@pytest.mark.parametrize(("start", "end"), [
    ("2011-05", "2011-04"),
    ("2011-05-10", "2011-05-09"),
    ("2012", "2011-12-31"),
])
def test_an_end_surely_before_the_start_is_refused(government, start, end):
    with pytest.raises(ValidationError) as error:
        Role(body=government, title="Mayor", start=start, end=end).clean()
    assert "end" in error.value.message_dict
