from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebsiteConfig(AppConfig):
    """The site itself: home and plain pages, navigation, the seed, the admin's record menu.

    It sits above the domain apps (places, actors, sources, chronicle, promises, search,
    scrapers) and assembles them; none of them imports it.
    """

    name = "website"
    verbose_name = _("Site")

    def ready(self):
        # history imports the domain apps' models: only once the app registry is ready.
        from . import history

        history.connect()
