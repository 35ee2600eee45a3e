"""The promise's own admin views: a Wagtail PageViewSet for PromisePage, the "Needs
attention" report, and subjects (taggit tags) with their merge."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from taggit.models import Tag
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Task
from wagtail.snippets.views.snippets import SnippetViewSet

from .attention import needs_attention
from .models import PromisePage, SubjectLabel
from .publishing import links_of, refusal, unpublished_links
from .subjects import merge


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
            promise = self.object.get_latest_revision().as_object()  # what approval publishes
            names = unpublished_links(links_of(promise))
            if names:
                messages.error(request, refusal(names))
                if request.headers.get("x-requested-with") == "XMLHttpRequest":
                    return self.render_modal_json(
                        request, {"step": "success", "redirect": self.redirect_url})
                return redirect(self.redirect_url)
        return super().post(request, *args, **kwargs)


class PromisePageViewSet(PageViewSet):
    """Wagtail's page views for promises, with the approval that checks links."""

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


MERGE_PERMISSION = "taggit.delete_tag"


class MergeSubjectForm(forms.Form):
    into = forms.ModelChoiceField(queryset=Tag.objects.none(), label=_("Merge into"),
                                  help_text=_("Its promises move to this subject."))

    def __init__(self, *args, subject, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = Tag.objects.exclude(pk=subject.pk).order_by("name")


class MergeSubjectView(WagtailAdminTemplateMixin, FormView):
    """Move every promise of one subject to another and delete the first (logged)."""

    template_name = "promises/admin/merge_subject.html"
    form_class = MergeSubjectForm
    header_icon = "tag"
    list_url_name = "wagtailsnippets_taggit_tag:list"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(MERGE_PERMISSION):
            raise PermissionDenied
        self.subject = get_object_or_404(Tag, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Merge the subject “%(name)s”") % {"name": self.subject.name}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "subject": self.subject}

    def get_context_data(self, **kwargs):
        count = self.subject.promises_promisesubject_items.count()
        return super().get_context_data(subject=self.subject, promise_count=count, **kwargs)

    def form_valid(self, form):
        into, name = form.cleaned_data["into"], self.subject.name
        moved = merge(self.subject, into, user=self.request.user)
        messages.success(self.request, _(
            "Merged “%(old)s” into “%(new)s”: %(count)s promises moved, “%(old)s” deleted.") % {
            "old": name, "new": into.name, "count": moved})
        return redirect(self.list_url_name)


class SubjectViewSet(SnippetViewSet):
    """Subjects, the managed vocabulary of promises (registered under "Records" by
    website/wagtail_hooks.py), with a "Merge into..." action on each."""

    model = Tag
    icon = "tag"
    menu_label = _("Subjects")
    list_display = ["name", "slug"]
    panels = [FieldPanel("name")]
    copy_view_enabled = False

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(),
                path("merge/<int:pk>/", MergeSubjectView.as_view(), name="merge")]


class SubjectLabelViewSet(SnippetViewSet):
    """Subjects' labels (registered under "Records" by website/wagtail_hooks.py): the English
    one follows the subject's name; the others are its translations (wagtail-localize)."""

    model = SubjectLabel
    icon = "tag"
    menu_label = _("Subject labels")
    list_display = ["label", "subject", "locale"]
    copy_view_enabled = False


def merge_url(subject):
    return reverse("wagtailsnippets_taggit_tag:merge", args=[subject.pk])
