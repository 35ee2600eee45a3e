"""The records the API publishes: which ones (only live, public ones, by core.visibility's rule),
fetched in a fixed number of queries whatever the page size, and turned into plain data."""

from functools import cache
from urllib.parse import urljoin

from django.conf import settings
from django.db.models import F, OuterRef, Prefetch, Subquery
from django.db.models.expressions import Window
from django.db.models.functions import Lag
from django.urls import reverse
from django.utils import translation

from actors.models import BodyPage, PersonPage, Role
from chronicle.models import Event
from core.partial_dates import parse_or_none
from core.visibility import default_locale, published, published_q
from places.models import CityPage, SettlementPage
from promises.deadlines import derive_deadline
from promises.models import PromisePage, PromiseSubject, StatusChange
from promises.status import is_overdue
from scrapers.models import NewsItem, NewsItemVersion
from sources.models import Source


@cache
def _address(view_name):
    """The absolute address of `view_name` for id 0, in the default language (no prefix)."""
    with translation.override(None):
        return urljoin(settings.SITE_URL, reverse(view_name, args=[0]))


def absolute(view_name, pk):
    """/record/<id>/, /sources/<id>/ or /news/<id>/ on settings.SITE_URL, without a reverse()
    per item (a page of 100 promises links several hundred records)."""
    return _address(view_name).removesuffix("0/") + f"{pk}/"


def permalink(pk):
    return absolute("permalink", pk)


def partial(value):
    """A stored partial date as the API gives it: never padded to a day it does not know."""
    when = parse_or_none(value)
    return {"date": when.iso(), "precision": when.precision} if when else None


def ref(page):
    return {"id": page.pk, "title": page.title, "url": permalink(page.pk)}


def names(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


# Promises and their status history --------------------------------------------------------

PROMISE_FIELDS = (
    "id", "title", "text", "quote", "quote_kind", "made", "occasion", "status", "deadline",
    "deadline_phrase", "deadline_due", "beneficiary_group", "election_id", "source_id",
    "restates_id", "first_published_at", "last_published_at",
)
# the published pages a promise links to, found from their side (their reverse relation is
# `promises`), so that the visibility rule is checked on the few rows found
PROMISE_LINKS = {
    "settlements": (SettlementPage, ("title", "city_id", "city__title")),
    "people": (PersonPage, ("title",)),
    "bodies": (BodyPage, ("title",)),
}


def promises():
    """Published promises, in id order (stable across pages). Filter them, then read them
    with promise_rows."""
    return published(PromisePage.objects.all()).order_by("pk")


def promise_rows(queryset):
    """The columns an item shows, as plain rows: a page of promises is read as data, not as
    Wagtail page objects (their construction, not the database, was most of a list's cost)."""
    return queryset.values(*PROMISE_FIELDS)


def _links(ids):
    """{promise id: {relation: [(id, title, ...)]}} for the published pages the promises
    link to, and their subjects: one query per relation for the whole page."""
    links = {pk: {name: [] for name in (*PROMISE_LINKS, "subjects")} for pk in ids}
    for name, (model, columns) in PROMISE_LINKS.items():
        rows = (published(model.objects.filter(promises__in=ids)).order_by("pk")
                .values_list("promises", "pk", *columns))
        for promise_id, *linked in rows:
            links[promise_id][name].append(linked)
    subjects = (PromiseSubject.objects.filter(content_object_id__in=ids).order_by("tag__slug")
                .values_list("content_object_id", "tag__slug"))
    for promise_id, slug in subjects:
        links[promise_id]["subjects"].append(slug)
    return links


def link(pk, title, *_rest):
    return {"id": pk, "title": title, "url": permalink(pk)}


def promise_items(rows):
    """A page of promise rows (promise_rows) as the API gives them."""
    rows = list(rows)
    links = _links([row["id"] for row in rows])
    return [_promise_item(row, links[row["id"]]) for row in rows]


def _deadline(row):
    """The stated deadline, else the one derived from the phrase (PromisePage's rule)."""
    if row["deadline"]:
        return parse_or_none(row["deadline"])
    if row["made"] and row["deadline_phrase"]:
        return derive_deadline(row["made"], row["deadline_phrase"])
    return None


def _promise_item(row, links):
    deadline = _deadline(row)
    cities = {city_id: (city_id, city_title) for _pk, _t, city_id, city_title
              in links["settlements"]}
    return {
        **{name: row[name] for name in PROMISE_FIELDS if name not in (
            "made", "deadline", "deadline_due", "restates_id")},
        "url": permalink(row["id"]), "made": partial(row["made"]),
        "overdue": is_overdue(row["status"], row["deadline_due"]),
        "deadline": {"date": deadline.iso(), "precision": deadline.precision} if deadline
        else None,
        "deadline_is_derived": bool(deadline) and not row["deadline"],
        "settlements": [link(*linked) for linked in links["settlements"]],
        "cities": [link(*city) for city in cities.values()],
        "people": [link(*linked) for linked in links["people"]],
        "bodies": [link(*linked) for linked in links["bodies"]],
        "subjects": links["subjects"],
    }


def status_changes():
    """Status changes of published promises, each with the status it replaced (the one before
    it in its promise's history, in the history's own order), oldest first."""
    history_order = [F("date").asc(), F("recorded_at").asc(), F("pk").asc()]
    return (
        default_locale(StatusChange.objects.filter(published_q("promise")))
        .annotate(from_status=Window(Lag("status"), partition_by=[F("promise_id")],
                                     order_by=history_order))
        .prefetch_related(Prefetch("sources", queryset=Source.objects.only("pk")))
        .order_by("promise_id", *history_order)
    )


def status_change_item(change):
    return {
        "id": change.pk, "promise_id": change.promise_id,
        "promise_url": permalink(change.promise_id), "date": partial(change.date),
        "from_status": change.from_status, "to_status": change.status,
        "rationale": change.rationale,
        "source_ids": sorted(source.pk for source in change.sources.all()),
        "is_correction": change.is_correction, "recorded_at": change.recorded_at,
    }


def promise_detail(row):
    """A promise (a promise_rows row) with its whole status history and its events."""
    item = promise_items([row])[0]
    item["status_changes"] = [status_change_item(change)
                              for change in status_changes().filter(promise_id=row["id"])]
    item["event_ids"] = list(PromisePage.events.through.objects.filter(promise_id=row["id"])
                             .order_by("event_id").values_list("event_id", flat=True))
    restates = promises().filter(pk=row["restates_id"]).values_list("pk", flat=True)
    item["restates_id"] = restates.first() if row["restates_id"] else None
    return item


# Places, people and bodies ---------------------------------------------------------------

def cities():
    return published(CityPage.objects.all()).select_related("country").order_by("pk")


def city_item(city):
    return {"id": city.pk, "url": permalink(city.pk), "title": city.title,
            "other_names": names(city.other_names), "country": city.country.code}


FACT_FIELDS = {
    "legal_statuses": ("legal_status", {"legal_status": "status"}),
    "sizes": ("size", {"people": "people", "families": "families", "homes": "homes"}),
    "services": ("service", {"service": "service", "level": "level"}),
}


def settlements():
    return (published(SettlementPage.objects.all()).select_related("city")
            .prefetch_related(*FACT_FIELDS).order_by("pk"))


def settlement_facts(settlement):
    """Legal status, size and service facts, each dated and sourced, oldest first."""
    facts = []
    for relation, (kind, fields) in FACT_FIELDS.items():
        for row in getattr(settlement, relation).all():
            facts.append({"kind": kind, "as_of": partial(row.as_of), "source_id": row.source_id,
                          "note": row.note,
                          **{name: getattr(row, column) for name, column in fields.items()}})
    return sorted(facts, key=lambda fact: fact["as_of"]["date"] if fact["as_of"] else "")


def _number(decimal):
    return float(decimal) if decimal is not None else None


def settlement_item(settlement):
    return {
        "id": settlement.pk, "url": permalink(settlement.pk), "title": settlement.title,
        "other_names": names(settlement.other_names), "city": ref(settlement.city),
        "founded": partial(settlement.founded), "founded_source_id": settlement.founded_source_id,
        "latitude": _number(settlement.latitude), "longitude": _number(settlement.longitude),
        "facts": settlement_facts(settlement),
    }


def people():
    roles = Role.objects.filter(published_q("body")).select_related("body")
    return (published(PersonPage.objects.all())
            .prefetch_related(Prefetch("roles", queryset=roles)).order_by("pk"))


def person_item(person):
    return {
        "id": person.pk, "url": permalink(person.pk), "title": person.title,
        "kind": person.kind, "other_names": names(person.other_names),
        "roles": [{"body": ref(role.body), "title": role.title, "start": partial(role.start),
                   "end": partial(role.end), "source_id": role.source_id}
                  for role in person.roles_over_time()],
    }


def bodies():
    return published(BodyPage.objects.all()).select_related("country").order_by("pk")


def body_item(body):
    return {"id": body.pk, "url": permalink(body.pk), "title": body.title, "kind": body.kind,
            "other_names": names(body.other_names), "city_id": body.city_id,
            "country": body.country.code if body.country else None}


# Sources, events and news items -----------------------------------------------------------

def sources():
    return default_locale(Source.objects.order_by("pk"))


def source_item(source):
    return {
        "id": source.pk, "url": absolute("source_detail", source.pk), "kind": source.kind,
        "title": source.title, "part_of_id": source.part_of_id, "section": source.section,
        "page": source.page, "publisher": source.publisher, "source_url": source.url,
        "published": partial(source.published), "retrieved": source.retrieved,
        "archived_sha256": source.content_hash or None,
    }


def events():
    """Events, with links only to the published pages among those they name."""
    only_ids = [
        Prefetch("settlements", queryset=published(SettlementPage.objects.only("pk"))),
        Prefetch("people", queryset=published(PersonPage.objects.only("pk"))),
        Prefetch("bodies", queryset=published(BodyPage.objects.only("pk"))),
        Prefetch("sources", queryset=Source.objects.only("pk")),
    ]
    return default_locale(Event.objects.prefetch_related(*only_ids)).order_by("pk")


def event_item(event):
    def ids(relation):
        return sorted(record.pk for record in getattr(event, relation).all())

    return {"id": event.pk, "kind": event.kind, "title": event.title,
            "date": partial(event.date), "summary": event.summary,
            "settlement_ids": ids("settlements"), "person_ids": ids("people"),
            "body_ids": ids("bodies"), "source_ids": ids("sources")}


def news_items():
    """The news items cited as evidence (an editor made a source of them): the others are
    suggestions only editors see."""
    latest = NewsItemVersion.objects.filter(item=OuterRef("pk")).order_by("-number")
    return (NewsItem.objects.filter(source__isnull=False).select_related("outlet")
            .annotate(archived_sha256=Subquery(latest.values("raw_sha256")[:1]))
            .defer("text").order_by("pk"))


def news_item(item):
    return {
        "id": item.pk, "url": absolute("news_item", item.pk), "title": item.title,
        "outlet": item.outlet.name, "source_url": item.url, "published_at": item.published_at,
        "language": item.language, "source_id": item.source_id,
        "archived_sha256": item.archived_sha256,
    }
