from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The roles of DESIGN/SCREENS; each is a permission group (see ``roles.py``)."""

    VILLAGE_CADRE = "village_cadre", _("Village cadre")
    TOWNSHIP_REVIEWER = "township_reviewer", _("Township reviewer")
    COUNTY_OFFICER = "county_officer", _("County officer")
    COUNTY_APPROVER = "county_approver", _("County approver")
    PROVINCE_VIEWER = "province_viewer", _("Province viewer")
    NATIONAL_VIEWER = "national_viewer", _("National viewer")
    EVALUATOR = "evaluator", _("Evaluator")
    AUDITOR = "auditor", _("Auditor")
    ADMINISTRATOR = "administrator", _("Administrator")
