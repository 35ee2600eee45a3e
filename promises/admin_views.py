"""The promise's own admin views (a Wagtail PageViewSet for PromisePage)."""

from django.shortcuts import redirect
from wagtail.admin import messages
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Task

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
