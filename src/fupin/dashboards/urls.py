"""URLs of the dashboards (included at the root by the project's URLs)."""

from django.urls import path

from fupin.dashboards import measures_views, views

urlpatterns = [
    path("dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("dashboard/measures/", measures_views.MeasuresView.as_view(),
         name="dashboard-measures"),
]
