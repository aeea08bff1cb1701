"""URLs of the evaluation app (included at the root by the project's URLs), one block per
area so that the areas grow independently."""

from django.urls import path

from fupin.evaluation.views import funds, rounds, scorecards  # noqa: F401

# --- rounds: systems, opening a round, county submission, verification, review and publishing
rounds_urls: list = [
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
]

urlpatterns = [*rounds_urls, *scorecard_urls, *funds_urls]
