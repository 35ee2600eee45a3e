"""Date checks that help: impossible dates are refused on their field, an unread deadline
phrase saves with a warning that names it."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from promises.deadlines import derive_deadline, unparsed_deadline_phrase
from promises.models import PromisePage
from tests.factories import PromisePageFactory, SourceFactory
from tests.promises.test_admin_rules import add_promise, errors_of, promise_form


@pytest.fixture
def admin_client(client, django_user_model, home):
    client.force_login(django_user_model.objects.create_superuser("moderator", "m@x.org", "pw"))
    return client


def next_year():
    return str(timezone.localdate().year + 1)


def status_change(date):
    return {"date": date, "status": "stalled", "rationale": "Poles, no power.",
            "sources": (SourceFactory().pk,)}


@pytest.mark.parametrize(("date", "problem"), [
    ("2009", "before the promise was made"),
    ("2010-10-31", "before the promise was made"),
    (next_year(), "in the future"),
])
def test_an_impossible_status_change_date_is_refused_on_its_field(admin_client, date, problem):
    response = add_promise(admin_client, promise_form(
        made="2010-11", status_changes=[status_change(date)]))
    assert response.status_code == 200
    change_form = response.context["form"].formsets["status_changes"].forms[0]
    assert problem in str(change_form.errors["date"])
    assert not PromisePage.objects.exists()


@pytest.mark.parametrize("date", ["2010", "2010-11", "2010-11-30", "2011-06"])
def test_a_status_change_in_the_month_the_promise_was_made_or_later_is_kept(admin_client, date):
    response = add_promise(admin_client, promise_form(
        made="2010-11", status_changes=[status_change(date)]))
    assert response.status_code == 302, errors_of(response)


def test_made_on_in_the_future_is_refused(admin_client):
    response = add_promise(admin_client, promise_form(made=next_year()))
    assert response.status_code == 200
    assert "in the future" in str(response.context["form"].errors["made"])
    assert not PromisePage.objects.exists()


def test_made_on_today_is_accepted(admin_client):
    response = add_promise(admin_client, promise_form(made=timezone.localdate().isoformat()))
    assert response.status_code == 302, errors_of(response)


@pytest.mark.parametrize(("made", "phrase", "due"), [
    ("2013-03-03", "by September 2013", "2013-09"),
    ("", "by September 2013", "2013-09"),  # a named date needs no date made
    ("2013-03", "до сентября 2013 года", "2013-09"),
    ("2013-03", "к сентябрю 2013 года", "2013-09"),
    ("2013-03", "к маю 2014", "2014-05"),
    ("2013", "no later than 1 March 2014", "2014-03-01"),
    ("2013", "by the end of March 2014", "2014-03"),
    ("2013", "until 2015", "2015"),
    ("2013-03", "within 18 months", "2014-09"),
    ("2013-03", "в течение трёх месяцев", "2013-06"),
])
def test_deadlines_named_as_dates_are_understood(made, phrase, due):
    assert derive_deadline(made, phrase).iso() == due


@pytest.mark.parametrize("phrase", ["within 99999 years", "by next summer", "soon"])
def test_phrases_without_a_readable_deadline_derive_none(phrase):
    assert derive_deadline("2013-03", phrase) is None


@pytest.mark.parametrize(("deadline", "phrase", "unparsed"), [
    ("", "soon, they said", "soon, they said"),
    ("", "within a year", ""),
    ("", "by September 2013", ""),
    ("2014", "soon, they said", ""),  # a stated deadline makes the phrase moot
    ("", "", ""),
])
def test_which_promises_have_a_deadline_phrase_not_understood(home, deadline, phrase, unparsed):
    promise = PromisePageFactory(made="2013-03", deadline=deadline, deadline_phrase=phrase)
    assert unparsed_deadline_phrase(promise) == unparsed


def test_a_deadline_phrase_not_understood_saves_with_a_warning(admin_client):
    response = add_promise(admin_client, promise_form(deadline_phrase="when funds allow"))
    assert response.status_code == 302, errors_of(response)
    warnings = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("“when funds allow” was not understood" in w for w in warnings)
    assert PromisePage.objects.get().deadline_due is None


def test_a_deadline_phrase_understood_saves_its_deadline_without_a_warning(admin_client):
    response = add_promise(admin_client, promise_form(
        made="2013-03-03", deadline_phrase="by September 2013"))
    assert response.status_code == 302, errors_of(response)
    assert not [m for m in get_messages(response.wsgi_request) if "not understood" in str(m)]
    assert PromisePage.objects.get().deadline_due == datetime.date(2013, 9, 30)
