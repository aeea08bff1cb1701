"""Screens: the programme's lists (ListPage: region-gated, filtered, sorted, paged, exported to
Excel and audited) — sites, township logistics, enterprises, pairings, training sessions,
programmes and beneficiaries. Tables and filters: ``ecommerce/programme_tables.py``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from fupin.core.lists import ListPage
from fupin.ecommerce import programme_tables as t
from fupin.ecommerce.models import (
    Beneficiary,
    Enterprise,
    LogisticsYear,
    Pairing,
    Programme,
    Site,
    TrainingSession,
)


class _ProgrammeList(ListPage):
    template_name = "ecommerce/programme_list.html"


class SiteList(_ProgrammeList):
    model = Site
    permission_required = "ecommerce.view_site"
    table_class = t.SiteTable
    filterset_class = t.SiteFilter
    title = gettext_lazy("Service sites")
    export_name = "service-sites"


class LogisticsList(_ProgrammeList):
    model = LogisticsYear
    permission_required = "ecommerce.view_logisticsyear"
    table_class = t.LogisticsTable
    filterset_class = t.LogisticsFilter
    title = gettext_lazy("Township logistics")
    export_name = "township-logistics"


class EnterpriseList(_ProgrammeList):
    """Enterprises are not region-owned (public business registration): the list holds those
    the user's region deals with (``programme_tables.enterprises_for``)."""

    model = Enterprise
    permission_required = "ecommerce.view_enterprise"
    table_class = t.EnterpriseTable
    filterset_class = t.EnterpriseFilter
    title = gettext_lazy("Enterprises")
    export_name = "enterprises"

    def get_queryset(self, action=None):
        return t.enterprises_for(self.request.user)


class PairingList(_ProgrammeList):
    model = Pairing
    permission_required = "ecommerce.view_pairing"
    table_class = t.PairingTable
    filterset_class = t.PairingFilter
    title = gettext_lazy("Pairings (对口帮扶)")
    export_name = "pairings"

    def base_queryset(self):
        return t.pairings_with_delivered(Pairing.objects.all())


class TrainingList(_ProgrammeList):
    model = TrainingSession
    permission_required = "ecommerce.view_trainingsession"
    table_class = t.TrainingTable
    filterset_class = t.TrainingFilter
    title = gettext_lazy("Training sessions")
    export_name = "training-sessions"

    def base_queryset(self):
        return TrainingSession.objects.select_related("programme")


class ProgrammeList(_ProgrammeList):
    model = Programme
    permission_required = "ecommerce.view_programme"
    table_class = t.ProgrammeTable
    filterset_class = t.ProgrammeFilter
    title = gettext_lazy("Programmes")
    export_name = "programmes"


class BeneficiaryList(_ProgrammeList):
    model = Beneficiary
    permission_required = "ecommerce.view_beneficiary"
    table_class = t.BeneficiaryTable
    filterset_class = t.BeneficiaryFilter
    title = gettext_lazy("Beneficiaries")
    export_name = "programme-beneficiaries"

    def base_queryset(self):
        return Beneficiary.objects.select_related("programme", "household")
