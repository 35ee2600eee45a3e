"""Staff see the records whose index update failed (Reports menu: "Search index failures")."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import IndexingFailure


class IndexingFailureViewSet(SnippetViewSet):
    model = IndexingFailure
    icon = "warning"
    menu_label = _("Search index failures")
    add_to_admin_menu = False
    list_display = ["record_type", "record_pk", "attempts", "first_failed_at", "last_failed_at",
                    "error"]
    list_filter = ["record_type"]
    inspect_view_enabled = True
    copy_view_enabled = False


register_snippet(IndexingFailureViewSet)


@hooks.register("register_reports_menu_item")
def register_failures_report():
    return MenuItem(
        _("Search index failures"),
        reverse("wagtailsnippets_search_indexingfailure:list"),
        icon_name="warning",
        order=900,
    )
