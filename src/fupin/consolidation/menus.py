"""The consolidation app's header entries (:mod:`fupin.core.menus`)."""

MENU: list = []
