"""The rows of the promise and status-change tables, read in chunks.

An export of 100,000 promises and 1,000,000 status changes must not hold them all in memory,
and building a model instance per row costs more than writing it. So promises are read by key
(`pk > last`, CHUNK_SIZE at a time, as plain values), and everything a chunk's rows name
(promisors, settlements, subjects, the sources of their status changes) is read for that chunk
alone, a fixed number of queries per chunk. Only what core.visibility publishes is read: the
caller passes published promises, and every related page goes through `published_q`.
"""

import datetime
from collections import defaultdict
from functools import lru_cache
from itertools import groupby
from operator import itemgetter

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from core.partial_dates import PartialDate
from core.visibility import published_q
from promises.deadlines import derive_deadline
from promises.models import PromisePage, PromiseSubject, StatusChange
from promises.status import is_overdue
from sources.models import Source

from .columns import LIST_SEPARATOR

NO_SOURCES = ("", "")
CHUNK_SIZE = 1000  # promises per chunk: ~10,000 status changes, under SQLite's variable limit

PROMISE_FIELDS = (
    "pk", "title", "text", "status", "made", "occasion", "deadline", "deadline_phrase",
    "deadline_due", "beneficiary_group", "election_id", "election__title", "election__date",
    "source_id", "first_published_at",
)
CHANGE_FIELDS = ("pk", "promise_id", "date", "status", "rationale", "is_correction",
                 "recorded_at")


def promise_chunks(promises, fields=("pk",)):
    """Lists of up to CHUNK_SIZE value rows of `promises`, by ascending id (keyset paging: each
    chunk is one query, however far into the table it is)."""
    last = 0
    while True:
        rows = list(promises.filter(pk__gt=last).order_by("pk").values_list(*fields)[:CHUNK_SIZE])
        if not rows:
            return
        yield rows
        last = rows[-1][0]


@lru_cache(maxsize=4096)
def parse_date(value):
    """A stored partial date ("2011-10") parsed once per distinct value, or None when blank."""
    return PartialDate.parse(value) if value else None


@lru_cache(maxsize=4096)
def date_and_precision(value):
    """("2011-10", "month") for a stored partial date, ("", "") for a blank one."""
    date = parse_date(value)
    return (date.iso(), date.precision) if date else ("", "")


@lru_cache(maxsize=4096)
def earliest_day(value):
    date = parse_date(value)
    return date.earliest() if date else datetime.date.min


def utc(moment):
    """ISO 8601 in UTC (the database hands aware datetimes back in UTC already)."""
    return moment.astimezone(datetime.UTC).isoformat() if moment else ""


def permalink_format():
    """"https://ubada.kg/record/{}/": built once per export, in the site's default language."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("permalink", args=[0])
    return settings.SITE_URL + path.replace("/0/", "/{}/")


def flag(value):
    """A boolean as Table Schema's default true/false values."""
    return "true" if value else "false"


def joined(items):
    return LIST_SEPARATOR.join(str(item) for item in items)


def names_by_promise(through, relation, ids, *fields):
    """{promise id: [(related id, field values...)]} for the published pages `relation` (a
    field of the many-to-many table `through`) names from these promises."""
    related = defaultdict(list)
    rows = (through.objects.filter(promise_id__in=ids).filter(published_q(relation))
            .order_by("promise_id", f"{relation}__title")
            .values_list("promise_id", f"{relation}_id", *fields))
    for promise_id, *values in rows:
        related[promise_id].append(values)
    return related


def promise_relations(ids):
    """Everything the rows of these promises name, read in four queries."""
    subjects = defaultdict(list)
    for promise_id, name in (PromiseSubject.objects.filter(content_object_id__in=ids)
                             .order_by("tag__name").values_list("content_object_id", "tag__name")):
        subjects[promise_id].append(name)
    return {
        "people": names_by_promise(PromisePage.people.through, "person", ids, "person__title"),
        "bodies": names_by_promise(PromisePage.bodies.through, "body", ids, "body__title"),
        "settlements": names_by_promise(
            PromisePage.settlements.through, "settlement", ids, "settlement__title",
            "settlement__city_id", "settlement__city__title"),
        "subjects": subjects,
    }


def deadline_of(deadline, made, phrase):
    """The effective deadline (PromisePage.effective_deadline) from stored values."""
    if deadline:
        return parse_date(deadline)
    made_date = parse_date(made)
    return derive_deadline(made_date, phrase) if made_date and phrase else None


def promise_rows(promises):
    """One list per promise, in PROMISE_COLUMNS' order, by ascending id."""
    link = permalink_format()
    for chunk in promise_chunks(promises, PROMISE_FIELDS):
        relations = promise_relations([row[0] for row in chunk])
        for row in chunk:
            yield promise_row(row, relations, link)


def promise_row(row, relations, link):
    (pk, title, text, status, made, occasion, deadline, phrase, due, beneficiary_group,
     election_id, election_title, election_date, source_id, first_published_at) = row
    effective = deadline_of(deadline, made, phrase)
    people, bodies = relations["people"][pk], relations["bodies"][pk]
    settlements = relations["settlements"][pk]
    cities = list(dict.fromkeys((city_id, city) for _id, _title, city_id, city in settlements))
    return [
        pk, link.format(pk), title, text, status, flag(is_overdue(status, due)),
        *date_and_precision(made), occasion,
        effective.iso() if effective else "", effective.precision if effective else "",
        flag(deadline) if effective else "", phrase, due.isoformat() if due else "",
        joined(name for _id, name in people), joined(pk for pk, _name in people),
        joined(name for _id, name in bodies), joined(pk for pk, _name in bodies),
        joined(row[1] for row in settlements), joined(row[0] for row in settlements),
        joined(name for _id, name in cities), joined(pk for pk, _name in cities),
        beneficiary_group, joined(relations["subjects"][pk]),
        election_title or "", election_id or "", *date_and_precision(election_date),
        source_id, utc(first_published_at),
    ]


def change_sort_key(row):
    """StatusChange.sort_key for a value row: earliest day, then recorded, then id."""
    return (earliest_day(row[2]), row[6], row[0])


class SourceAddresses(dict):
    """{source id: its address}, learnt chunk by chunk for the sources cited: the original's
    address, else the address of the document a passage is from, else its page on Ubada."""

    def __init__(self):
        super().__init__()
        self.source_page = permalink_format().replace("/record/{}/", "/sources/{}/")

    def learn(self, changes):
        """Read the sources these changes cite that are not known yet (CHUNK_SIZE a query)."""
        cited = {pk for row in changes for pk in row[-1] if pk is not None}
        missing = sorted(cited - self.keys())
        for start in range(0, len(missing), CHUNK_SIZE):
            sources = Source.objects.filter(pk__in=missing[start:start + CHUNK_SIZE])
            for pk, url, document_url in sources.values_list("pk", "url", "part_of__url"):
                self[pk] = url or document_url or self.source_page.format(pk)


def with_their_sources(rows):
    """Rows of the changes joined with their sources (one row per source cited, ordered by
    change) merged into one row per change, ending with the tuple of the sources' ids. Tuples
    only: a list per row would cost a million containers for the garbage collector to scan."""
    merged = None
    for row in rows:
        if merged is not None and row[0] == merged[0]:
            merged = (*merged[:-1], (*merged[-1], row[-1]))
            continue
        if merged is not None:
            yield merged
        merged = (*row[:-1], (row[-1],))
    if merged is not None:
        yield merged


def source_columns(source_ids, addresses):
    """("id; id", "address; address") for the sources a change cites."""
    if source_ids == (None,):
        return NO_SOURCES
    if len(source_ids) == 1:
        return str(source_ids[0]), addresses[source_ids[0]]
    return joined(source_ids), joined(addresses[pk] for pk in source_ids)


def status_change_rows(promises):
    """One row per status change of these promises, in STATUS_CHANGE_COLUMNS' order: by
    promise id, then in the order of the promise's history (`from_status` is the entry before).
    One query per chunk reads the changes with the sources they cite, and one more the
    addresses of the sources not met before."""
    addresses = SourceAddresses()
    for chunk in promise_chunks(promises):
        changes = list(with_their_sources(
            StatusChange.objects.filter(promise_id__in=[pk for (pk,) in chunk])
            .order_by("promise_id", "date", "recorded_at", "pk", "sources__id")
            .values_list(*CHANGE_FIELDS, "sources__id")))
        addresses.learn(changes)
        for _promise, history in groupby(changes, key=itemgetter(1)):
            previous = ""
            for pk, promise_id, date, status, rationale, correction, recorded_at, sources in (
                    sorted(history, key=change_sort_key)):
                yield (pk, promise_id, *date_and_precision(date), previous, status, rationale,
                       *source_columns(sources, addresses), "true" if correction else "false",
                       recorded_at.isoformat())
                previous = status
