"""Build a Linker straight from the seed YAML (no database), keyed by the seed's keys."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import yaml

from core.partial_dates import PartialDate
from scrapers.linking import Entity, Linker, PromiseSpec, normalise_subject

ROOT = Path(__file__).resolve().parents[3]
SEED = ROOT / "fixtures" / "seed" / "study.yaml"
LABELLED = Path(__file__).parent / "articles.yaml"


@cache
def seed() -> dict:
    return yaml.safe_load(SEED.read_text(encoding="utf-8"))


def _names(record: dict, key: str = "name") -> tuple[str, ...]:
    return (record[key], *(record.get("aliases") or []))


def seed_linker(threshold: float | None = None) -> Linker:
    data = seed()
    entities = []
    for country in data["countries"]:
        entities.append(Entity("country", country["key"], country["name"], _names(country)))
    for city in data["cities"]:
        entities.append(Entity("city", city["key"], city["name"], _names(city),
                               country_id=city["country"]))
    for settlement in data["settlements"]:
        entities.append(Entity("settlement", settlement["key"], settlement["name"],
                               _names(settlement), city_id=settlement["city"]))
    for person in data["people"]:
        entities.append(Entity("person", person["key"], person["name"], _names(person)))
    for body in data["bodies"]:
        entities.append(Entity("body", body["key"], body["name"], _names(body),
                               city_id=body.get("city"), country_id=body.get("country"),
                               body_kind=body["kind"]))
    promises = []
    for promise in data["promises"]:
        made = PartialDate.parse(str(promise["made"])) if promise.get("made") else None
        promises.append(PromiseSpec(
            id=promise["key"], title=promise["title"], made=made,
            settlements=frozenset(promise.get("settlements") or ()),
            people=frozenset(promise.get("people") or ()),
            bodies=frozenset(promise.get("bodies") or ()),
            subjects=frozenset(normalise_subject(s) for s in promise.get("subjects") or ()),
        ))
    kwargs = {} if threshold is None else {"threshold": threshold}
    return Linker(entities, promises, **kwargs)


@cache
def labelled() -> list[dict]:
    items = yaml.safe_load(LABELLED.read_text(encoding="utf-8"))
    for item in items:
        if isinstance(item["published"], str):
            item["published"] = dt.date.fromisoformat(item["published"])
    return items


def pairs(items, field):
    return {(item["id"], key) for item in items for key in item[field]}


def measure(linker: Linker, items=None) -> dict:
    """Precision and recall of settlement, person and promise links over the labelled set."""
    items = items or labelled()
    predicted = {"settlements": set(), "people": set(), "promises": set()}
    for item in items:
        analysis = linker.analyse(item["text"], item["title"])
        for sid in analysis.ids("settlement"):
            predicted["settlements"].add((item["id"], sid))
        for pid in analysis.ids("person"):
            predicted["people"].add((item["id"], pid))
        for match in linker.match(analysis, item["published"]):
            predicted["promises"].add((item["id"], match.promise.id))
    figures = {}
    for field, found in predicted.items():
        truth = pairs(items, field)
        hits = len(found & truth)
        figures[field] = {
            "precision": hits / len(found) if found else 1.0,
            "recall": hits / len(truth) if truth else 1.0,
            "false_positives": sorted(found - truth),
            "false_negatives": sorted(truth - found),
        }
    return figures
