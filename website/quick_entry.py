"""Quick entry: "Add promise" one click from anywhere in the admin.

Editors used to go Pages > Ubada > Promises > Add child page. The menu item and the dashboard
panel lead to /admin/add-promise/, which finds the promise list and redirects to Wagtail's own
create form under it; the list is looked up per request, so the links survive a rebuilt site.
"""

from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from promises.models import PromiseIndexPage, PromisePage


def promise_list_for(user):
    """The promise list, if the user may add promises under it; else None."""
    index = PromiseIndexPage.objects.first()
    if index and index.permissions_for_user(user).can_add_subpage():
        return index
    return None


def add_promise(request):
    index = promise_list_for(request.user)
    if index is None:
        raise Http404(_("There is no promise list you may add promises to."))
    return redirect("wagtailadmin_pages:add", PromisePage._meta.app_label,
                    PromisePage._meta.model_name, index.pk)


class AddPromiseMenuItem(MenuItem):
    def is_shown(self, request):
        return promise_list_for(request.user) is not None


def add_promise_menu_item():
    return AddPromiseMenuItem(_("Add promise"), reverse("add_promise"), name="add-promise",
                              icon_name="plus", order=150)


class AddPromisePanel(Component):
    """The dashboard's first panel: one button to the promise form."""

    name = "add_promise"
    template_name = "website/admin/add_promise_panel.html"
    order = 50


def put_submit_first(menu_items, request, context):
    """For someone who may not publish, "Submit for moderation" is the next step after writing:
    make it the form's main button instead of "Save draft" (still in the menu)."""
    names = [item.name for item in menu_items]
    if "action-publish" not in names and "action-submit" in names:
        menu_items.insert(0, menu_items.pop(names.index("action-submit")))
