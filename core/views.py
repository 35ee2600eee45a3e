from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from wagtail.models import Page

from .partial_dates import TYPED_MAX_LENGTH, describe, parse_typed
from .visibility import published


def permalink(request, page_id):
    """/record/<id>/: a link that survives renaming or moving the page it points to."""
    page = get_object_or_404(published(Page.objects.all()), pk=page_id)
    url = page.get_url(request=request)
    if not url:  # the tree's root, and pages outside every site, have no address
        raise Http404
    return redirect(url, permanent=False)


def partial_date_understood(request):
    """What a typed partial date was understood as, for the admin's date inputs (JSON).

    Registered under /admin/ (core.wagtail_hooks), so only signed-in editors reach it.
    """
    value = request.GET.get("value", "")[: TYPED_MAX_LENGTH + 1]
    answer = {"value": value, "understood": "", "error": ""}
    if value.strip():
        try:
            answer["understood"] = describe(parse_typed(value))
        except ValidationError as refused:
            answer["error"] = " ".join(refused.messages)
    return JsonResponse(answer)
