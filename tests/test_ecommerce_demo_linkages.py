"""The demo's linkages are reproducible and keep every household's economy at or above the
linkage parts recorded in it (ADR 0042)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from fupin.core.access import Scope
from fupin.core.models import AuditRecord
from fupin.ecommerce import demo_linkages
from fupin.ecommerce.choices import LINKAGE_ECONOMY
from fupin.ecommerce.models import Linkage, LinkageYear
from fupin.ecommerce.models.linkages import LINKAGE_AMOUNTS
from fupin.households.importer import run_import
from fupin.households.models import EconomyYear
from tests.ecommerce_linkage_helpers import enterprise
from tests.test_exchange import _generated


def _state():
    return (sorted(Linkage.objects.values_list("code", "household__household_id", "form",
                                               "started_on", "ended_on")),
            sorted(LinkageYear.objects.values_list("linkage__code", "year", *LINKAGE_AMOUNTS)))


def test_demo_linkages_are_reproducible_and_inside_the_economy(tree, tmp_path):
    assert run_import(_generated(tmp_path, n=80, seed=5), actor="test", scope=Scope.nation()).ok
    before = {(e.household_id, e.year): e.operating + e.wage + e.property
              for e in EconomyYear.objects.all()}
    ents = [enterprise(), enterprise()]
    counts = demo_linkages.generate("513431000000", seed=7, year=2021, households=40,
                                    enterprises=ents)
    assert counts["linkages"] == 40
    assert counts["years"] > 0
    first = _state()
    records = AuditRecord.objects.count()
    assert demo_linkages.generate("513431000000", seed=7, year=2021, households=40,
                                  enterprises=ents)["years"] == 0
    assert _state() == first
    assert AuditRecord.objects.count() == records
    # Every component holds its linkage parts, and grew by exactly them.
    parts = defaultdict(lambda: defaultdict(Decimal))
    for y in LinkageYear.objects.select_related("linkage"):
        for f in LINKAGE_AMOUNTS:
            parts[(y.linkage.household_id, y.year)][LINKAGE_ECONOMY[f]] += getattr(y, f)
    for key, components in parts.items():
        econ = EconomyYear.objects.get(household_id=key[0], year=key[1])
        for component, amount in components.items():
            assert getattr(econ, component) >= amount
        assert econ.operating + econ.wage + econ.property == before[key] + sum(
            components.values())
