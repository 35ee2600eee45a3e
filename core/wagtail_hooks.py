"""The admin's side of core: what a typed partial date was understood as, while typing; the
form fields for web addresses and chosen records (see core.forms); the character count under
bounded text fields; and of tombstones (core.tombstones): unpublishing a record the public saw
asks why (one record at a time), and keeps the answer in the page's history, which the
tombstone shows."""

from django.contrib import messages
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.widgets import AdminPageChooser
from wagtail.models import AbstractPage

from .forms import ModelChoiceField, ModelMultipleChoiceField, WebAddressField
from .localized import Translations
from .tombstones import (
    REASON_FIELD,
    REASON_MAX_LENGTH,
    RETRACT_ACTION,
    Retractable,
    RetractionFormatter,
    log_retraction,
)
from .views import partial_date_understood

register_form_field_override(models.URLField, override={"form_class": WebAddressField})
# Links to pages only: other keys are integer fields, whose range Django checks itself. This
# replaces Wagtail's own override for them, so it keeps Wagtail's page chooser.
register_form_field_override(
    models.ForeignKey, to=AbstractPage,
    override=lambda db_field: {
        "form_class": ModelChoiceField,
        "widget": AdminPageChooser(target_models=[db_field.remote_field.model]),
    },
)
register_form_field_override(models.ManyToManyField,
                             override={"form_class": ModelMultipleChoiceField})


def _reason(request):
    return request.POST.get(REASON_FIELD, "").strip()


@hooks.register("before_unpublish_page")
def require_a_reason(request, page):
    """Refuse to unpublish a live record without a reason (or with one too long to show)."""
    if not isinstance(page, Retractable) or not page.live:
        return None
    reason = _reason(request)
    if reason and len(reason) <= REASON_MAX_LENGTH:
        return None
    messages.error(request, _("Say why “%(title)s” is taken off the site, in at most %(limit)s "
                              "characters: its address will show the reason.") % {
        "title": page.title, "limit": REASON_MAX_LENGTH})
    return redirect(request.get_full_path())


@hooks.register("after_unpublish_page")
def keep_the_reason(request, page):
    if isinstance(page, Retractable):
        log_retraction(page, request.user, _reason(request))


@hooks.register("register_log_actions")
def register_retraction(actions):
    actions.register_action(RETRACT_ACTION)(RetractionFormatter)


@hooks.register("before_bulk_action")
def unpublish_records_one_at_a_time(request, action_type, objects, _bulk_action):
    """Bulk unpublishing asks no reason: records the public sees are unpublished one by one."""
    if action_type != "unpublish":
        return None
    live_records = [page for page in objects if isinstance(page.specific, Retractable)
                    and page.live]
    if not live_records:
        return None
    messages.error(request, _("Unpublish %(titles)s one at a time: each asks why it is taken off "
                              "the site, and its address will show the reason.") % {
        "titles": ", ".join(f"“{page.title}”" for page in live_records)})
    # Wagtail's own next_url falls back to the bulk action's URL, which has nothing to show.
    return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_home"))


@hooks.register("register_admin_urls")
def partial_date_urls():
    return [path("partial-date/", partial_date_understood, name="partial_date_understood")]


@hooks.register("insert_editor_js")
def partial_date_script():
    """A file from 'self' (the admin's CSP allows no other), on every page and snippet form."""
    return format_html('<script src="{}" defer></script>', static("js/admin-partial-dates.js"))


@hooks.register("insert_editor_js")
def character_count_script():
    """The character count under bounded text fields (site/static/js/admin-character-count.js)."""
    return format_html('<script src="{}" defer></script>',
                       static("js/admin-character-count.js"))


@hooks.register("on_serve_page")
def show_translations(serve):
    """A page read in another language shows its records through their translations: the
    context, computed from the canonical records, is shown in the reader's language
    (core.localized) before the template renders it."""
    def serve_shown(page, request, args, kwargs):
        response = serve(page, request, args, kwargs)
        context = getattr(response, "context_data", None)
        if isinstance(response, TemplateResponse) and context and not response.is_rendered:
            Translations.for_request(request).show_context(context)
        return response
    return serve_shown
