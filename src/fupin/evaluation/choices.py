"""Choices of the evaluation app, one block per area."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# --- rounds


class Grade(models.TextChoices):
    """The four grades of a county evaluation (the demonstration-county notices), best
    first; the engine's codes."""

    EXCELLENT = "excellent", _("Excellent (优秀)")
    GOOD = "good", _("Good (良好)")
    FAIR = "fair", _("Fair (一般)")
    POOR = "poor", _("Poor (较差)")


class VerifyMethod(models.TextChoices):
    """How an evaluator checked a submitted value (third-party evaluation methods)."""

    DOCUMENT = "document", _("Document check (资料核查)")
    RANDOM = "random", _("Random check (随机抽查)")
    PHONE = "phone", _("Phone check (电话核查)")
    SITE = "site", _("Site visit (实地核查)")


class ValueUsed(models.TextChoices):
    """Which value of an indicator the score uses: verified > computed > submitted."""

    VERIFIED = "verified", _("Verified value")
    COMPUTED = "computed", _("Computed value")
    SUBMITTED = "submitted", _("Submitted value")
    MISSING = "missing", _("Missing")


class Consequence(models.TextChoices):
    """What a published grade means for the county (the demonstration-county notices: more
    support, continued, reduced, no new funds; loss of status after repeated 较差)."""

    MORE_SUPPORT = "more_support", _("More support")
    CONTINUED = "continued", _("Support continued")
    REDUCED = "reduced", _("Support reduced")
    NO_NEW_FUNDS = "no_new_funds", _("No new funds; rectification within 3 months")
    STATUS_LOST = "status_lost", _(
        "Demonstration status lost; central funds recovered")


#: The consequence of each grade (the second 较差 in a row is ``STATUS_LOST``).
GRADE_CONSEQUENCE = {
    Grade.EXCELLENT: Consequence.MORE_SUPPORT,
    Grade.GOOD: Consequence.CONTINUED,
    Grade.FAIR: Consequence.REDUCED,
    Grade.POOR: Consequence.NO_NEW_FUNDS,
}


# --- funds


class AllocationLevel(models.TextChoices):
    """Who gives the money: the central grant (中央财政资金), the province, the county."""

    CENTRAL = "central", _("Central funds")
    PROVINCIAL = "provincial", _("Provincial funds")
    COUNTY = "county", _("County funds")


class ProjectState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")


class FundCategory(models.TextChoices):
    """What the demonstration-county funds pay for (the demonstration-county notices): the
    supported uses, then the five items of the negative list, which are never paid from these
    funds."""

    LOGISTICS = "logistics", _("County-township-village logistics")
    SERVICE_CENTRE = "service_centre", _("County public service centre")
    SERVICE_STATIONS = "service_stations", _("Township and village service stations")
    BRAND_QUALITY = "brand_quality", _("Brand, quality and traceability")
    TRAINING = "training", _("E-commerce training")
    SUPPLY_CHAIN = "supply_chain", _("Product upstream and supply chain")
    OTHER_SUPPORTED = "other_supported", _("Other supported use")
    TRADING_PLATFORM = "trading_platform", _("Trading platform construction (negative list)")
    BUILDINGS = "buildings", _("Buildings and halls (negative list)")
    LAND = "land", _("Land acquisition (negative list)")
    TRAFFIC = "traffic", _("Buying traffic (negative list)")
    STAFF_RUNNING = "staff_running", _("Staff and running costs (negative list)")


#: The negative list (负面清单) of the demonstration-county notices: category → the words that
#: reveal it in an expenditure's description or payee when the category given is another.
#: Documented in docs/formats/funds.md; a keyword is matched as a substring (Chinese has no
#: word breaks).
NEGATIVE_LIST: dict[str, tuple[str, ...]] = {
    FundCategory.TRADING_PLATFORM: ("平台开发", "平台建设", "交易平台", "商城开发"),
    FundCategory.BUILDINGS: ("办公楼", "楼堂馆所", "办公用房", "礼堂", "宾馆"),
    FundCategory.LAND: ("征地", "土地征收", "土地出让", "购地"),
    FundCategory.TRAFFIC: ("流量", "竞价排名", "刷单"),
    FundCategory.STAFF_RUNNING: ("工资", "人员经费", "日常运转", "办公经费", "津贴", "奖金"),
}

#: A flag's rule code: ``category:<item>`` (the category itself is on the list) or
#: ``keyword:<item>`` (the description or payee names it).
NEGATIVE_RULES: tuple[str, ...] = tuple(
    f"{kind}:{item}" for item in NEGATIVE_LIST for kind in ("category", "keyword"))
