from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    """Levels of the statistical division tree (统计用区划)."""

    NATION = "nation", _("Nation")
    PROVINCE = "province", _("Province")
    PREFECTURE = "prefecture", _("Prefecture")
    COUNTY = "county", _("County")
    TOWNSHIP = "township", _("Township")
    VILLAGE = "village", _("Village")


LEVEL_ORDER = [
    Level.NATION, Level.PROVINCE, Level.PREFECTURE, Level.COUNTY, Level.TOWNSHIP, Level.VILLAGE,
]

NATION_CODE = "000000000000"


def child_level(level: str) -> Level:
    """The level one below ``level`` (villages stay villages)."""
    i = LEVEL_ORDER.index(Level(level))
    return LEVEL_ORDER[min(i + 1, len(LEVEL_ORDER) - 1)]
