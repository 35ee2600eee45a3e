"""The published status scale. The methodology page shows these definitions verbatim."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    NOT_RATED = "not_rated", _("Not yet rated")
    IN_PROGRESS = "in_progress", _("In progress")
    STALLED = "stalled", _("Stalled")
    PARTIALLY_KEPT = "partially_kept", _("Partially kept")
    KEPT = "kept", _("Kept")
    BROKEN = "broken", _("Broken")


DEFINITIONS = {
    Status.NOT_RATED: _(
        "Recorded, but there is not yet enough evidence to say whether anything was done."
    ),
    Status.IN_PROGRESS: _(
        "There is evidence of work towards the promise (money allocated, works begun, "
        "documents issued), but it has not been delivered."
    ),
    Status.STALLED: _(
        "Work began or was announced, but nothing has moved for a long time or it was "
        "halted (lack of funds, a court case, a change of official)."
    ),
    Status.PARTIALLY_KEPT: _(
        "Part of what was promised was delivered, or it was delivered to some of the people "
        "it was promised to."
    ),
    Status.KEPT: _("What was promised was delivered, substantially as promised."),
    Status.BROKEN: _(
        "The promisor did the opposite, openly abandoned the promise, or the evidence shows "
        "it will not be delivered as promised."
    ),
}

# A promise is settled once it is kept or broken: it can no longer become overdue.
SETTLED = frozenset({Status.KEPT, Status.BROKEN})

OVERDUE_DEFINITION = _(
    "Overdue is not a status an editor sets: it is computed. A promise is overdue when its "
    "deadline (the last day of the stated or derived deadline) has passed and it is neither "
    "kept nor broken."
)


def overdue_cutoff(on=None):
    """The first day a deadline has not yet passed on: `on`, by default today (site time)."""
    return on or timezone.localdate()


def overdue_q(on=None, *, status_field="status", deadline_field="deadline_due"):
    """OVERDUE_DEFINITION as an ORM condition: PromiseQuerySet.overdue, the promise list and
    search's database fallback filter with it (search's engine filter reads SETTLED and
    overdue_cutoff)."""
    return (Q(**{f"{deadline_field}__lt": overdue_cutoff(on)})
            & ~Q(**{f"{status_field}__in": sorted(SETTLED)}))


def is_overdue(status, deadline_due, on=None):
    """OVERDUE_DEFINITION for one promise: its status and its deadline's last day (a date)."""
    return (bool(status) and deadline_due is not None and deadline_due < overdue_cutoff(on)
            and status not in SETTLED)


def definition(status):
    return DEFINITIONS[Status(status)]
