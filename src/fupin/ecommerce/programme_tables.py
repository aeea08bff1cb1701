"""The programme's lists (:mod:`fupin.core.lists`): tables and filter sets of sites, township
logistics, enterprises, pairings, training sessions, programmes and beneficiaries — shared by
the screens, their Excel exports and the API's query parameters, so a filter means one thing
everywhere."""

from __future__ import annotations

import django_filters
import django_tables2 as tables
from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy

from fupin.core import labels
from fupin.core.access import Scope, for_user
from fupin.core.lists import page_records
from fupin.ecommerce.choices import (
    EnterpriseKind,
    Outcome,
    ProgrammeKind,
    SiteLevel,
    SiteStatus,
)
from fupin.ecommerce.models import (
    Beneficiary,
    Enterprise,
    Linkage,
    LogisticsYear,
    Pairing,
    Programme,
    Site,
    TrainingSession,
)

NUM = {"td": {"class": "text-end"}}


def in_division(queryset, field: str, value: str):
    """Rows whose ``field`` lies under the division ``value`` (a code or its prefix)."""
    value = (value or "").strip()
    if not (value.isdigit() and len(value) <= 12):
        return queryset.none()
    try:
        return queryset.filter(Scope.of_code(value.ljust(12, "0")).q(field))
    except ValueError:
        return queryset.none()


class _Places:
    """Division names for the rows on the page: one query per page (``lookup_many``)."""

    def division_names(self) -> dict[str, str]:
        if not hasattr(self, "_names"):
            codes = {getattr(r, "division_code", None) or "" for r in page_records(self)}
            self._names = labels.lookup_many("division", codes)
        return self._names

    def render_division_code(self, value):
        return self.division_names().get(value, value)

    def value_division_code(self, value):
        return self.render_division_code(value)


class _DivisionFilter(django_filters.FilterSet):
    division = django_filters.CharFilter(label=gettext_lazy("Division code"),
                                         method="filter_division")

    def filter_division(self, queryset, name, value):
        return in_division(queryset, "division_code", value)


def _word_column(kind: str):
    def render(self, value):
        return labels.word(kind, value)
    return render


# --- sites -----------------------------------------------------------------------------------

class SiteTable(_Places, tables.Table):
    code = tables.Column(verbose_name=gettext_lazy("Site code"))
    name = tables.Column(verbose_name=gettext_lazy("Site name"))
    level = tables.Column(verbose_name=gettext_lazy("Level"))
    division_code = tables.Column(verbose_name=gettext_lazy("Division"))
    operator = tables.Column(verbose_name=gettext_lazy("Operator"))
    services = tables.Column(verbose_name=gettext_lazy("Services"), orderable=False)
    opened_on = tables.DateColumn(verbose_name=gettext_lazy("Opened on"), format="Y-m-d")
    closed_on = tables.DateColumn(verbose_name=gettext_lazy("Closed on"), format="Y-m-d")
    status = tables.Column(verbose_name=gettext_lazy("Site status"))

    class Meta:
        order_by = ("division_code", "level")
        empty_text = gettext_lazy("No service sites in your region.")
        attrs = {"class": "table table-sm table-dense", "id": "sites"}

    render_level = value_level = _word_column("site_level")
    render_status = value_status = _word_column("site_status")

    def render_services(self, value, record):
        return "、".join(str(labels.word("site_service", s)) for s in record.service_codes)

    def value_services(self, value, record):
        return self.render_services(value, record)


class SiteFilter(_DivisionFilter):
    level = django_filters.ChoiceFilter(label=gettext_lazy("Level"), choices=SiteLevel.choices)
    status = django_filters.ChoiceFilter(label=gettext_lazy("Site status"),
                                         choices=SiteStatus.choices)
    q = django_filters.CharFilter(label=gettext_lazy("Name contains"), field_name="name",
                                  lookup_expr="icontains")

    class Meta:
        model = Site
        fields = ["level", "status"]


# --- logistics -------------------------------------------------------------------------------

class LogisticsTable(_Places, tables.Table):
    division_code = tables.Column(verbose_name=gettext_lazy("Township"))
    year = tables.Column(verbose_name=gettext_lazy("Year"))
    express_covered = tables.BooleanColumn(verbose_name=gettext_lazy("Express delivery covered"))
    carriers = tables.Column(verbose_name=gettext_lazy("Carriers"))
    village_delivery_points = tables.Column(verbose_name=gettext_lazy("Village delivery points"),
                                            attrs=NUM)
    parcels_in = tables.Column(verbose_name=gettext_lazy("Parcels in"), attrs=NUM)
    parcels_out = tables.Column(verbose_name=gettext_lazy("Parcels out"), attrs=NUM)

    class Meta:
        order_by = ("-year", "division_code")
        empty_text = gettext_lazy("No township logistics in your region.")
        attrs = {"class": "table table-sm table-dense", "id": "logistics"}

    def render_carriers(self, value):
        return "、".join(c for c in value.split(";") if c)


class LogisticsFilter(_DivisionFilter):
    year = django_filters.NumberFilter(label=gettext_lazy("Year"), min_value=2000,
                                       max_value=2100)
    express_covered = django_filters.BooleanFilter(label=gettext_lazy("Express delivery covered"))

    class Meta:
        model = LogisticsYear
        fields = ["year", "express_covered"]


# --- enterprises -----------------------------------------------------------------------------

def enterprises_for(user) -> QuerySet:
    """Enterprises a user's programme deals with: paired with a county, linked with a
    household or registered in the user's region. Business registration is public, but a
    user of another county learns nothing of *this* county's partners from the list."""
    scope = Scope.of_user(user)
    if scope is None or not user.has_perm("ecommerce.view_enterprise"):
        return Enterprise.objects.none()
    mine = Q(pk__in=for_user(Pairing, user).values("enterprise_id")) \
        | Q(pk__in=for_user(Linkage, user).values("enterprise_id"))
    if scope.is_nation:
        mine = Q()
    else:
        mine |= scope.q("division_code")
    return Enterprise.objects.filter(mine).annotate(
        paired_counties=Count("pairings__division_code", distinct=True,
                              filter=scope.q("pairings__division_code")))


class EnterpriseTable(tables.Table):
    name = tables.Column(verbose_name=gettext_lazy("Enterprise"))
    credit_code = tables.Column(verbose_name=gettext_lazy("Unified social credit code"))
    kind = tables.Column(verbose_name=gettext_lazy("Type"))
    division_code = tables.Column(verbose_name=gettext_lazy("Registered in"))
    paired_counties = tables.Column(verbose_name=gettext_lazy("Paired counties"), attrs=NUM)

    class Meta:
        order_by = ("name",)
        empty_text = gettext_lazy("No enterprises in your region's programme.")
        attrs = {"class": "table table-sm table-dense", "id": "enterprises"}

    render_kind = value_kind = _word_column("enterprise_kind")

    def render_division_code(self, value):
        if not hasattr(self, "_names"):
            self._names = labels.lookup_many(
                "division", {r.division_code for r in page_records(self)})
        return self._names.get(value, value)


class EnterpriseFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=gettext_lazy("Type"),
                                       choices=EnterpriseKind.choices)
    q = django_filters.CharFilter(label=gettext_lazy("Name or credit code"),
                                  method="search")

    class Meta:
        model = Enterprise
        fields = ["kind"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(name__icontains=value) | Q(credit_code__iexact=value))


# --- pairings --------------------------------------------------------------------------------

def pairings_with_delivered(qs: QuerySet) -> QuerySet:
    """Pairings with what they delivered over all years (one grouped join)."""
    return qs.select_related("enterprise").annotate(
        delivered_purchase=Sum("years__delivered_purchase"),
        delivered_training=Sum("years__delivered_training"),
        delivered_jobs=Sum("years__delivered_jobs"))


class PairingTable(_Places, tables.Table):
    code = tables.Column(verbose_name=gettext_lazy("Pairing code"))
    enterprise = tables.Column(verbose_name=gettext_lazy("Enterprise"),
                               accessor="enterprise__name")
    division_code = tables.Column(verbose_name=gettext_lazy("County"))
    start_date = tables.DateColumn(verbose_name=gettext_lazy("Start"), format="Y-m-d")
    end_date = tables.DateColumn(verbose_name=gettext_lazy("End"), format="Y-m-d")
    committed_purchase = tables.Column(verbose_name=gettext_lazy("Committed purchase value"),
                                       attrs=NUM)
    delivered_purchase = tables.Column(verbose_name=gettext_lazy("Purchase value delivered"),
                                       attrs=NUM)
    committed_training = tables.Column(verbose_name=gettext_lazy("Committed training"),
                                       attrs=NUM)
    delivered_training = tables.Column(verbose_name=gettext_lazy("Training delivered"),
                                       attrs=NUM)
    committed_jobs = tables.Column(verbose_name=gettext_lazy("Committed jobs"), attrs=NUM)
    delivered_jobs = tables.Column(verbose_name=gettext_lazy("Jobs delivered"), attrs=NUM,
                                   default=0)

    class Meta:
        order_by = ("division_code", "start_date")
        empty_text = gettext_lazy("No pairings in your region.")
        attrs = {"class": "table table-sm table-dense", "id": "pairings"}

    def render_committed_purchase(self, value):
        return labels.number(value)

    def render_delivered_purchase(self, value):
        return labels.number(value)


class PairingFilter(_DivisionFilter):
    q = django_filters.CharFilter(label=gettext_lazy("Enterprise"), field_name="enterprise__name",
                                  lookup_expr="icontains")

    class Meta:
        model = Pairing
        fields = []


# --- training sessions -----------------------------------------------------------------------

class TrainingTable(_Places, tables.Table):
    code = tables.Column(verbose_name=gettext_lazy("Session code"))
    held_on = tables.DateColumn(verbose_name=gettext_lazy("Held on"), format="Y-m-d")
    topic = tables.Column(verbose_name=gettext_lazy("Topic"))
    provider = tables.Column(verbose_name=gettext_lazy("Provider"))
    programme = tables.Column(verbose_name=gettext_lazy("Programme"), accessor="programme__name")
    division_code = tables.Column(verbose_name=gettext_lazy("County"))
    person_times = tables.Column(verbose_name=gettext_lazy("Person-times"), attrs=NUM)
    poor_trainees = tables.Column(verbose_name=gettext_lazy("Poor trainees"), attrs=NUM)
    exited_trainees = tables.Column(verbose_name=gettext_lazy("Exited trainees"), attrs=NUM)

    class Meta:
        order_by = ("-held_on",)
        empty_text = gettext_lazy("No training sessions in your region.")
        attrs = {"class": "table table-sm table-dense", "id": "training"}


class TrainingFilter(_DivisionFilter):
    year = django_filters.NumberFilter(label=gettext_lazy("Year"), field_name="held_on__year",
                                       min_value=2000, max_value=2100)
    kind = django_filters.ChoiceFilter(label=gettext_lazy("Programme"),
                                       field_name="programme__kind",
                                       choices=ProgrammeKind.choices)

    class Meta:
        model = TrainingSession
        fields = []


# --- programmes ------------------------------------------------------------------------------

class ProgrammeTable(_Places, tables.Table):
    code = tables.Column(verbose_name=gettext_lazy("Programme code"))
    name = tables.Column(verbose_name=gettext_lazy("Programme name"))
    kind = tables.Column(verbose_name=gettext_lazy("Kind"))
    division_code = tables.Column(verbose_name=gettext_lazy("County"))
    lead_unit = tables.Column(verbose_name=gettext_lazy("Lead unit"))
    start_year = tables.Column(verbose_name=gettext_lazy("Start year"))
    end_year = tables.Column(verbose_name=gettext_lazy("End year"))

    class Meta:
        order_by = ("division_code", "kind")
        empty_text = gettext_lazy("No programmes in your region.")
        attrs = {"class": "table table-sm table-dense", "id": "programmes"}

    render_kind = value_kind = _word_column("programme_kind")


class ProgrammeFilter(_DivisionFilter):
    kind = django_filters.ChoiceFilter(label=gettext_lazy("Kind"), choices=ProgrammeKind.choices)

    class Meta:
        model = Programme
        fields = ["kind"]


# --- beneficiaries ---------------------------------------------------------------------------

class BeneficiaryTable(_Places, tables.Table):
    year = tables.Column(verbose_name=gettext_lazy("Year"))
    programme = tables.Column(verbose_name=gettext_lazy("Programme"), accessor="programme__name")
    household = tables.Column(verbose_name=gettext_lazy("Household"),
                              accessor="household__household_id",
                              linkify=("household-detail",
                                       {"household_id": tables.A("household__household_id")}))
    head_name = tables.Column(verbose_name=gettext_lazy("Head of household"),
                              accessor="household__head_name")
    member_name = tables.Column(verbose_name=gettext_lazy("Member"))
    division_code = tables.Column(verbose_name=gettext_lazy("Village"))
    outcome = tables.Column(verbose_name=gettext_lazy("Outcome"))
    wage_income = tables.Column(verbose_name=gettext_lazy("Wage income"), attrs=NUM)
    months = tables.Column(verbose_name=gettext_lazy("Months"), attrs=NUM)

    class Meta:
        order_by = ("-year", "division_code")
        empty_text = gettext_lazy("No beneficiaries in your region.")
        attrs = {"class": "table table-sm table-dense", "id": "beneficiaries"}

    render_outcome = value_outcome = _word_column("programme_outcome")

    def render_wage_income(self, value):
        return labels.number(value)


class BeneficiaryFilter(_DivisionFilter):
    year = django_filters.NumberFilter(label=gettext_lazy("Year"), min_value=2000,
                                       max_value=2100)
    kind = django_filters.ChoiceFilter(label=gettext_lazy("Programme"),
                                       field_name="programme__kind",
                                       choices=ProgrammeKind.choices)
    outcome = django_filters.ChoiceFilter(label=gettext_lazy("Outcome"),
                                          choices=Outcome.choices)

    class Meta:
        model = Beneficiary
        fields = ["year", "outcome"]
