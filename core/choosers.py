"""Choosers that offer English (canonical) records only.

Every relation points at a canonical record (a translation carries only text), so the admin's
"Choose source" and "Choose event" buttons never offer a translation to link to.
"""

from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet

from .visibility import default_locale


class CanonicalOnly:
    def get_object_list(self):
        return default_locale(super().get_object_list())


class CanonicalChooseView(CanonicalOnly, ChooseView):
    pass


class CanonicalChooseResultsView(CanonicalOnly, ChooseResultsView):
    pass


class CanonicalChooserViewSet(SnippetChooserViewSet):
    """A snippet chooser listing only the default locale's records."""

    choose_view_class = CanonicalChooseView
    choose_results_view_class = CanonicalChooseResultsView
