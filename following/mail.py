"""The emails: the confirmation asked for by the subscribe form, and the alerts. Each is written
in the subscriber's language, and every alert carries RFC 8058's one-click unsubscribe headers.
"""

from urllib.parse import urljoin

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _

from core.templatetags.ubada_tags import local_url

from .models import Delivery, Frequency
from .tokens import confirmation_token, unsubscribe_token


def _absolute(view_name, *args):
    return urljoin(settings.SITE_URL, reverse(view_name, args=args))


def _message(subscription, subject, template, context, headers=None):
    """An email in the active language (the caller chooses it), saying which it is."""
    body = render_to_string(template, {"subscription": subscription, **context})
    return EmailMessage(subject=subject, body=body, to=[subscription.email],
                        headers={"Content-Language": get_language(), **(headers or {})})


def send_confirmation(subscription, frequency, language):
    """Ask the address's owner to confirm: nothing else is ever sent to an unconfirmed one."""
    with override(language):
        token = confirmation_token(subscription, frequency, language)
        page = subscription.page.specific
        message = _message(
            subscription, _("Confirm your Ubada alerts for %(record)s") % {"record": page.title},
            "following/email/confirm.txt",
            {"page": page, "confirm_url": _absolute("following:confirm", token),
             "frequency_label": Frequency(frequency).label,
             "days": settings.FOLLOWING_CONFIRM_DAYS})
    message.send()


def unsubscribe_url(subscription):
    return _absolute("following:unsubscribe", unsubscribe_token(subscription))


def alert_message(subscription, changes):
    """One email listing these status changes, in the subscriber's language."""
    with override(subscription.language):
        page = subscription.page.specific
        url = unsubscribe_url(subscription)
        subject = (_("Ubada: %(count)d status changes for %(record)s")
                   % {"count": len(changes), "record": page.title} if len(changes) > 1 else
                   _("Ubada: %(promise)s is now “%(status)s”")
                   % {"promise": changes[0].promise.title,
                      "status": changes[0].get_status_display()})
        entries = [(change, urljoin(settings.SITE_URL, local_url(change.promise)))
                   for change in changes]
        return _message(
            subscription, subject, "following/email/alert.txt",
            {"page": page, "entries": entries, "unsubscribe_url": url},
            headers={"List-Unsubscribe": f"<{url}>",
                     "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"})


def deliver(subscription, changes):
    """Send the changes this subscription has not had yet, in one email; return how many.

    The delivery rows are written in the transaction that sends: if sending fails they are
    rolled back (and the change can be sent again later); once sent and committed, the unique
    constraint stops any other attempt, from this worker or another, from sending it again.
    """
    with transaction.atomic():
        pending = [change for change in changes if _claim(subscription, change)]
        if pending:
            alert_message(subscription, pending).send()
    return len(pending)


def _claim(subscription, change):
    """Record the delivery of `change`; False when it was already delivered."""
    try:
        with transaction.atomic():
            Delivery.objects.create(subscription=subscription, status_change=change)
    except IntegrityError:
        return False
    return True
