"""Dates known only to the year or month ("November 2010"), stored as ISO prefixes.

A partial date is kept as a string "YYYY", "YYYY-MM" or "YYYY-MM-DD": it sorts correctly as
text, filters by year with a prefix match, and survives Wagtail's revision serialisation as is.
`PartialDate` turns it into something that can be compared and displayed.
"""

import calendar
import datetime
import functools
import re
from dataclasses import dataclass, field

from dateparser.date import DateDataParser
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import formats
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

PATTERN = re.compile(r"^([1-9][0-9]{3})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")

YEAR, MONTH, DAY = "year", "month", "day"

# How much an editor may type into a date input ("the end of December 2013", "наурыз 2013"):
# generous for words, bounded so a pasted page is refused rather than parsed.
TYPED_MAX_LENGTH = 60


# Precisions from the finest: a date sorts before a coarser one ending the same day.
PRECISION_RANK = {DAY: 0, MONTH: 1, YEAR: 2}


@dataclass(frozen=True, order=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None
    # A deadline stated as "by the end of 2012": stored as its last day, shown as "end of 2012".
    year_end: bool = field(default=False, compare=False)

    @classmethod
    def parse(cls, value):
        """Parse "2010", "2010-11" or "2010-11-15"; raise ValueError otherwise."""
        if isinstance(value, PartialDate):
            return value
        match = PATTERN.match((value or "").strip())
        if not match:
            raise ValueError(f"{value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(part) if part else None for part in match.groups())
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"{value!r} has no month {month}")
        if day is not None:
            datetime.date(year, month, day)  # raises ValueError for 2011-02-30
        return cls(year, month, day)

    @classmethod
    def from_date(cls, date, precision=DAY):
        if precision == YEAR:
            return cls(date.year)
        if precision == MONTH:
            return cls(date.year, date.month)
        return cls(date.year, date.month, date.day)

    @property
    def precision(self):
        if self.day is not None:
            return DAY
        return MONTH if self.month is not None else YEAR

    def earliest(self):
        """The first day the date could mean."""
        return datetime.date(self.year, self.month or 1, self.day or 1)

    def latest(self):
        """The last day the date could mean: a deadline of "2012" runs to 31 December 2012."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return datetime.date(self.year, month, day)

    def iso(self):
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
        if self.day is not None:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def display(self, on_timeline=False):
        """As precise as known, in the active language: "2010", "November 2010",
        "15 November 2010", "end of 2012"; with `on_timeline`, a year alone says the month is
        not known, since it is listed among dated entries after those it may precede."""
        return format_partial_date(self, on_timeline=on_timeline)

    def sort_key(self):
        """Oldest first, a less precise date after the more precise ones it contains: by the
        last day it could mean, then finest first ("12 May 2011", "May 2011", "2011")."""
        return (self.latest(), PRECISION_RANK[self.precision])

    def __str__(self):
        return self.display()


def format_partial_date(date, on_timeline=False):
    """The one place dates known to the day, month or year are written for readers.

    Shapes come from the language's format module (ubada/formats/): one style per language for
    day dates, the month in its nominative stand-alone form; ru, ky and kk write month names in
    lower case, so a date is never capitalised mid-sentence.
    """
    if date.year_end:
        return gettext("end of %(year)s") % {"year": date.year}
    if date.precision == YEAR:
        if on_timeline:
            return gettext("%(year)s, month not known") % {"year": date.year}
        return str(date.year)
    shape = "YEAR_MONTH_FORMAT" if date.precision == MONTH else "DATE_FORMAT"
    text = formats.date_format(date.earliest(), shape)
    return text.lower() if formats.get_format("MONTH_NAMES_LOWERCASE") is True else text


def sort_key(value):
    """Sort key for a stored partial date (or PartialDate): PartialDate.sort_key, undated or
    malformed last. Every timeline and dated list orders by it."""
    try:
        parsed = parse_or_none(value)
    except ValueError:
        parsed = None
    return (0, *parsed.sort_key()) if parsed else (1, datetime.date.max, 0)


def validate_partial_date(value):
    try:
        PartialDate.parse(value)
    except ValueError as error:
        raise ValidationError(
            _("Enter a date as YYYY, YYYY-MM or YYYY-MM-DD (for example 2010, 2010-11 or "
              "2010-11-15): %(error)s"),
            params={"error": error},
            code="invalid_partial_date",
        ) from error


class PartialDateInput(forms.TextInput):
    """A text input followed by what the date typed into it was understood as.

    The server fills it in when the form is shown again (after a save, a preview or an error);
    the admin's partial-dates.js refreshes it while the editor types, asking the same parser.
    """

    def render(self, name, value, attrs=None, renderer=None):
        attrs = dict(attrs or {})
        said_id = f"{attrs.get('id') or name}-understood"
        attrs.update({
            "data-partial-date-url": reverse("partial_date_understood"),
            "aria-describedby": " ".join(filter(None, [attrs.get("aria-describedby"), said_id])),
        })
        return format_html(
            '{}<p class="help partial-date-understood" id="{}" aria-live="polite" '
            'data-partial-date-hint="{}">{}</p>',
            super().render(name, value, attrs, renderer), said_id, TYPING_HINT,
            understood(value) or TYPING_HINT,
        )


class PartialDateFormField(forms.CharField):
    """The form side of a PartialDateField: takes what the editor typed, gives the stored form.

    Its own parse runs before the model sees the value, so a date that does not parse never
    reaches a model's `clean()`: the field reports it and the instance keeps its old value.
    """

    widget = PartialDateInput

    def __init__(self, **kwargs):
        kwargs.pop("max_length", None)  # the stored form's; parse_typed bounds the typed text
        super().__init__(**kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        return parse_typed(text).iso() if text else text


class PartialDateField(models.CharField):
    """A date known to the year, month or day, stored as "YYYY[-MM[-DD]]"."""

    default_validators = [validate_partial_date]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault(
            "help_text", _("YYYY, YYYY-MM or YYYY-MM-DD: only as precise as the source.")
        )
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("max_length", None)
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PartialDateFormField, **kwargs})


def parse_or_none(value):
    """A PartialDate for a stored string, or None for a blank one."""
    return PartialDate.parse(value) if value else None


def valid_or_none(value):
    """A PartialDate for a stored string, or None for a blank or malformed one.

    For model `clean()` methods, which run even when the field's own validation failed: the
    field reports the malformed value, the cross-field check skips it.
    """
    try:
        return parse_or_none(value)
    except ValueError:
        return None


# Dates as editors type them ------------------------------------------------------------------
# Digits are read here, by fixed rules (day before month, as written in Kyrgyzstan, Kazakhstan
# and Russia); words ("March 2013", "март 2013", "наурыз 2013") by dateparser, limited to the
# site's languages. Neither invents a day or a month the editor did not type.

ACCEPTED_SHAPES = _(
    "Enter a date as 2013, 2013-03, 2013-03-03, 03.2013, 3.3.2013, 2013/03, March 2013, "
    "март 2013, наурыз 2013 or “end of 2013”."
)
TYPING_HINT = _("Type it as the source gives it: 2013, March 2013, 3.3.2013, end of 2013…")
LANGUAGES = ["en", "ru", "ky", "kk"]
NUMERIC = re.compile(r"[0-9]+(?:\s*[./-]\s*[0-9]+)*", re.ASCII)
SEPARATOR = re.compile(r"\s*[./-]\s*")
# "end of 2013", "by the end of March 2013", "конец 2013", "в конце 2013 года": a date only as
# precise as the rest says (the end of a year is that year: its last day is the deadline's).
END_OF = re.compile(
    r"^(?:(?:by|at|until)\s+)?(?:the\s+)?end\s+of\s+(?:the\s+year\s+)?"
    r"|^(?:(?:к|в|до|на)\s+)?кон(?:ец|ц[еау])\s+(?:года\s+)?",
)
# Kazakh "2013 жылдың соңы" and Kyrgyz "2013-жылдын аягы": the end of a year, said after it.
END_SUFFIX = re.compile(r"(?<=[0-9])\s*(?:-?\s*жыл(?:дың|дын))?\s+(?:соңы|аягы)(?:нда)?$")
YEAR_WORD = re.compile(r"(?<=[0-9])\s*(?:-?\s*(?:года|год|г\.?|жылы|жылдын|жылдың|ж\.?)|\s+year)$")
# Traditional Kyrgyz month names, which dateparser does not know; the Russian-derived ones
# (январь, февраль, ...) it knows as Kyrgyz and Russian. Longest first: "баш оона" before "оона".
KYRGYZ_MONTHS = {
    "үчтүн айы": "january", "бирдин айы": "february", "жалган куран": "march",
    "чын куран": "april", "бугу": "may", "кулжа": "june", "теке": "july",
    "баш оона": "august", "аяк оона": "september", "тогуздун айы": "october",
    "жетинин айы": "november", "бештин айы": "december",
}
KYRGYZ_MONTH = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, KYRGYZ_MONTHS)) + r")(?!\w)")
PRECISION_OF_PERIOD = {"year": YEAR, "month": MONTH}  # dateparser's word; else to the day


@functools.cache
def _word_parser():
    """dateparser for our languages: absolute dates only ("tomorrow" is no date for a record),
    and a year required, so "March" alone is refused rather than given this year."""
    return DateDataParser(languages=LANGUAGES, settings={
        "PARSERS": ["absolute-time"],
        "REQUIRE_PARTS": ["year"],
        "PREFER_DAY_OF_MONTH": "first",
        "DATE_ORDER": "DMY",
    })


def _refused(message, **params):
    return ValidationError(
        "%(problem)s %(shapes)s",
        params={"problem": message % params if params else message, "shapes": ACCEPTED_SHAPES},
        code="invalid_partial_date",
    )


def _checked(year, month=None, day=None):
    """A PartialDate from numbers, or a message naming the part that cannot be."""
    if not 1000 <= year <= 9999:
        raise _refused(_("Write the year with four digits."))
    if month is not None and not 1 <= month <= 12:
        raise _refused(_("There is no month %(month)s."), month=month)
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise _refused(_("%(month)s has no day %(day)s."),
                       month=PartialDate(year, month).display(), day=day)
    return PartialDate(year, month, day)


def _from_digits(text):
    """"2013", "2013-03", "2013/3/3", "03.2013", "3.3.2013", "03-03-2013": the year first or
    last, a day only when three numbers are given."""
    parts = SEPARATOR.split(text)
    if len(parts) > 3:
        raise _refused(_("A date has at most three numbers."))
    if len(parts[0]) == 4:
        numbers = [int(part) for part in parts]
    elif len(parts[-1]) == 4:
        numbers = [int(part) for part in reversed(parts)]
    else:
        raise _refused(_("Write the year with four digits."))
    return _checked(*numbers)


def _from_words(text):
    """"March 2013", "3 марта 2013", "наурыз 2013", "кулжа 2013", or None if not understood."""
    text = KYRGYZ_MONTH.sub(lambda match: KYRGYZ_MONTHS[match.group(1)], text)
    try:
        found = _word_parser().get_date_data(text)
    except Exception:  # a third-party parser: whatever it trips on is a date not understood
        return None
    if found.date_obj is None:
        return None
    when = found.date_obj.date()
    return PartialDate.from_date(when, PRECISION_OF_PERIOD.get(found.period, DAY))


def parse_typed(value):
    """The PartialDate an editor meant by what they typed; ValidationError if it is no date.

    >>> parse_typed("March 2013").iso(), parse_typed("3.3.2013").iso()
    ('2013-03', '2013-03-03')
    """
    text = " ".join(str(value or "").split()).lower().strip(" ,;")
    if not text:
        raise _refused(_("The date is empty."))
    if len(text) > TYPED_MAX_LENGTH:
        raise _refused(_("A date is at most %(limit)d characters long."), limit=TYPED_MAX_LENGTH)
    text = YEAR_WORD.sub("", END_SUFFIX.sub("", END_OF.sub("", text))).strip()
    if NUMERIC.fullmatch(text):
        return _from_digits(text)
    understood = _from_words(text) if re.search(r"[^\W\d_]", text) else None
    if understood is None or not 1000 <= understood.year <= 9999:
        raise _refused(_("“%(value)s” was not understood as a date."), value=value)
    return understood


PRECISION_LABELS = {
    YEAR: _("year precision"), MONTH: _("month precision"), DAY: _("day precision"),
}


def describe(date):
    """What a partial date says, for the editor who typed it: "March 2013, month precision"."""
    return _("%(date)s, %(precision)s") % {
        "date": date.display(), "precision": PRECISION_LABELS[date.precision],
    }


def understood(value):
    """describe() of what was typed, or "" when it is blank or no date."""
    try:
        return describe(parse_typed(value)) if str(value or "").strip() else ""
    except ValidationError:
        return ""
