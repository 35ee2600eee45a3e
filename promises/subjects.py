"""Subjects (taggit tags) as a managed vocabulary: no silent near-duplicates, and a merge.

A new subject typed on a promise that nearly repeats an existing one (`school` beside
`schools`, `Water` beside `water`) splits the record: the subject page and the filter then show
half the promises each. `near_duplicate` finds the existing one (same letters after
core.folding's fold, or rapidfuzz's ratio at least NEAR_DUPLICATE); the promise form refuses the
new one and names it. An administrator who wants two such subjects adds the new one under
Records > Subjects first, and `merge` moves the promises of one subject to another.
"""

from django.db import transaction
from rapidfuzz import fuzz, process
from taggit.models import Tag
from wagtail.log_actions import log
from wagtail.models import Revision

from core.folding import fold

NEAR_DUPLICATE = 85  # rapidfuzz ratio (0..100) from which two subject names are one subject
MERGE_ACTION = "promises.merge_subjects"


def near_duplicate(name, existing):
    """The subject in `existing` (names) that `name`, a new subject, nearly repeats; or None."""
    if name in existing:
        return None
    folded = {other: fold(other) for other in existing}
    found = process.extractOne(fold(name), folded, scorer=fuzz.ratio,
                               score_cutoff=NEAR_DUPLICATE)
    return found[2] if found else None


def near_duplicates(names):
    """[(new name, the subject it nearly repeats)] for the names in `names`: an existing
    subject, or a new one typed before it on the same promise ("road, roads")."""
    known = set(Tag.objects.values_list("name", flat=True))
    found = []
    for name in names:
        if name not in known and (other := near_duplicate(name, known)):
            found.append((name, other))
        known.add(name)
    return found


def _rewrite_revisions(old, new):
    """Drafts and history name subjects by id: make them name `new` instead of `old`, so that
    publishing or reverting to a revision never brings back the merged subject."""
    revisions = Revision.objects.filter(content_type__app_label="promises",
                                        content_type__model="promisepage")
    for revision in revisions.iterator():
        items = revision.content.get("subject_items") or []
        if not any(item.get("tag") == old.pk for item in items):
            continue
        kept, seen = [], set()
        for item in items:
            tag = new.pk if item.get("tag") == old.pk else item.get("tag")
            if tag not in seen:
                seen.add(tag)
                kept.append({**item, "tag": tag})
        revision.content["subject_items"] = kept
        revision.save(update_fields=["content"])


@transaction.atomic
def merge(old, new, user=None):
    """Move every promise from subject `old` to `new`, delete `old`, and log it on `new`.
    How many promises moved."""
    # PromiseSubject rows, through the tag: promises.models imports the form, which imports this.
    items = old.promises_promisesubject_items.all()
    promise_ids = set(items.values_list("content_object_id", flat=True))
    already = set(new.promises_promisesubject_items.filter(content_object_id__in=promise_ids)
                  .values_list("content_object_id", flat=True))
    items.filter(content_object_id__in=already).delete()
    items.update(tag=new)
    _rewrite_revisions(old, new)
    log(instance=new, action=MERGE_ACTION, user=user,
        data={"merged": old.name, "into": new.name, "promises": len(promise_ids)})
    old.delete()
    new.save()  # search re-indexes the promises that now carry it
    return len(promise_ids)
