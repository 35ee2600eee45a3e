"""What the API answers, described once: ninja builds the OpenAPI description from these."""

import datetime

from ninja import Field, Schema

from core.partial_dates import DAY, MONTH, YEAR
from promises.status import Status


class PartialDateOut(Schema):
    """A date exactly as precise as the sources give it: "2011", "2011-03" or "2011-03-15"."""

    date: str = Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", examples=["2011-03"])
    precision: str = Field(json_schema_extra={"enum": [YEAR, MONTH, DAY]}, examples=[MONTH])


class Ref(Schema):
    """A link to another record: its id and title, and its permalink."""

    id: int
    title: str
    url: str


class Error(Schema):
    error: str
    detail: list[dict] = []


class Page(Schema):
    count: int = Field(description="Items matching, on every page.")
    page: int
    page_size: int
    next: str | None
    previous: str | None


class PromiseOut(Schema):
    id: int
    url: str
    title: str
    text: str
    quote: str
    quote_kind: str
    made: PartialDateOut | None
    occasion: str
    status: Status
    overdue: bool
    deadline: PartialDateOut | None = Field(description="Stated, or derived from the phrase.")
    deadline_is_derived: bool
    deadline_phrase: str
    beneficiary_group: str
    settlements: list[Ref]
    cities: list[Ref]
    people: list[Ref]
    bodies: list[Ref]
    subjects: list[str]
    election_id: int | None
    source_id: int
    first_published_at: datetime.datetime | None
    last_published_at: datetime.datetime | None


class StatusChangeOut(Schema):
    id: int
    promise_id: int
    promise_url: str
    date: PartialDateOut
    from_status: Status | None = Field(description="The status before; null for the first.")
    to_status: Status
    rationale: str
    source_ids: list[int]
    is_correction: bool
    recorded_at: datetime.datetime


class PromiseDetailOut(PromiseOut):
    status_changes: list[StatusChangeOut] = Field(description="Every transition, oldest first.")
    event_ids: list[int]
    restates_id: int | None


class CityOut(Schema):
    id: int
    url: str
    title: str
    other_names: list[str]
    country: str


class SettlementFactOut(Schema):
    kind: str = Field(json_schema_extra={"enum": ["legal_status", "size", "service"]})
    as_of: PartialDateOut | None
    source_id: int
    note: str
    legal_status: str | None = None
    people: int | None = None
    families: int | None = None
    homes: int | None = None
    service: str | None = None
    level: str | None = None


class SettlementOut(Schema):
    id: int
    url: str
    title: str
    other_names: list[str]
    city: Ref
    founded: PartialDateOut | None
    founded_source_id: int | None
    latitude: float | None
    longitude: float | None
    facts: list[SettlementFactOut] = Field(description="Dated facts, oldest first.")


class RoleOut(Schema):
    body: Ref
    title: str
    start: PartialDateOut | None
    end: PartialDateOut | None
    source_id: int | None


class PersonOut(Schema):
    id: int
    url: str
    title: str
    kind: str
    other_names: list[str]
    roles: list[RoleOut] = Field(description="Offices held, earliest first.")


class BodyOut(Schema):
    id: int
    url: str
    title: str
    kind: str
    other_names: list[str]
    city_id: int | None
    country: str | None


class SourceOut(Schema):
    id: int
    url: str
    kind: str
    title: str
    part_of_id: int | None
    section: str
    page: int | None
    publisher: str
    source_url: str
    published: PartialDateOut | None
    retrieved: datetime.date | None
    archived_sha256: str | None = Field(description="SHA-256 of the archived copy, if any.")


class EventOut(Schema):
    id: int
    kind: str
    title: str
    date: PartialDateOut | None
    summary: str
    settlement_ids: list[int]
    person_ids: list[int]
    body_ids: list[int]
    source_ids: list[int]


class NewsItemOut(Schema):
    id: int
    url: str
    title: str
    outlet: str
    source_url: str
    published_at: datetime.datetime | None
    language: str
    source_id: int
    archived_sha256: str | None = Field(description="SHA-256 of the latest archived copy.")


def page_of(item_schema):
    """The schema of one page of `item_schema` items."""
    return type(f"{item_schema.__name__.removesuffix('Out')}Page", (Page,),
                {"__annotations__": {"results": list[item_schema]}})
