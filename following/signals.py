"""Publishing a promise announces its status changes not announced before (Wagtail's
page_published signal)."""

from wagtail.signals import page_published

from core.visibility import default_locale, published
from promises.models import PromisePage, StatusChange

from .models import ChangeNotice
from .tasks import announce_changes


def on_promise_published(sender, instance, **kwargs):
    """Record a notice for each status change published for the first time and queue the
    alerts. Publishing again finds every change noticed already and queues nothing."""
    if not published(PromisePage.objects.filter(pk=instance.pk)).exists():
        return  # a private promise sends no alerts
    # A translation's entries are its English record's, announced when that was published.
    new_changes = default_locale(
        StatusChange.objects.filter(promise_id=instance.pk, notice__isnull=True))
    noticed = [change.pk for change in new_changes
               if ChangeNotice.objects.get_or_create(status_change=change)[1]]
    if noticed:
        announce_changes.enqueue(noticed)


def connect():
    page_published.connect(on_promise_published, sender=PromisePage,
                           dispatch_uid="following_promise_published")
