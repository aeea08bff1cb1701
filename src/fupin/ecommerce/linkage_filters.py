"""The filter set of benefit linkages, shared by the list screen and the API (one meaning of a
filter everywhere)."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy

from fupin.core.access import Scope
from fupin.ecommerce.choices import LinkageForm
from fupin.ecommerce.models import Linkage


class LinkageFilter(django_filters.FilterSet):
    village = django_filters.CharFilter(label=gettext_lazy("Division code"), method="in_division")
    form = django_filters.ChoiceFilter(label=gettext_lazy("Form"), choices=LinkageForm.choices)
    enterprise = django_filters.CharFilter(label=gettext_lazy("Enterprise"),
                                           method="by_enterprise")
    year = django_filters.NumberFilter(label=gettext_lazy("Active in year"), method="active_in")

    class Meta:
        model = Linkage
        fields = ["form"]

    def in_division(self, queryset, name, value):
        value = value.strip()
        if not (value.isdigit() and len(value) <= 12):
            return queryset.none()
        try:
            return queryset.filter(Scope.of_code(value.ljust(12, "0")).q("division_code"))
        except ValueError:
            return queryset.none()

    def by_enterprise(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(enterprise__name__icontains=value)
                               | Q(enterprise__credit_code=value.upper()))

    def active_in(self, queryset, name, value):
        year = int(value)
        if not 2000 <= year <= 2100:
            return queryset.none()
        return queryset.filter(started_on__year__lte=year).filter(
            Q(ended_on__isnull=True) | Q(ended_on__year__gte=year))
