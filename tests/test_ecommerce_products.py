"""The certification of poverty-alleviation products, tested like the case procedure: the
whole path, wrong role, wrong region, out of order, two concurrent approvals, refusal with the
reason, the notice with an objection, revocation, expiry, the import of listed products, and
the screens and API of products, chains, batches and sales."""

from __future__ import annotations

import datetime as dt
import re
import threading
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from fupin.core import labels
from fupin.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from fupin.core.models import AuditRecord, Notification
from fupin.core.workflow import IllegalTransition
from fupin.core.workflow_models import WorkflowStep
from fupin.ecommerce import workflows
from fupin.ecommerce.models import Linkage, Product, Sale
from fupin.ecommerce.services import products as services
from fupin.regions.models import CountyProfile
from tests import factories
from tests.ecprod_helpers import (
    HOME_COUNTY,
    OTHER_COUNTY,
    Actors,
    apply,
    batch_and_sale,
    chain,
    enterprise,
    frozen,
    listed,
    step,
    to_notice,
)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def actors(tree):
    return Actors()


def test_the_procedure_as_data():
    wf = workflows.CERTIFICATION
    assert wf.level_of("applied") == "township"
    for state in ("township_checked", "bureau_reviewed", "approved", "notice"):
        assert wf.level_of(state) == "county"
    for state in ("listed", "refused", "revoked", "expired"):
        assert wf.level_of(state) is None  # settled: nothing waits in an inbox
    assert set(workflows.REASON_ACTIONS) == {t.action for t in wf.transitions
                                             if t.to in {"refused", "revoked"}} | {"object"}
    with pytest.raises(IllegalTransition, match="possible: check, refuse_township"):
        wf.transition("applied", "approve")


def test_from_application_to_listing_with_steps_audit_and_notices(actors):
    with frozen() as traveller:
        product = apply(actors.officer)
        assert product.state == "applied"
        assert product.due_at is not None
        assert Notification.objects.filter(user=actors.reviewer, object_id=product.pk).exists()
        product = step(product, actors.reviewer, "check")
        assert Notification.objects.filter(user=actors.officer, object_id=product.pk).exists()
        product = step(product, actors.officer, "review")
        product = step(product, actors.approver, "approve")
        product = step(product, actors.approver, "post_notice")
        assert workflows.notice_end(product) == timezone.localdate() + dt.timedelta(days=6)
        traveller.shift(dt.timedelta(days=7))
        product = step(product, actors.approver, "list")
    assert product.state == "listed"
    assert product.closed
    assert product.due_at is None
    assert product.certificate_no == f"FP513431{product.valid_from.year}{product.pk:06d}"
    assert product.valid_until == workflows.default_validity_end(product.valid_from)
    steps = list(WorkflowStep.objects.filter(workflow="ecommerce.product", object_id=product.pk)
                 .values_list("action", flat=True))
    assert steps == ["apply", "check", "review", "approve", "post_notice", "list"]
    actions = set(AuditRecord.objects.filter(object_type="ecommerce.product",
                                             object_id=str(product.pk))
                  .values_list("action", flat=True))
    assert actions == {f"ecommerce.{a}" for a in steps}


def test_the_notice_must_serve_its_days(actors, settings):
    settings.FUPIN_PRODUCT_NOTICE_DAYS = 10
    with frozen() as traveller:
        product = to_notice(actors)
        traveller.shift(dt.timedelta(days=9))
        with pytest.raises(ValidationFailed, match="must stay up 10 days"):
            step(product, actors.approver, "list")
        traveller.shift(dt.timedelta(days=1))
        assert step(product, actors.approver, "list").state == "listed"


def test_an_objection_sends_the_product_back_to_the_bureau(actors):
    with frozen() as traveller:
        product = to_notice(actors)
        with pytest.raises(ValidationFailed, match="objection"):
            step(product, actors.officer, "object")
        product = step(product, actors.officer, "object", note="村民反映原料产地不在本县")
        assert product.state == "township_checked"
        product = step(product, actors.officer, "refuse_bureau", note="原料产地不符")
        assert product.state == "refused"
        assert product.refused_reason == "原料产地不符"
        traveller.shift(dt.timedelta(days=30))
        with pytest.raises(IllegalTransition):
            step(product, actors.approver, "list")


@pytest.mark.parametrize(("state_steps", "action", "who"), [
    ((), "refuse_township", "reviewer"),
    (("check",), "refuse_bureau", "officer"),
    (("check", "review"), "refuse", "approver"),
])
def test_refusal_at_each_check_needs_the_reason(actors, state_steps, action, who):
    people = {"check": actors.reviewer, "review": actors.officer}
    product = apply(actors.officer)
    for name in state_steps:
        product = step(product, people[name], name)
    with pytest.raises(ValidationFailed, match="give the reason"):
        step(product, getattr(actors, who), action, note="  ")
    product = step(product, getattr(actors, who), action, note="不符合认定条件")
    assert (product.state, product.refused_reason, product.closed) == (
        "refused", "不符合认定条件", True)


@pytest.mark.parametrize(("holder", "action"), [
    ("officer", "check"),  # a county user is not at the township level
    ("approver", "check"),
    ("approver", "review"),  # the bureau's review is the officer's
    ("officer", "approve"),  # approval is the approver's
    ("reviewer", "review"),  # a township user is not at the county level
])
def test_a_wrong_role_is_forbidden_and_nothing_changes(actors, holder, action):
    product = apply(actors.officer)
    if action != "check":
        product = step(product, actors.reviewer, "check")
    if action == "approve":
        product = step(product, actors.officer, "review")
    before = AuditRecord.objects.count()
    with pytest.raises(Forbidden):
        step(product, getattr(actors, holder), action)
    assert Product.objects.get(pk=product.pk).version == product.version
    assert AuditRecord.objects.count() == before


def test_roles_without_the_county_permission_cannot_act(actors):
    product = step(apply(actors.officer), actors.reviewer, "check")
    for role in ("evaluator", "auditor", "province_viewer"):
        division = "510000000000" if role == "province_viewer" else HOME_COUNTY
        with pytest.raises(Forbidden):
            step(product, factories.make_user(role, division), "review")


def test_another_region_learns_nothing(actors):
    product = apply(actors.officer)
    outsider = factories.make_user("township_reviewer", "513436100000")
    other_county = factories.make_user("county_approver", OTHER_COUNTY)
    other_township = factories.make_user("township_reviewer", "513431101000")
    for user in (outsider, other_township):
        with pytest.raises(NotFound):
            step(product, user, "check")
    with pytest.raises(NotFound):
        services.take_step(actor=other_county, product=product, action="approve", version=999)
    assert Product.objects.get(pk=product.pk).state == "applied"


def test_out_of_order_steps_are_refused_with_the_possible_ones(actors):
    product = apply(actors.officer)
    with pytest.raises(IllegalTransition, match="possible: check, refuse_township"):
        step(product, actors.approver, "approve")
    product = step(product, actors.reviewer, "check")
    with pytest.raises(IllegalTransition):
        step(product, actors.approver, "post_notice")
    with pytest.raises(IllegalTransition):
        step(product, actors.approver, "list")


def test_a_stale_version_is_told_who_acted_first(actors):
    product = apply(actors.officer)
    stale = product.version
    step(product, actors.reviewer, "check")
    with pytest.raises(Conflict, match="already moved on by"):
        services.take_step(actor=actors.reviewer, product=product, action="check",
                           version=stale)


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_approvals_one_wins_one_is_told():
    factories.make_tree()
    actors = Actors()
    other = factories.make_user("county_approver", HOME_COUNTY)
    product = step(step(apply(actors.officer), actors.reviewer, "check"),
                   actors.officer, "review")
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def approve(user):
        try:
            barrier.wait()
            services.take_step(actor=user, product=product, action="approve",
                               version=product.version)
            outcomes.append("approved")
        except Conflict as exc:
            outcomes.append(f"conflict: {exc}")
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(u,)) for u in (actors.approver, other)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(o.split(":")[0] for o in outcomes) == ["approved", "conflict"]
    assert WorkflowStep.objects.filter(object_id=product.pk, workflow="ecommerce.product",
                                       action="approve").count() == 1


def test_listing_checks_validity_and_certificate_number(actors):
    with frozen() as traveller:
        first = listed(actors, traveller)
        product = to_notice(actors)
        traveller.shift(dt.timedelta(days=7))
        with pytest.raises(ValidationFailed) as exc:
            step(product, actors.approver, "list", certificate_no=first.certificate_no,
                 valid_from="2026-04-01", valid_until="2026-03-01")
        criteria = exc.value.errors["criteria"]
        assert any("another product's" in c for c in criteria)
        assert any("must end after it starts" in c for c in criteria)
        with pytest.raises(ValidationFailed, match="first day of validity"):
            step(product, actors.approver, "list", valid_from="9999-01-01")
        product = step(product, actors.approver, "list", certificate_no="川扶认〔2026〕7号",
                       valid_from="2026-04-01", valid_until="2028-03-31")
    assert (product.certificate_no, product.valid_from, product.valid_until) == (
        "川扶认〔2026〕7号", dt.date(2026, 4, 1), dt.date(2028, 3, 31))


def test_revocation_needs_the_approver_and_the_reason(actors):
    with frozen() as traveller:
        product = listed(actors, traveller)
    with pytest.raises(Forbidden):
        services.revoke(actor=actors.officer, product=product, version=product.version,
                        reason="抽检不合格")
    with pytest.raises(ValidationFailed, match="give the reason"):
        services.revoke(actor=actors.approver, product=product, version=product.version,
                        reason="")
    product = services.revoke(actor=actors.approver, product=product, version=product.version,
                              reason="抽检不合格")
    assert (product.state, product.revoked_reason) == ("revoked", "抽检不合格")
    with pytest.raises(IllegalTransition):
        step(product, actors.approver, "revoke", note="again")


def test_expiry_after_the_validity_ends_once(actors):
    with frozen() as traveller:
        product = listed(actors, traveller)
    end = product.valid_until
    assert services.expire_lapsed(today=end) == 0
    call_command("products", "expire")  # the real clock: still valid
    assert Product.objects.get(pk=product.pk).state == "listed"
    assert services.expire_lapsed(today=end + dt.timedelta(days=1)) == 1
    assert services.expire_lapsed(today=end + dt.timedelta(days=1)) == 0
    product.refresh_from_db()
    assert (product.state, product.closed) == ("expired", True)
    record = AuditRecord.objects.get(action="ecommerce.expire", object_id=str(product.pk))
    assert record.actor_name == "system:ecommerce"


def test_the_inbox_holds_what_waits_and_listed_products_leave_it(actors):
    from fupin.core import inbox

    with frozen() as traveller:
        product = apply(actors.officer)
        assert [i.pk for i in inbox.items(actors.reviewer, workflows=["ecommerce.product"])] \
            == [product.pk]
        product = step(product, actors.reviewer, "check")
        assert [i.pk for i in inbox.items(actors.officer, workflows=["ecommerce.product"])] \
            == [product.pk]
        product = step(product, actors.officer, "review")
        product = step(product, actors.approver, "approve")
        product = step(product, actors.approver, "post_notice")
        traveller.shift(dt.timedelta(days=7))
        step(product, actors.approver, "list")
    for user in (actors.reviewer, actors.officer, actors.approver):
        assert inbox.items(user, workflows=["ecommerce.product"]) == []


def test_application_is_checked(actors):
    supplier = enterprise()
    bad = [
        ({"division_code": HOME_COUNTY}, "township (or village) of origin"),
        ({"division_code": "513436100000"}, "no such division"),
        ({"division_code": "513431999000"}, "no such division"),
        ({"supplier": "91513431MA62000000"}, "no enterprise"),
        ({"category": "gold"}, "choose a category"),
        ({"supply_chain": "NOPE"}, "no such supply chain"),
    ]
    for change, message in bad:
        data = services.Application(code="P-X", name="苦荞", supplier=supplier.credit_code,
                                    division_code=factories.HOME_VILLAGE, category="tea_herbs")
        for k, v in change.items():
            setattr(data, k, v)
        with pytest.raises((ValidationFailed, NotFound), match=re.escape(message)):
            services.apply(actor=actors.officer, data=data)
    with pytest.raises(Forbidden):
        apply(actors.approver)
    assert not Product.objects.exists()


def test_import_listed_products(actors):
    supplier = enterprise()
    rows = [services.ListedProduct(code=f"L{i}", name="昭觉荞麦面", supplier=supplier,
                                   division_code=factories.HOME_TOWNSHIP, category="grain_oil",
                                   certificate_no=f"C{i}", valid_from=dt.date(2020, 1, 1),
                                   valid_until=dt.date(2021 + i * 10, 12, 31))
            for i in range(2)]
    made = services.import_listed(actor=actors.officer, rows=rows)
    assert [p.state for p in made] == ["expired", "listed"]
    assert AuditRecord.objects.filter(action="ecommerce.import_listed").count() == 2
    outside = services.ListedProduct(code="L9", name="x", supplier=supplier,
                                     division_code="513436100000", category="other",
                                     certificate_no="C9", valid_from=dt.date(2020, 1, 1),
                                     valid_until=dt.date(2030, 1, 1))
    with pytest.raises(NotFound):
        services.import_listed(actor=actors.officer, rows=[outside])
    assert Product.objects.count() == 2


def test_every_step_and_state_has_words_in_both_languages():
    wf = workflows.CERTIFICATION
    actions = {t.action for t in wf.transitions} | {"apply", "import_listed"}
    for lang in ("zh-hans", "en"):
        with translation.override(lang):
            assert set(labels.vocabulary("product_step")) == actions
            assert set(labels.vocabulary("product_state")) == set(wf.states)
            audit_words = labels.vocabulary("audit_action")
            assert {f"ecommerce.{a}" for a in actions | {"expire"}} <= set(audit_words)
    with translation.override("zh-hans"):
        assert labels.word("product_state", "listed") == "已认定"
        assert labels.word("product_step", "object") != "Objection: back to review"


# --- screens and API ---------------------------------------------------------------------------

def test_product_page_shows_the_steps_the_user_may_take(client, actors):
    product = step(apply(actors.officer), actors.reviewer, "check")
    url = reverse("ecommerce-product", args=[product.pk])
    client.force_login(actors.officer)
    page = client.get(url).content.decode()
    assert 'data-action="review"' in page
    assert 'data-action="refuse_bureau"' in page
    client.force_login(actors.approver)
    page = client.get(url).content.decode()
    assert 'data-action="review"' not in page
    response = client.post(reverse("ecommerce-product-step", args=[product.pk]),
                           {"action": "review", "version": product.version})
    assert response.status_code == 403
    client.force_login(actors.officer)
    response = client.post(reverse("ecommerce-product-step", args=[product.pk]),
                           {"action": "refuse_bureau", "version": product.version})
    assert response.status_code == 400
    assert "step-error" in response.content.decode()


def test_batches_show_households_masked_and_sales_the_poor_share(client, actors):
    CountyProfile.objects.create(county_id=HOME_COUNTY, national_poverty_county=True)
    household = factories.household(factories.HOME_VILLAGE, head_name="阿说木呷")
    with frozen() as traveller:
        product = listed(actors, traveller)
    batch_and_sale(product, household)
    Sale.objects.create(product=product, division_code=product.division_code, year=2026,
                        channel="online", platform="拼多多", amount=Decimal("12345.50"))
    client.force_login(actors.reviewer)
    page = client.get(reverse("ecommerce-batches")).content.decode()
    assert household.household_id in page
    assert "阿***" in page
    assert "阿说木呷" not in page
    page = client.get(reverse("ecommerce-sales")).content.decode()
    assert 'id="sales-summary"' in page
    assert "100.0%" in page
    assert "12,345.5" in page  # thousands separators on screen …
    sheet = load_workbook(BytesIO(client.get(reverse("ecommerce-sales"), {"export": "xlsx"})
                                  .content)).active
    amounts = [row[4] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert 12345.5 in [float(a) for a in amounts if a is not None]  # … numbers in the export
    data = client.get(reverse("api:list_product_sales")).json()
    assert {r["poor_county"] for r in data["items"]} == {True}
    data = client.get(reverse("api:list_product_batches")).json()
    assert data["items"][0]["origin_household"] == f"{household.household_id} 阿***"


def test_a_chain_counts_the_households_linked_to_its_enterprises(client, actors):
    coop, firm = enterprise(), enterprise("某电商公司", "ecommerce_firm")
    found = chain(HOME_COUNTY, coop, firm)
    households = [factories.household(factories.HOME_VILLAGE) for _ in range(3)]
    elsewhere = factories.household(factories.OTHER_COUNTY_VILLAGE)
    rows = [(coop, households[0]), (firm, households[0]), (coop, households[1]),
            (firm, households[2]), (coop, elsewhere)]
    for i, (ent, household) in enumerate(rows):
        Linkage.objects.create(code=f"LK{i}", enterprise=ent, household=household,
                               division_code=household.village_id, form="order_dividend",
                               started_on=dt.date(2025, 1, 1))
    client.force_login(actors.officer)
    page = client.get(reverse("ecommerce-chain", args=[found.pk])).content.decode()
    assert 'id="linked-households">3<' in page  # not the other county's household
    data = client.get(reverse("api:list_supply_chains")).json()["items"]
    assert [(c["n_enterprises"], c["linked_households"]) for c in data] == [(2, 3)]


def test_apply_through_the_screen_and_steps_through_the_api(client, actors):
    supplier = enterprise()
    client.force_login(actors.officer)
    response = client.post(reverse("ecommerce-product-apply"), {
        "code": "P-SCREEN", "name": "昭觉苦荞茶", "supplier": supplier.credit_code,
        "division_code": factories.HOME_TOWNSHIP, "category": "tea_herbs"})
    product = Product.objects.get(code="P-SCREEN")
    assert response.status_code == 302
    assert product.applied_by == actors.officer
    client.force_login(actors.reviewer)
    url = reverse("api:post_product_step", kwargs={"product_id": product.pk})
    ok = client.post(url, {"action": "check", "version": 1}, content_type="application/json")
    assert ok.status_code == 200
    assert ok.json()["state"] == "township_checked"
    stale = client.post(url, {"action": "check", "version": 1},
                        content_type="application/json")
    assert stale.status_code == 409


def test_another_county_sees_nothing(client, actors):
    with frozen() as traveller:
        product = listed(actors, traveller, supply_chain=chain().code)
    batch_and_sale(product)
    client.force_login(factories.make_user("county_officer", OTHER_COUNTY))
    for name in ("ecommerce-products", "ecommerce-chains", "ecommerce-batches",
                 "ecommerce-sales"):
        page = client.get(reverse(name)).content.decode()
        assert product.name not in page, name
        assert "昭觉苦荞产业链" not in page, name
    for name in ("api:list_products", "api:list_supply_chains", "api:list_product_batches",
                 "api:list_product_sales"):
        assert client.get(reverse(name)).json()["count"] == 0, name
    assert client.get(reverse("ecommerce-product", args=[product.pk])).status_code == 404
    assert client.get(reverse("ecommerce-chain", args=[product.supply_chain_id])) \
        .status_code == 404
