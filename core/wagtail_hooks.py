"""The admin's side of partial dates: what a typed date was understood as, while typing."""

from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from wagtail import hooks

from .views import partial_date_understood


@hooks.register("register_admin_urls")
def partial_date_urls():
    return [path("partial-date/", partial_date_understood, name="partial_date_understood")]


@hooks.register("insert_editor_js")
def partial_date_script():
    """A file from 'self' (the admin's CSP allows no other), on every page and snippet form."""
    return format_html('<script src="{}" defer></script>', static("js/admin-partial-dates.js"))
