from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.views.account import PasswordResetView
from wagtail.documents import urls as wagtaildocs_urls

from api.views import api
from core import views as core_views
from core.limits import UNSAFE, limit_rate
from promises import views as promise_views
from scrapers import views as scraper_views
from sources import views as source_views
from website import views as website_views

from .health import HealthView

urlpatterns = [
    path("django-admin/", admin.site.urls),
    # The admin's only form open to anyone besides the login (which django-axes guards): each
    # submission sends an email.
    path("admin/password_reset/",
         limit_rate("password_reset", method=UNSAFE)(PasswordResetView.as_view()),
         name="wagtailadmin_password_reset"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", website_views.sitemap, name="sitemap"),
    path("robots.txt", website_views.robots_txt, name="robots_txt"),
    path("health/", HealthView.as_view(), name="health"),
    path("favicon.ico", website_views.favicon, name="favicon"),
    # The read-only JSON API, its OpenAPI description and docs: one address in every language
    path("api/v1/", api.urls),
]

urlpatterns += i18n_patterns(
    path("record/<record_id:page_id>/", core_views.permalink, name="permalink"),
    path("sources/<record_id:pk>/", source_views.source_detail, name="source_detail"),
    path("news/<record_id:pk>/", scraper_views.news_item, name="news_item"),
    path("corrections/", promise_views.corrections, name="corrections"),
    path("search/", include("search.urls")),
    path("data/", include("exports.urls")),
    path("charts/", include("exports.chart_urls")),
    path("", include("following.urls")),
    # Pages, routed in every language through the canonical records (core.views.serve)
    re_path(wagtail_urls.serve_pattern, core_views.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
