"""The admin's side of core: what a typed partial date was understood as, while typing; the
form fields for web addresses and chosen records (see core.forms); the character count under
bounded text fields."""

from django.db import models
from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets import AdminPageChooser
from wagtail.models import AbstractPage

from .forms import ModelChoiceField, ModelMultipleChoiceField, WebAddressField
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
