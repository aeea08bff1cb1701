"""URLs of the evaluation app (included at the root by the project's URLs), one block per
area so that the areas grow independently."""

from django.urls import path

from fupin.evaluation.views import funds, rounds, scorecards  # noqa: F401

# --- rounds: systems, opening a round, county submission, verification, review and publishing
rounds_urls: list = [
]

# --- scorecards: county scorecard (screen, XLSX, PDF), province table, national view
scorecard_urls: list = [
]

# --- funds: allocations, projects, expenditures, negative list, fund performance
funds_urls: list = [
    path("evaluation/funds/", funds.CountyFundsView.as_view(), name="funds-county"),
    path("evaluation/funds/province/", funds.ProvinceFundsView.as_view(),
         name="funds-province"),
    path("evaluation/funds/expenditures/", funds.ExpenditureList.as_view(),
         name="funds-expenditures"),
    path("evaluation/funds/allocations/new/", funds.AllocationCreateView.as_view(),
         name="funds-allocation-new"),
    path("evaluation/funds/allocations/<int:pk>/recovery/",
         funds.RecoveryCreateView.as_view(), name="funds-recovery"),
    path("evaluation/funds/projects/new/", funds.ProjectCreateView.as_view(),
         name="funds-project-new"),
    path("evaluation/funds/expenditures/new/", funds.ExpenditureCreateView.as_view(),
         name="funds-expenditure-new"),
]

urlpatterns = [*rounds_urls, *scorecard_urls, *funds_urls]
