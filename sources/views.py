from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from core.choosers import CanonicalChooserViewSet
from core.localized import Translations
from core.tombstones import removal_of, tombstone_response
from core.visibility import default_locale, published, published_q

from .models import Source


def source_detail(request, pk):
    """A source with every public record that cites it; 410 with a notice once a court ordered
    it removed."""
    source = default_locale(Source.objects.select_related("part_of").filter(pk=pk)).first()
    if source is None:
        removal = removal_of(pk, Source)
        if removal is None:
            raise Http404
        return tombstone_response(request, removal)
    context = {
        "source": source,
        "passages": default_locale(source.passages.all()),
        "promises": published(source.reported_promises.all()).order_by("made"),
        "status_changes": default_locale(source.status_changes.filter(published_q("promise")))
        .select_related("promise")
        .order_by("date"),
        "events": default_locale(source.events.all()),
    }
    Translations.for_request(request).show_context(context)  # in the reader's language
    return render(request, "sources/source_detail.html", context)


class SourceChooserViewSet(CanonicalChooserViewSet):
    """The chooser behind every "Choose source" button, with a "New source" tab: an editor who
    found the promise in an article records the article without leaving the promise's form."""

    form_fields = ["kind", "title", "publisher", "url", "published", "part_of", "section",
                   "page", "excerpt"]
    creation_tab_label = _("New source")
    create_action_label = _("Create and choose")


class SourceViewSet(SnippetViewSet):
    """Sources in the admin (registered under "Records" by website/wagtail_hooks.py)."""

    model = Source
    chooser_viewset_class = SourceChooserViewSet
    icon = "doc-full"
    list_display = ["title", "kind", "publisher", "published", "page"]
    list_filter = ["kind"]
    search_fields = ["title", "section", "publisher"]
