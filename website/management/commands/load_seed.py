from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from website.seed import SeedError, load_seed


class Command(BaseCommand):
    help = ("Load the seed records from the study (fixtures/seed/*.yaml) and their translations "
            "(fixtures/seed/translations/<lang>/*.yaml). Safe to run again.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir", default=str(settings.BASE_DIR / "fixtures" / "seed"),
            help="Directory holding the seed YAML files.",
        )
        parser.add_argument(
            "--update", action="store_true",
            help="Overwrite records that already exist with the seed's version.",
        )
        parser.add_argument(
            "--no-translations", action="store_false", dest="translations",
            help="Load the English records only (six times faster); running again without this "
                 "flag adds the translations.",
        )

    def handle(self, *args, **options):
        try:
            report = load_seed(options["dir"], update=options["update"],
                               translations=options["translations"])
        except SeedError as error:
            raise CommandError(f"Seed data not loaded (nothing was saved): {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Seed data loaded. {report.summary()}"))
