"""`manage.py remove_record`: the one way to delete published history (a court order)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import ProtectedError
from wagtail.actions.delete_page import DeletePageAction
from wagtail.log_actions import log
from wagtail.models import Page

from core.models import RemovalRecord
from core.removal import court_ordered_removal
from sources.models import Source


class Command(BaseCommand):
    help = (
        "Delete a published record for good, when a court orders it: a page (promise, person, "
        "body, settlement, city; with every page below it and, for a promise, its status "
        "history) or a source. Run by an administrator: --by names an existing superuser and "
        "--reason says why (the court order). Keeps a RemovalRecord (what, why, who, when) and "
        "an entry in Wagtail's log. Everywhere else the admin refuses such deletions and offers "
        "unpublishing instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["page", "source"], help="What to remove.")
        parser.add_argument("id", type=int, help="Its id (the page id in /record/<id>/).")
        parser.add_argument("--reason", required=True,
                            help="Why it is removed, e.g. the court order's reference.")
        parser.add_argument("--by", required=True,
                            help="The username of the superuser who orders the removal.")

    def handle(self, *args, kind, id, reason, by, **options):
        reason = reason.strip()
        if not reason:
            raise CommandError("--reason must say why the record is removed (the court order).")
        administrator = get_user_model().objects.filter(
            username=by, is_superuser=True, is_active=True).first()
        if administrator is None:
            raise CommandError(f"--by must name an active superuser; {by!r} is not one.")
        record = self._find(kind, id)
        try:
            with transaction.atomic(), court_ordered_removal():
                RemovalRecord.objects.create(
                    record_type=type(record)._meta.label_lower, record_id=record.pk,
                    title=str(record.title)[:500], reason=reason, removed_by=administrator)
                self._remove(record, administrator)
        except ProtectedError as error:
            cited_by = ", ".join(sorted({str(obj) for obj in error.protected_objects}))
            raise CommandError(f"{record.title!r} is still needed by: {cited_by}. "
                               "Remove those first.") from error
        self.stdout.write(self.style.SUCCESS(
            f"Removed {type(record)._meta.verbose_name} {record.pk} “{record.title}”."))

    def _find(self, kind, pk):
        model = Page if kind == "page" else Source
        record = model.objects.filter(pk=pk).first()
        if record is None:
            raise CommandError(f"There is no {kind} with id {pk}.")
        return record.specific if kind == "page" else record

    def _remove(self, record, administrator):
        if isinstance(record, Page):
            # Logs "wagtail.delete" for the page and each page below it.
            DeletePageAction(record, user=administrator).execute(skip_permission_checks=True)
            return
        log(instance=record, action="wagtail.delete", user=administrator, deleted=True)
        record.delete()
