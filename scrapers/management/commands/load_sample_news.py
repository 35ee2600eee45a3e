from django.conf import settings
from django.core.management.base import BaseCommand

from scrapers.samples import load_sample_news


class Command(BaseCommand):
    help = ("Development only: archive a handful of sample news stories (marked as sample data) "
            "with their suggestions, so the review queue can be tried. Safe to run again.")

    def handle(self, *args, **options):
        if not settings.DEBUG:
            self.stdout.write("Sample news: skipped (development settings only, DEBUG is off).")
            return
        loaded = load_sample_news()
        self.stdout.write(self.style.SUCCESS(
            f"Sample news: {loaded.items} stories archived, {loaded.suggestions} suggestions "
            "(marked as sample data; review them under News suggestions)."))
