from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScrapersConfig(AppConfig):
    name = "scrapers"
    verbose_name = _("News scrapers")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Models can be imported only once the app registry is ready.
        from .search_records import register_news_items

        register_news_items()
