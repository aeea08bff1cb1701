"""Fund performance (资金绩效评价): allocations, projects, expenditures and the negative list.

Every row belongs to a county (``county_code``, a 12-digit county code) and sits behind the
region gate. Money is exact (``DecimalField``, yuan, 2 places) and bounded twice (ADR 0019).
Writes go through ``evaluation.services.funds`` and are on the audit ledger (ADR 0047).
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from fupin.core.limits import amount_validators, bounded
from fupin.core.models import RegionOwnedModel, RegionScopedQuerySet
from fupin.evaluation.choices import AllocationLevel, FundCategory, ProjectState

__all__ = ["FUND_YEARS", "Allocation", "Expenditure", "Project"]

#: Years a fund row may name.
FUND_YEARS = (2000, 2100)
_AMOUNT = amount_validators(minimum=0)
#: Writing any funds row is one permission (the county officer's).
MANAGE = {"manage": "evaluation.manage_funds"}


def _year(verbose_name, **kwargs) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        verbose_name, validators=[MinValueValidator(FUND_YEARS[0]),
                                  MaxValueValidator(FUND_YEARS[1])], **kwargs)


def _amount(verbose_name, **kwargs) -> models.DecimalField:
    kwargs.setdefault("default", Decimal(0))
    return models.DecimalField(verbose_name, max_digits=14, decimal_places=2,
                               validators=_AMOUNT, **kwargs)


def _years_bounded(name: str, field: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": FUND_YEARS[0], f"{field}__lte": FUND_YEARS[1]}),
        name=name)


class Allocation(RegionOwnedModel):
    """Money allocated to a county by one level (central, provincial, county) under a
    document, for a period of years: the central demonstration grant is 20 million yuan over
    two years (``year`` to ``end_year``). ``disbursed`` is what reached the county,
    ``recovered`` what was taken back (with its date and document)."""

    county_code = models.CharField(_("county"), max_length=12, db_index=True)
    year = _year(_("year"))
    end_year = _year(_("last year of the period"))
    level = models.CharField(_("level"), max_length=12, choices=AllocationLevel.choices)
    amount = _amount(_("amount allocated"))
    programme = models.CharField(_("programme"), max_length=120)
    document_no = models.CharField(_("document number"), max_length=60)
    allocated_on = models.DateField(_("allocated on"))
    disbursed = _amount(_("amount disbursed"))
    recovered = _amount(_("amount recovered"))
    recovered_on = models.DateField(_("recovered on"), null=True, blank=True)
    recovery_document = models.CharField(_("recovery document"), max_length=60, blank=True)

    region_field = "county_code"
    access_permissions = MANAGE
    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ("county_code", "-year", "level", "document_no")
        verbose_name = _("fund allocation")
        permissions = [("manage_funds", "Can record a county's fund allocations, projects "
                                        "and expenditures")]
        constraints = [
            _years_bounded("allocation_year_range", "year"),
            _years_bounded("allocation_end_year_range", "end_year"),
            models.CheckConstraint(condition=Q(end_year__gte=F("year")),
                                   name="allocation_end_after_start"),
            *(bounded(f, name=f"allocation_{f}_range")
              for f in ("amount", "disbursed", "recovered")),
            models.CheckConstraint(condition=Q(disbursed__lte=F("amount")),
                                   name="allocation_disbursed_within_amount"),
            models.CheckConstraint(condition=Q(recovered__lte=F("amount")),
                                   name="allocation_recovered_within_amount"),
            models.UniqueConstraint(fields=["county_code", "document_no"],
                                    name="allocation_document_once_per_county"),
        ]

    def __str__(self) -> str:
        return f"{self.document_no} {self.programme}"


class Project(RegionOwnedModel):
    """A project of a county paid from its funds (code unique in the county), with its
    budget, the allocation it draws on (optional), the implementing unit and its state."""

    county_code = models.CharField(_("county"), max_length=12, db_index=True)
    year = _year(_("year"))
    code = models.CharField(_("project code"), max_length=40)
    name = models.CharField(_("project name"), max_length=120)
    category = models.CharField(_("category"), max_length=20, choices=FundCategory.choices)
    budget = _amount(_("budget"))
    allocation = models.ForeignKey(Allocation, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="projects", verbose_name=_("allocation"))
    implementing_unit = models.CharField(_("implementing unit"), max_length=100)
    state = models.CharField(_("state"), max_length=12, choices=ProjectState.choices,
                             default=ProjectState.PLANNED)

    region_field = "county_code"
    access_permissions = MANAGE
    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ("county_code", "-year", "code")
        verbose_name = _("fund project")
        constraints = [
            _years_bounded("fund_project_year_range", "year"),
            bounded("budget", name="fund_project_budget_range"),
            models.UniqueConstraint(fields=["county_code", "code"],
                                    name="fund_project_code_once_per_county"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Expenditure(RegionOwnedModel):
    """One payment of a project (date, category, amount, payee, voucher). ``negative_list``
    is the rule of the negative list it hits (``category:<item>`` or ``keyword:<item>``, empty
    when none) and ``negative_rule_note`` what hit it: flagged rows are recorded, not
    refused — they happened, and the evaluation counts them."""

    county_code = models.CharField(_("county"), max_length=12, db_index=True)
    project = models.ForeignKey(Project, on_delete=models.PROTECT,
                                related_name="expenditures", verbose_name=_("project"))
    spent_on = models.DateField(_("date"))
    category = models.CharField(_("category"), max_length=20, choices=FundCategory.choices)
    amount = _amount(_("amount"))
    payee = models.CharField(_("payee"), max_length=120)
    voucher_no = models.CharField(_("voucher number"), max_length=40)
    description = models.CharField(_("description"), max_length=300, blank=True)
    negative_list = models.CharField(_("negative-list rule"), max_length=40, blank=True,
                                     db_index=True)
    negative_rule_note = models.CharField(_("what hit the rule"), max_length=120, blank=True)

    region_field = "county_code"
    access_permissions = MANAGE
    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ("county_code", "-spent_on", "voucher_no")
        verbose_name = _("expenditure")
        constraints = [
            bounded("amount", name="expenditure_amount_range"),
            models.UniqueConstraint(fields=["county_code", "voucher_no"],
                                    name="expenditure_voucher_once_per_county"),
        ]
        indexes = [models.Index(fields=["county_code", "spent_on"],
                                name="expenditure_county_date")]

    def __str__(self) -> str:
        return f"{self.voucher_no} {self.amount}"

    @property
    def flagged(self) -> bool:
        return bool(self.negative_list)
