from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Site")

    def ready(self):
        from django.urls import register_converter

        # Importing the module connects the page-cache handlers, once the models are loaded.
        from . import signals  # noqa: F401
        from .params import RecordIdConverter

        register_converter(RecordIdConverter, "record_id")
