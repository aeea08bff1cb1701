"""Acceptance walk (issue 11): every demo role, in a real Chromium, opens every page its menu
offers and the first item of every list on those pages, and the walk fails on

- an HTTP 5xx (the page or any request it makes: htmx fragments, assets),
- a JavaScript error or console error, and any Content-Security-Policy violation (a
  ``securitypolicyviolation`` listener installed before the page's own scripts reports it),
- a known code on a Chinese page: every code the vocabularies know
  (:func:`fupin.core.labels.all_codes`: the pack, the workflows, the choices, the ledger's
  actions and objects, actors), the pack's rule codes, the workflow's actions and states,
  and the divisions' 12-digit codes (a code must be shown as its name),
- a run of Latin letters on a Chinese page outside proper names and units (:data:`ALLOWED`).

What counts as a code or a word, and what is not checked (principles, not page exceptions):

- Codes are matched as whole tokens (``cases.open`` and ``households.economyyear:3`` yes,
  ``open`` inside ``reopen`` no). Codes without a letter (risk types ``01``…``99``) are not
  matched: on a page they cannot be told from a count or a year ("99 户"); their words are
  checked where they are drawn (``tests/test_words.py``). One-letter codes (housing grades
  A–D, sex M/F) are not matched either: a grade letter *is* how the grade is written (C 级).
- A Latin token that contains a digit is an identifier, not a word (a hash, a household ID,
  a standard's number such as T/CHES 18-2018, a version), and is not a run of letters.
- The text checked is the page's text nodes and title: never ``<script>``/``<style>``, never
  attributes (URLs, ``data-*``, ``name=``). A user's login name is a proper name.
- The API documentation (Swagger UI over the OpenAPI schema) is a developer's page in the
  developers' language: only its errors are checked, not its words.

Each role's seeds are made through the product's services; the walk is bounded (the first
item of each list, each URL once per role) and takes well under two minutes.
"""

from __future__ import annotations

import re
import time
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client

from fupin.accounts.choices import Role
from fupin.accounts.models import User
from fupin.accounts.services import create_user, ensure_role_group
from fupin.cases import services as case_services
from fupin.cases.models import Case
from fupin.core.access import Scope
from fupin.households.importer import run_import
from fupin.monitoring import services as monitoring_services
from fupin.regions.models import Division
from tests import evaluation_scorecards_data as evaluation_data
from tests import factories
from tests.cases_helpers import records
from tests.test_browser import CHROMIUM, browser  # noqa: F401  (fixture)
from tests.test_exchange import _generated
from tests.test_no_server_errors import ROLE_DIVISIONS
from tests.words_check import ALLOWED, known_codes, text_problems

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
assert CHROMIUM

#: Pages whose words are not checked (see the module docstring), by path prefix.
WORDS_NOT_CHECKED = ("/api/",)
#: Pages that are the same for every role (the API's documentation): opened by the first role.
SAME_FOR_EVERY_ROLE = ("/api/",)
#: Links that are not pages to open (downloads, exports, logout, another language).
NOT_A_PAGE = re.compile(r"export=|/download|logout|/i18n/|\.(xlsx|csv|zip|pdf|json)(\?|$)")

_LISTENER = """
document.addEventListener('securitypolicyviolation', (e) => {
  console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI);
});
"""

_TEXT = """
() => {
  const skip = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);
  const out = [document.title];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      for (let e = node.parentElement; e; e = e.parentElement) {
        if (skip.has(e.tagName)) return NodeFilter.FILTER_REJECT;
      }
      return NodeFilter.FILTER_ACCEPT;
    }});
  while (walker.nextNode()) {
    const t = walker.currentNode.nodeValue.trim();
    if (t) out.push(t);
  }
  return out;
}
"""

#: The first link of each list: each table's first row with a link, each list group's first.
_FIRST_ITEMS = """
() => {
  const out = [];
  const main = document.querySelector('main') || document.body;
  for (const t of main.querySelectorAll('table')) {
    for (const row of t.querySelectorAll('tbody tr')) {
      const a = row.querySelector('a[href]');
      if (a) { out.push(a.href); break; }
    }
  }
  for (const g of main.querySelectorAll('.list-group, ul.inbox, ol.inbox')) {
    const a = g.querySelector('a[href]');
    if (a) out.push(a.href);
  }
  return out;
}
"""


TIMES: list[tuple[float, str, str]] = []


@dataclass(frozen=True)
class Problem:
    role: str
    path: str
    kind: str
    detail: str

    def __str__(self) -> str:
        return f"{self.role:<18} {self.path:<40} {self.kind}: {self.detail}"


class Walker:
    def __init__(self, page, base: str, role: str, codes, divisions, names,
                 shared: set[str]):
        self.page, self.base, self.role = page, base, role
        self.codes, self.divisions, self.names = codes, divisions, names
        self.problems: list[Problem] = []
        self.errors: list[str] = []
        self.seen: set[str] = set()
        self.shared = shared
        page.on("pageerror", lambda exc: self.errors.append(f"javascript: {exc}"))
        page.on("console", lambda msg: self.errors.append(f"console: {msg.text}")
                if msg.type == "error" else None)
        page.on("response", lambda r: self.errors.append(f"HTTP {r.status} {r.url}")
                if r.status >= 500 else None)

    def path(self, url: str) -> str:
        parts = urlsplit(url)
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def open(self, url: str) -> list[str]:
        """Open one page, record its problems, answer the first item of each of its lists."""
        path = self.path(url)
        if path in self.seen or NOT_A_PAGE.search(path) or not url.startswith(self.base):
            return []
        if path.startswith(SAME_FOR_EVERY_ROLE):
            if path in self.shared:
                return []
            self.shared.add(path)
        self.seen.add(path)
        started = time.monotonic()
        self.errors.clear()
        response = self.page.goto(url)
        # htmx fragments loaded on "load" carry .htmx-request until they are swapped in.
        self.page.wait_for_function("() => !document.querySelector('.htmx-request')")
        if response is not None and response.status >= 500:
            self.problems.append(Problem(self.role, path, "HTTP", str(response.status)))
        for error in self.errors:
            self.problems.append(Problem(self.role, path, "error", error[:200]))
        lang = self.page.get_attribute("html", "lang") or ""
        if lang.startswith("zh") and not path.startswith(WORDS_NOT_CHECKED):
            texts = self.page.evaluate(_TEXT)
            for kind, detail in text_problems(texts, self.codes, self.divisions, ALLOWED,
                                              self.names):
                self.problems.append(Problem(self.role, path, kind, detail))
        items = self.page.evaluate(_FIRST_ITEMS)
        TIMES.append((time.monotonic() - started, self.role, path))
        return items

    def walk(self) -> None:
        menu = self.page.eval_on_selector_all("#main-menu a[data-menu]",
                                              "els => els.map(e => e.href)")
        pages = [self.page.url, *menu]
        items: list[str] = []
        for url in pages:
            items += self.open(url)
        for url in items:
            self.open(url)


def seed(tmp_path) -> dict[str, object]:
    """A small county through the product's services: generated households imported, one
    user per role, a monitoring run, its cases, a case taken two steps by the village."""
    factories.make_tree()
    outcome = run_import(_generated(tmp_path, n=80, seed=11), actor="system:cli",
                         scope=Scope.nation())
    assert outcome.ok
    users = {}
    for role, code in ROLE_DIVISIONS.items():
        users[role] = create_user(actor="system:setup", username=f"walk_{role}", role=role,
                                  division_code=code, password=factories.PASSWORD)
        ensure_role_group(role)
    officer = users[Role.COUNTY_OFFICER]
    run = monitoring_services.run_monitoring(actor=officer, year=2021,
                                             scope=Scope.of_user(officer)).run
    case_services.sync_from_run(actor="system:cli", run=run)
    case = (Case.objects.filter(village_code=factories.HOME_VILLAGE, closed=False)
            .order_by("pk").first())
    if case is not None:
        cadre = users[Role.VILLAGE_CADRE]
        for action in ("visit", "compare"):
            case = case_services.take_step(actor=cadre, case=case, action=action,
                                           version=case.version, **records(action))
    # Evaluation rounds of both counties (published, opened, submitted): scorecards, tables.
    evaluation_data.load()
    return users


def login(context, base: str, user) -> None:
    """A session for ``user`` (the login form has tests of its own: test_browser.py)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base}])


def test_every_role_walks_every_menu_page_in_words_without_errors(live_server, browser,  # noqa: F811
                                                                   tmp_path):
    started = time.monotonic()
    users = seed(tmp_path)
    print(f"seeded in {time.monotonic() - started:.1f} s")
    codes = known_codes()
    divisions = set(Division.objects.values_list("code", flat=True))
    # Login names are proper names (a login is written in Latin letters).
    names = {u.username for u in User.objects.all()}
    problems: list[Problem] = []
    opened, shared = 0, set()
    for role, user in users.items():
        context = browser.new_context(locale="zh-CN")
        context.add_init_script(_LISTENER)
        page = context.new_page()
        try:
            login(context, live_server.url, user)
            page.goto(f"{live_server.url}/")
            walker = Walker(page, live_server.url, role, codes, divisions, names, shared)
            walker.walk()
            problems += walker.problems
            opened += len(walker.seen)
        finally:
            context.close()
    assert opened >= 2 * len(users), f"the walk opened only {opened} pages"
    by_page: dict[str, list[Problem]] = defaultdict(list)
    for p in problems:
        by_page[re.sub(r"/\d+/", "/<n>/", p.path.split("?")[0])].append(p)
    report = "\n".join(
        f"{path} ({len(ps)}):\n  " + "\n  ".join(str(p) for p in ps[:6])
        for path, ps in sorted(by_page.items()))
    print(f"{len(TIMES)} pages in {sum(t for t, _, _ in TIMES):.1f} s; slowest:",
          *sorted(TIMES, reverse=True)[:8], sep="\n")
    print("\n".join(str(p) for p in problems))  # the whole list, with -s
    assert not problems, f"{len(problems)} problems on {len(by_page)} pages:\n{report}"


def test_the_walk_sees_a_csp_violation_and_a_script_error(live_server, browser):  # noqa: F811
    factories.make_tree()
    user = factories.make_user("county_officer", "513431000000")
    context = browser.new_context(locale="zh-CN")
    context.add_init_script(_LISTENER)
    login(context, live_server.url, user)
    page = context.new_page()
    try:
        walker = Walker(page, live_server.url, "officer", set(), set(), {user.username}, set())
        walker.open(f"{live_server.url}/dashboard/")
        assert walker.problems == []
        # An inline script: refused by the policy (reported), and a failing script of ours.
        page.evaluate("""() => {
            const s = document.createElement('script');
            s.textContent = 'window.inline = 1';
            document.body.appendChild(s);
            setTimeout(() => { throw new Error('broken screen'); }, 0);
        }""")
        page.wait_for_timeout(500)
        assert any("CSP violation" in e and "script-src" in e for e in walker.errors), \
            walker.errors
        assert any("broken screen" in e for e in walker.errors), walker.errors
    finally:
        context.close()
