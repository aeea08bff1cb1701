"""URLs of the evaluation app (included at the root by the project's URLs), one block per
area so that the areas grow independently."""

from django.urls import path

from fupin.evaluation.views import funds, rounds, scorecards

# --- rounds: systems, opening a round, county submission, verification, review and publishing
rounds_urls: list = [
    path("evaluation/rounds/", rounds.RoundListView.as_view(), name="evaluation-rounds"),
    path("evaluation/rounds/<int:pk>/", rounds.RoundView.as_view(), name="evaluation-round"),
    path("evaluation/rounds/<int:pk>/publish/", rounds.RoundPublishView.as_view(),
         name="evaluation-round-publish"),
    path("evaluation/counties/<int:pk>/", rounds.CountyEvaluationView.as_view(),
         name="evaluation-county"),
    path("evaluation/counties/<int:pk>/value/", rounds.CountyValueView.as_view(),
         name="evaluation-county-value"),
    path("evaluation/counties/<int:pk>/evidence/", rounds.CountyEvidenceUploadView.as_view(),
         name="evaluation-county-evidence"),
    path("evaluation/counties/<int:pk>/step/", rounds.CountyStepView.as_view(),
         name="evaluation-county-step"),
    path("evaluation/counties/<int:pk>/compute/", rounds.CountyComputeView.as_view(),
         name="evaluation-county-compute"),
    path("evaluation/evidence/<int:pk>/", rounds.ValueEvidenceView.as_view(),
         name="evaluation-evidence"),
    path("evaluation/systems/", rounds.SystemListView.as_view(), name="evaluation-systems"),
    path("evaluation/systems/<int:pk>/", rounds.SystemView.as_view(),
         name="evaluation-system"),
]

# --- scorecards: county scorecard (screen, XLSX, PDF), province table, national view
scorecard_urls: list = [
    path("evaluation/scorecards/", scorecards.ProvinceTableView.as_view(),
         name="evaluation-scorecards"),
    path("evaluation/scorecards/nation/", scorecards.NationTableView.as_view(),
         name="evaluation-scorecards-nation"),
    path("evaluation/scorecards/<int:pk>/", scorecards.ScorecardView.as_view(),
         name="evaluation-scorecard"),
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
