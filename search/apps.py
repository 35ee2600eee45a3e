from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Models can be imported only once the app registry is ready.
        from . import signals
        from .record_types import register_builtin_types

        register_builtin_types()
        signals.connect()
