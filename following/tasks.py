"""Alerts, sent by the task worker (django-tasks; `manage.py db_worker` with django-tasks-db).

A published status change enqueues `announce_changes`, which sends it at once to the confirmed
"immediate" subscribers who follow the promise; `send_daily_digests` (enqueued once a day by
`manage.py enqueue_alert_digests`) sends each "daily" subscriber the changes they have not had.
A send that fails on SMTP is enqueued again later (`send_alert`), up to
settings.FOLLOWING_MAX_ATTEMPTS; the delivery records (following.mail.deliver) keep any change
from going to a subscriber twice.
"""

import datetime as dt
import logging
import smtplib
from collections import defaultdict

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from core.visibility import published
from promises.models import PromisePage, StatusChange

from .mail import deliver, send_confirmation
from .models import ChangeNotice, Frequency, Subscription
from .scopes import followers_pages

log = logging.getLogger(__name__)

SMTP_ERRORS = (smtplib.SMTPException, OSError)  # refused, unreachable, timed out

# A digest looks this far back, so the changes of a day the digest did not run still go out.
DIGEST_LOOKBACK = dt.timedelta(days=7)


def _followers(notice, frequency):
    """Confirmed subscriptions of `frequency` that follow the notice's promise and were
    confirmed before it was published (nobody gets the history they subscribed after)."""
    return Subscription.objects.filter(
        frequency=frequency, confirmed_at__lt=notice.published_at,
        page_id__in=followers_pages(notice.status_change.promise),
    )


def _published_notices(notices):
    """Notices of changes whose promise is still live and public."""
    public_promises = published(PromisePage.objects.all()).values("pk")
    return (notices.filter(status_change__promise__in=public_promises)
            .select_related("status_change__promise"))


def _retry_later(retry_task, attempt, error, *args):
    """Enqueue `retry_task(*args, attempt + 1)` after a delay that doubles with each attempt,
    unless the attempts are used up."""
    if attempt >= settings.FOLLOWING_MAX_ATTEMPTS:
        log.error("%s%s given up after %s attempts: %s", retry_task.name, args, attempt, error)
        return
    log.warning("%s%s failed (attempt %s), will retry: %s", retry_task.name, args, attempt, error)
    if retry_task.get_backend().supports_defer:
        delay = settings.FOLLOWING_RETRY_SECONDS * 2 ** (attempt - 1)
        retry_task = retry_task.using(run_after=timezone.now() + dt.timedelta(seconds=delay))
    retry_task.enqueue(*args, attempt + 1)


def deliver_or_retry(subscription, changes, attempt=1):
    """Send now; when the mail server fails, try again later."""
    try:
        deliver(subscription, changes)
    except SMTP_ERRORS as error:
        _retry_later(send_alert, attempt, error, subscription.pk, [change.pk for change in changes])


@task()
def send_confirmation_email(subscription_id: int, frequency: str, language: str,
                            attempt: int = 1) -> None:
    """The double opt-in's email, sent by the worker so that the form never waits on (or fails
    with) the mail server."""
    subscription = Subscription.objects.filter(pk=subscription_id).first()
    if subscription is None:
        return
    try:
        send_confirmation(subscription, frequency, language)
    except SMTP_ERRORS as error:
        _retry_later(send_confirmation_email, attempt, error, subscription_id, frequency, language)


@task()
def send_alert(subscription_id: int, change_ids: list[int], attempt: int) -> None:
    """Another attempt at an alert that failed: nothing if the reader unsubscribed since."""
    subscription = Subscription.objects.filter(pk=subscription_id).first()
    changes = list(StatusChange.objects.filter(pk__in=change_ids).select_related("promise"))
    if subscription and changes:
        deliver_or_retry(subscription, changes, attempt)


@task()
def announce_changes(change_ids: list[int]) -> None:
    """Send newly published status changes to their immediate followers."""
    notices = ChangeNotice.objects.filter(status_change_id__in=change_ids)
    for notice in _published_notices(notices):
        for subscription in _followers(notice, Frequency.IMMEDIATE):
            deliver_or_retry(subscription, [notice.status_change])


@task()
def send_daily_digests() -> None:
    """One email per daily subscriber with the changes they have not had yet; also deletes the
    addresses that never confirmed (kept no longer than the confirmation link is valid)."""
    now = timezone.now()
    Subscription.objects.filter(
        confirmed_at__isnull=True,
        created_at__lt=now - dt.timedelta(days=settings.FOLLOWING_CONFIRM_DAYS),
    ).delete()
    digests = defaultdict(list)
    notices = ChangeNotice.objects.filter(published_at__gte=now - DIGEST_LOOKBACK)
    for notice in _published_notices(notices).order_by("published_at"):
        for subscription in _followers(notice, Frequency.DAILY):
            digests[subscription].append(notice.status_change)
    for subscription, changes in digests.items():
        deliver_or_retry(subscription, changes)
