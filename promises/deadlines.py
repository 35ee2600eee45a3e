"""Turning relative phrases ("within a year", "by the end of 2012") into deadlines.

A derived deadline is counted from the last day the promise could have been made, and is
given to the same precision as the date it was made: a promise of "November 2010" to act
"within a year" is due by November 2011.
"""

import re

from dateutil.relativedelta import relativedelta

from core.partial_dates import PartialDate

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


def derive_deadline(made, phrase):
    """The deadline a relative phrase sets, as a PartialDate, or None if it sets none.

    >>> str(derive_deadline(PartialDate.parse("2010-11"), "within a year").iso())
    '2011-11'
    """
    made = PartialDate.parse(made)
    text = (phrase or "").strip().lower()
    if not text:
        return None
    if match := END_OF_YEAR.search(text):
        return PartialDate(int(match.group(1) or match.group(2)), 12, 31)
    if THIS_YEAR_END.search(text):
        return PartialDate(made.year, 12, 31)
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
    due = made.latest() + relativedelta(**{unit: amount})
    return PartialDate.from_date(due, made.precision)


def unparsed_deadline_phrase(promise):
    """The promise's deadline phrase when no deadline can be derived from it (and none is
    stated), else "": such a promise can never become overdue, so editors are told."""
    phrase = (promise.deadline_phrase or "").strip()
    if not phrase or promise.deadline:
        return ""
    try:
        derived = derive_deadline(promise.made, phrase) if promise.made else None
    except ValueError:  # a malformed "made on": its field reports it
        derived = None
    return "" if derived else phrase
