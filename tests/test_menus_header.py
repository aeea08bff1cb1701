"""The header groups a role's entries into drop-downs (fupin.core.menus): the day's work
stands alone, a group of one entry stays a plain entry, and every page a role may open is
still one click (plus the drop-down) away."""

from __future__ import annotations

import re

import pytest

from fupin.core import menus
from tests import factories

pytestmark = pytest.mark.django_db


def _header(client, user) -> str:
    client.force_login(user)
    html = client.get("/", follow=True).content.decode()
    start = html.index('id="main-menu"')
    return html[start:html.index("</nav>", start)]


@pytest.mark.parametrize(("role", "code"), [
    ("county_officer", "513431000000"), ("evaluator", "513431000000"),
    ("township_reviewer", factories.HOME_TOWNSHIP), ("village_cadre", factories.HOME_VILLAGE),
    ("province_viewer", "510000000000"), ("administrator", "000000000000"),
])
def test_every_entry_is_in_the_header_once_grouped_or_alone(client, role, code):
    factories.make_tree()
    user = factories.make_user(role, code)
    entries = menus.items_for(user)
    header = _header(client, user)
    shown = re.findall(r'data-menu="([^"]+)"', header)
    assert sorted(shown) == sorted(e["url_name"] for e in entries)
    groups = re.findall(r'data-menu-group="([^"]+)"', header)
    sizes = {g: sum(e["group"] == g for e in entries) for g in {e["group"] for e in entries}}
    # A drop-down for each group of two or more entries, none for a group of one.
    assert sorted(groups) == sorted(g for g, n in sizes.items() if g and n > 1)
    # Nothing without a page of its own stands in the bar: at most 9 top-level entries.
    top = len([e for e in entries if not e["group"]]) + len(groups) \
        + sum(1 for g, n in sizes.items() if g and n == 1)
    assert top <= 9, (role, top)


def test_tree_keeps_the_order_of_the_first_entry_of_each_group():
    def entry(name, group=""):
        return {"label": name, "url": f"/{name}/", "active": name == "c", "url_name": name,
                "group": group}

    out = menus.tree([entry("a"), entry("b", "x"), entry("c", "y"), entry("d", "x"),
                      entry("e", "y"), entry("f", "z")])
    assert [o.get("url_name") or o["group"] for o in out] == ["a", "x", "y", "f"]
    assert [e["url_name"] for e in out[1]["entries"]] == ["b", "d"]
    assert out[2]["active"]
    assert not out[1]["active"]
