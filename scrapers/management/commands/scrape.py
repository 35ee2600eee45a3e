import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from scrapers.models import Outlet
from scrapers.pipeline import ScrapeLocked, run_scrape, select_outlets


def parse_since(value):
    if value in (None, ""):
        return None
    try:
        since = dt.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--since must be a date as YYYY-MM-DD, not {value!r}") from error
    if since > timezone.localdate():
        raise CommandError(f"--since {since} is in the future")
    return since


def parse_limit(value):
    if value is None:
        return None
    if value < 1:
        raise CommandError(f"--limit must be a positive number of stories, not {value}")
    return value


class Command(BaseCommand):
    help = ("Scrape the enabled news outlets (or one named outlet): read their feeds, archive "
            "new stories, drop duplicates and suggest links to promises for editors to review.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--outlet", metavar="SLUG|ID",
            help="Scrape only this outlet (by slug or id), even if it is disabled.",
        )
        parser.add_argument(
            "--since", metavar="YYYY-MM-DD",
            help="Skip stories the feeds date before this day (recorded as rejected "
                 "'older_than_since', looked at again by later runs).",
        )
        parser.add_argument(
            "--limit", type=int, metavar="N",
            help="Fetch at most N stories per outlet; the rest are deferred to the next run "
                 "(default: SCRAPER_MAX_ARTICLES_PER_OUTLET).",
        )

    def handle(self, *args, **options):
        since = parse_since(options["since"])
        limit = parse_limit(options["limit"])
        verbosity = options["verbosity"]
        outlet = options["outlet"]
        if not self._anything_to_scrape(outlet):
            return

        def progress(message):
            if verbosity >= 1:
                self.stdout.write(message)
                self.stdout.flush()

        try:
            run, summary = run_scrape(
                trigger="command", outlet=outlet, since=since, limit=limit, progress=progress
            )
        except ScrapeLocked as error:
            raise CommandError(f"Not started: {error}") from error
        style = self.style.SUCCESS if run.ok else self.style.ERROR
        self.stdout.write(style(f"Scrape run #{run.pk} finished."))
        for line in summary.lines():
            self.stdout.write(line)
        if not run.ok:
            raise CommandError("Every outlet failed; see the errors above.")

    def _anything_to_scrape(self, outlet: str | None) -> bool:
        """The named outlet exists (a disabled one is scraped, with a warning), or some
        outlet is enabled."""
        if outlet is not None and not str(outlet).strip():
            raise CommandError("--outlet needs an outlet slug or id")
        if outlet:
            try:
                (known,) = select_outlets(outlet)
            except Outlet.DoesNotExist:
                slugs = ", ".join(Outlet.objects.order_by("slug").values_list("slug", flat=True))
                raise CommandError(
                    f"No outlet with slug or id {outlet!r}. Known outlets: {slugs or 'none'} "
                    "(manage.py load_outlets loads the region's outlets)."
                ) from None
            if not known.enabled:
                self.stdout.write(self.style.WARNING(
                    f"{known.name} is disabled; scraping it because it was named."
                ))
            return True
        if Outlet.objects.filter(enabled=True).exists():
            return True
        self.stdout.write(self.style.WARNING(
            "No outlet is enabled: nothing to scrape. Enable outlets in the admin "
            "(Snippets > News outlets) or name one with --outlet."
        ))
        return False
