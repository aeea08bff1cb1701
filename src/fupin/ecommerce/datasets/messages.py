"""Messages of the e-commerce import report, one per rule code (the schema's own rules —
required, type, range, negative … — are the registry's, ``households.messages``)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from fupin.households import messages as registry

MESSAGES = {
    "unknown_division": _("%(code)s is not a division of the loaded division tree"),
    "wrong_level": _("%(code)s is a division of level %(level)s; this needs one of level "
                     "%(expected)s"),
    "outside_region": _("%(code)s is outside your region: you may import only into your "
                        "division"),
    "code_elsewhere": _("this code is already used by a record outside your region"),
    "duplicate": _("the same record (%(key)s) is already at row %(row)s of this table"),
    "end_before_start": _("%(end)s is before %(start)s"),
    "invalid_credit_code": _("not a valid unified social credit code (GB 32100: 18 "
                             "characters with a correct check character)"),
    "unknown_enterprise": _("no enterprise with credit code %(code)s in the enterprises "
                            "table or the register"),
    "enterprise_elsewhere": _("this enterprise is registered outside your region with other "
                              "details: it is not changed from here"),
    "unknown_programme": _("no programme %(code)s in the programmes table or in your region"),
    "unknown_pairing": _("no pairing %(code)s in the pairings table or in your region"),
    "unknown_product": _("no product %(code)s in the products table or in your region"),
    "unknown_supply_chain": _("no supply chain %(code)s in the supply-chain table or in the "
                              "product's county"),
    "unknown_session": _("no training session %(code)s of this programme"),
    "household_not_in_county": _("no household %(code)s in the county %(county)s"),
    "unknown_service": _("unknown service %(code)s: use %(allowed)s"),
    "closed_without_date": _("a closed site needs its closing date"),
    "trainees_exceed": _("more poor or exited trainees than person-times"),
    "batch_needs_origin": _("a batch needs its origin household or co-operative"),
    "quantity_zero": _("a batch quantity is more than 0"),
    "year_outside_period": _("%(year)s is outside the period %(start)s–%(end)s"),
    "product_in_workflow": _("this product is in certification (state %(state)s): change it "
                             "on its certification page, not by import"),
    "no_data_rows": _("the file has no data rows: fill in the rows below the template's "
                      "header row and upload it again"),
}


def message(code: str, params: dict[str, Any]) -> str:
    template = MESSAGES.get(code)
    if template is None:
        return registry.message(code, params)
    try:
        return str(template) % params
    except (KeyError, TypeError, ValueError):
        return str(template)
