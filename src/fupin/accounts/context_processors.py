"""Template context every page needs: the user's division and role for the header."""

from __future__ import annotations

from fupin.regions.choices import Level


def scope(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    division = user.division
    return {
        "scope_division": division,
        "scope_level": Level(division.level).label if division else "",
        "user_role_label": user.get_role_display() if user.role else "",
    }
