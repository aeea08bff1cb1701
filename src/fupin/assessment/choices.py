"""The vocabularies of the third-party assessment (三率一度): strata, interview outcomes,
appeal decisions, where a submission came from, and the western provinces (whose
comprehensive poverty rate threshold is 3%; the exit-assessment rules, docs/assessment.md)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stratum(models.TextChoices):
    """The second-stage strata: inside the register (poor or exited) and outside it."""

    REGISTERED = "registered", _("Registered (poor or exited)")
    UNREGISTERED = "unregistered", _("Not registered")


class Outcome(models.TextChoices):
    """What became of a sampled household in the field. Refused and absent households are
    replaced, in the drawn order, by the next household of their village and stratum."""

    PENDING = "pending", _("Not yet visited")
    INTERVIEWED = "interviewed", _("Interviewed")
    REFUSED = "refused", _("Refused")
    ABSENT = "absent", _("Absent")


class Role(models.TextChoices):
    """Whether a unit was drawn into the sample or onto its ordered replacement list."""

    SAMPLED = "sampled", _("Sampled")
    REPLACEMENT = "replacement", _("Replacement")


class Channel(models.TextChoices):
    WEB = "web", _("Phone form")
    ODK = "odk", _("ODK / KoboToolbox")


class Decision(models.TextChoices):
    UPHOLD = "uphold", _("Uphold the appeal")
    REJECT = "reject", _("Reject the appeal")


#: The twelve western provinces (西部大开发): 内蒙古, 广西, 重庆, 四川, 贵州, 云南, 西藏,
#: 陕西, 甘肃, 青海, 宁夏, 新疆 — their counties exit with a comprehensive poverty rate < 3%.
WESTERN_PROVINCES = frozenset({"15", "45", "50", "51", "52", "53", "54", "61", "62", "63",
                               "64", "65"})


def is_western(county_code: str) -> bool:
    return county_code[:2] in WESTERN_PROVINCES
