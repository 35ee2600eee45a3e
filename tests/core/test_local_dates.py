"""Dates as each language writes them, and timelines in true order (issue 11)."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from core.display import timeline
from core.partial_dates import PartialDate, sort_key
from promises.deadlines import as_stated, derive_deadline


def shown(language, value, on_timeline=False):
    with translation.override(language):
        return PartialDate.parse(value).display(on_timeline=on_timeline)


def rendered(language, template, **context):
    with translation.override(language):
        return Template("{% load i18n ubada_tags %}" + template).render(Context(context))


@pytest.mark.parametrize(("language", "month", "day"), [
    ("en", "November 2010", "31 December 2012"),
    ("ru", "ноябрь 2010 г.", "31 декабря 2012 г."),
    ("ky", "2010-ж., ноябрь", "2012-ж., 31-декабрь"),
    ("kk", "2010 жылғы қараша", "2012 жылғы 31 желтоқсан"),
])
def test_month_and_day_dates_in_each_language(language, month, day):
    assert shown(language, "2010-11") == month
    assert shown(language, "2012-12-31") == day
    assert shown(language, "2011") == "2011"


@pytest.mark.parametrize(("language", "year_end"), [
    ("en", "end of 2012"),
    ("ru", "конец 2012 года"),
    ("ky", "2012-жылдын аягы"),
    ("kk", "2012 жылдың соңы"),
])
def test_a_deadline_stated_as_the_years_end_says_so(language, year_end):
    stated = as_stated(PartialDate.parse("2012-12-31"), "by the end of 2012")
    derived = derive_deadline("2011", "by the end of 2012")
    with translation.override(language):
        assert stated.display() == derived.display() == year_end
    assert stated.iso() == "2012-12-31"  # <time datetime> and overdue keep the day


def test_only_a_phrase_naming_that_years_end_makes_a_year_end():
    day = PartialDate.parse("2012-12-31")
    with translation.override("en"):
        assert as_stated(day, "").display() == "31 December 2012"
        assert as_stated(day, "by the end of 2013").display() == "31 December 2012"
        assert as_stated(PartialDate.parse("2012-06-30"), "by the end of 2012").display() == (
            "30 June 2012")


@pytest.mark.parametrize(("language", "no_month"), [
    ("en", "2011, month not known"),
    ("ru", "2011, месяц неизвестен"),
    ("ky", "2011, айы белгисиз"),
    ("kk", "2011, айы белгісіз"),
])
def test_a_year_alone_on_a_timeline_says_the_month_is_not_known(language, no_month):
    assert shown(language, "2011", on_timeline=True) == no_month
    html = rendered(language, '{{ d|partial_time:"timeline" }}', d="2011")
    assert html == f'<time datetime="2011">{no_month}</time>'


def test_the_issues_examples_no_longer_happen():
    # «данные на Март 2005 г..»: wrong case, capitalised mid-sentence, doubled full stop
    as_of = '{% load ubada_tags %}{% include "includes/fact_source.html" %}'
    row = {"as_of": "2005-03", "note": "", "source": {"pk": 1, "title": "Study"}}
    with translation.override("ru"):
        text = Template(as_of).render(Context({"row": row}))
    assert "данные на март 2005 г.</span>" in text and "г.." not in text
    with translation.override("ky"):
        text = Template(as_of).render(Context({"row": row}))
    assert "2005-ж., март" in text and "ж.." not in text and "Март" not in text
    # «Жел. 31, 2012»: an American order in Kazakh
    assert shown("kk", "2012-12-31") == "2012 жылғы 31 желтоқсан"
    # English "Dec. 31, 2012" beside "September 2011": one style
    assert (shown("en", "2012-12-31"), shown("en", "2011-09")) == (
        "31 December 2012", "September 2011")


@pytest.mark.parametrize(("value", "ends"), [
    ("as of March 2005", "as of March 2005."),
    ("данные на март 2005 г.", "данные на март 2005 г."),
    ("Retracted on 3 декабря 2026 г..", "Retracted on 3 декабря 2026 г."),
    ("Wait...", "Wait..."),
    ("A note!", "A note!"),
])
def test_full_stop_ends_a_sentence_once(value, ends):
    assert rendered("en", "{{ v|full_stop }}", v=value) == ends


def test_full_stop_looks_inside_a_time_element_and_escapes():
    assert rendered("ru", "{{ d|partial_time|full_stop }}", d="2010-11") == (
        '<time datetime="2010-11">ноябрь 2010 г.</time>')
    assert rendered("en", "{{ d|partial_time|full_stop }}", d="2010-11") == (
        '<time datetime="2010-11">November 2010</time>.')
    assert rendered("en", "{{ v|full_stop }}", v="<b>") == "&lt;b&gt;."


@pytest.mark.parametrize("language", ["en", "ru", "ky", "kk"])
def test_day_dates_of_moments_use_the_same_style(language):
    moment = datetime.datetime(2012, 12, 31, 12, tzinfo=datetime.UTC)
    assert rendered(language, "{{ m|day_date }}", m=moment) == shown(language, "2012-12-31")


def test_a_less_precise_date_sorts_after_the_precise_ones_it_contains():
    dates = ["2011", "2011-05-12", "2012-01", "2011-02", "", "2010-12-31", "2011-12-31",
             "2011-12"]
    assert sorted(dates, key=sort_key) == [
        "2010-12-31", "2011-02", "2011-05-12", "2011-12-31", "2011-12", "2011", "2012-01", ""]


def test_timelines_list_a_year_after_its_months():
    class Dated:
        def __init__(self, date):
            self.date = date

    events = [Dated("2011"), Dated("2011-02"), Dated("2011-05-12"), Dated("2010")]
    assert [entry.date for entry in timeline(events=events)] == [
        "2010", "2011-02", "2011-05-12", "2011"]
