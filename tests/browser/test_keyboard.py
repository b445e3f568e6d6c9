"""Keyboard only, on a desktop: the skip link, the navigation, the language switch, search, both popovers and the
diagrams' links work without a mouse, and the focused element is always visible."""
from __future__ import annotations

import re

import pytest

DESKTOP = {"width": 1280, "height": 900}
CHAPTER = "/02-reponse-penale-et-addictions/obligation-de-soins-injonction-therapeutique/"
FOCUSED = """() => { const e = document.activeElement, r = e.getBoundingClientRect();
  return {tag: e.tagName.toLowerCase(), cls: (e.getAttribute('class') || ''), href: e.getAttribute('href') || '',
          text: (e.textContent || '').trim().slice(0, 60), inMain: !!e.closest('.md-content'),
          inPopover: !!e.closest('#so-popover, #so-legal-popover'), inDiagram: !!e.closest('.so-diagram__views'),
          visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
          outline: getComputedStyle(e).outlineStyle !== 'none' || getComputedStyle(e).boxShadow !== 'none'}; }"""


@pytest.fixture
def page(browser):
    p = browser.new_page(viewport=DESKTOP)
    yield p
    p.close()


def tab_until(page, predicate, limit=400, key="Tab"):
    for _ in range(limit):
        page.keyboard.press(key)
        f = page.evaluate(FOCUSED)
        if predicate(f):
            return f
    raise AssertionError(f"no focusable element matched after {limit} presses of {key}")


def test_skip_link_is_first_and_leads_into_the_content(page, server):
    page.goto(server + CHAPTER)
    page.keyboard.press("Tab")
    f = page.evaluate(FOCUSED)
    assert "md-skip" in f["cls"] and f["visible"], f
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)["inMain"], "after the skip link, Tab should go on inside the page's content"


def test_navigation_links_are_reached_in_order_and_followed(page, server):
    page.goto(server + CHAPTER)
    f = tab_until(page, lambda f: "md-nav__link" in f["cls"] and f["href"].endswith("/spip/"))
    assert f["visible"] and f["outline"], f
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/spip/$"))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_language_switch_by_keyboard(page, server, lang):
    page.goto(server + ("/en" if lang == "en" else "") + CHAPTER)
    other = "English" if lang == "fr" else "Français"
    f = tab_until(page, lambda f: "md-select__link" in f["cls"] and f["text"] == other)
    assert f["visible"], "the language list must show when its link has the focus"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile((r"/en" if lang == "fr" else r"^(?!.*/en/)") + r".*obligation-de-soins"))


def test_search_from_the_keyboard(page, server):
    page.goto(server + CHAPTER)
    page.locator("h1").click()
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.type("rechute")
    page.wait_for_selector(".md-search-result__item")
    f = tab_until(page, lambda f: f["tag"] == "a" and "md-search-result__link" in f["cls"], limit=3, key="ArrowDown")
    assert f["visible"], f
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.split("?")[0].split("#")[0].endswith(f["href"].split("?")[0].split("#")[0].lstrip("./")), \
        (page.url, f["href"])


@pytest.mark.parametrize("kind,selector,popover", [("glossary", "so-term", "#so-popover"),
                                                   ("legal", "so-cite", "#so-legal-popover")])
def test_popovers_open_close_and_return_focus(page, server, kind, selector, popover):
    page.goto(server + CHAPTER)
    page.keyboard.press("Tab")           # the skip link, then into the content
    page.keyboard.press("Enter")
    f = tab_until(page, lambda f: selector in f["cls"].split())
    trigger = f["text"]
    page.keyboard.press("Enter")
    page.wait_for_selector(popover, state="visible")
    assert page.evaluate(FOCUSED)["inPopover"], "the focus should move into the popover"
    inside = tab_until(page, lambda f: f["tag"] == "a" and f["inPopover"], limit=6)
    assert inside["visible"], inside
    page.keyboard.press("Escape")
    assert not page.locator(popover).is_visible()
    back = page.evaluate(FOCUSED)
    assert selector in back["cls"].split() and back["text"] == trigger, "the focus should return to the term"


def test_diagram_links_are_reached_and_followed(page, server):
    page.goto(server + "/schemas/")
    f = tab_until(page, lambda f: f["inDiagram"] and f["tag"] == "a")
    assert f["visible"], f
    href = f["href"]
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(href.strip("./").split("#")[0])))
