"""The promise form's helpers in the admin: the role held on "Made on", while typing."""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks

from .admin_views import role_on_made


@hooks.register("register_admin_urls")
def register_role_url():
    return [path("promises/role-on-made/", role_on_made, name="promise_role_on_made")]


@hooks.register("insert_editor_js")
def role_hint_script():
    # A file from 'self' with its URL in a data attribute: no inline script.
    return format_html('<script src="{}" data-role-url="{}"></script>',
                       static("js/admin-role-hint.js"), reverse("promise_role_on_made"))
