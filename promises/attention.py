"""What in the record needs an editor's attention (the admin's "Needs attention" report).

Each check says why in words an editor acts on:
- an overdue promise whose latest status change is older than STALE_AFTER (or has none): has
  anything happened since?
- a promise with no status change yet, so no source beyond the report that it was made;
- a live promise linking to people, bodies or settlements that are not live (readers meet 404s);
- a deadline phrase no deadline can be derived from: the promise can never become overdue.
"""

import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.partial_dates import parse_or_none

from .deadlines import unparsed_deadline_phrase
from .models import PromisePage
from .publishing import links_of, unpublished_links

STALE_AFTER = datetime.timedelta(days=183)


def _latest_change_date(promise):
    dates = [parse_or_none(change.date) for change in promise.status_changes.all()]
    return max((when.latest() for when in dates if when), default=None)


def _stale_overdue(promises, today):
    """{pk: reason} for overdue promises with no status change within STALE_AFTER."""
    found = {}
    for promise in promises.overdue(today).prefetch_related("status_changes"):
        latest = _latest_change_date(promise)
        if latest is None or latest < today - STALE_AFTER:
            found[promise.pk] = _("Overdue since %(due)s, and no status change since "
                                  "%(since)s.") % {"due": promise.deadline_due,
                                                   "since": latest or _("it was recorded")}
    return found


def _without_evidence(promises):
    return {pk: _("No status change yet: no source beyond the report that it was made.")
            for pk in promises.filter(status_changes__isnull=True).values_list("pk", flat=True)}


def _linking_to_unpublished(promises):
    linking = (promises.filter(live=True)
               .filter(Q(people__live=False) | Q(bodies__live=False) | Q(settlements__live=False))
               .distinct().prefetch_related("people", "bodies", "settlements"))
    return {promise.pk: _("Live, but links to unpublished pages: %(pages)s.") % {
        "pages": ", ".join(map(str, unpublished_links(links_of(promise))))}
        for promise in linking}


def _deadline_not_understood(promises):
    found = {}
    for promise in promises.filter(deadline="").exclude(deadline_phrase=""):
        if phrase := unparsed_deadline_phrase(promise):
            found[promise.pk] = _("No deadline can be derived from “%(phrase)s”: it can never "
                                  "become overdue.") % {"phrase": phrase}
    return found


def needs_attention(today=None):
    """{promise pk: [reasons]} for every promise (draft or live) that needs attention."""
    today = today or timezone.localdate()
    promises = PromisePage.objects.all()
    reasons = {}
    for check in (_stale_overdue(promises, today), _without_evidence(promises),
                  _linking_to_unpublished(promises), _deadline_not_understood(promises)):
        for pk, reason in check.items():
            reasons.setdefault(pk, []).append(reason)
    return reasons
