"""Division codes in words (:mod:`fupin.core.labels`): a 12-digit code on a screen is a name."""

from __future__ import annotations

from fupin.core.labels import Lookup


def _names(codes) -> dict[str, str]:
    from fupin.regions.models import Division

    return dict(Division.objects.filter(code__in=list(codes)).values_list("code", "name"))


VOCABULARIES = {"division": Lookup(_names)}
