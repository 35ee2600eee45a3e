"""Whole numbers from query parameters (?page=2, ?year=2010, ?city=12), parsed one way.

`str.isdigit()` accepts digits `int()` refuses ("²", "①") and `int()` accepts what no reader
types (" 7", "+7", "1_000", "٣"): a parameter is a number here only when it is plain ASCII
digits, not too long, within the bounds the caller gives. Anything else is None, never an error.
"""

MAX_DIGITS = 12


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
