"""Read-only dashboards. No models of their own; nothing imports this app."""

from __future__ import annotations

from django.db.models import Count
from django.db.models.functions import Substr
from django.shortcuts import render

from fupin.core import scope
from fupin.core.views import ScopedView
from fupin.households.choices import Status
from fupin.households.models import Household
from fupin.regions.choices import Level, child_level
from fupin.regions.models import CountyProfile, Division


def status_by_child(user) -> dict:
    """Households by status per child division of the user's division (ECharts-ready)."""
    division = user.division
    level = child_level(division.level)
    # Group on the child's prefix: townships by 9 digits of the village code, and so on.
    # A township's children are villages: the whole code.
    length = scope.PREFIX_LENGTH[level]
    rows = (Household.objects.for_user(user)
            .annotate(child=Substr("village_id", 1, length))
            .values("child", "status").annotate(n=Count("id")).order_by("child"))
    counts: dict[str, dict[str, int]] = {}
    for row in rows:
        counts.setdefault(row["child"], {})[row["status"]] = row["n"]
    codes = [c.ljust(12, "0") for c in counts]
    names = dict(Division.objects.filter(code__in=codes).values_list("code", "name"))
    categories = [names.get(c.ljust(12, "0"), c) for c in counts]
    series = [
        {"name": str(label), "key": value,
         "data": [counts[c].get(value, 0) for c in counts]}
        for value, label in Status.choices
    ]
    rows = [(name, [counts[c].get(value, 0) for value in Status.values])
            for name, c in zip(categories, counts, strict=True)]
    return {"level": str(Level(level).label), "categories": categories, "rows": rows,
            "codes": [c.ljust(12, "0") for c in counts], "series": series}


class DashboardView(ScopedView):
    """Households by status per township (or the level below the user's division)."""

    permission_required = "households.view_household"

    def get(self, request):
        user = request.user
        households = Household.objects.for_user(user)
        totals = dict(households.values_list("status").annotate(n=Count("id"))
                      .values_list("status", "n"))
        chart = status_by_child(user)
        profile = None
        if user.division.level == Level.COUNTY:
            profile = CountyProfile.objects.filter(county_id=user.division_id).first()
        return render(request, "dashboards/home.html", {
            "totals": [(label, totals.get(value, 0)) for value, label in Status.choices],
            "total": sum(totals.values()), "chart": chart, "profile": profile,
        })
