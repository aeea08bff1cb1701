"""The assessment lists (:mod:`fupin.core.lists`): assessments, a sample, appeals — tables and
filter sets shared by the screens, their Excel exports and the API."""

from __future__ import annotations

import django_filters
import django_tables2 as tables
from django.utils.translation import gettext_lazy

from fupin.assessment.choices import Outcome, Role, Stratum
from fupin.assessment.models import Appeal, Assessment, SampledUnit
from fupin.assessment.workflows import APPEAL_STATES, STATES
from fupin.core import labels
from fupin.core.lists import page_records


class _Divisions:
    division_field = "county_code"

    def division_names(self) -> dict[str, str]:
        if not hasattr(self, "_names"):
            codes = {getattr(r, self.division_field) for r in page_records(self)}
            self._names = labels.lookup_many("division", codes)
        return self._names

    def _division(self, value):
        return self.division_names().get(value, value)


class AssessmentTable(_Divisions, tables.Table):
    pk = tables.Column(verbose_name=gettext_lazy("No."),
                       linkify=("assessment-detail", {"pk": tables.A("pk")}))
    county_code = tables.Column(verbose_name=gettext_lazy("County"),
                                linkify=("assessment-detail", {"pk": tables.A("pk")}))
    year = tables.Column(verbose_name=gettext_lazy("Year"))
    seed = tables.Column(verbose_name=gettext_lazy("Seed"))
    frame_households = tables.Column(verbose_name=gettext_lazy("Households in the frame"))
    state = tables.Column(verbose_name=gettext_lazy("State"))
    state_since = tables.DateTimeColumn(verbose_name=gettext_lazy("Since"), format="Y-m-d")

    class Meta:
        order_by = ("-year", "county_code")
        empty_text = gettext_lazy("No assessments in your region.")
        attrs = {"class": "table table-sm table-dense", "id": "assessments"}

    def render_county_code(self, value):
        return self._division(value)

    def value_county_code(self, value):
        return self._division(value)

    def render_state(self, value):
        return labels.word("assessment_state", value)

    def value_state(self, value):
        return self.render_state(value)

    def render_frame_households(self, value):
        return labels.number(value)


class AssessmentFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(label=gettext_lazy("State"),
                                        choices=list(STATES.items()))
    year = django_filters.NumberFilter(label=gettext_lazy("Year"))

    class Meta:
        model = Assessment
        fields = ["state", "year"]


class SampleTable(_Divisions, tables.Table):
    """Every drawn unit: the sample and the ordered replacement lists."""

    division_field = "village_code"
    household_id = tables.Column(verbose_name=gettext_lazy("Household ID"))
    village_code = tables.Column(verbose_name=gettext_lazy("Village"))
    stratum = tables.Column(verbose_name=gettext_lazy("Stratum"))
    role = tables.Column(verbose_name=gettext_lazy("Drawn as"))
    replacement_order = tables.Column(verbose_name=gettext_lazy("Replacement order"))
    probability = tables.Column(verbose_name=gettext_lazy("Inclusion probability"))
    weight = tables.Column(verbose_name=gettext_lazy("Weight"))
    active = tables.BooleanColumn(verbose_name=gettext_lazy("In the sample"),
                                  yesno=(gettext_lazy("yes"), ""))
    outcome = tables.Column(verbose_name=gettext_lazy("Outcome"))

    class Meta:
        order_by = ("village_code", "stratum", "role", "replacement_order")
        empty_text = gettext_lazy("No households drawn.")
        attrs = {"class": "table table-sm table-dense", "id": "sample"}

    def render_village_code(self, value):
        return self._division(value)

    def value_village_code(self, value):
        return self._division(value)

    def render_stratum(self, value):
        return labels.word("assessment_stratum", value)

    def value_stratum(self, value):
        return self.render_stratum(value)

    def render_role(self, value):
        return labels.word("sample_role", value)

    def value_role(self, value):
        return self.render_role(value)

    def render_replacement_order(self, value, record):
        return value if record.role == Role.REPLACEMENT else "—"

    def render_probability(self, value):
        return f"{value:.4f}"

    def render_weight(self, value):
        return f"{value:.2f}"

    def render_outcome(self, value):
        return labels.word("assessment_outcome", value)

    def value_outcome(self, value):
        return self.render_outcome(value)


class SampleFilter(django_filters.FilterSet):
    household = django_filters.CharFilter(label=gettext_lazy("Household ID"),
                                          field_name="household_id", lookup_expr="icontains")
    stratum = django_filters.ChoiceFilter(label=gettext_lazy("Stratum"),
                                          choices=Stratum.choices)
    role = django_filters.ChoiceFilter(label=gettext_lazy("Drawn as"), choices=Role.choices)
    outcome = django_filters.ChoiceFilter(label=gettext_lazy("Outcome"),
                                          choices=Outcome.choices)
    active = django_filters.BooleanFilter(label=gettext_lazy("In the sample"))

    class Meta:
        model = SampledUnit
        fields = ["stratum", "role", "outcome", "active"]


class AppealTable(_Divisions, tables.Table):
    pk = tables.Column(verbose_name=gettext_lazy("No."),
                       linkify=("appeal-detail", {"pk": tables.A("pk")}))
    county_code = tables.Column(verbose_name=gettext_lazy("County"))
    assessment = tables.Column(verbose_name=gettext_lazy("Year"), accessor="assessment__year")
    household = tables.Column(verbose_name=gettext_lazy("Household ID"),
                              accessor="unit__household_id", default="—")
    indicator = tables.Column(verbose_name=gettext_lazy("Indicator"), default="—")
    state = tables.Column(verbose_name=gettext_lazy("State"))
    due_at = tables.DateTimeColumn(verbose_name=gettext_lazy("Decide by"), format="Y-m-d")

    class Meta:
        order_by = ("-pk",)
        empty_text = gettext_lazy("No appeals in your region.")
        attrs = {"class": "table table-sm table-dense", "id": "appeals"}

    def render_county_code(self, value):
        return self._division(value)

    def value_county_code(self, value):
        return self._division(value)

    def render_indicator(self, value):
        return labels.word("assessment_indicator", value) if value else "—"

    def render_state(self, value):
        return labels.word("appeal_state", value)

    def value_state(self, value):
        return self.render_state(value)


class AppealFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(label=gettext_lazy("State"),
                                        choices=list(APPEAL_STATES.items()))

    class Meta:
        model = Appeal
        fields = ["state"]
