from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core import views as core_views
from sources import views as source_views

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Without CSRF: choosing a language changes only how pages are shown, and a token in the
    # language form on every page would set a cookie and defeat the anonymous page cache.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
]

urlpatterns += i18n_patterns(
    path("record/<int:page_id>/", core_views.permalink, name="permalink"),
    path("sources/<int:pk>/", source_views.source_detail, name="source_detail"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
