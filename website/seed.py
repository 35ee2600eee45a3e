"""Load the seed records (fixtures/seed/*.yaml) into the database. Idempotent.

Records are matched by their natural keys (page slug under its parent, source title, event
title and date), so a second run finds everything in place and changes nothing. Existing
records are left as editors made them unless `update=True`.
"""

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction

from actors.models import ActorIndexPage, BodyPage, PersonPage, Role
from chronicle.models import Event
from core.partial_dates import PartialDate
from core.visibility import default_locale
from places.models import (
    CityPage,
    Country,
    District,
    SettlementLegalStatus,
    SettlementPage,
    SettlementService,
    SettlementSize,
)
from promises.models import PromiseIndexPage, PromisePage, StatusChange, promise_links
from sources.models import Source

from .seed_translations import TranslationFileError, load_translations
from .site_tree import ensure_site_tree
from .study_text import paragraphs_html


class SeedError(Exception):
    """The seed file is malformed or refers to something it does not define."""


@dataclass
class SeedReport:
    created: dict = field(default_factory=dict)
    existing: dict = field(default_factory=dict)

    def count(self, kind, created):
        bucket = self.created if created else self.existing
        bucket[kind] = bucket.get(kind, 0) + 1

    def summary(self):
        kinds = sorted(set(self.created) | set(self.existing))
        return ", ".join(
            f"{kind}: {self.created.get(kind, 0)} new, {self.existing.get(kind, 0)} existing"
            for kind in kinds
        )


def _names(record):
    return "\n".join(record.get("aliases") or [])


def _date(value):
    if value in (None, ""):
        return ""
    value = str(value)
    PartialDate.parse(value)  # raises ValueError with the offending value
    return value


class SeedLoader:
    def __init__(self, data, *, update=False, report=None):
        self.data = data
        self.update = update
        self.report = report or SeedReport()
        self.keys = {}

    def ref(self, kind, key):
        if key in (None, ""):
            return None
        try:
            return self.keys[kind][key]
        except KeyError:
            raise SeedError(f"unknown {kind} key {key!r}") from None

    def refs(self, kind, keys):
        return [self.ref(kind, key) for key in keys or []]

    def remember(self, kind, key, obj, created):
        self.keys.setdefault(kind, {})[key] = obj
        self.report.count(kind, created)

    # ------------------------------------------------------------------ pages
    def page(self, parent, model, key, fields, children=None, tags=None):
        """Create (and publish) a page under parent, or return the existing one."""
        page = model.objects.child_of(parent).filter(slug=key).first()
        created = page is None
        if not created and not self.update:
            return page, False
        if created:
            page = model(slug=key, **fields)
        else:
            for name, value in fields.items():
                setattr(page, name, value)
        for name, value in (children or {}).items():
            setattr(page, name, value)
        if tags is not None:
            page.subjects.set(tags)
        if created:
            parent.add_child(instance=page)
        page.full_clean()
        page.save_revision().publish()
        return page, created

    # -------------------------------------------------------------- sections
    def load(self):
        self.home = ensure_site_tree()
        self.load_sources()
        self.load_countries()
        self.load_cities()
        self.load_districts()
        self.load_settlements()
        self.load_bodies()
        self.load_people()
        self.load_events()
        self.load_promises()
        return self.report

    def load_sources(self):
        records = self.data.get("sources") or []
        # Whole documents first, then the passages that are part of them.
        for record in sorted(records, key=lambda r: bool(r.get("part_of"))):
            defaults = {
                "kind": record.get("kind") or "study",
                "part_of": self.ref("source", record.get("part_of")),
                "section": record.get("section") or "",
                "page": record.get("page"),
                "excerpt": record.get("excerpt") or "",
                "publisher": record.get("publisher") or "",
                "url": record.get("url") or "",
                "published": _date(record.get("published")),
            }
            # Passages of one page share a title; their excerpts tell them apart.
            excerpt = record.get("excerpt") or ""
            source = default_locale(
                Source.objects.filter(title=record["title"], excerpt=excerpt)).first()
            created = source is None
            if created or self.update:
                source = source or Source(title=record["title"])
                for name, value in defaults.items():
                    setattr(source, name, value)
                source.full_clean()
                source.save()
            self.remember("source", record["key"], source, created)

    def load_countries(self):
        for record in self.data.get("countries") or []:
            country, created = Country.objects.get_or_create(
                code=record["key"].upper()[:2],
                defaults={"name": record["name"], "other_names": _names(record)},
            )
            self.remember("country", record["key"], country, created)

    def load_cities(self):
        for record in self.data.get("cities") or []:
            city, created = self.page(
                self.home,
                CityPage,
                record["key"],
                {
                    "title": record["name"],
                    "country": self.ref("country", record.get("country")),
                    "other_names": _names(record),
                    "summary": paragraphs_html(record.get("summary")),
                    "summary_source": self.ref("source", record.get("source")),
                },
            )
            self.remember("city", record["key"], city, created)

    def load_districts(self):
        for record in self.data.get("districts") or []:
            district, created = District.objects.get_or_create(
                city=self.ref("city", record["city"]),
                name=record["name"],
                defaults={"other_names": _names(record)},
            )
            self.remember("district", record["key"], district, created)

    def settlement_facts(self, record):
        """A settlement's legal status, size and service histories, each row with its source."""
        return {
            "legal_statuses": [
                SettlementLegalStatus(
                    status=row["status"], as_of=_date(row["as_of"]),
                    source=self.ref("source", row["source"]), note=row.get("note") or "",
                )
                for row in record.get("legal_status") or []
            ],
            "sizes": [
                SettlementSize(
                    people=row.get("people"), families=row.get("families"),
                    homes=row.get("homes"), as_of=_date(row["as_of"]),
                    source=self.ref("source", row["source"]), note=row.get("note") or "",
                )
                for row in record.get("size") or []
            ],
            "services": [
                SettlementService(
                    service=row["service"], level=row["level"], as_of=_date(row["as_of"]),
                    source=self.ref("source", row["source"]), note=row.get("note") or "",
                )
                for row in record.get("services") or []
            ],
        }

    def load_settlements(self):
        for record in self.data.get("settlements") or []:
            coordinates = record.get("coordinates") or {}
            settlement, created = self.page(
                self.ref("city", record["city"]),
                SettlementPage,
                record["key"],
                {
                    "title": record["name"],
                    "district": self.ref("district", record.get("district")),
                    "other_names": _names(record),
                    "summary": paragraphs_html(record.get("summary")),
                    "founded": _date(record.get("founded")),
                    "founded_source": self.ref("source", record.get("founded_source")),
                    "latitude": coordinates.get("lat"),
                    "longitude": coordinates.get("lon"),
                    "location_precision": coordinates.get("precision", ""),
                    "location_source": self.ref("source", coordinates.get("source")),
                },
                self.settlement_facts(record),
            )
            self.remember("settlement", record["key"], settlement, created)

    def _index(self, slug):
        return ActorIndexPage.objects.child_of(self.home).get(slug=slug)

    def load_bodies(self):
        index = self._index("bodies")
        for record in self.data.get("bodies") or []:
            body, created = self.page(
                index,
                BodyPage,
                record["key"],
                {
                    "title": record["name"],
                    "kind": record.get("kind") or "other",
                    "other_names": _names(record),
                    "country": self.ref("country", record["country"]),
                    "city": self.ref("city", record.get("city")),
                    "summary": paragraphs_html(record.get("summary")),
                },
            )
            self.remember("body", record["key"], body, created)

    def load_people(self):
        index = self._index("people")
        roles_by_person = {}
        for role in self.data.get("roles") or []:
            roles_by_person.setdefault(role["person"], []).append(role)
        for record in self.data.get("people") or []:
            roles = [
                Role(
                    body=self.ref("body", row["body"]), title=row["title"],
                    start=_date(row.get("start")), end=_date(row.get("end")),
                    source=self.ref("source", row.get("source")), note=row.get("note") or "",
                )
                for row in roles_by_person.pop(record["key"], [])
            ]
            person, created = self.page(
                index,
                PersonPage,
                record["key"],
                {
                    "title": record["name"],
                    "kind": record.get("kind") or "other",
                    "other_names": _names(record),
                    "summary": paragraphs_html(record.get("summary")),
                    "summary_source": self.ref("source", record.get("source")),
                },
                {"roles": roles},
            )
            self.remember("person", record["key"], person, created)
        if roles_by_person:
            raise SeedError(f"roles for unknown people: {sorted(roles_by_person)}")

    def load_events(self):
        for record in self.data.get("events") or []:
            date = _date(record["date"])
            event = default_locale(Event.objects.filter(title=record["title"], date=date)).first()
            created = event is None
            if created or self.update:
                event = event or Event(title=record["title"], date=date)
                event.kind = record["kind"]
                event.summary = record.get("summary") or ""
                settlements = self.refs("settlement", record.get("settlements"))
                cities = {s.city_id for s in settlements}
                event.country = (
                    settlements[0].city.country if settlements and len(cities) == 1
                    else self.ref("country", record.get("country"))
                )
                event.full_clean()
                event.save()
                event.settlements.set(settlements)
                event.people.set(self.refs("person", record.get("people")))
                event.bodies.set(self.refs("body", record.get("bodies")))
                event.sources.set(self.refs("source", [record.get("source")]))
            self.remember("event", record["key"], event, created)

    def status_history(self, record):
        """A promise's status changes, each citing at least one source (the editorial rule)."""
        history = []
        for row in record.get("status_history") or []:
            if not row.get("sources"):
                raise SeedError(f"promise {record['key']}: a status change cites no source")
            change = StatusChange(
                date=_date(row["date"]), status=row["status"], rationale=row["rationale"]
            )
            change.sources = self.refs("source", row["sources"])
            history.append(change)
        return history

    def load_promises(self):
        index = PromiseIndexPage.objects.child_of(self.home).get()
        records = self.data.get("promises") or []
        for record in records:
            history = self.status_history(record)
            if not (record.get("people") or record.get("bodies")):
                raise SeedError(f"promise {record['key']}: no promisor")
            if not (record.get("settlements") or record.get("beneficiary_group")):
                raise SeedError(f"promise {record['key']}: no beneficiary")
            promise, created = self.page(
                index,
                PromisePage,
                record["key"],
                {
                    "title": record["title"],
                    "text": record["text"],
                    "quote": record.get("quote") or "",
                    "quote_kind": record.get("quote_kind") or "paraphrase",
                    "made": _date(record["made"]),
                    "occasion": record.get("occasion") or "other",
                    "beneficiary_group": record.get("beneficiary_group") or "",
                    "deadline": _date(record.get("deadline")),
                    "deadline_phrase": record.get("deadline_phrase") or "",
                    "election": self.ref("event", record.get("election")),
                    "source": self.ref("source", record["source"]),
                },
                {**promise_links(
                    people=self.refs("person", record.get("people")),
                    bodies=self.refs("body", record.get("bodies")),
                    settlements=self.refs("settlement", record.get("settlements")),
                    events=self.refs("event", record.get("events")),
                ), "status_changes": history},
                tags=record.get("subjects") or [],
            )
            self.remember("promise", record["key"], promise, created)
        self.link_restatements(records)

    def link_restatements(self, records):
        """Restatements point at promises that may come later in the file: linked last."""
        for record in records:
            if record.get("restates"):
                promise = self.ref("promise", record["key"])
                original = self.ref("promise", record["restates"])
                if promise.restates_id != original.id:
                    promise.restates = original
                    promise.save_revision().publish()


def read_seed(directory):
    data = {}
    paths = sorted(Path(directory).glob("*.yaml"))
    if not paths:
        raise SeedError(f"no *.yaml seed files in {directory}")
    for path in paths:
        try:
            content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as error:
            raise SeedError(f"{path}: not valid YAML: {error}") from error
        if not isinstance(content, dict):
            raise SeedError(f"{path}: expected sections such as 'promises:' at the top level")
        for section, records in content.items():
            data.setdefault(section, []).extend(records or [])
    return data


def load_seed(directory, *, update=False, translations=True):
    """Load the English seed records from `directory`, then their translations from
    `translations` (True: `directory`/translations/<lang>/, a language without a directory
    being skipped; a path: from there; False: none)."""
    data = read_seed(directory)
    try:
        with transaction.atomic():
            loader = SeedLoader(data, update=update)
            report = loader.load()
            if translations:
                default = Path(directory) / "translations"
                load_translations(loader, default if translations is True else translations)
            return report
    except TranslationFileError as error:
        raise SeedError(str(error)) from error
    except (KeyError, TypeError) as error:
        raise SeedError(f"a record lacks a required field or is misshapen: {error!r}") from error
    except (ValidationError, ValueError) as error:
        raise SeedError(str(error)) from error


