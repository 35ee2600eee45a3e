"""The promise's own admin views: a Wagtail PageViewSet for PromisePage, and the "Needs
attention" report."""

from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Task

from .attention import needs_attention
from .models import PromisePage
from .publishing import links_of, refusal, unpublished_links


def approval_publishes(task_state):
    """Whether approving `task_state` finishes its workflow, which then publishes the page."""
    workflow_state = task_state.workflow_state
    return not (Task.objects.filter(workflow_tasks__workflow=workflow_state.workflow, active=True)
                .exclude(task_states__in=workflow_state.successful_task_states)
                .exclude(pk=task_state.task_id).exists())


class PromiseWorkflowActionView(WorkflowActionView):
    """The moderators' "Approve" (dashboard, listing, history): refused, with the pages named,
    when approving would publish a promise that links to unpublished pages."""

    def post(self, request, *args, **kwargs):
        if self.action_name == "approve" and approval_publishes(self.task_state):
            promise = self.task_state.revision.as_object()
            names = unpublished_links(links_of(promise))
            if names:
                messages.error(request, refusal(names))
                if request.headers.get("x-requested-with") == "XMLHttpRequest":
                    return self.render_modal_json(
                        request, {"step": "success", "redirect": self.redirect_url})
                return redirect(self.redirect_url)
        return super().post(request, *args, **kwargs)


class PromisePageViewSet(PageViewSet):
    model = PromisePage
    workflow_action_view_class = PromiseWorkflowActionView


class NeedsAttentionView(ReportView):
    """Promises an editor should look at, each with the reasons (promises.attention)."""

    page_title = _("Needs attention")
    header_icon = "warning"
    index_url_name = "promises_needs_attention"
    index_results_url_name = "promises_needs_attention_results"
    columns = [
        TitleColumn("title", label=_("Promise"), url_name="wagtailadmin_pages:edit"),
        Column("status_string", label=_("Page")),
        Column("attention_text", label=_("Why")),
    ]
    list_export = ["title", "status_string", "attention_text"]
    export_headings = {"status_string": _("Page"), "attention_text": _("Why")}

    def get_queryset(self):
        self.reasons = needs_attention()
        return PromisePage.objects.filter(pk__in=self.reasons).order_by("title", "pk")

    def decorate_paginated_queryset(self, object_list):
        for promise in object_list:
            promise.attention_text = " ".join(self.reasons[promise.pk])
        return object_list
