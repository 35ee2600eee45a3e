"""The editors' review queue of news suggestions (Wagtail admin)."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.params import parse_int

from . import review
from .models import Outlet, Suggestion, SuggestionState


class SuggestionQueueView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "scrapers/admin/suggestions.html"
    page_title = gettext_lazy("News suggestions")
    header_icon = "doc-full-inverse"
    per_page = 20

    def dispatch(self, request, *args, **kwargs):
        if not review.can_review(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        state = self.request.GET.get("state", SuggestionState.PENDING)
        if state not in SuggestionState.values:
            state = SuggestionState.PENDING
        suggestions = (
            Suggestion.objects.filter(state=state)
            .select_related("news_item__outlet", "promise", "reviewed_by", "source")
            .order_by("-score", "-pk")
        )
        outlet = parse_int(self.request.GET.get("outlet"), minimum=1)
        if outlet is not None:
            suggestions = suggestions.filter(news_item__outlet_id=outlet)
        asked_page = parse_int(self.request.GET.get("p"), minimum=1) or 1
        page = Paginator(suggestions, self.per_page).get_page(asked_page)
        context.update(
            page_obj=page,
            suggestions=page.object_list,
            state=state,
            states=SuggestionState.choices,
            outlets=Outlet.objects.order_by("name"),
            outlet=outlet,
            counts={
                row["state"]: row["n"]
                for row in Suggestion.objects.values("state").order_by().annotate(n=Count("pk"))
            },
        )
        return context


def _back(request):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(reverse("scrapers_suggestions"))


def _review(request, pk, action):
    """Run review.accept or review.reject for a permitted user; None when already reviewed."""
    if not review.can_review(request.user):
        raise PermissionDenied
    get_object_or_404(Suggestion, pk=pk)
    try:
        return action(pk, request.user)
    except review.AlreadyReviewed as error:
        messages.warning(request, _("This suggestion was already %(state)s.") % {
            "state": error.suggestion.get_state_display().lower()})
        return None


@require_POST
def accept_view(request, pk):
    """Accept; with "draft" (the queue's first button), also draft the status change the story
    is evidence for and open the promise's edit page on it."""
    suggestion = _review(request, pk, review.accept)
    if suggestion is None:
        return _back(request)
    edit_url = reverse("wagtailadmin_pages:edit", args=[suggestion.promise_id])
    promise = suggestion.promise
    if request.POST.get("draft") and promise.permissions_for_user(request.user).can_edit():
        review.draft_status_change(suggestion, request.user)
        messages.success(request, _(
            "Accepted: “%(item)s” is now the source “%(source)s”. A status change citing it is "
            "drafted at the end of the status history below: check its status, date and "
            "rationale, then save or submit it for moderation.") % {
            "item": suggestion.news_item.title, "source": suggestion.source.title})
        return redirect(edit_url)
    messages.success(
        request,
        _("Accepted: “%(item)s” is now the source “%(source)s”. Cite it in a status change "
          "of “%(promise)s”.") % {"item": suggestion.news_item.title,
                                  "source": suggestion.source.title,
                                  "promise": promise.title},
        buttons=[messages.button(edit_url, _("Edit the promise"))],
    )
    return _back(request)


@require_POST
def reject_view(request, pk):
    suggestion = _review(request, pk, review.reject)
    if suggestion is not None:
        messages.success(request, _("Rejected: “%(item)s” will not be suggested for "
                                    "“%(promise)s” again.") % {
            "item": suggestion.news_item.title, "promise": suggestion.promise.title})
    return _back(request)
