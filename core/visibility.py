"""What the public may see of the page tree: the one rule every public list, count, search
document, vocabulary and link uses.

A page is published when it is live and neither it nor any page above it carries a view
restriction (the admin's Privacy setting: a password, a login or groups). Records that are not
pages but are shown through pages (status changes, a city's settlements, the people who promised)
follow the page they hang off: filter them with `published_q("<relation to the page>")`.

Wagtail's `PageQuerySet.public()` reads every restriction when the queryset is built, so a
queryset built once (a form field's choices at import) would keep the restrictions of that
moment, and each use costs a query of its own. Here the restriction is a subquery of the query
itself: always current, and no extra round trip.

Only canonical records (the default locale's) are published: a translation carries text only and
is shown in its record's place (core.localized), never listed or counted apart.
"""

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.lookups import StartsWith
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, PageViewRestriction


def default_locale(queryset):
    """Canonical records only: a translation is shown in its record's place, never counted apart."""
    return queryset.filter(
        locale__language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )


def _restricted():
    """A view restriction on the outer page or on one of its ancestors (a path prefix)."""
    return Exists(PageViewRestriction.objects.filter(
        StartsWith(OuterRef("path"), F("page__path"))))


def published(pages):
    """The canonical pages of this queryset the public may see (live, with no restriction
    above, in the default locale)."""
    return default_locale(pages.live().filter(~_restricted()))


def published_q(relation):
    """A condition on `relation` (a path to pages): the related page is published."""
    return Q(**{f"{relation}__in": published(Page.objects.all()).values("pk")})


def retracted(pages):
    """The pages of this queryset the public saw and no longer sees: published once, now not
    live, with no restriction above (a private page's title stays private). They answer with
    their tombstone (core.tombstones) and, not being live, nowhere else."""
    return pages.filter(live=False, first_published_at__isnull=False).filter(~_restricted())
