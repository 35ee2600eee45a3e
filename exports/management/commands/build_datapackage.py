from django.core.management.base import BaseCommand

from exports import datapackage
from exports.tasks import build_datapackage


class Command(BaseCommand):
    help = ("Build the Frictionless Data Package of the public record (datapackage.json and a "
            "CSV per table, zipped) served at /data/ubada-datapackage.zip.")

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true",
                            help="Queue the build for the task worker instead of building now.")

    def handle(self, *args, **options):
        if options["enqueue"]:
            result = build_datapackage.enqueue()
            self.stdout.write(f"Queued the build: task {result.id}")
            return
        report = datapackage.build()
        self.stdout.write(f"Stored {report['name']} ({report['bytes']:,} bytes): "
                          f"{', '.join(report['resources'])}")
