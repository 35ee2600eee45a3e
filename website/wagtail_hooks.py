"""The admin's "Records" menu, and the admin's side of the append-only history.

Each app describes its own records' admin views (sources/views.py, chronicle/views.py,
places/views.py); the site decides how the menu groups them.

Deleting what the published record holds (website.history) is refused before Wagtail asks for
confirmation, with the reason, and pages are sent to "Unpublish" instead; the listings do not
offer "Delete" for them.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.widgets.button import BaseDropdownMenuButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from chronicle.views import EventViewSet
from core.models import RemovalRecord
from places.views import CountryViewSet, DistrictViewSet
from promises.admin_views import SubjectLabelViewSet, SubjectViewSet
from sources.views import SourceViewSet

from . import quick_entry, translation_workflow
from .history import refusal


class RecordsGroup(SnippetViewSetGroup):
    menu_label = _("Records")
    menu_icon = "folder-open-inverse"
    items = (SourceViewSet, EventViewSet, CountryViewSet, DistrictViewSet, SubjectViewSet,
             SubjectLabelViewSet)


register_snippet(RecordsGroup)


class AdministratorsReadOnly(ModelPermissionPolicy):
    """Removal records are written by `manage.py remove_record` only; administrators read them,
    and nobody edits or deletes them in the admin."""

    def user_has_permission(self, user, action):
        return action == "view" and user.is_active and user.is_superuser

    def user_has_any_permission(self, user, actions):
        return "view" in actions and self.user_has_permission(user, "view")


register_permission_policy(RemovalRecord, AdministratorsReadOnly(RemovalRecord))


class RemovalRecordViewSet(SnippetViewSet):
    model = RemovalRecord
    icon = "bin"
    menu_label = _("Court-ordered removals")
    add_to_admin_menu = False
    list_display = ["removed_at", "record_type", "record_id", "title", "removed_by", "reason"]
    inspect_view_enabled = True
    copy_view_enabled = False


register_snippet(RemovalRecordViewSet)


@hooks.register("register_reports_menu_item")
def register_removals_report():
    return MenuItem(_("Court-ordered removals"), reverse("wagtailsnippets_core_removalrecord:list"),
                    icon_name="bin", order=910)


@hooks.register("before_delete_page")
def refuse_deleting_a_published_page(request, page):
    """Say why, and offer to unpublish instead (or go back to editing)."""
    message = refusal(page)
    if not message:
        return None
    messages.error(request, message)
    if page.live and page.permissions_for_user(request.user).can_unpublish():
        return redirect("wagtailadmin_pages:unpublish", page.pk)
    return redirect("wagtailadmin_pages:edit", page.pk)


def _refused(request, records):
    """Tell the user why each record that may not be deleted may not; those records."""
    refused = []
    for record in records:
        reason = refusal(record)
        if reason:
            messages.error(request, reason)
            refused.append(record)
    return refused


@hooks.register("before_delete_snippet")
def refuse_deleting_a_cited_record(request, instances):
    refused = _refused(request, instances)
    if not refused:
        return None
    return redirect(refused[0].snippet_viewset.get_url_name("edit"), refused[0].pk)


@hooks.register("before_bulk_action")
def refuse_bulk_deleting_history(request, action_type, objects, _bulk_action):
    if action_type != "delete" or not _refused(request, objects):
        return None
    # Wagtail's own next_url falls back to the bulk action's URL, which has nothing to show.
    return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_home"))


@hooks.register("construct_page_listing_buttons")
def hide_deleting_a_published_page(buttons, page, user, context=None):
    """No "Delete" in the page listings for what may not be deleted ("Unpublish" stays)."""
    delete_url = reverse("wagtailadmin_pages:delete", args=[page.pk])

    def is_delete(button):
        return (button.url or "").split("?")[0] == delete_url

    offered = [button for button in buttons if is_delete(button)] + [
        button for dropdown in buttons if isinstance(dropdown, BaseDropdownMenuButton)
        for button in dropdown.dropdown_buttons if is_delete(button)]
    if not offered or not refusal(page):
        return
    buttons[:] = [button for button in buttons if not is_delete(button)]
    for dropdown in buttons:
        if isinstance(dropdown, BaseDropdownMenuButton):
            dropdown.dropdown_buttons = [button for button in dropdown.dropdown_buttons
                                         if not is_delete(button)]


@hooks.register("construct_snippet_listing_buttons")
def hide_deleting_a_cited_record(buttons, snippet, user):
    """No "Delete" in the record listings for a source published records cite."""
    delete_url = reverse(snippet.snippet_viewset.get_url_name("delete"), args=[snippet.pk])

    def is_delete(button):
        return (button.url or "").split("?")[0] == delete_url

    if any(map(is_delete, buttons)) and refusal(snippet):
        buttons[:] = [button for button in buttons if not is_delete(button)]


@hooks.register("register_admin_urls")
def register_quick_entry_url():
    return [path("add-promise/", quick_entry.add_promise, name="add_promise")]


@hooks.register("register_admin_urls")
def register_submit_translation_url():
    return [path("translations/<int:page_id>/submit/", translation_workflow.submit_translation,
                 name="submit_translation")]


@hooks.register("register_page_header_buttons")
@hooks.register("register_page_listing_more_buttons")
def submit_translation_button(page, user, **kwargs):
    button = translation_workflow.submit_button(page, user)
    if button:
        yield button


@hooks.register("register_admin_menu_item")
def register_add_promise_menu_item():
    return quick_entry.add_promise_menu_item()


@hooks.register("construct_homepage_panels")
def add_the_add_promise_panel(request, panels):
    if quick_entry.promise_list_for(request.user) is not None:
        panels.append(quick_entry.AddPromisePanel())


hooks.register("construct_page_action_menu", quick_entry.put_submit_first)
