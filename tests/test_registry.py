"""Registry services: validation, encryption, audit, access by region."""

import datetime as dt

import pytest

from fupin.core.errors import Forbidden, NotFound, ValidationFailed
from fupin.core.models import AuditRecord
from fupin.households import access, services
from fupin.households.models import Household, Member
from tests import factories


def test_register_encrypts_hashes_masks_and_audits(tree):
    head = factories.member("head", name="阿苦")
    h = factories.household(members=[head])
    m = Member.objects.get(household=h)
    assert m.id_number_masked == head["id_number"][:6] + "*" * 10 + head["id_number"][16:]
    assert head["id_number"] not in m.id_number_encrypted
    assert m.reveal_id_number() == head["id_number"]
    assert services.find_by_id_number(head["id_number"]).get() == m
    actions = list(AuditRecord.objects.values_list("action", flat=True))
    assert actions == ["households.register", "households.add_member"]
    member_record = AuditRecord.objects.get(action="households.add_member")
    assert head["id_number"] not in str(member_record.after)
    assert member_record.after["id_number_masked"] == m.id_number_masked
    assert member_record.division_code == factories.HOME_VILLAGE


@pytest.mark.parametrize(("problem", "members", "match"), [
    ("no head", [factories.member("spouse")], "exactly one head"),
    ("two heads", [factories.member("head"), factories.member("head")], "has 2"),
    ("bad checksum", [factories.member("head", id_number="513431198005170010")],
     "check character"),
    ("birth mismatch", [factories.member("head", birth_date=dt.date(1981, 1, 1))],
     "carries birth date"),
])
def test_register_refuses_bad_households(tree, problem, members, match):
    with pytest.raises(ValidationFailed, match=match):
        factories.household(members=members)
    assert Household.objects.count() == 0
    assert AuditRecord.objects.count() == 0


def test_same_id_number_in_another_household_is_refused(tree):
    head = factories.member("head")
    factories.household(members=[head])
    with pytest.raises(ValidationFailed, match="already registered"):
        factories.household(members=[dict(head, name="别人")])


def test_unknown_village_is_refused(tree):
    with pytest.raises(ValidationFailed, match="not a village"):
        factories.household(village_code="513431100000")  # a township, not a village


def test_negative_amount_is_refused(tree):
    with pytest.raises(ValidationFailed, match="wage: -5") as exc:
        factories.household(economy=[{"year": 2021, "wage": -5}])
    assert "wage" in exc.value.errors  # the message is in the active language


def test_unchanged_update_writes_no_audit_record(tree):
    h = factories.household()
    n = AuditRecord.objects.count()
    services.update_household(actor="test", household=h, status="exited")
    assert AuditRecord.objects.count() == n
    services.update_household(actor="test", household=h, status="general", exit_year=None)
    rec = AuditRecord.objects.order_by("-seq").first()
    assert rec.action == "households.update"
    assert rec.before["status"] == "exited"
    assert rec.after["status"] == "general"


def test_economy_year_upsert_is_audited_once(tree):
    h = factories.household()
    services.record_economy_year(actor="test", household=h, year=2021, wage=1000)
    services.record_economy_year(actor="test", household=h, year=2021, wage=1000)
    assert AuditRecord.objects.filter(action="households.record_economy").count() == 1
    assert h.economy.get(year=2021).net_income == 1000


def test_access_household_by_region(tree):
    h = factories.household()
    other = factories.household(village_code=factories.OTHER_COUNTY_VILLAGE)
    cadre = factories.make_user("village_cadre", factories.HOME_VILLAGE)
    assert access.access_household(cadre, h.household_id) == h
    with pytest.raises(NotFound):
        access.access_household(cadre, other.household_id)
    with pytest.raises(NotFound):
        access.access_household(cadre, "does-not-exist")
    viewer = factories.make_user("province_viewer", "510000000000")
    with pytest.raises(Forbidden):
        access.access_household(viewer, h.household_id, for_write=True)
    nobody = factories.make_user(None, factories.HOME_VILLAGE)
    with pytest.raises(Forbidden):
        access.access_household(nobody, h.household_id)
    unbound = factories.make_user(None, None)
    unbound.user_permissions.set([])
    with pytest.raises(Forbidden):
        access.access_household(unbound, h.household_id)


def test_reveal_is_audited_and_scoped(tree):
    h = factories.household()
    m = h.members.first()
    reviewer = factories.make_user("township_reviewer", factories.HOME_TOWNSHIP)
    got = access.access_member(reviewer, m.pk, action="reveal")
    number = services.reveal_id_number(actor=reviewer, member=got)
    assert number == m.reveal_id_number()
    rec = AuditRecord.objects.get(action="households.reveal_id_number")
    assert rec.actor_name == reviewer.username
    assert rec.object_id == str(m.pk)
    outsider = factories.make_user("township_reviewer", "513436100000")
    with pytest.raises(NotFound):
        access.access_member(outsider, m.pk, action="reveal")
    province = factories.make_user("province_viewer", "510000000000")
    with pytest.raises(Forbidden):
        access.access_member(province, m.pk, action="reveal")
