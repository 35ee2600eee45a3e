from django.urls import path

from . import views
from .feeds import ChangesFeed

app_name = "following"

feed = ChangesFeed()

urlpatterns = [
    path("feeds/", feed, name="site_feed"),
    path("feeds/record/<record_id:page_id>/", feed, name="page_feed"),
    path("feeds/subject/<slug:slug>/", feed, name="subject_feed"),
    path("follow/<record_id:page_id>/", views.subscribe, name="subscribe"),
    path("follow/confirm/<str:token>/", views.confirm, name="confirm"),
    path("follow/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("embed/settlement/<record_id:page_id>/", views.embed_settlement, name="embed_settlement"),
    path("embed/person/<record_id:page_id>/", views.embed_person, name="embed_person"),
]
