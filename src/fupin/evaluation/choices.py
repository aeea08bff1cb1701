"""Choices of the evaluation app, one block per area."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# --- rounds


class Grade(models.TextChoices):
    """The four grades of a county evaluation (DOMAIN §6), best first; the engine's codes."""

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
    """What a published grade means for the county (DOMAIN §6)."""

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
