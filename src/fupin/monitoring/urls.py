"""URLs of the monitoring screens (included under ``monitoring/`` by the project's URLs)."""

from django.urls import path

from fupin.monitoring import views

urlpatterns = [
    path("", views.RunListView.as_view(), name="monitoring-runs"),
    path("start/", views.StartRunView.as_view(), name="monitoring-start"),
    path("runs/<int:pk>/", views.RunDetailView.as_view(), name="monitoring-run"),
    path("households/<str:household_id>/assessment/", views.HouseholdAssessmentView.as_view(),
         name="monitoring-household-assessment"),
    path("households/<str:household_id>/guarantees/", views.HouseholdGuaranteesView.as_view(),
         name="monitoring-household-guarantees"),
    path("what-if/", views.WhatIfView.as_view(), name="monitoring-what-if"),
    path("what-if/households/", views.WhatIfHouseholdsView.as_view(),
         name="monitoring-what-if-households"),
]
