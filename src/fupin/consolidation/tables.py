"""The consolidation screens' tables (django-tables2): quality of exit per division, the
exited households of a village, help by type, help intensity per county and the follow-up
list. Each column's verbose name is the export's header; a cell exports as it reads
(``value_*``: words and plain numbers, no markup)."""

from __future__ import annotations

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_lazy

from fupin.consolidation.figures import type_word
from fupin.regions.choices import Level


class Number(tables.Column):
    """A right-aligned figure; an unknown one shows as a dash and exports as an empty cell."""

    empty_values = ()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", {"td": {"class": "text-end"}, "th": {"class": "text-end"}})
        super().__init__(*args, **kwargs)

    def text(self, value) -> str:
        return f"{value:,}" if isinstance(value, int) else str(value)

    def render(self, value):
        return "—" if value is None or value == "" else self.text(value)

    def value(self, value):
        return None if value == "" else value


class Share(Number):
    """A share: the services give 0–1, the page and the export show per cent (one decimal)."""

    def text(self, value) -> str:
        return f"{float(value) * 100:.1f}%"

    def value(self, value):
        return None if value is None or value == "" else round(float(value) * 100, 1)


class Money(Number):
    def text(self, value) -> str:
        return f"{float(value):,.0f}"


class Ratio(Number):
    def text(self, value) -> str:
        return f"{float(value):.2f}"


class YesNo(tables.Column):
    """Yes or no in words (the export too); unknown stays empty."""

    empty_values = ()

    def render(self, value):
        return "" if value is None else (gettext("Yes") if value else gettext("No"))

    def value(self, value):
        return self.render(value)


def _drill_url(name: str, code: str, query: str = "") -> str:
    return f"{reverse(name)}?division={code}{query}"


class QualityTable(tables.Table):
    """Quality of exit per division: a row opens the division below (a village: its exited
    households)."""

    division = tables.Column(verbose_name=gettext_lazy("Division"))
    exited = Number(verbose_name=gettext_lazy("Exited households"))
    inside_period = Number(verbose_name=gettext_lazy("Inside the consolidation period"))
    stayed_above_share = Share(verbose_name=gettext_lazy("Stayed above the line every year (%)"))
    became_objects_share = Share(
        verbose_name=gettext_lazy("Became monitoring objects after exit (%)"))

    class Meta:
        order_by = "division"
        empty_text = gettext_lazy("No exited household in this division.")
        attrs = {"class": "table table-sm table-dense", "id": "exit-quality"}

    def __init__(self, data, *args, year=None, help_types=(), **kwargs):
        extra = [(f"help_{t}_share", Share(
            verbose_name=gettext("Received %(type)s (%%)") % {"type": type_word(t)},
            accessor=tables.A(f"help_shares__{t}"))) for t in help_types]
        self.year = year
        super().__init__(data, *args, extra_columns=extra, **kwargs)

    def render_division(self, value, record):
        query = f"&year={self.year}" if self.year else ""
        if record["level"] == Level.VILLAGE:
            url = _drill_url("consolidation-village", record["division_code"], query)
        else:
            url = _drill_url("consolidation-quality", record["division_code"], query)
        return format_html('<a href="{}" data-code="{}">{}</a>', url, record["division_code"],
                           value)

    def value_division(self, value):
        return value


class VillageHouseholdsTable(tables.Table):
    """The exited households of a village, each with its years since exit."""

    household_id = tables.Column(verbose_name=gettext_lazy("Household ID"),
                                 linkify=("household-detail",
                                          {"household_id": tables.A("household_id")}))
    head_name = tables.Column(verbose_name=gettext_lazy("Head of household"))
    exit_year = tables.Column(verbose_name=gettext_lazy("Exit year"), default="")
    years_since_exit = Number(verbose_name=gettext_lazy("Years since exit"), orderable=False)
    inside_period = YesNo(verbose_name=gettext_lazy("Inside the period"), orderable=False)
    below_years = tables.Column(verbose_name=gettext_lazy("Years below the line"),
                                orderable=False, default="")
    object_years = tables.Column(verbose_name=gettext_lazy("Monitoring-object years"),
                                 orderable=False, default="")
    help_years = tables.Column(verbose_name=gettext_lazy("Help by year (yuan)"),
                               orderable=False, default="")

    class Meta:
        order_by = "household_id"
        empty_text = gettext_lazy("No exited household in this village.")
        attrs = {"class": "table table-sm table-dense", "id": "village-households"}


class HelpTable(tables.Table):
    division = tables.Column(verbose_name=gettext_lazy("Division"))
    year = tables.Column(verbose_name=gettext_lazy("Year"))
    type_word = tables.Column(verbose_name=gettext_lazy("Type of help"))
    amount = Money(verbose_name=gettext_lazy("Amount (yuan)"))
    households = Number(verbose_name=gettext_lazy("Households reached"))

    class Meta:
        order_by = ("division", "-year", "type_word")
        empty_text = gettext_lazy("No help recorded in this division.")
        attrs = {"class": "table table-sm table-dense", "id": "help-by-type"}

    def render_division(self, value, record):
        return format_html('<a href="{}" data-code="{}">{}</a>',
                           _drill_url("consolidation-help", record["division_code"]),
                           record["division_code"], value)

    def value_division(self, value):
        return value


class IntensityTable(tables.Table):
    """Per county: help per household-year before exit and during the period; a county that
    cut help is marked (继续加大帮扶力度: help should be kept up or increased)."""

    division = tables.Column(verbose_name=gettext_lazy("Division"))
    before_mean = Money(verbose_name=gettext_lazy("Before exit (yuan per household-year)"))
    during_mean = Money(verbose_name=gettext_lazy("During the period (yuan per household-year)"))
    before_reached_share = Share(
        verbose_name=gettext_lazy("Household-years with help before exit (%)"))
    during_reached_share = Share(
        verbose_name=gettext_lazy("Household-years with help during the period (%)"))
    ratio = Ratio(verbose_name=gettext_lazy("During / before"))
    kept_up = tables.Column(verbose_name=gettext_lazy("Help kept up or increased"))

    class Meta:
        order_by = "division"
        empty_text = gettext_lazy("No help recorded in this division.")
        attrs = {"class": "table table-sm table-dense", "id": "help-intensity"}
        row_attrs = {"class": lambda record: "table-danger cut-help"
                     if record.get("kept_up") is False else "",
                     "data-code": lambda record: record["division_code"]}

    def render_kept_up(self, value):
        if value is None:
            return gettext("Unknown")
        if value:
            return gettext("Kept up")
        return format_html('<span class="badge bg-danger">{}</span>', gettext("Help cut"))

    def value_kept_up(self, value):
        if value is None:
            return ""
        return gettext("Kept up") if value else gettext("Help cut")


class LostHelpTable(tables.Table):
    """Households inside the period that lost all help: one row to act on each."""

    household_id = tables.Column(verbose_name=gettext_lazy("Household ID"),
                                 linkify=("household-detail",
                                          {"household_id": tables.A("household_id")}))
    village = tables.Column(verbose_name=gettext_lazy("Village"))
    exit_year = tables.Column(verbose_name=gettext_lazy("Exit year"), default="")
    years_since_exit = Number(verbose_name=gettext_lazy("Years since exit"))
    period_end = tables.Column(verbose_name=gettext_lazy("Period ends"), default="")
    last_help_year = tables.Column(verbose_name=gettext_lazy("Last year with help"),
                                   default="")
    last_help_words = tables.Column(verbose_name=gettext_lazy("Help last received"),
                                    default="")

    class Meta:
        order_by = ("village", "household_id")
        empty_text = gettext_lazy("No household inside the period has lost all help.")
        attrs = {"class": "table table-sm table-dense", "id": "lost-help"}
