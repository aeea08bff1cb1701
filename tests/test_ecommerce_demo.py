"""The demo's commerce programme (issue 12 item 10): generated reproducibly from the seed and
imported whole through the exchange, with every table filled."""

from __future__ import annotations

import datetime as dt

from stdnum.cn import uscc

from fupin.ecommerce import demo
from fupin.ecommerce import models as m
from fupin.regions.models import Division
from tests import factories

TODAY = dt.date(2026, 11, 29)


def test_the_demo_programme_is_reproducible_and_imports_whole(tree, tmp_path):
    for i in range(12):
        factories.household(factories.HOME_VILLAGE if i % 2 else factories.OTHER_TOWNSHIP_VILLAGE,
                            status="poor" if i % 3 else "exited")
    # Where the paired enterprises are registered (the demo loads the whole tree).
    Division.objects.create(code="510100000000", name="成都市", level="prefecture",
                            parent_id="510000000000")
    for code, name, parent in (("510104000000", "锦江区", "510100000000"),
                               ("510107000000", "武侯区", "510100000000"),
                               ("513401000000", "西昌市", "513400000000")):
        Division.objects.create(code=code, name=name, level="county", parent_id=parent)
    officer = factories.make_user("county_officer", "513431000000")
    county = Division.objects.get(code="513431000000")
    first = demo.generate(county, seed=7, today=TODAY)
    assert first == demo.generate(county, seed=7, today=TODAY)
    assert first != demo.generate(county, seed=8, today=TODAY)
    assert all(uscc.is_valid(row[0]) for row in first["enterprises"])

    outcome = demo.load(county, seed=7, actor=officer, folder=tmp_path / "demo", today=TODAY)
    assert outcome.ok, list(outcome.report.rows())[:5]
    for model in (m.Programme, m.Site, m.LogisticsYear, m.Enterprise, m.Pairing, m.PairingYear,
                  m.SupplyChain, m.Product, m.TraceBatch, m.Sale, m.TrainingSession,
                  m.Beneficiary):
        assert model.objects.exists(), model.__name__
    assert set(m.Programme.objects.values_list("kind", flat=True)) == {
        "ecommerce", "domestic_service", "labour", "border_trade"}
    assert m.Pairing.objects.count() == 3
    assert set(m.Product.objects.values_list("state", flat=True)) == {"listed", "expired"}
    assert m.Site.objects.filter(level="county_centre").count() == 1
