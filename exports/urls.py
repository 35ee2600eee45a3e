from django.urls import path

from . import views

app_name = "exports"
urlpatterns = [
    path("", views.data_page, name="data"),
    path("promises.csv", views.export_csv, {"table": "promises"}, name="promises_csv"),
    path("status-changes.csv", views.export_csv, {"table": "status-changes"},
         name="status_changes_csv"),
    path("ubada-datapackage.zip", views.datapackage_archive, name="datapackage"),
]
