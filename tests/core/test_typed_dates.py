"""Dates as editors type them: one parser, the stored form as precise as what was typed."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from core.partial_dates import PartialDate, describe, parse_typed


@pytest.mark.parametrize(("typed", "stored"), [
    ("2013", "2013"),
    ("2013-03", "2013-03"),
    ("2013-03-03", "2013-03-03"),
    ("03.2013", "2013-03"),
    ("3.3.2013", "2013-03-03"),
    ("03-03-2013", "2013-03-03"),  # day first, as written in Kyrgyzstan and Kazakhstan
    ("2013/03", "2013-03"),
    ("3/2013", "2013-03"),
    ("2013-3", "2013-03"),
    ("March 2013", "2013-03"),
    ("  march   2013 ", "2013-03"),
    ("3 March 2013", "2013-03-03"),
    ("март 2013", "2013-03"),
    ("3 марта 2013 г.", "2013-03-03"),
    ("сентябрь 2013 года", "2013-09"),
    ("наурыз 2013", "2013-03"),  # Kazakh
    ("қыркүйек 2013", "2013-09"),
    ("кулжа 2013", "2013-06"),  # Kyrgyz, traditional names
    ("Жалган куран 2013", "2013-03"),
    ("баш оона 2013", "2013-08"),
    ("аяк оона 2013", "2013-09"),
    ("end of 2013", "2013"),  # no month or day is invented: 2013 runs to 31 December
    ("by the end of March 2013", "2013-03"),
    ("конец 2013", "2013"),
    ("в конце 2013 года", "2013"),
    ("2013 жылдың соңы", "2013"),
    ("2013-жылдын аягы", "2013"),
])
def test_dates_typed_as_people_write_them(typed, stored):
    assert parse_typed(typed).iso() == stored


@pytest.mark.parametrize(("typed", "reason"), [
    ("13", "four digits"),
    ("2013-13", "no month 13"),
    ("13.2013", "no month 13"),
    ("2013-02-30", "no day 30"),
    ("2013-03-00", "no day 0"),
    ("31.04.2013", "no day 31"),
    ("1.2.3.2013", "at most three numbers"),
    ("March", "not understood"),  # no year: this year is not assumed
    ("tomorrow", "not understood"),  # relative dates are no record's date
    ("2013-03-03-", "not understood"),
    ("x" * 61, "at most 60 characters"),
])
def test_what_is_no_date_is_refused_naming_the_accepted_shapes(typed, reason):
    with pytest.raises(ValidationError) as refused:
        parse_typed(typed)
    message = " ".join(refused.value.messages)
    assert reason in message
    assert "March 2013" in message and "2013-03-03" in message


@pytest.mark.parametrize(("stored", "said"), [
    ("2013", "2013, year precision"),
    ("2013-03", "March 2013, month precision"),
    ("2013-03-03", "3 March 2013, day precision"),
])
def test_it_says_what_it_understood(stored, said):
    with translation.override("en"):
        assert describe(PartialDate.parse(stored)) == said


def test_what_it_understood_is_said_in_the_editors_language():
    with translation.override("ru"):
        said = describe(parse_typed("March 2013"))
    assert "2013" in said and "March" not in said


TYPED = st.one_of(
    st.text(max_size=80),
    st.text(alphabet="0123456789./- ", max_size=14),
    st.builds(" ".join, st.lists(st.sampled_from([
        "march", "март", "наурыз", "кулжа", "end", "of", "конец", "года", "3", "03", "13",
        "2013", "0", "-", ".", "/", "by", "the", "2013-03", "١٢", "３",
    ]), max_size=5)),
)


@settings(max_examples=300, deadline=None)
@given(TYPED)
def test_the_parser_refuses_or_gives_a_date_it_reads_back(typed):
    try:
        date = parse_typed(typed)
    except ValidationError:
        return
    assert parse_typed(date.iso()) == date
    assert PartialDate.parse(date.iso()) == date
