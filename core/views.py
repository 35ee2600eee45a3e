from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from wagtail.models import Page

from .visibility import published


def permalink(request, page_id):
    """/record/<id>/: a link that survives renaming or moving the page it points to."""
    page = get_object_or_404(published(Page.objects.all()), pk=page_id)
    url = page.get_url(request=request)
    if not url:  # the tree's root, and pages outside every site, have no address
        raise Http404
    return redirect(url, permanent=False)
