"""The glossary home in Chromium (issue 14, item 7): the sticky A-Z bar, the filter field (accents and case folded,
terms, variants and acronyms), the sector filter kept in the URL, and the whole list without JavaScript.
Expected values come from the page itself (its entries, its headings) and from the glossary's YAML."""
from __future__ import annotations

import re
import string
import unicodedata
from pathlib import Path

import pytest

from soins_obliges.glossary.model import load_glossary

ROOT = Path(__file__).resolve().parents[2]
PAGES = {"fr": "/glossaire/", "en": "/en/glossaire/"}
PARAM = {"fr": "secteur", "en": "sector"}
LABEL = {"fr": "Filtrer le glossaire", "en": "Filter the glossary"}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
ENTRIES = ".so-az li:has(a[data-sector])"


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c))


@pytest.fixture(scope="module")
def concepts():
    glossary, _ = load_glossary(ROOT / "glossary")
    return glossary.concepts


@pytest.fixture
def phone(browser):
    ctx = browser.new_context(**PHONE)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page, errors
    ctx.close()


def _entries(page) -> list[dict]:
    """Every entry of the list: its link text, its keys, its sector, whether it is shown."""
    return page.locator(ENTRIES).evaluate_all("""els => els.map(li => { const a = li.querySelector('a[data-sector]');
        return {text: a.textContent, full: li.textContent,
                keys: (a.dataset.keys || '') + ' | ' + (a.dataset.acronyms || ''), sector: a.dataset.sector,
                shown: li.offsetParent !== null}; })""")


def _bar(page) -> list[dict]:
    return page.locator(".so-azbar > *").evaluate_all("""els => els.map(e => ({letter: e.textContent.trim(),
        href: e.getAttribute('href'), disabled: e.getAttribute('aria-disabled')}))""")


def _status(page) -> str:
    return page.locator("#so-find-status").inner_text()


def _number(text: str) -> int:
    m = re.search(r"\d+", text)
    return int(m.group()) if m else 0


@pytest.mark.parametrize("lang", PAGES)
def test_az_bar_has_every_letter_and_disables_exactly_the_empty_ones(phone, server, lang, concepts):
    page, errors = phone
    page.goto(server + PAGES[lang], wait_until="networkidle")
    entries = _entries(page)
    assert len(entries) == len(concepts)
    with_entries = {fold(e["text"])[:1].upper() for e in entries}
    bar = _bar(page)
    assert [b["letter"] for b in bar][:26] == list(string.ascii_uppercase)      # every letter, in order
    disabled = {b["letter"] for b in bar if b["disabled"] == "true"}
    assert disabled == set(string.ascii_uppercase) - with_entries
    assert disabled, "the glossary has letters without entries: they must show disabled"
    for b in bar:
        if b["letter"] in disabled:
            assert b["href"] is None                                        # not a link
        else:
            assert b["href"] and b["href"].startswith("#")
            heading = page.locator(f".so-az h3[id='{b['href'][1:]}']")
            assert heading.count() == 1 and heading.inner_text().strip().startswith(b["letter"])
    assert errors == []


def test_the_bar_stays_under_the_header_and_a_letter_jump_shows_its_heading(phone, server):
    page, _ = phone
    page.goto(server + PAGES["fr"], wait_until="networkidle")
    bar = page.locator(".so-azbar")
    header_bottom = page.locator(".md-header").bounding_box()["height"]
    page.evaluate("window.scrollTo(0, document.querySelector('.so-az').offsetTop + 3000)")
    page.wait_for_function("() => window.scrollY > 3000")
    box = bar.bounding_box()                                       # viewport coordinates
    assert abs(box["y"] - header_bottom) <= 1, (box, header_bottom)  # stuck right under the header
    assert box["y"] + box["height"] <= 844 and box["width"] <= 390
    # every letter of the bar is on screen (no row cut off at 390 px) and readable
    for item in page.locator(".so-azbar > *").all():
        b = item.bounding_box()
        assert b["x"] >= 0 and b["x"] + b["width"] <= 390 and b["y"] >= header_bottom - 1
    assert page.locator(".so-azbar a").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= 10
    for link in page.locator(".so-azbar a[href]").all()[1::4]:       # a spread of letters, back and forth
        target = link.get_attribute("href")
        link.tap()
        page.wait_for_function("h => location.hash === h", arg=target)
        heading = page.locator(f".so-az h3[id='{target[1:]}']").bounding_box()
        bar_box = bar.bounding_box()
        assert heading["y"] >= bar_box["y"] + bar_box["height"] - 1, (target, heading, bar_box)  # not under the bar
        assert heading["y"] + heading["height"] <= 844


def test_filter_field_folds_accents_and_case_and_restores_the_list(phone, server):
    page, errors = phone
    page.goto(server + PAGES["fr"], wait_until="networkidle")
    field = page.get_by_label(LABEL["fr"])
    assert field.get_attribute("type") == "search"
    total = len(_entries(page))
    before = _status(page)
    assert _number(before) == total
    field.fill("recidive")
    page.wait_for_function("t => document.getElementById('so-find-status').textContent !== t", arg=before)
    entries = _entries(page)
    shown = [e for e in entries if e["shown"]]
    assert any(e["text"] == "Récidive" for e in shown)
    assert 0 < len(shown) < total
    # nothing unrelated stays: each shown entry has the word among its term, variants or acronyms
    assert all(re.search(r"(^|[ |])recidive", e["keys"]) for e in shown), [e["text"] for e in shown]
    # nothing related is hidden: an entry whose term (as shown) has a word starting with « récidive » stays
    for e in entries:
        if re.search(r"\brecidive", fold(e["text"])):
            assert e["shown"], e["text"]
    assert _number(_status(page)) == len(shown)
    # letters left empty are hidden, and disabled in the bar
    letters = {fold(e["text"])[:1].upper() for e in shown}
    visible_headings = {h.strip()[:1] for h in page.locator(".so-az h3:visible").all_inner_texts()}
    assert visible_headings == letters
    assert {b["letter"] for b in _bar(page) if b["disabled"] != "true"} == letters
    field.fill("")
    page.wait_for_function("n => document.querySelectorAll('.so-az li:not([hidden])').length === n", arg=total)
    assert all(e["shown"] for e in _entries(page))
    assert _number(_status(page)) == total
    assert errors == []


@pytest.mark.parametrize("lang", PAGES)
def test_an_acronym_finds_its_entry(phone, server, lang):
    page, _ = phone
    page.goto(server + PAGES[lang], wait_until="networkidle")
    page.get_by_label(LABEL[lang]).fill("csapa")
    page.wait_for_function("() => document.querySelectorAll('.so-az li[hidden]').length > 0")
    entries = _entries(page)
    named = [e for e in entries if re.search(r"\bCSAPA\b", e["full"])]
    assert named and all(e["shown"] for e in named)
    assert sum(e["shown"] for e in entries) < len(entries) / 10


@pytest.mark.parametrize("lang", PAGES)
def test_no_match_says_so(phone, server, lang):
    page, _ = phone
    page.goto(server + PAGES[lang], wait_until="networkidle")
    page.get_by_label(LABEL[lang]).fill("qqqzzz")
    page.wait_for_function("() => !document.querySelector('.so-az li:not([hidden])')")
    assert page.locator(".so-find-empty").is_visible()
    assert "qqqzzz" in page.locator(".so-find-empty").inner_text()
    assert _number(_status(page)) == 0 and _status(page)
    assert all(b["disabled"] == "true" and b["href"] is None for b in _bar(page))


@pytest.mark.parametrize("lang", PAGES)
def test_sector_filter_is_kept_in_the_url_and_the_back_button_restores_it(phone, server, lang):
    page, _ = phone
    page.goto(server + PAGES[lang], wait_until="networkidle")
    total = len(_entries(page))
    page.locator('.so-filter button[data-sector="justice"]').tap()
    page.wait_for_function("s => location.search === s", arg=f"?{PARAM[lang]}=justice")
    assert page.url.endswith(f"?{PARAM[lang]}=justice")
    shown = [e for e in _entries(page) if e["shown"]]
    assert 0 < len(shown) < total and {e["sector"] for e in shown} == {"justice"}
    assert page.locator('.so-filter button[data-sector="justice"]').get_attribute("aria-pressed") == "true"
    page.locator('.so-filter button[data-sector="santé"]').tap()
    assert {e["sector"] for e in _entries(page) if e["shown"]} == {"santé"}
    page.go_back()
    page.wait_for_function("p => new URL(location.href).searchParams.get(p) === 'justice'", arg=PARAM[lang])
    assert {e["sector"] for e in _entries(page) if e["shown"]} == {"justice"}
    page.go_back()
    page.wait_for_function("() => !location.search")
    assert all(e["shown"] for e in _entries(page))
    assert page.locator('.so-filter button[data-sector=""]').get_attribute("aria-pressed") == "true"
    # a shared address opens filtered
    page.goto(server + PAGES[lang] + f"?{PARAM[lang]}=commun", wait_until="networkidle")
    assert {e["sector"] for e in _entries(page) if e["shown"]} == {"commun"}
    assert _number(_status(page)) == sum(e["shown"] for e in _entries(page))


@pytest.mark.parametrize("lang", PAGES)
def test_without_javascript_every_entry_is_listed_and_the_letters_are_links(browser, server, lang, concepts):
    ctx = browser.new_context(java_script_enabled=False, **PHONE)
    page = ctx.new_page()
    page.goto(server + PAGES[lang])
    entries = _entries(page)
    assert len(entries) == len(concepts) and all(e["shown"] for e in entries)
    assert page.locator(".md-content input").count() == 0              # no field that would do nothing
    assert page.get_by_label(LABEL[lang]).count() == 0
    assert not page.locator(".so-filter").is_visible()
    with_entries = {fold(e["text"])[:1].upper() for e in entries}
    bar = _bar(page)
    assert {b["letter"] for b in bar if b["href"]} == with_entries
    target = next(b["href"] for b in bar if b["href"] and b["letter"] > "M")
    page.locator(f".so-azbar a[href='{target}']").click()
    page.wait_for_function("h => location.hash === h", arg=target)
    heading = page.locator(f".so-az h3[id='{target[1:]}']").bounding_box()
    bar_box = page.locator(".so-azbar").bounding_box()
    assert bar_box["y"] + bar_box["height"] - 1 <= heading["y"] <= 844
    ctx.close()
