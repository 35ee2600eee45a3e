"""Choosers that offer English (canonical) records only.

Every relation points at a canonical record (a translation carries only text), so the admin's
"Choose source" and "Choose event" buttons never offer a translation to link to.
"""

from wagtail.models import Locale
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet


class CanonicalOnly:
    def get_object_list(self):
        """core.visibility.default_locale's rule, on the locale itself: the chooser's search
        filters on indexed fields (the model's `index.FilterField("locale")`), not joins."""
        return super().get_object_list().filter(locale=Locale.get_default())


class CanonicalChooseView(CanonicalOnly, ChooseView):
    pass


class CanonicalChooseResultsView(CanonicalOnly, ChooseResultsView):
    pass


class CanonicalChooserViewSet(SnippetChooserViewSet):
    """A snippet chooser listing only the default locale's records."""

    choose_view_class = CanonicalChooseView
    choose_results_view_class = CanonicalChooseResultsView
