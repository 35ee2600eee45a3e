"""Compare the search index with the database (ids and document fingerprints); --repair fixes."""

from django.core.management.base import BaseCommand, CommandError

from search import engine
from search.indexing import compare
from search.indexing import repair as repair_index

from ._progress import ProgressBar


class Command(BaseCommand):
    help = "Compare the public search index with the database and optionally repair it."

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true",
                            help="Index missing and stale records, remove extra ones.")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, repair: bool = False, no_progress=False, **options):
        ok, message = engine.health()
        if not ok:
            raise CommandError(message)
        try:
            result = compare(progress=ProgressBar(self.stderr._out, enabled=not no_progress))
        except engine.EngineUnavailable as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Database: {result.database:,} public records; index: {result.index:,} documents. "
            f"Missing from the index: {len(result.missing):,}; stale: {len(result.stale):,}; "
            f"not public any more: {len(result.extra):,}.")
        for label, keys in (("missing", result.missing), ("stale", result.stale),
                            ("extra", result.extra)):
            if keys:
                self.stdout.write(f"  {label}: {', '.join(keys[:10])}"
                                  f"{' ...' if len(keys) > 10 else ''}")
        if not result.differences:
            self.stdout.write(self.style.SUCCESS("The index matches the database."))
            return
        if not repair:
            raise CommandError(f"{result.differences} difference(s); run with --repair to fix.")
        failed = repair_index(result)
        engine.refresh()
        if failed:
            raise CommandError(f"Repaired {result.differences - len(failed)}; {len(failed)} "
                               "still failing (queued for retry).")
        self.stdout.write(self.style.SUCCESS(f"Repaired {result.differences} difference(s)."))
