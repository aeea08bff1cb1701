"""URLs of the registry screens (included at the root by the project's URLs)."""

from django.urls import path

from fupin.households import views

urlpatterns = [
    path("households/", views.HouseholdListView.as_view(), name="household-list"),
    path("households/<str:household_id>/", views.HouseholdDetailView.as_view(),
         name="household-detail"),
    path("members/<int:member_id>/reveal/", views.RevealIdNumberView.as_view(),
         name="member-reveal"),
]
