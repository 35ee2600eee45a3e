"""The corrections log: every published correction to the record, newest first, as fact-checkers
keep one.

Two kinds of entry, both only for promises the public may see (core.visibility):
- a status change marked as a correction (StatusChange.is_correction), when it was recorded;
- a republication that changed what a published promise says (its title, text, quote or
  deadline): a publish, after the first, whose revision differs in those fields from the revision
  published before it. Wagtail's log ("wagtail.publish" entries, each naming its revision) is the
  record of what was published when; nothing is stored twice.

Both lists are read in one query each, with only the compared fields of each published revision
(JSON key subqueries, not whole revisions), and merged in Python: the page shows a fixed number of
queries however many entries it lists.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Subquery
from django.db.models.fields.json import KT
from wagtail.models import PageLogEntry, Revision

from core.visibility import default_locale, published, published_q

from .models import PromisePage, StatusChange

COMPARED_FIELDS = ("title", "text", "quote", "deadline")


@dataclass
class Correction:
    """One entry of the log. `status_change` for a corrected status; `changed` (field names)
    for a republished text."""

    when: datetime
    promise_id: int
    status_change: StatusChange | None = None
    changed: list = field(default_factory=list)
    promise: PromisePage | None = None

    @property
    def changed_labels(self):
        return [PromisePage._meta.get_field(name).verbose_name for name in self.changed]


def _published_promise_ids():
    return published(PromisePage.objects.all()).values("pk")


def status_corrections():
    changes = (default_locale(StatusChange.objects.filter(is_correction=True))
               .filter(published_q("promise"))
               .prefetch_related("sources__part_of"))
    return [Correction(when=change.recorded_at, promise_id=change.promise_id,
                       status_change=change) for change in changes]


def _published_field(name):
    """The value of `name` in the revision a log entry published (a key of its JSON)."""
    return Subquery(Revision.objects.filter(pk=OuterRef("revision_id"))
                    .values(value=KT(f"content__{name}"))[:1])


def _publications():
    """Each publish of a public promise, oldest first per promise, with the compared fields."""
    return (PageLogEntry.objects
            .filter(action="wagtail.publish", revision__isnull=False,
                    content_type=ContentType.objects.get_for_model(PromisePage),
                    page_id__in=_published_promise_ids())
            .order_by("page_id", "timestamp", "pk")
            .values("page_id", "timestamp",
                    **{name: _published_field(name) for name in COMPARED_FIELDS}))


def text_corrections():
    corrections, previous = [], None
    for publication in _publications():
        if previous is not None and previous["page_id"] == publication["page_id"]:
            changed = [name for name in COMPARED_FIELDS
                       if (previous[name] or "") != (publication[name] or "")]
            if changed:
                corrections.append(Correction(when=publication["timestamp"],
                                              promise_id=publication["page_id"],
                                              changed=changed))
        previous = publication
    return corrections


def corrections_log():
    """Every correction, newest first."""
    return sorted(status_corrections() + text_corrections(),
                  key=lambda entry: (entry.when, entry.promise_id), reverse=True)


def attach_promises(entries):
    """Give the entries of one page their promise, in one query."""
    promises = PromisePage.objects.in_bulk({entry.promise_id for entry in entries})
    for entry in entries:
        entry.promise = promises.get(entry.promise_id)
    return entries
