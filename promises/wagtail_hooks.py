"""Admin registration of the promise's own views (promises.admin_views): its page views, the
"Needs attention" report, the subjects' merge (its button and its log entries); the role held
on "Made on" while typing (promises.role_hint); and warnings that help rather than block: a
promise saves, and the editor hears what the site could not read from it."""

from django.contrib import messages
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import LogFormatter

from .admin_views import MERGE_PERMISSION, NeedsAttentionView, PromisePageViewSet, merge_url
from .deadlines import unparsed_deadline_phrase
from .models import PromisePage
from .role_hint import role_on_made
from .subjects import MERGE_ACTION


@hooks.register("register_admin_viewset")
def register_promise_page_viewset():
    return PromisePageViewSet("promise_pages")


@hooks.register("register_admin_urls")
def register_needs_attention_urls():
    return [
        path("reports/needs-attention/", NeedsAttentionView.as_view(),
             name="promises_needs_attention"),
        path("reports/needs-attention/results/", NeedsAttentionView.as_view(results_only=True),
             name="promises_needs_attention_results"),
    ]


@hooks.register("register_reports_menu_item")
def register_needs_attention_report():
    return MenuItem(_("Needs attention"), reverse("promises_needs_attention"),
                    icon_name="warning", name="needs-attention", order=50)


@hooks.register("register_snippet_listing_buttons")
def offer_merging_a_subject(snippet, user, _next_url=None):
    if isinstance(snippet, Tag) and user.has_perm(MERGE_PERMISSION):
        return [Button(_("Merge into…"), merge_url(snippet), icon_name="resubmit", priority=50)]
    return []


@hooks.register("register_log_actions")
def register_merge_log_action(actions):
    @actions.register_action(MERGE_ACTION)
    class MergeSubjectsFormatter(LogFormatter):
        label = _("Merge subjects")

        def format_message(self, log_entry):
            return _("Merged “%(merged)s” into “%(into)s” (%(promises)s promises)") % (
                log_entry.data)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_an_unread_deadline(request, page):
    """The edit and create views pass the page with the values just saved."""
    phrase = isinstance(page, PromisePage) and unparsed_deadline_phrase(page)
    if phrase:
        messages.warning(request, gettext(
            "The deadline “%(phrase)s” was not understood, so this promise has no deadline "
            "and can never show as overdue. Enter the stated deadline, or word it as "
            "“by September 2013”, “by the end of 2013” or “within a year”."
        ) % {"phrase": phrase})


@hooks.register("register_admin_urls")
def register_role_url():
    return [path("promises/role-on-made/", role_on_made, name="promise_role_on_made")]


@hooks.register("insert_editor_js")
def role_hint_script():
    # A file from 'self' with its URL in a data attribute: no inline script.
    return format_html('<script src="{}" data-role-url="{}"></script>',
                       static("js/admin-role-hint.js"), reverse("promise_role_on_made"))
