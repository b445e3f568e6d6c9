"""Diagrams that fit (issue 14): on every page that shows a diagram (its chapter and the Schémas page, French and
English), on a phone (390×844) and a desktop (1280×800), the drawing shown fits its column, its text renders at
10 px or more, the other drawing is display:none, the page does not scroll sideways; a box link navigates; « Agrandir
le schéma » opens a full-screen view (keyboard and pointer), Esc and « Fermer » close it, focus comes back; without
JavaScript there is no button and the figure still fits."""
from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
LOGIGRAMMES = "/02-reponse-penale-et-addictions/logigrammes-procedure-penale/"
FIGURE = re.compile(r'<figure class="so-diagram" id="schema-([a-z0-9-]+)"')

# every figure on the page: the drawing shown, its size, its column, its smallest text (font size × the drawing's
# scale on screen), the drawings hidden, the ids of the figure found twice in the page
MEASURE = """() => [...document.querySelectorAll('figure.so-diagram')].map(f => {
  const svgs = [...f.querySelectorAll('svg.so-diagram__svg')];
  const shown = svgs.filter(s => getComputedStyle(s).display !== 'none');
  const out = {id: f.id, shown: shown.length, hidden: svgs.length - shown.length,
               column: f.getBoundingClientRect().width, figureRight: f.getBoundingClientRect().right};
  if (shown.length !== 1) return out;
  const svg = shown[0], box = svg.getBoundingClientRect(), scale = box.width / svg.viewBox.baseVal.width;
  const sizes = [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
  const heights = [...svg.querySelectorAll('text')].map(t => t.getBoundingClientRect().height).filter(h => h > 0);
  const ids = [...f.querySelectorAll('[id]')].map(e => e.id);
  return Object.assign(out, {cls: svg.getAttribute('class'), width: box.width, left: box.left, right: box.right,
    texts: sizes.length, minText: Math.min(...sizes), minHeight: Math.min(...heights),
    hiddenDisplay: svgs.filter(s => s !== svg).map(s => getComputedStyle(s).display),
    hiddenFocusable: svgs.filter(s => s !== svg).flatMap(s => [...s.querySelectorAll('a')]).filter(a => {
      a.focus(); return document.activeElement === a; }).length,
    duplicateIds: ids.filter(id => document.querySelectorAll('[id="' + id + '"]').length > 1)});
})"""


def diagram_pages(site) -> dict[str, set[str]]:
    """URL path → the diagrams it shows, read from the built site (both languages)."""
    out = {}
    for path in sorted(site.rglob("index.html")):
        found = set(FIGURE.findall(path.read_text(encoding="utf-8")))
        if found:
            rel = path.relative_to(site).as_posix()
            out["/" + rel[: -len("index.html")]] = found
    return out


@pytest.fixture(scope="module")
def pages(site):
    found = diagram_pages(site)
    shown = set().union(*found.values())
    assert len(shown) == 7, shown                                          # all 7 diagrams…
    for lang in ("/", "/en/"):
        assert any(p == lang + "schemas/" for p in found)                  # …on the Schémas page
        chapters = {d for p, ds in found.items() if p.startswith(lang) and "schemas/" not in p
                    and (lang == "/en/" or not p.startswith("/en/")) for d in ds}
        assert chapters == shown, lang                                     # …and in their chapters, FR and EN
    return found


def _check_page(page, server, path, diagrams, viewport):
    page.goto(server + path, wait_until="networkidle")
    figures = page.evaluate(MEASURE)
    assert {f["id"] for f in figures} == {f"schema-{d}" for d in diagrams}
    problems = []
    for f in figures:
        where = f"{path} {f['id']} at {viewport['width']}px"
        if f["shown"] != 1:
            problems.append(f"{where}: {f['shown']} drawings shown")
            continue
        if f["width"] > f["column"] + 0.5 or f["right"] > viewport["width"] or f["left"] < 0:
            problems.append(f"{where}: drawing {f['width']:.0f}px in a {f['column']:.0f}px column")
        if f["minText"] < 10:
            problems.append(f"{where}: text rendered at {f['minText']:.1f}px ({f['cls']})")
        if f["texts"] < 5:
            problems.append(f"{where}: {f['texts']} texts")
        if any(d != "none" for d in f["hiddenDisplay"]) or f["hiddenFocusable"]:
            problems.append(f"{where}: the other drawing is not display:none / its links take the focus")
        if f["duplicateIds"]:
            problems.append(f"{where}: ids found twice in the page: {sorted(set(f['duplicateIds']))[:5]}")
    if page.evaluate("document.documentElement.scrollWidth") > viewport["width"]:
        problems.append(f"{path} at {viewport['width']}px: the page scrolls sideways")
    return problems


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_diagram_fits_its_column_with_text_of_10px_or_more(browser, server, pages, viewport):
    mobile = viewport is PHONE
    ctx = browser.new_context(viewport=viewport, is_mobile=mobile, has_touch=mobile)
    page = ctx.new_page()
    problems = []
    for path, diagrams in pages.items():
        problems += _check_page(page, server, path, diagrams, viewport)
    ctx.close()
    assert problems == []


def test_the_wide_diagrams_have_a_narrow_drawing_on_a_phone_and_a_wide_one_on_a_desktop(browser, server):
    shown = {}
    for name, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        ctx = browser.new_context(viewport=viewport)
        page = ctx.new_page()
        page.goto(server + LOGIGRAMMES, wait_until="networkidle")
        svg = page.locator("#schema-procedure-penale-majeur svg.so-diagram__svg:visible")
        assert svg.count() == 1
        shown[name] = (svg.get_attribute("class"), svg.bounding_box()["width"], svg.get_attribute("aria-labelledby"))
        ctx.close()
    assert "so-diagram__svg--narrow" in shown["phone"][0] and "so-diagram__svg--wide" in shown["desktop"][0]
    assert shown["desktop"][1] > shown["phone"][1] * 1.4          # really another layout, not the same one shrunk
    assert shown["phone"][2] != shown["desktop"][2]                # each drawing names its own <title>


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_box_link_of_the_drawing_shown_navigates(browser, server, viewport):
    mobile = viewport is PHONE
    ctx = browser.new_context(viewport=viewport, is_mobile=mobile, has_touch=mobile)
    page = ctx.new_page()
    page.goto(server + LOGIGRAMMES, wait_until="networkidle")
    link = page.locator("#schema-procedure-penale-majeur svg.so-diagram__svg:visible a",
                        has_text=re.compile(r"^Jugement$")).first        # a box (not the « Avant le jugement » frame)
    href = link.get_attribute("href")
    assert href and not href.startswith("#")
    target = urljoin(page.url, href)
    link.scroll_into_view_if_needed()
    link.tap() if mobile else link.click()
    page.wait_for_url(target.split("#")[0] + "*")
    assert page.url == target and page.locator("h1").is_visible()
    ctx.close()


@pytest.fixture
def phone(browser):
    ctx = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = ctx.new_page()
    yield page
    ctx.close()


def _zoom_state(page):
    return page.evaluate("""() => { const d = document.querySelector('dialog.so-zoom');
      if (!d) return null;
      const pane = d.querySelector('.so-zoom__pane'), svg = pane.querySelector('svg');
      return {open: d.open, modal: d.matches(':modal'), inside: d.contains(document.activeElement),
              name: document.getElementById(d.getAttribute('aria-labelledby'))?.textContent || '',
              rect: d.getBoundingClientRect().toJSON(),
              touch: getComputedStyle(pane).touchAction, scrollable: pane.scrollWidth > pane.clientWidth,
              paneFocusable: pane.tabIndex === 0,
              svg: svg ? {width: svg.getBoundingClientRect().width, natural: +svg.getAttribute('width'),
                          ids: [...svg.querySelectorAll('[id]')].map(e => e.id).concat([svg.id]).filter(Boolean)
                               .filter(id => document.querySelectorAll('[id="' + id + '"]').length > 1)} : null}; }""")


def test_enlarge_opens_a_full_screen_view_with_the_keyboard_and_esc_closes_it(phone, server):
    page = phone
    page.goto(server + LOGIGRAMMES, wait_until="networkidle")
    figure = page.locator("figure#schema-procedure-penale-majeur")
    button = figure.locator("button.so-diagram__enlarge")
    assert button.inner_text().strip() == "Agrandir le schéma"
    button.focus()
    page.keyboard.press("Enter")
    state = _zoom_state(page)
    assert state["open"] and state["modal"] and state["inside"]              # focus moved into the dialog
    assert state["name"].startswith("La procédure pénale pour une personne majeure")
    assert state["rect"]["width"] == PHONE["width"] and state["rect"]["height"] == PHONE["height"]   # full screen
    assert state["touch"] in ("manipulation", "pan-x pan-y pinch-zoom")      # pan and pinch, no double-tap delay
    assert state["scrollable"] and state["paneFocusable"]                    # pannable, by keyboard too
    assert state["svg"]["natural"] > PHONE["width"]                          # the wide drawing…
    assert abs(state["svg"]["width"] - state["svg"]["natural"]) < 1          # …at its own size: 14/12-px text
    assert state["svg"]["ids"] == []                                         # its copy's ids are unique
    page.locator(".so-zoom__in").click()
    assert _zoom_state(page)["svg"]["width"] > state["svg"]["natural"] * 1.2
    page.keyboard.press("Escape")
    assert not _zoom_state(page)["open"]
    assert page.evaluate("document.activeElement.classList.contains('so-diagram__enlarge')")
    assert page.evaluate("document.activeElement.closest('figure').id") == "schema-procedure-penale-majeur"


def test_enlarge_opens_on_a_tap_and_the_close_button_closes_it(phone, server):
    page = phone
    page.goto(server + "/en" + LOGIGRAMMES, wait_until="networkidle")
    button = page.locator("figure#schema-procedure-usage-stupefiants button.so-diagram__enlarge")
    assert button.inner_text().strip() == "Enlarge the diagram"
    button.scroll_into_view_if_needed()
    button.tap()
    assert _zoom_state(page)["open"]
    close = page.locator("dialog.so-zoom .so-zoom__close")
    assert close.inner_text().strip() == "Close"
    close.tap()
    assert not _zoom_state(page)["open"]
    assert page.evaluate("document.activeElement") is not None
    assert page.evaluate("document.activeElement.closest('figure')?.id") == "schema-procedure-usage-stupefiants"


def test_a_box_link_in_the_enlarged_view_navigates(phone, server):
    page = phone
    page.goto(server + LOGIGRAMMES, wait_until="networkidle")
    page.locator("figure#schema-procedure-penale-majeur button.so-diagram__enlarge").click()
    link = page.locator("dialog.so-zoom svg a", has_text="Infraction").first
    target = urljoin(page.url, link.get_attribute("href"))
    link.tap()
    page.wait_for_url(target)
    assert "/glossaire/" in page.url and page.locator("h1").is_visible()


def test_without_javascript_no_button_and_the_figure_fits(browser, server):
    ctx = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = ctx.new_page()
    page.goto(server + LOGIGRAMMES)
    assert page.locator("button.so-diagram__enlarge").count() == 0
    figures = page.evaluate(MEASURE)
    assert len(figures) == 3
    for f in figures:
        assert f["shown"] == 1 and f["width"] <= f["column"] + 0.5 and f["minText"] >= 10, f
        assert f["figureRight"] <= PHONE["width"] and f["right"] <= PHONE["width"], f
    # (not the page's scrollWidth: without JavaScript, Material's language menu in the header overflows)
    ctx.close()


def test_no_scrollable_region_of_a_diagram_is_out_of_keyboard_reach(phone, server):
    """axe's scrollable-region-focusable: a region that scrolls is focusable or holds something focusable."""
    page = phone
    for path in ("/schemas/", "/en/schemas/"):
        page.goto(server + path, wait_until="networkidle")
        bad = page.evaluate("""() => [...document.querySelectorAll('.md-content *')].filter(e => {
            const s = getComputedStyle(e);
            const scrolls = (['auto', 'scroll'].includes(s.overflowX) && e.scrollWidth > e.clientWidth + 1)
                         || (['auto', 'scroll'].includes(s.overflowY) && e.scrollHeight > e.clientHeight + 1);
            return scrolls && e.tabIndex < 0 && !e.querySelector('a[href], button, [tabindex="0"]'); })
          .map(e => e.tagName + '.' + e.className)""")
        assert bad == [], path
