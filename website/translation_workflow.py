"""Translations go through the same moderation workflow as the English pages.

wagtail-localize's translation editor saves each string as the translator types it and offers
"Publish" to those who may publish; it has no "Submit for moderation". Here an editor submits
the translated page: its strings become a draft revision of the translation and the page
enters its workflow, where a moderator approves (publishes) or rejects it as any other page.
The button sits in the page's header and its listing's "More" menu.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.widgets import Button
from wagtail.models import Page
from wagtail_localize.models import Translation


def translation_of_page(page):
    """The synced wagtail-localize translation whose target is `page`, or None."""
    return Translation.objects.filter(source__object_id=page.translation_key,
                                      target_locale_id=page.locale_id, enabled=True).first()


def can_submit(page, user):
    return (page.permissions_for_user(user).can_edit() and page.get_workflow() is not None
            and not page.workflow_in_progress)


def submit(translation, page, user):
    """Save the translation as it stands as a revision of `page` and start its workflow.

    Not `Translation.save_target(publish=False)`: that writes the text into the live page's row
    at once, putting it before readers unapproved. wagtail-localize's preview instance (the
    translation with its strings applied, unsaved) is saved as a revision only."""
    draft = translation.source.get_ephemeral_translated_instance(
        translation.target_locale, fallback=True)
    draft.save_revision(user=user)
    page = type(page).objects.get(pk=page.pk)
    page.get_workflow().start(page, user)


def submit_translation(request, page_id):
    """GET: confirm; POST: save the translation as a draft and start the page's workflow."""
    page = get_object_or_404(Page, pk=page_id).specific
    translation = translation_of_page(page)
    if translation is None:
        raise Http404(_("This page is not a translation made in the translation editor."))
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    if request.method == "POST":
        if can_submit(page, request.user):
            submit(translation, page, request.user)
            messages.success(request, _("“%(title)s” was submitted for moderation.")
                             % {"title": page.get_admin_display_title()})
        else:
            messages.error(request, _("This translation is already in moderation, or its "
                                      "page has no workflow."))
        return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(request, "website/admin/submit_translation.html",
                            {"page": page, "translation": translation})


def submit_button(page, user):
    """The "Submit translation for moderation" button for a translated page the user may
    submit; None for any other page."""
    if page.alias_of_id or translation_of_page(page) is None or not can_submit(page, user):
        return None
    return Button(gettext_lazy("Submit translation for moderation"),
                  reverse("submit_translation", args=[page.pk]), icon_name="resubmit",
                  priority=20)
