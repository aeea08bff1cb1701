"""Test data built through the product's own services (no shortcuts past them)."""

from __future__ import annotations

import datetime as dt
import itertools

from fupin.accounts.models import User
from fupin.accounts.services import create_user, ensure_role_group
from fupin.households.services import register_household
from fupin.regions.choices import NATION_CODE, Level
from fupin.regions.models import Division
from fupin_engine import idcard

PASSWORD = "Test-pass-2026!"
_seq = itertools.count(1)

# Real NBS 2023 codes: 四川省 › 凉山州 › 昭觉县 (two townships, two villages each) and
# 美姑县 next door as "another region".
TREE = [
    (NATION_CODE, "全国", Level.NATION, None),
    ("510000000000", "四川省", Level.PROVINCE, NATION_CODE),
    ("513400000000", "凉山彝族自治州", Level.PREFECTURE, "510000000000"),
    ("513431000000", "昭觉县", Level.COUNTY, "513400000000"),
    ("513431100000", "新城镇", Level.TOWNSHIP, "513431000000"),
    ("513431100200", "俄尔古取村村民委员会", Level.VILLAGE, "513431100000"),
    ("513431100204", "乃托村村民委员会", Level.VILLAGE, "513431100000"),
    ("513431101000", "城北镇", Level.TOWNSHIP, "513431000000"),
    ("513431101201", "瓦尔村村民委员会", Level.VILLAGE, "513431101000"),
    ("513436000000", "美姑县", Level.COUNTY, "513400000000"),
    ("513436100000", "巴普镇", Level.TOWNSHIP, "513436000000"),
    ("513436100201", "俄普村村民委员会", Level.VILLAGE, "513436100000"),
]
HOME_TOWNSHIP = "513431100000"
HOME_VILLAGE = "513431100200"
OTHER_TOWNSHIP_VILLAGE = "513431101201"
OTHER_COUNTY_VILLAGE = "513436100201"


def make_tree() -> dict[str, Division]:
    out = {}
    for code, name, level, parent in TREE:
        out[code], _ = Division.objects.get_or_create(
            code=code, defaults={"name": name, "level": level, "parent_id": parent})
    return out


def make_user(role: str | None, division_code: str | None, *, perms: list[str] = ()) -> User:
    """A user with ``role`` bound to ``division_code``; role None = no permission at all."""
    n = next(_seq)
    if role is None:
        user = User.objects.create_user(f"noperm{n}", password=PASSWORD)
        if division_code:
            user.division_id = division_code
            user.save()
        return user
    user = create_user(actor="test", username=f"{role}{n}", role=role,
                       division_code=division_code, password=PASSWORD)
    ensure_role_group(role)
    return user


def id_number(birth: dt.date, county: str = "513431") -> str:
    return idcard.make(county, birth, next(_seq) % 1000)


def member(relation: str = "head", *, birth: dt.date = dt.date(1980, 5, 17), name: str = "",
           **over) -> dict:
    data = {
        "id_number": id_number(birth), "name": name or f"成员{next(_seq)}",
        "relation": relation, "sex": "M", "birth_date": birth, "health": "healthy",
        "disability_grade": None, "labor": "full", "in_school": False, "home_schooled": False,
        "medical_insurance": True, "employment": "local",
    }
    data.update(over)
    return data


def household(village_code: str = HOME_VILLAGE, *, household_id: str | None = None,
              head_name: str | None = None, members: list[dict] | None = None,
              economy: list[dict] = (), actor: str = "test", **fields):
    values = {
        "status": "exited", "exit_year": 2019, "housing_grade": "B", "relocated": False,
        "water_quantity_ok": True, "water_quality_ok": True, "water_access_ok": True,
        "water_reliability_ok": True, "dibao": False, "tekun": False,
    }
    values.update(fields)
    hid = household_id or f"H{next(_seq):08d}"
    members = members or [member("head", name=head_name or f"户主{hid}"),
                          member("spouse", sex="F", birth=dt.date(1982, 3, 9))]
    return register_household(actor=actor, household_id=hid, village_code=village_code,
                              members=members, economy=list(economy), **values)
