"""Admin registration of the promise's own views (promises.admin_views): its page views and
the "Needs attention" report."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import NeedsAttentionView, PromisePageViewSet


@hooks.register("register_admin_viewset")
def register_promise_page_viewset():
    return PromisePageViewSet("promise_pages")


@hooks.register("register_admin_urls")
def register_needs_attention_urls():
    return [
        path("reports/needs-attention/", NeedsAttentionView.as_view(),
             name="promises_needs_attention"),
        path("reports/needs-attention/results/", NeedsAttentionView.as_view(results_only=True),
             name="promises_needs_attention_results"),
    ]


@hooks.register("register_reports_menu_item")
def register_needs_attention_report():
    return MenuItem(_("Needs attention"), reverse("promises_needs_attention"),
                    icon_name="warning", name="needs-attention", order=50)
