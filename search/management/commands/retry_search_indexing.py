"""Retry the records whose search index update failed (search.IndexingFailure)."""

from django.core.management.base import BaseCommand, CommandError

from search import engine
from search.indexing import retry_failures
from search.models import IndexingFailure


class Command(BaseCommand):
    help = "Retry queued search index updates."

    def handle(self, *args, **options):
        if not engine.configured():
            raise CommandError("OPENSEARCH_URL is not set: there is no index to update.")
        engine.breaker.reset()
        retried, failing = retry_failures()
        remaining = IndexingFailure.objects.count()
        self.stdout.write(f"Retried {retried} record(s): {retried - failing} indexed, "
                          f"{failing} still failing; {remaining} queued.")
        if remaining:
            raise CommandError(f"{remaining} record(s) still queued.")
