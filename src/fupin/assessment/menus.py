"""The assessment's header entry (:mod:`fupin.core.menus`): evaluators, counties and the
levels above them (a village or township never sees the sample)."""

from django.utils.translation import gettext_lazy

from fupin.core.menus import MenuItem

MENU = [
    MenuItem(gettext_lazy("Assessments"), "assessment-list", "assessment.view_assessment",
             order=45, group="evaluation"),
]
