"""Admin registration: outlets (with their health), the archive (read only), and the
review queue of news suggestions."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views, review
from .models import NewsItem, Outlet, UrlRecord


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """The archive is written by the pipeline only: nobody adds, edits or deletes by hand."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete", "copy", "publish", "lock", "unlock"):
            return False
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = [action for action in actions if action not in ("add", "change", "delete")]
        if not actions:
            return super().users_with_any_permission(["__none__"]).none()
        return super().users_with_any_permission(actions)


register_permission_policy(NewsItem, ReadOnlyPermissionPolicy(NewsItem))
register_permission_policy(UrlRecord, ReadOnlyPermissionPolicy(UrlRecord))


class OutletViewSet(SnippetViewSet):
    model = Outlet
    icon = "globe"
    menu_label = _("News outlets")
    list_display = [
        "name",
        BooleanColumn("enabled", label=_("Enabled")),
        Column("health", label=_("Health"), accessor=lambda outlet: outlet.health()),
        DateColumn("last_success_at", label=_("Last success")),
        DateColumn("last_error_at", label=_("Last error")),
        Column("consecutive_failures", label=_("Failures in a row")),
        Column("last_error", label=_("Last error message"),
               accessor=lambda outlet: Truncator(outlet.last_error).chars(120)),
    ]
    list_filter = ["enabled"]
    search_fields = ["name", "slug", "home_page"]
    copy_view_enabled = False


class NewsItemViewSet(SnippetViewSet):
    model = NewsItem
    icon = "doc-full"
    menu_label = _("News archive")
    list_display = ["title", "outlet", DateColumn("published_at", label=_("Published")),
                    "language", "version_count", "source",
                    BooleanColumn("is_sample", label=_("Sample data"))]
    list_filter = ["outlet", "language", "is_sample"]
    search_fields = ["title", "text"]
    inspect_view_enabled = True
    inspect_view_fields = ["title", "outlet", "url", "canonical_url", "published_at", "author",
                           "language", "first_seen_at", "last_fetched_at", "version_count",
                           "source", "is_sample", "text"]
    copy_view_enabled = False


class UrlRecordViewSet(SnippetViewSet):
    model = UrlRecord
    icon = "link"
    menu_label = _("Scraped addresses")
    list_display = ["canonical_url", "state", "reason", "outlet",
                    DateColumn("retry_after", label=_("Retry after")),
                    DateColumn("last_seen_at", label=_("Last seen"))]
    list_filter = ["state", "outlet"]
    search_fields = ["canonical_url", "detail"]
    inspect_view_enabled = True
    copy_view_enabled = False


class NewsGroup(SnippetViewSetGroup):
    menu_label = _("News")
    menu_icon = "doc-full-inverse"
    items = (OutletViewSet, NewsItemViewSet, UrlRecordViewSet)


register_snippet(NewsGroup)


class ReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return review.can_review(request.user)


@hooks.register("register_admin_menu_item")
def register_review_menu_item():
    return ReviewMenuItem(
        _("News suggestions"), reverse("scrapers_suggestions"), icon_name="doc-full-inverse",
        name="news-suggestions", order=250,
    )


@hooks.register("register_admin_urls")
def register_review_urls():
    return [
        path("news-suggestions/", admin_views.SuggestionQueueView.as_view(),
             name="scrapers_suggestions"),
        path("news-suggestions/<int:pk>/accept/", admin_views.accept_view,
             name="scrapers_suggestion_accept"),
        path("news-suggestions/<int:pk>/reject/", admin_views.reject_view,
             name="scrapers_suggestion_reject"),
    ]


@hooks.register("register_permissions")
def register_review_permission():
    return Permission.objects.filter(content_type__app_label="scrapers",
                                     codename="review_suggestion")
