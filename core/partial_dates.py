"""Dates known only to the year or month ("November 2010"), stored as ISO prefixes.

A partial date is kept as a string "YYYY", "YYYY-MM" or "YYYY-MM-DD": it sorts correctly as
text, filters by year with a prefix match, and survives Wagtail's revision serialisation as is.
`PartialDate` turns it into something that can be compared and displayed.
"""

import calendar
import datetime
import re
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _

PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

YEAR, MONTH, DAY = "year", "month", "day"

# How much an editor may type into a date input ("the end of December 2013", "наурыз 2013"):
# generous for words, bounded so a pasted page is refused rather than parsed.
TYPED_MAX_LENGTH = 60


@dataclass(frozen=True, order=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

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

    def display(self):
        """As precise as known, in the active language: "2010", "November 2010", "15 Nov 2010"."""
        if self.precision == YEAR:
            return str(self.year)
        if self.precision == MONTH:
            return formats.date_format(self.earliest(), "YEAR_MONTH_FORMAT")
        return formats.date_format(self.earliest(), "DATE_FORMAT")

    def __str__(self):
        return self.display()


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


class PartialDateFormField(forms.CharField):
    """The form side of a PartialDateField: takes what the editor typed, gives the stored form.

    Its own parse runs before the model sees the value, so a date that does not parse never
    reaches a model's `clean()`: the field reports it and the instance keeps its old value.
    """

    def __init__(self, **kwargs):
        kwargs["max_length"] = TYPED_MAX_LENGTH  # the typed text, not the stored form
        super().__init__(**kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return text
        if len(text) > TYPED_MAX_LENGTH:
            raise ValidationError(
                _("A date is at most %(limit)d characters long."),
                params={"limit": TYPED_MAX_LENGTH}, code="max_length",
            )
        validate_partial_date(text)
        return PartialDate.parse(text).iso()


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
