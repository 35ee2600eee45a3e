"""Which view restrictions (the admin's Privacy setting) apply to a page, with no query for a
page that has none.

Wagtail's `Page.get_view_restrictions()`, which its `check_view_restrictions` hook calls before
serving every page, reads the page's ancestors and then their restrictions: two queries on every
public page, although a site has a handful of restrictions. Here every restriction's page path is
kept in the cache (core.scoped_cache); a restriction applies to a page when its page is the page
or one above it (its path is a prefix of the page's). Saving or deleting a restriction, or
changing its groups, bumps "site" (core.signals: every wagtailcore model), so a page is refused
from the next request on.

What is returned is still a queryset of the restrictions, read fresh (their kind, password and
groups); a page none applies to gets an empty one, which costs no query. Aliases keep Wagtail's
rule (an alias has its source page's restrictions), read the way Wagtail reads them.
"""

from dataclasses import dataclass

from wagtail.models import Page, PageViewRestriction

from .scoped_cache import scoped


@dataclass(frozen=True)
class KnownRestrictions:
    restrictions: tuple  # (page path, restriction id) of every restriction
    alias_paths: frozenset  # the paths of pages that are aliases


def _known_restrictions():
    return KnownRestrictions(
        restrictions=tuple(PageViewRestriction.objects.values_list("page__path", "pk")),
        alias_paths=frozenset(
            Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True)),
    )


class CachedViewRestrictions:
    """A page type whose view restrictions are found without a query (see the module)."""

    def get_view_restrictions(self):
        known = scoped("view-restrictions", _known_restrictions)
        if self.alias_of_id or any(self.path.startswith(alias_path)
                                   for alias_path in known.alias_paths):
            return super().get_view_restrictions()
        restriction_ids = [restriction_id for page_path, restriction_id in known.restrictions
                           if self.path.startswith(page_path)]
        if not restriction_ids:
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(pk__in=restriction_ids)
