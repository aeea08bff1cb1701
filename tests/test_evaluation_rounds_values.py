"""The computed values of a county evaluation from e-commerce data
(``fupin.ecommerce.services.evaluation``), by hand on the small programme of
tests/ecommerce_programme_data.py: shares 0–1, missing (never 0) without a base, the same
definitions as the programme pages, a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from fupin.ecommerce.models import Product
from fupin.ecommerce.services.evaluation import evaluation_values
from tests import ecommerce_programme_data as data

D = Decimal


def test_values_of_2019_by_hand(tree, django_assert_max_num_queries):
    data.build()
    Product.objects.filter(state="listed", division_code__startswith="513431").update(
        valid_from=dt.date(2019, 1, 1), valid_until=dt.date(2019, 12, 31))
    with django_assert_max_num_queries(12):
        found = evaluation_values([data.HOME, data.OTHER], 2019, today=data.TODAY)
    home = found[data.HOME]
    # 3 administrative villages (the residents' committee is none); on 31 December 2019 the
    # points of 俄尔古取村 and 瓦尔村 work (乃托村's closed on 30 June): 2 of 3.
    assert home["admin_village_coverage"] == D("0.6667")
    # poor villages: 俄尔古取村 (poor) and 瓦尔村 (exited), both covered.
    assert home["poor_village_coverage"] == D("1.0000")
    assert home["township_express_coverage"] == D("0.5000")  # 新城镇 of 2 townships
    assert home["training_person_times"] == D(2400)  # 300 + 1,200 + 900 up to 2019
    assert home["linked_poor_households"] == D(0)
    assert home["linked_poor_share"] == D("0.0000")  # of 2 poor and exited households
    assert "linkage_income_median" not in home  # nobody linked: missing, not 0
    assert home["certified_products"] == D(2)  # both listed, valid on 31 December 2019
    # the next year their certificates have lapsed
    later = evaluation_values([data.HOME], 2020, today=data.TODAY)[data.HOME]
    assert later["certified_products"] == D(0)
    assert later["township_express_coverage"] == D("1.0000")
    other = found[data.OTHER]
    assert other["admin_village_coverage"] == D("1.0000")  # 俄普村 and its point
    assert evaluation_values([], 2019) == {}
