"""Rebuild the search index from the database without interrupting searches.

Fills a new versioned index (<prefix>-records-v<timestamp>) while searches keep using the old
one; edits saved meanwhile are written to both; then the alias moves to the new index in one
atomic step and the old index is deleted. Queued indexing failures are retried at the end.
"""

from django.core.management.base import BaseCommand, CommandError

from search import engine
from search.indexing import retry_failures

from ._progress import ProgressBar


class Command(BaseCommand):
    help = "Rebuild the public search index into a new index, then switch to it atomically."

    def add_arguments(self, parser):
        parser.add_argument("--chunk-size", type=int, default=500)
        parser.add_argument("--threads", type=int, default=2, help="Parallel bulk requests.")
        parser.add_argument("--keep-old", action="store_true",
                            help="Keep the previous index (it no longer has the alias).")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, chunk_size, threads, keep_old, no_progress, **options):
        ok, message = engine.health()
        if not ok:
            raise CommandError(message)
        self.stdout.write(message)
        progress = ProgressBar(self.stderr._out, enabled=not no_progress)
        try:
            report = engine.rebuild(progress=progress, chunk_size=chunk_size, keep_old=keep_old,
                                    threads=threads)
        except engine.EngineUnavailable as error:
            raise CommandError(str(error)) from error
        retried, still_failing = retry_failures()
        per_type = ", ".join(f"{name} {count:,}" for name, count in report["per_type"].items())
        self.stdout.write(self.style.SUCCESS(
            f"Indexed {report['documents']:,} records ({per_type}) into {report['index']} in "
            f"{report['seconds']:.1f} s ({report['docs_per_second']:,.0f} docs/s); "
            f"the alias {engine.alias_name()} points to it."))
        if report["deleted"]:
            self.stdout.write(f"Deleted the previous index: {', '.join(report['deleted'])}")
        if report["failures"]:
            self.stdout.write(self.style.WARNING(
                f"{len(report['failures'])} record(s) could not be indexed: "
                f"{report['failures'][:5]}"))
        if retried:
            self.stdout.write(f"Retried {retried} queued record(s); {still_failing} still fail.")
