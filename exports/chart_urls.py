from django.urls import path

from . import chart_views

app_name = "charts"
urlpatterns = [
    path("", chart_views.charts_page, name="index"),
    path("<slug:name>.svg", chart_views.chart_svg, name="svg"),
    path("status/<record_id:page_id>.svg", chart_views.record_chart_svg, name="record_status"),
]
