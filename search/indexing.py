"""Keeping the index true: re-index after commit, queue what failed, retry, compare and repair.

Editors' changes reach the index only after their transaction commits (`schedule` registers a
`transaction.on_commit` callback), and they are re-read from the database then: the database is
the truth, so an index update is always "make the index show what the database says about this
record" (index it if it is public, remove it otherwise). When that fails the record goes into
the IndexingFailure table (never losing the edit) and is retried by the next successful write,
by `manage.py retry_search_indexing` and by `manage.py check_search_index --repair`.
"""

import functools
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from core import cache_scopes

from . import engine
from .documents import build_documents
from .models import IndexingFailure
from .records import REGISTRY, doc_id, iter_pk_chunks, parse_doc_id
from .results import EngineUnavailable

logger = logging.getLogger("ubada.search")

RETRY_BATCH = 200


def engine_configured():
    return engine.configured()


def schedule(records):
    """Re-index these (type, pk) after the current transaction commits (now, outside one).

    Each call registers its own callback: if the transaction rolls back, Django drops the
    callback and the records with it. A record scheduled twice is simply synced twice.
    """
    records = {(name, int(pk)) for name, pk in records if name in REGISTRY and pk is not None}
    if not records or not engine_configured():
        return
    transaction.on_commit(functools.partial(sync, records), robust=True)


def sync(records, retrying=False):
    """Make the index match the database for these (type, pk); {(type, pk): error} failed."""
    by_type = defaultdict(set)
    for name, pk in records:
        by_type[name].add(int(pk))
    failed = {}
    docs, deletes, keys = {}, [], {}
    version = engine.now_version()
    for name, pks in by_type.items():
        rt = REGISTRY.get(name)
        if rt is None:
            IndexingFailure.objects.filter(record_type=name).delete()
            continue
        try:
            built = build_documents(rt, pks)
        except Exception as error:  # a bug here must not lose the edit: queue the records
            logger.exception("could not build search documents for %s %s", name, sorted(pks))
            failed.update({(name, pk): f"building the document failed: {error}" for pk in pks})
            continue
        for pk in pks:
            key = doc_id(name, pk)
            keys[key] = (name, pk)
            if pk in built:
                docs[key] = built[pk]
            else:
                deletes.append(key)
    try:
        errors = engine.write(docs, deletes, version) if keys else {}
    except EngineUnavailable as error:
        errors = dict.fromkeys(keys, str(error))
    except Exception as error:
        logger.exception("search index write failed")
        errors = dict.fromkeys(keys, f"{type(error).__name__}: {error}")
    failed.update({keys[key]: message for key, message in errors.items() if key in keys})
    succeeded = [key for key in keys.values() if key not in failed]
    _forget(succeeded)
    _remember(failed)
    if succeeded:
        _show_in_search_pages()
    if failed:
        logger.warning("search index update failed for %s record(s); queued for retry",
                       len(failed))
    elif succeeded and not retrying and IndexingFailure.objects.exists():
        retry_failures(limit=RETRY_BATCH)
    return failed


def _show_in_search_pages():
    """Make what was just written searchable now, and drop the cached search pages: the publish
    dropped them already, but a search made between the publish and this write (on commit, or
    by a task retrying it) would otherwise keep the record's old state until the next change."""
    try:
        engine.refresh()
    except EngineUnavailable as error:
        logger.warning("search index refresh failed: %s", error)
    cache_scopes.bump([cache_scopes.LISTS])


def _forget(records):
    by_type = defaultdict(list)
    for name, pk in records:
        by_type[name].append(pk)
    for name, pks in by_type.items():
        IndexingFailure.objects.filter(record_type=name, record_pk__in=pks).delete()


def _remember(failed):
    if not failed:
        return
    now = timezone.now()
    by_type = defaultdict(dict)
    for (name, pk), error in failed.items():
        by_type[name][pk] = error
    for name, errors in by_type.items():
        existing = set(IndexingFailure.objects.filter(record_type=name, record_pk__in=list(errors))
                       .values_list("record_pk", flat=True))
        for pk in existing:
            IndexingFailure.objects.filter(record_type=name, record_pk=pk).update(
                attempts=F("attempts") + 1, error=errors[pk][:2000], last_failed_at=now)
        IndexingFailure.objects.bulk_create(
            [IndexingFailure(record_type=name, record_pk=pk, error=errors[pk][:2000])
             for pk in errors if pk not in existing],
            ignore_conflicts=True,
        )


def retry_failures(limit=None):
    """Retry queued records, oldest first; returns (retried, still failing)."""
    rows = IndexingFailure.objects.order_by("first_failed_at", "pk")
    if limit:
        rows = rows[:limit]
    records = [(row.record_type, row.record_pk) for row in rows]
    if not records:
        return 0, 0
    failed = {}
    for start in range(0, len(records), 500):
        failed.update(sync(records[start:start + 500], retrying=True))
    return len(records), len(failed)


# Comparing the index with the database ----------------------------------------------------


@dataclass
class Comparison:
    database: int = 0
    index: int = 0
    missing: list = field(default_factory=list)  # in the database, not in the index
    stale: list = field(default_factory=list)  # in both, different
    extra: list = field(default_factory=list)  # in the index, not public in the database

    @property
    def differences(self):
        return len(self.missing) + len(self.stale) + len(self.extra)


def compare(progress=None, chunk_size=1000):
    """Compare every public record's document with the index (ids and fingerprints)."""
    expected = {}
    for rt in REGISTRY.values():
        total = rt.records().count()
        done = 0
        for chunk in iter_pk_chunks(rt, chunk_size):
            for pk, doc in build_documents(rt, chunk).items():
                expected[doc_id(rt.name, pk)] = doc["fingerprint"]
            done += len(chunk)
            if progress:
                progress(rt.name, done, total)
    indexed = engine.fingerprints()
    result = Comparison(database=len(expected), index=len(indexed))
    for key, fingerprint in expected.items():
        if key not in indexed:
            result.missing.append(key)
        elif indexed[key] != fingerprint:
            result.stale.append(key)
    result.extra = [key for key in indexed if key not in expected]
    return result


def repair(comparison):
    """Re-index the missing and stale records and remove the extra ones; failures remain."""
    keys = comparison.missing + comparison.stale + comparison.extra
    records = []
    for key in keys:
        try:
            records.append(parse_doc_id(key))
        except ValueError:
            continue
    failed = {}
    for start in range(0, len(records), 500):
        failed.update(sync(records[start:start + 500], retrying=True))
    unknown = [key for key in comparison.extra if parse_doc_id(key)[0] not in REGISTRY]
    if unknown:
            engine.write({}, unknown, engine.now_version())
    return failed
