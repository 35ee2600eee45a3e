from django.shortcuts import get_object_or_404, redirect
from wagtail.models import Page

from .visibility import published


def permalink(request, page_id):
    """/record/<id>/: a link that survives renaming or moving the page it points to."""
    page = get_object_or_404(published(Page.objects.all()), pk=page_id)
    return redirect(page.get_url(request=request), permanent=False)
