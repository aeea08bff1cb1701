"""URLs of the evaluation app (included at the root by the project's URLs), one block per
area so that the areas grow independently."""

from fupin.evaluation.views import funds, rounds, scorecards  # noqa: F401

# --- rounds: systems, opening a round, county submission, verification, review and publishing
rounds_urls: list = [
]

# --- scorecards: county scorecard (screen, XLSX, PDF), province table, national view
scorecard_urls: list = [
]

# --- funds: allocations, projects, expenditures, negative list, fund performance
funds_urls: list = [
]

urlpatterns = [*rounds_urls, *scorecard_urls, *funds_urls]
