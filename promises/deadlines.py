"""Turning deadline phrases ("within a year", "by the end of 2012", "by September 2013") into
deadlines.

A relative deadline is counted from the last day the promise could have been made, and is
given to the same precision as the date it was made: a promise of "November 2010" to act
"within a year" is due by November 2011. A named date ("by September 2013", "до сентября 2013")
is read by the admin's date parser and due at its own precision.
"""

import dataclasses
import re

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError

from core.partial_dates import PartialDate, parse_typed, valid_or_none

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "eighteen": 18,
    "одного": 1, "один": 1, "одну": 1, "двух": 2, "два": 2, "две": 2, "трёх": 3, "трех": 3,
    "три": 3, "пяти": 5, "шести": 6, "десяти": 10,
}
UNITS = {
    "day": "days", "days": "days", "дня": "days", "дней": "days", "день": "days",
    "суток": "days",
    "week": "weeks", "weeks": "weeks", "недели": "weeks", "недель": "weeks", "неделю": "weeks",
    "month": "months", "months": "months", "месяца": "months", "месяцев": "months",
    "месяц": "months",
    "year": "years", "years": "years", "года": "years", "лет": "years", "год": "years",
}
# Bare plurals ("within days", "в течение месяцев") name no amount: no deadline follows.
VAGUE_PLURALS = {"days", "weeks", "months", "years", "дней", "недель", "месяцев", "лет"}
WITHIN = re.compile(
    r"\b(?:within|in|в течение|за)\s+(?:the\s+next\s+)?(?:(\d+|[a-zа-яё]+)\s+)?([a-zа-яё]+)",
    re.IGNORECASE,
)
END_OF_YEAR = re.compile(r"\b(?:by\s+)?(?:the\s+)?end\s+of\s+(\d{4})\b|\bконц[уа]\s+(\d{4})")
THIS_YEAR_END = re.compile(
    r"\b(?:by\s+)?(?:the\s+)?(?:year[- ]end|end\s+of\s+the\s+year)\b|\bконцу\s+года"
)
# Russian "к сентябрю 2013" names the month in the dative, which no date parser reads.
DATIVE_MONTHS = {
    "январю": "январь", "февралю": "февраль", "марту": "март", "апрелю": "апрель", "маю": "май",
    "июню": "июнь", "июлю": "июль", "августу": "август", "сентябрю": "сентябрь",
    "октябрю": "октябрь", "ноябрю": "ноябрь", "декабрю": "декабрь",
}
DATIVE_MONTH = re.compile(r"(?<!\w)(" + "|".join(DATIVE_MONTHS) + r")(?!\w)")
# "by September 2013", "until 2014", "до сентября 2013 года", "не позднее 1 марта 2014".
BY_DATE = re.compile(
    r"^(?:by|until|no\s+later\s+than|not\s+later\s+than|до|к|не\s+позднее|не\s+позже)"
    r"\s+(.+)$"
)


def derive_deadline(made, phrase):
    """The deadline a phrase sets, as a PartialDate, or None if it sets none.

    `made` (a stored partial date, or blank) is needed only for relative phrases.

    >>> str(derive_deadline(PartialDate.parse("2010-11"), "within a year").iso())
    '2011-11'
    >>> derive_deadline("", "by September 2013").iso()
    '2013-09'
    """
    text = " ".join((phrase or "").lower().split())
    if not text:
        return None
    if match := END_OF_YEAR.search(text):
        return PartialDate(int(match.group(1) or match.group(2)), 12, 31, year_end=True)
    if named := _named_date(text):
        return named
    made = valid_or_none(made)
    if made is None:
        return None
    if THIS_YEAR_END.search(text):
        return PartialDate(made.year, 12, 31, year_end=True)
    return _within(made, text)


def as_stated(deadline, phrase):
    """A stated deadline shown as its phrase gives it: 31 December 2012 (or 2012) recorded for
    "by the end of 2012" reads "end of 2012", not a day nobody named.

    >>> as_stated(PartialDate.parse("2012-12-31"), "by the end of 2012").display()
    'end of 2012'
    """
    text = " ".join((phrase or "").lower().split())
    ends_year = deadline.latest() == PartialDate(deadline.year, 12, 31).earliest()
    if not ends_year or not text:
        return deadline
    match = END_OF_YEAR.search(text)
    if (match and int(match.group(1) or match.group(2)) == deadline.year) or (
            not match and THIS_YEAR_END.search(text)):
        return dataclasses.replace(deadline, year_end=True)
    return deadline


def _named_date(text):
    """The date a "by <date>" phrase names ("by September 2013"), or None."""
    match = BY_DATE.match(text)
    if not match:
        return None
    named = DATIVE_MONTH.sub(lambda month: DATIVE_MONTHS[month.group(1)], match.group(1))
    try:
        return parse_typed(named)
    except ValidationError:
        return None


def _within(made, text):
    """The deadline "within two years" (from the promise's date) sets, or None."""
    match = WITHIN.search(text)
    if not match:
        return None
    amount_word, unit_word = match.group(1), match.group(2)
    unit = UNITS.get(unit_word)
    if unit is None:
        return None
    if amount_word is None:
        if unit_word in VAGUE_PLURALS:
            return None
        amount = 1
    elif amount_word.isdigit():
        amount = int(amount_word)
    elif amount_word in NUMBER_WORDS:
        amount = NUMBER_WORDS[amount_word]
    else:
        return None  # "within days": no deadline can be derived
    try:
        due = made.latest() + relativedelta(**{unit: amount})
    except (ValueError, OverflowError):  # "within 99999 years": past the calendar's end
        return None
    return PartialDate.from_date(due, made.precision)


def unparsed_deadline_phrase(promise):
    """The promise's deadline phrase when no deadline can be read from it, else "".

    Such a promise has no deadline, so it can never show as overdue: the admin warns on save
    and the "needs attention" report lists it. A stated deadline makes the phrase moot.
    """
    phrase = (promise.deadline_phrase or "").strip()
    if not phrase or promise.deadline:
        return ""
    return "" if derive_deadline(promise.made, phrase) else phrase
