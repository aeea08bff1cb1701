"""The consolidation period's screens (巩固提升期): quality of exit, help by type, follow-up."""

from django.urls import path

from fupin.consolidation import views

urlpatterns = [
    path("consolidation/", views.QualityView.as_view(), name="consolidation-quality"),
    path("consolidation/village/", views.VillageView.as_view(), name="consolidation-village"),
    path("consolidation/help/", views.HelpView.as_view(), name="consolidation-help"),
    path("consolidation/intensity/", views.IntensityView.as_view(),
         name="consolidation-intensity"),
    path("consolidation/lost-help/", views.LostHelpView.as_view(), name="consolidation-lost"),
    path("consolidation/households/<str:household_id>/", views.HouseholdSectionView.as_view(),
         name="consolidation-household"),
]
