"""The API's query parameters: typed for the OpenAPI description, read by the site's rules.

Whole numbers go through core.params.parse_int, as every other parameter of the site does:
"٣", " 7" or "1_000" are refused here as on the promise list, with a 400 saying which
parameter is wrong, never silently read as something else.
"""

from typing import Annotated

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import BeforeValidator

from core.params import MAX_DIGITS, parse_int
from promises.status import Status

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
MAX_ID = 10**MAX_DIGITS - 1  # the largest id parse_int reads
MAX_PAGE = 100_000


def site_integer(minimum, maximum):
    """A pydantic validator reading a whole number the way core.params.parse_int does."""

    def read(raw):
        if isinstance(raw, int) and not isinstance(raw, bool):
            raw = str(raw)
        number = parse_int(raw, minimum=minimum, maximum=maximum)
        if number is None:
            raise ValueError(_("Give a whole number from %(minimum)s to %(maximum)s.")
                             % {"minimum": minimum, "maximum": maximum})
        return number

    return BeforeValidator(read)


def record_id(description):
    """An optional query parameter naming a record by its id (as in /record/<id>/)."""
    return Field(None, ge=1, le=MAX_ID, description=description)


# Optional parameters are typed without None (their default): the OpenAPI description then says
# "integer, 1 to N" rather than "integer or null", which a query string cannot carry.
RecordId = Annotated[int, site_integer(1, MAX_ID)]


class Paging(Schema):
    page: Annotated[int, site_integer(1, MAX_PAGE)] = Field(
        1, ge=1, le=MAX_PAGE, description="Page number, from 1.")
    page_size: Annotated[int, site_integer(1, MAX_PAGE_SIZE)] = Field(
        DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE,
        description=f"Items per page, at most {MAX_PAGE_SIZE}.")


class PromiseFilters(Schema):
    """The promise list's filters (/promises/), with the same meaning."""

    status: Status = Field(None, description="Current status.")
    overdue: bool = Field(False, description="Only overdue promises (deadline passed, neither "
                                             "kept nor broken).")
    city: RecordId = record_id("Promises to a settlement of this city.")
    settlement: RecordId = record_id("Promises to this settlement.")
    promisor: RecordId = record_id("Promises made by this person or body.")
    subject: str = Field(None, max_length=100, description="Subject slug, e.g. water.")
    year: Annotated[int, site_integer(1900, 2100)] = Field(
        None, ge=1900, le=2100, description="Year the promise was made.")
    election: RecordId = record_id("Promises made in the run-up to this election (an event id).")


class StatusChangeFilters(Schema):
    promise: RecordId = record_id("Only the status changes of this promise.")
