"""What publishing a promise takes and does.

- A promise goes live only when the people, bodies and settlements it names are live: a live
  promise linking to an unpublished promisor sends readers from the home page, the list and the
  settlement page to a 404. `unpublished_links()` names them; the admin form refuses a direct
  publish or an approval made from the edit page (promises.forms), the moderators' "Approve"
  button is refused the same way (promises.admin_views), and `publish_workflow_state`, the
  workflow's finishing action (WAGTAIL_FINISH_WORKFLOW_ACTION), refuses on any other path.
- Publishing locks the status changes it publishes: `mark_published` stamps them, and from then
  on they are append-only (promises.forms); until then an editor may fix or remove them.
"""

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.signals import page_published
from wagtail.workflows import publish_workflow_state as wagtail_publish_workflow_state

# The promise's chooser relations (its Promise* link models) to pages, by what they name.
LINK_KINDS = (
    ("promisor_people", gettext_lazy("person")),
    ("promisor_bodies", gettext_lazy("body")),
    ("beneficiary_settlements", gettext_lazy("settlement")),
)


class UnpublishedLinks(PermissionDenied):
    """Publishing would put a promise live with links to pages that are not."""


def unpublished_links(linked):
    """["person “X”", ...] for the pages in `linked` ({"promisor_people": pages, ...}) that are
    not live."""
    return [format_lazy("{} “{}”", label, page.title)
            for name, label in LINK_KINDS for page in (linked.get(name) or ()) if not page.live]


def links_of(promise):
    """The pages a promise (a saved page or a revision's object) links to, by relation: read
    from its link rows, which a revision carries (its many-to-many fields show the live page)."""
    return {name: [link.chosen for link in getattr(promise, name).all()]
            for name, _label in LINK_KINDS}


def refusal(names):
    """The message refusing to publish a promise that links to the unpublished `names`."""
    return _("This promise cannot be published while it links to pages that are not "
             "published: %(pages)s. Publish them first (or submit them for moderation "
             "together with the promise).") % {"pages": ", ".join(map(str, names))}


def publish_workflow_state(workflow_state, user=None):
    """WAGTAIL_FINISH_WORKFLOW_ACTION: Wagtail's own, unless the revision is a promise that
    links to unpublished pages. The refusal rolls the approval back (it runs inside it)."""
    revision = workflow_state.content_object.get_latest_revision()
    promise = revision.as_object()
    if isinstance(promise, apps.get_model("promises", "PromisePage")):
        names = unpublished_links(links_of(promise))
        if names:
            raise UnpublishedLinks(refusal(names))
    wagtail_publish_workflow_state(workflow_state, user=user)


def mark_published(sender, instance, **kwargs):
    """page_published: stamp the status changes this publication made public."""
    instance.status_changes.filter(published_at__isnull=True).update(published_at=timezone.now())


def connect(promise_model):
    page_published.connect(mark_published, sender=promise_model,
                           dispatch_uid="promises_mark_published")
