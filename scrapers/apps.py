from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScrapersConfig(AppConfig):
    name = "scrapers"
    verbose_name = _("News scrapers")
    default_auto_field = "django.db.models.BigAutoField"
