"""The admin's form fields for web addresses and chosen records (see core.forms), and the
character count under bounded text fields."""

from django.db import models
from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets import AdminPageChooser
from wagtail.models import AbstractPage

from .forms import ModelChoiceField, ModelMultipleChoiceField, WebAddressField

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


@hooks.register("insert_editor_js")
def character_count_js():
    """The character count under bounded text fields (site/static/js/admin-character-count.js)."""
    return format_html('<script src="{}"></script>', static("js/admin-character-count.js"))
