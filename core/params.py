"""Whole numbers from query parameters (?page=2, ?year=2010, ?city=12), parsed one way.

`str.isdigit()` accepts digits `int()` refuses ("²", "①") and `int()` accepts what no reader
types (" 7", "+7", "1_000", "٣"): a parameter is a number here only when it is plain ASCII
digits, not too long, within the bounds the caller gives. Anything else is None, never an error.
Forms read their numbers through the same rule with the fields below.
"""

from django import forms
from django.core.exceptions import ValidationError

MAX_DIGITS = 12  # well inside every database's integer range


def parse_int(raw, minimum=None, maximum=None):
    """The integer `raw` spells in ASCII digits within [minimum, maximum], else None."""
    text = str(raw).strip() if raw is not None else ""
    if not text or len(text) > MAX_DIGITS or not (text.isascii() and text.isdigit()):
        return None
    value = int(text)
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        return None
    return value


def clamp_page(number, last_page):
    """A page number moved into 1..last_page (the nearest page that exists)."""
    return min(max(number, 1), max(last_page, 1))


class ParsedIntegerField(forms.IntegerField):
    """An IntegerField that reads its value with parse_int: "٢٠١٠" or "²" is invalid here,
    as it is in every other parameter of the site."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        number = parse_int(value, self.min_value, self.max_value)
        if number is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return number


class RecordIdConverter:
    """`<record_id:pk>` in a URL: a record's id in plain ASCII digits, at most MAX_DIGITS of
    them, so an address with a number no database can hold is a 404, never an overflow."""

    regex = f"[0-9]{{1,{MAX_DIGITS}}}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)
