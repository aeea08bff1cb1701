"""Division codes in words (:mod:`fupin.core.labels`): a 12-digit code on a screen is a name."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from fupin.core.labels import Lookup
from fupin.regions.choices import Level


def _names(codes) -> dict[str, str]:
    from fupin.regions.models import Division

    return dict(Division.objects.filter(code__in=list(codes)).values_list("code", "name"))


VOCABULARIES = {
    "division": Lookup(_names),
    "level": dict(Level.choices),
    "audit_action": {
        "regions.load_divisions": gettext_lazy("Division tree loaded"),
        "regions.load_county_profiles": gettext_lazy("County profiles loaded"),
    },
    "object_type": {
        "regions.division": gettext_lazy("division"),
        "regions.countyprofile": gettext_lazy("county profile"),
    },
}
