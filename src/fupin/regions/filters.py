"""Township and village filters for list pages, with the choices of the user's scope.

The townships offered are those the user may see; the villages those of the chosen township
(or of the user's own township or village), so a county list never offers thousands of
villages at once. Used by the household list, the monitoring-object list and a run's flagged
households.
"""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy

from fupin.regions.choices import Level
from fupin.regions.models import Division


def place_choices(user, data) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(townships, villages) as ``(code, name)`` choices, in one query."""
    township = (data or {}).get("township", "")
    village = (data or {}).get("village", "")
    wanted = Q(level=Level.TOWNSHIP)
    if getattr(user.division, "level", "") in (Level.TOWNSHIP, Level.VILLAGE):
        wanted |= Q(level=Level.VILLAGE)
    if township:
        wanted |= Q(level=Level.VILLAGE, parent_id=township)
    if village:
        wanted |= Q(level=Level.VILLAGE, code=village)
    found = list(Division.objects.for_user(user).filter(wanted).order_by("code")
                 .values_list("code", "name", "level"))
    return ([(c, n) for c, n, lvl in found if lvl == Level.TOWNSHIP],
            [(c, n) for c, n, lvl in found if lvl == Level.VILLAGE])


class PlaceFilterSet(django_filters.FilterSet):
    """A filter set with ``township`` and ``village``; ``place_field`` names the column that
    holds the rows' 12-digit village code."""

    place_field = "village_code"

    township = django_filters.ChoiceFilter(label=gettext_lazy("Township"), method="in_township",
                                           empty_label=gettext_lazy("All townships"))
    village = django_filters.ChoiceFilter(label=gettext_lazy("Village"), method="in_village",
                                          empty_label=gettext_lazy("All villages"))

    def __init__(self, data=None, *args, request=None, user=None, **kwargs):
        super().__init__(data, *args, request=request, **kwargs)
        # The order of ``Meta.fields``, not "the places first" of declaration order.
        order = list(self._meta.fields or ())
        self.filters = dict(sorted(self.filters.items(),
                                   key=lambda kv: order.index(kv[0]) if kv[0] in order
                                   else len(order)))
        self.user = user or request.user
        townships, villages = place_choices(self.user, data)
        self.filters["township"].extra["choices"] = townships
        self.filters["village"].extra["choices"] = villages

    def in_township(self, queryset, name, value):
        return queryset.filter(**{f"{self.place_field}__startswith": value[:9]})

    def in_village(self, queryset, name, value):
        return queryset.filter(**{self.place_field: value})
