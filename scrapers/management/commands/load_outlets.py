from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from scrapers.models import Outlet

FIELDS = (
    "name", "home_page", "languages", "time_zone", "listing_link_selector", "title_selector",
    "date_selector", "author_selector", "body_selector", "remove_selectors", "adapter", "notes",
)
LINE_FIELDS = ("feed_urls", "listing_urls")


def outlet_values(record):
    """Model field values for one YAML record (lists become one address per line)."""
    values = {}
    for name in FIELDS:
        if name in record and record[name] is not None:
            value = record[name]
            if name == "remove_selectors" and isinstance(value, list):
                value = ", ".join(value)
            values[name] = str(value).strip()
    for name in LINE_FIELDS:
        value = record.get(name) or []
        values[name] = "\n".join(value) if isinstance(value, list) else str(value)
    return values


class Command(BaseCommand):
    help = ("Load the region's news outlets from fixtures/outlets.yaml. New outlets are "
            "created DISABLED; existing ones (matched by slug) are left alone unless --update.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--file", default=str(settings.BASE_DIR / "fixtures" / "outlets.yaml"),
            help="YAML file with the outlets.",
        )
        parser.add_argument(
            "--update", action="store_true",
            help="Overwrite the configuration of outlets that exist (never their enabled "
                 "flag or health).",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No outlet file at {path}")
        try:
            records = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as error:
            raise CommandError(f"{path} is not valid YAML: {error}") from error
        if not isinstance(records, list):
            raise CommandError(f"{path} must hold a list of outlets")
        created = updated = unchanged = 0
        with transaction.atomic():
            for number, record in enumerate(records, start=1):
                if not isinstance(record, dict) or not record.get("slug"):
                    raise CommandError(f"Outlet #{number} in {path} has no slug")
                values = outlet_values(record)
                outlet = Outlet.objects.filter(slug=record["slug"]).first()
                if outlet is not None and not options["update"]:
                    unchanged += 1
                    continue
                is_new = outlet is None
                outlet = outlet or Outlet(slug=record["slug"], enabled=False)
                for name, value in values.items():
                    setattr(outlet, name, value)
                try:
                    outlet.full_clean()
                except ValidationError as error:
                    raise CommandError(
                        f"Outlet {record['slug']!r} is invalid (nothing was saved): "
                        f"{'; '.join(error.messages)}"
                    ) from error
                outlet.save()
                created += is_new
                updated += not is_new
        self.stdout.write(self.style.SUCCESS(
            f"Outlets loaded: {created} new (disabled), {updated} updated, "
            f"{unchanged} left as they were."
        ))
