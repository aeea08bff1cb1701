"""One poverty-alleviation product from application to listing in a real Chromium: the county
officer enters it, the township checks it, the officer reviews it for the industry bureau,
the county approver approves it, posts the notice and lists it a week later."""

from __future__ import annotations

import datetime as dt

import pytest

from fupin.core import audit
from fupin.ecommerce.models import Product
from tests import factories
from tests.ecprod_helpers import HOME_COUNTY, enterprise, frozen
from tests.test_browser import CHROMIUM, browser, page  # noqa: F401  (fixtures)
from tests.test_browser_cases import act, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
assert CHROMIUM


def state(page) -> str:  # noqa: F811
    return page.get_attribute("#product-state", "data-state")


def test_a_product_from_application_to_listing_by_four_people(live_server, page):  # noqa: F811
    factories.make_tree()
    supplier = enterprise()
    officer = factories.make_user("county_officer", HOME_COUNTY)
    reviewer = factories.make_user("township_reviewer", factories.HOME_TOWNSHIP)
    approver = factories.make_user("county_approver", HOME_COUNTY)
    with frozen() as traveller:
        # County officer: the supplier's application, from the products list.
        login(page, live_server, officer)
        page.goto(f"{live_server.url}/ecommerce/products/")
        page.click("#apply-product")
        page.fill("#f-code", "ZJ-2026-001")
        page.fill("#f-name", "昭觉苦荞茶")
        page.fill("#f-supplier", supplier.credit_code)
        page.fill("#f-division", factories.HOME_TOWNSHIP)
        page.select_option("#f-category", "tea_herbs")
        page.click("#apply-submit")
        page.wait_for_selector("#product-state")
        assert state(page) == "applied"
        product_url = page.url
        assert page.locator("#steps").count() == 0  # the township acts next, not the county

        # Township reviewer: the application waits in My work; pass the check.
        login(page, live_server, reviewer)
        page.goto(f"{live_server.url}/inbox/")
        assert "ZJ-2026-001" in page.content()
        page.goto(product_url)
        act(page, "check")
        assert state(page) == "township_checked"

        # County officer for the industry bureau: the review.
        login(page, live_server, officer)
        page.goto(product_url)
        assert page.locator("form[data-action=approve]").count() == 0
        act(page, "review")
        assert state(page) == "bureau_reviewed"

        # County approver: approve, post the notice; listing is refused before 7 days.
        login(page, live_server, approver)
        page.goto(product_url)
        act(page, "approve")
        act(page, "post_notice")
        assert state(page) == "notice"
        assert page.locator("#notice-dates").count() == 1
        act(page, "list")
        assert state(page) == "notice"
        assert page.locator(".step-error").count() == 1
        page.errors[:] = [e for e in page.errors if "400" not in e]  # the refusal, expected

        traveller.shift(dt.timedelta(days=7))
        login(page, live_server, approver)
        page.goto(product_url)
        act(page, "list", certificate_no="川扶认〔2026〕001号")
        assert state(page) == "listed"
        assert page.inner_text("#certificate-no") == "川扶认〔2026〕001号"
        assert page.locator("#history tr").count() == 6
        assert page.locator("form[data-action=revoke]").count() == 1
    product = Product.objects.get(code="ZJ-2026-001")
    assert (product.state, product.certificate_no) == ("listed", "川扶认〔2026〕001号")
    assert product.valid_until > product.valid_from
    assert audit.verify().ok
