"""The site as bench/stack.py serves it: the production URL conf plus a bare Django view at
BARE_PATH (a constant answer through every middleware, under a prefix the page cache passes by),
the floor the mixed traffic is compared with. Only gunicorn instances started by bench/stack.py
load this module (`stack_app:served_app()`); the production URL conf never has the bare view.
"""

BARE_PATH = "/i18n/bench-bare/"


def served_app():
    """gunicorn's application factory: the production settings with this module as URL conf."""
    import django
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application

    django.setup(set_prefix=False)
    settings.ROOT_URLCONF = __name__
    return get_wsgi_application()


def __getattr__(name):
    """`urlpatterns`, built only when Django asks for it (after Django is set up)."""
    if name == "urlpatterns":
        from django.urls import path
        from render_budget import bare

        from ubada.urls import urlpatterns as site

        return [path(BARE_PATH.lstrip("/"), bare), *site]
    raise AttributeError(name)
