"""URLs of the monitoring screens (included under ``monitoring/`` by the project's URLs)."""

from django.urls import path

from fupin.monitoring import integrity_views, lists, views

urlpatterns = [
    path("", views.RunListView.as_view(), name="monitoring-runs"),
    path("start/", views.StartRunView.as_view(), name="monitoring-start"),
    path("runs/<int:pk>/", views.RunDetailView.as_view(), name="monitoring-run"),
    path("runs/<int:pk>/flagged/", lists.RunFlaggedListView.as_view(),
         name="monitoring-run-flagged"),
    path("households/<str:household_id>/assessment/", views.HouseholdAssessmentView.as_view(),
         name="monitoring-household-assessment"),
    path("households/<str:household_id>/guarantees/", views.HouseholdGuaranteesView.as_view(),
         name="monitoring-household-guarantees"),
    path("what-if/", views.WhatIfView.as_view(), name="monitoring-what-if"),
    path("what-if/households/", views.WhatIfHouseholdsView.as_view(),
         name="monitoring-what-if-households"),
    path("integrity/", integrity_views.IntegritySignalListView.as_view(),
         name="integrity-signals"),
    path("integrity/start/", integrity_views.IntegrityStartView.as_view(),
         name="integrity-start"),
    path("integrity/signals/<int:pk>/", integrity_views.IntegritySignalView.as_view(),
         name="integrity-signal"),
]
