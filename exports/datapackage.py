"""The whole public record as a Frictionless Data Package: `datapackage.json` and one CSV per
table, with a Table Schema for each and the foreign keys between them, zipped and stored in the
default storage (MEDIA) for /data/ubada-datapackage.zip.

Built by `manage.py build_datapackage` and by the `build_datapackage` task (exports.tasks), on
a schedule. Only what core.visibility publishes goes in: pages through `published`, the links
between them only when both ends are published.
"""

import json
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actors.models import BodyPage, PersonPage, Role
from chronicle.models import Event
from core.visibility import default_locale, published, published_q
from places.models import CityPage, SettlementPage
from promises.models import PromisePage, StatusChange
from sources.models import Source

from .columns import PROMISE_COLUMNS, STATUS_CHANGE_COLUMNS, Column, partial_date
from .csv_stream import csv_pieces
from .rows import date_and_precision, permalink_format, promise_rows, status_change_rows

ARCHIVE_NAME = "data/ubada-datapackage.zip"
LICENCE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 International",
           "path": "https://creativecommons.org/licenses/by/4.0/"}


def ref(resource, key="id"):
    return {"resource": resource, "fields": key}


@dataclass(frozen=True)
class Resource:
    name: str
    title: str
    columns: list
    rows: object  # () -> iterable of rows in the columns' order
    foreign_keys: dict = field(default_factory=dict)  # column -> (resource, column)
    primary_key: tuple = ("id",)

    def descriptor(self):
        schema = {"fields": [column.schema() for column in self.columns],
                  "foreignKeys": [{"fields": column, "reference": ref(*target)}
                                  for column, target in self.foreign_keys.items()]}
        if self.primary_key:
            schema["primaryKey"] = list(self.primary_key)
        return {"name": self.name, "title": str(self.title), "path": f"{self.name}.csv",
                "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv",
                "encoding": "utf-8", "schema": schema}


def id_column(what):
    return Column("id", "integer", what, {"required": True, "unique": True})


def link_column(name, what):
    return Column(name, "integer", what, {"required": True})


def page_columns(what):
    return [id_column(what), Column("permalink", "string", _("Its permanent address on Ubada.")),
            Column("title", "string", _("Its name.")),
            Column("other_names", "string", _("Other names and spellings, one per line."))]


def page_rows(pages, *fields, convert=lambda *values: values):
    """Rows of published pages: id, permalink, title, other names, then `fields` converted."""
    link = permalink_format()
    rows = (published(pages).order_by("pk")
            .values_list("pk", "title", "other_names", *fields).iterator(chunk_size=2000))
    for pk, title, other_names, *values in rows:
        yield [pk, link.format(pk), title, other_names, *convert(*values)]


def published_or_none(pages, pk):
    return pk if pk in pages else None


def body_rows():
    public_cities = set(published(CityPage.objects.all()).values_list("pk", flat=True))
    return page_rows(BodyPage.objects.all(), "kind", "country__code", "city_id",
                     convert=lambda kind, country, city: (
                         kind, country or "", published_or_none(public_cities, city)))


def settlement_rows():
    return page_rows(SettlementPage.objects.all(), "city_id", "founded", "latitude", "longitude",
                     convert=lambda city, founded, latitude, longitude: (
                         city, *date_and_precision(founded), latitude, longitude))


def role_rows():
    roles = (Role.objects.filter(published_q("person")).filter(published_q("body"))
             .order_by("pk").values_list("pk", "person_id", "body_id", "title", "start", "end",
                                         "source_id"))
    for pk, person, body, office, start, end, source in roles.iterator(chunk_size=2000):
        yield [pk, person, body, office, *date_and_precision(start), *date_and_precision(end),
               source]


def source_rows():
    source_page = permalink_format().replace("/record/{}/", "/sources/{}/")
    sources = default_locale(Source.objects.order_by("pk")).values_list(
        "pk", "kind", "title", "part_of_id", "section", "page", "excerpt", "publisher", "url",
        "published", "retrieved", "content_hash")
    for (pk, kind, title, part_of, section, page, excerpt, publisher, url, when, retrieved,
         content_hash) in sources.iterator(chunk_size=2000):
        yield [pk, source_page.format(pk), kind, title, part_of, section, page, excerpt,
               publisher, url, *date_and_precision(when), retrieved, content_hash]


def event_rows():
    events = default_locale(Event.objects.order_by("pk")).values_list(
        "pk", "kind", "title", "date", "country__code")
    for pk, kind, title, date, country in events.iterator(chunk_size=2000):
        yield [pk, kind, title, *date_and_precision(date), country or ""]


def link_rows(through, left, right):
    """The pairs of a many-to-many table whose two ends are published."""
    return (through.objects.filter(published_q(left)).filter(published_q(right))
            .order_by(f"{left}_id", f"{right}_id").values_list(f"{left}_id", f"{right}_id")
            .iterator(chunk_size=5000))


def change_source_rows():
    return (StatusChange.sources.through.objects.filter(published_q("statuschange__promise"))
            .order_by("statuschange_id", "source_id").values_list("statuschange_id", "source_id")
            .iterator(chunk_size=5000))


def published_promises():
    return published(PromisePage.objects.all())


SOURCE_COLUMNS = [
    id_column(_("The source's id.")),
    Column("ubada_url", "string", _("Its page on Ubada, with every record that cites it.")),
    Column("kind", "string", _("study, news, court_ruling, official_document, interview, other.")),
    Column("title", "string", _("Its title.")),
    Column("part_of_id", "integer", _("For a passage: the document it is taken from.")),
    Column("section", "string", _("The passage's section.")),
    Column("page", "integer", _("The passage's page.")),
    Column("excerpt", "string", _("The words cited (the study's text stays its authors').")),
    Column("publisher", "string", _("Who published it.")),
    Column("url", "string", _("Its original address.")),
    *partial_date("published", _("When it was published.")),
    Column("retrieved", "date", _("When it was retrieved.")),
    Column("content_hash", "string", _("SHA-256 of the archived copy, where one exists.")),
]

RESOURCES = [
    Resource("cities", _("Cities"), page_columns(_("The city's id.")) + [
        Column("country", "string", _("ISO country code."))],
        lambda: page_rows(CityPage.objects.all(), "country__code")),
    Resource("settlements", _("Settlements"), page_columns(_("The settlement's id.")) + [
        link_column("city_id", _("Its city.")), *partial_date("founded", _("When founded.")),
        Column("latitude", "number", _("Latitude.")),
        Column("longitude", "number", _("Longitude."))],
        settlement_rows, {"city_id": ("cities", "id")}),
    Resource("people", _("People"), page_columns(_("The person's id.")) + [
        Column("kind", "string", _("politician, official, activist, ..."))],
        lambda: page_rows(PersonPage.objects.all(), "kind")),
    Resource("bodies", _("Bodies"), page_columns(_("The body's id.")) + [
        Column("kind", "string", _("city_administration, ministry, council, ...")),
        Column("country", "string", _("ISO country code.")),
        Column("city_id", "integer", _("Its city, if it has one."))],
        body_rows, {"city_id": ("cities", "id")}),
    Resource("roles", _("Roles: who held which office when"), [
        id_column(_("The role's id.")), link_column("person_id", _("The person.")),
        link_column("body_id", _("The body.")), Column("office", "string", _("The office.")),
        *partial_date("start", _("From.")), *partial_date("end", _("Until.")),
        Column("source_id", "integer", _("The source."))],
        role_rows, {"person_id": ("people", "id"), "body_id": ("bodies", "id"),
                    "source_id": ("sources", "id")}),
    Resource("sources", _("Sources"), SOURCE_COLUMNS, source_rows,
             {"part_of_id": ("", "id")}),
    Resource("events", _("Events: protests, blockades, rulings, elections"), [
        id_column(_("The event's id.")), Column("kind", "string", _("The kind of event.")),
        Column("title", "string", _("What happened.")), *partial_date("date", _("When.")),
        Column("country", "string", _("ISO country code."))], event_rows),
    Resource("promises", _("Promises"), PROMISE_COLUMNS,
             lambda: promise_rows(published_promises()),
             {"source_id": ("sources", "id"), "election_id": ("events", "id")}),
    Resource("status_changes", _("Status changes: every transition of every promise"),
             STATUS_CHANGE_COLUMNS, lambda: status_change_rows(published_promises()),
             {"promise_id": ("promises", "id")}),
    Resource("promise_settlements", _("Which settlements each promise was made to"), [
        link_column("promise_id", _("The promise.")),
        link_column("settlement_id", _("The settlement."))],
        lambda: link_rows(PromisePage.settlements.through, "promise", "settlement"),
        {"promise_id": ("promises", "id"), "settlement_id": ("settlements", "id")},
        ("promise_id", "settlement_id")),
    Resource("promise_people", _("Which people made each promise"), [
        link_column("promise_id", _("The promise.")), link_column("person_id", _("The person."))],
        lambda: link_rows(PromisePage.people.through, "promise", "person"),
        {"promise_id": ("promises", "id"), "person_id": ("people", "id")},
        ("promise_id", "person_id")),
    Resource("promise_bodies", _("Which bodies made each promise"), [
        link_column("promise_id", _("The promise.")), link_column("body_id", _("The body."))],
        lambda: link_rows(PromisePage.bodies.through, "promise", "body"),
        {"promise_id": ("promises", "id"), "body_id": ("bodies", "id")},
        ("promise_id", "body_id")),
    Resource("status_change_sources", _("The sources each status change cites"), [
        link_column("status_change_id", _("The status change.")),
        link_column("source_id", _("The source."))], change_source_rows,
        {"status_change_id": ("status_changes", "id"), "source_id": ("sources", "id")},
        ("status_change_id", "source_id")),
]


def descriptor():
    """datapackage.json: the package, its licence, the study it cites, and its resources."""
    studies = default_locale(Source.objects.filter(kind="study", part_of=None)).order_by("pk")
    return {
        "profile": "tabular-data-package",
        "name": "ubada",
        "title": "Ubada: promises made to informal settlements in Bishkek, Osh, Almaty and Astana",
        "homepage": settings.SITE_URL,
        "created": timezone.now().isoformat(timespec="seconds"),
        "licenses": [LICENCE],
        "description": (
            "Ubada's own records (promises, their status history, people, bodies, places, "
            "events) are published under CC BY 4.0. The study and the other sources are cited "
            "as sources, not relicensed: their text, quoted in sources.csv, stays theirs."),
        "sources": [{"title": study.title, **({"path": study.url} if study.url else {})}
                    for study in studies],
        "resources": [resource.descriptor() for resource in RESOURCES],
    }


def write_package(directory):
    """datapackage.json and every resource's CSV into `directory`; returns the descriptor."""
    directory = Path(directory)
    for resource in RESOURCES:
        with open(directory / f"{resource.name}.csv", "wb") as out:
            for piece in csv_pieces(resource.columns, resource.rows()):
                out.write(piece)
    package = descriptor()
    (directory / "datapackage.json").write_text(json.dumps(package, indent=2, ensure_ascii=False),
                                                encoding="utf-8")
    return package


def build():
    """Write the package, zip it and store it at ARCHIVE_NAME (replacing the last one)."""
    with tempfile.TemporaryDirectory() as directory:
        write_package(directory)
        archive = Path(directory) / "package.zip"
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as package_zip:
            for path in sorted(Path(directory).iterdir()):
                if path != archive:
                    package_zip.write(path, path.name)
        if default_storage.exists(ARCHIVE_NAME):
            default_storage.delete(ARCHIVE_NAME)
        with open(archive, "rb") as data:
            stored = default_storage.save(ARCHIVE_NAME, File(data))
        return {"name": stored, "bytes": archive.stat().st_size,
                "resources": [resource.name for resource in RESOURCES]}
