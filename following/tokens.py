"""Signed links in the emails: confirming a subscription and unsubscribing. Signed with the
SECRET_KEY (django.core.signing), so the links need no stored token and no login."""

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "following.confirm"
UNSUBSCRIBE_SALT = "following.unsubscribe"


def confirmation_token(subscription, frequency, language):
    """The choices travel in the link: a second request for an already confirmed address changes
    nothing until its owner follows the new link."""
    return signing.dumps({"id": subscription.pk, "frequency": frequency, "language": language},
                         salt=CONFIRM_SALT, compress=True)


def read_confirmation(token):
    """The signed choices, or None for a forged, altered or expired link."""
    try:
        return signing.loads(token, salt=CONFIRM_SALT,
                             max_age=settings.FOLLOWING_CONFIRM_DAYS * 24 * 3600)
    except signing.BadSignature:
        return None


def unsubscribe_token(subscription):
    return signing.dumps(subscription.pk, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe(token):
    """The subscription id of a valid link (it does not expire), or None."""
    try:
        return signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
