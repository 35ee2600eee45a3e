"""Admin registration of the promise's own page views (promises.admin_views)."""

from wagtail import hooks

from .admin_views import PromisePageViewSet


@hooks.register("register_admin_viewset")
def register_promise_page_viewset():
    return PromisePageViewSet("promise_pages")
