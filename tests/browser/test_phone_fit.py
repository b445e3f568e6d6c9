"""Tables and popovers that fit (issue 14, items 5 and 6), in Debian's Chromium, on a phone (390×844, touch) and a
desktop (1280×800); tables also on a narrow tablet (700 px).

Tables: on every page that shows one (the glossary's comparison pages, the chapters, French and English), the page
does not scroll sideways and no table is wider than its column nor scrolls inside itself; on a phone each row is a
card whose lines are labelled with their column header (data-label, set at build time), the table keeps its
semantics (ARIA roles), no header cell is empty.
Popovers: on a phone, every glossary and legal popover of a chapter opens as a bottom sheet inside the viewport, at
most 70 % of its height, its last link and its close button in view without scrolling the page, text of 10 px or
more; focus moves into it and comes back; Escape and Back close it. On a desktop it stays inside the viewport near
the right edge and near the bottom (it opens above the link there)."""
from __future__ import annotations

from urllib.parse import urlparse

import pytest

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
TABLE_VIEWPORTS = dict(VIEWPORTS, tablet={"viewport": {"width": 700, "height": 1000}})   # a narrow tablet too
CHAPTER = "/02-reponse-penale-et-addictions/obligation-de-soins-injonction-therapeutique/"
COMPARISON = "/glossaire/faux-amis/sursis/"
MATRIX = "/01-addictions-et-addictologie/dispositif-medico-social/"

TABLES = """() => {
  const col = document.querySelector('article').getBoundingClientRect();
  return {doc: document.documentElement.scrollWidth, vw: window.innerWidth, tables:
    [...document.querySelectorAll('article table')].map(t => {
      const r = t.getBoundingClientRect(), wrap = t.closest('.md-typeset__scrollwrap');
      const cells = [...t.querySelectorAll('th, td')];
      return {left: r.left, right: r.right, colLeft: col.left, colRight: col.right,
        scroll: t.scrollWidth - t.clientWidth, wrapScroll: wrap ? wrap.scrollWidth - wrap.clientWidth : 0,
        display: getComputedStyle(t).display, role: t.getAttribute('role'),
        emptyHeaders: [...t.querySelectorAll('th')].filter(th => !th.textContent.trim()).length,
        unlabelled: [...t.querySelectorAll('tbody td')].filter(td => !td.dataset.label).length,
        minFont: Math.min(...cells.map(c => parseFloat(getComputedStyle(c).fontSize))),
        wideCells: [...t.querySelectorAll('tbody th, tbody td')].filter(c => c.getBoundingClientRect().right > col.right + 1).length};
    })};
}"""


def table_pages(site) -> list[str]:
    out = []
    for path in sorted(site.rglob("index.html")):
        if "<table" in path.read_text(encoding="utf-8"):
            rel = path.relative_to(site).as_posix()
            out.append("/" + rel[: -len("index.html")])
    return out


@pytest.fixture
def context(browser, server):
    ctxs = []

    def _new(viewport):
        ctx = browser.new_context(**TABLE_VIEWPORTS[viewport])
        ctxs.append(ctx)
        page = ctx.new_page()
        page.foreign, page.errors = [], []
        host = urlparse(server).netloc
        page.on("request", lambda r: page.foreign.append(r.url)
                if urlparse(r.url).netloc not in (host, "") and not r.url.startswith("data:") else None)
        # workbox-window throws once the page has idled long enough to register the offline copy, which these
        # contexts block (tests/conftest.py _NoWorkers): not this file's subject (tests/browser/test_offline.py)
        page.on("pageerror", lambda e: None if "workbox-window" in (e.stack or "") else page.errors.append(str(e)))
        return page

    yield _new
    for c in ctxs:
        c.close()


def test_the_pages_with_tables_are_found(site):
    pages = table_pages(site)
    comparisons = [p for p in pages if "/glossaire/faux-amis/" in p]
    assert len(comparisons) == 16                                # 8 comparisons, French and English
    assert CHAPTER.replace("obligation-de-soins-injonction-therapeutique", "autres-mesures-sanitaires") in pages
    assert MATRIX in pages and "/en" + MATRIX in pages and len(pages) >= 70


@pytest.mark.parametrize("viewport", TABLE_VIEWPORTS)
def test_no_table_is_wider_than_its_column(site, server, context, viewport):
    page = context(viewport)
    problems, checked = [], 0
    for path in table_pages(site):
        page.goto(server + path, wait_until="load")
        m = page.evaluate(TABLES)
        if m["doc"] > m["vw"]:
            problems.append(f"{path}: the page scrolls sideways ({m['doc']} px > {m['vw']} px)")
        for i, t in enumerate(m["tables"]):
            checked += 1
            where = f"{path} table {i + 1}"
            if t["left"] < t["colLeft"] - 1 or t["right"] > t["colRight"] + 1 or t["wideCells"]:
                problems.append(f"{where}: wider than its column ({t['left']:.0f}–{t['right']:.0f} in "
                                f"{t['colLeft']:.0f}–{t['colRight']:.0f}, {t['wideCells']} cells beyond)")
            if t["scroll"] > 1 or t["wrapScroll"] > 1:
                problems.append(f"{where}: scrolls sideways inside itself ({t['scroll']}, {t['wrapScroll']} px)")
            if t["role"] != "table" or t["unlabelled"] or t["emptyHeaders"]:
                problems.append(f"{where}: role {t['role']}, {t['unlabelled']} cells without data-label, "
                                f"{t['emptyHeaders']} empty header cells")
            if t["minFont"] < 10:
                problems.append(f"{where}: text of {t['minFont']} px")
            if viewport == "phone" and t["display"] != "block":
                problems.append(f"{where}: not shown as cards (display {t['display']})")
    assert checked >= 80
    assert problems == [], "\n".join(problems[:30])
    assert page.foreign == [] and page.errors == []


CARDS = """(t) => [...t.querySelectorAll('tbody tr')].map(tr => ({
  display: getComputedStyle(tr).display, width: tr.getBoundingClientRect().width,
  title: tr.querySelector('th[scope=row]').textContent.trim(),
  lines: [...tr.querySelectorAll('td')].map(td => ({label: getComputedStyle(td, '::before').content,
    top: td.getBoundingClientRect().top, size: parseFloat(getComputedStyle(td, '::before').fontSize)}))}))"""


@pytest.mark.parametrize("lang", ["", "/en"])
def test_comparison_cards_one_concept_per_card_each_line_labelled(context, server, lang):
    page = context("phone")
    page.goto(server + lang + COMPARISON, wait_until="load")
    table = page.locator("article table").first
    cards = table.evaluate(CARDS)
    terms = (["Sursis avec mise à l'épreuve (SME)", "Sursis probatoire", "Contrainte pénale"] if not lang else
             ["Suspended sentence with probation (SME)", "Probationary suspended sentence", "Contrainte pénale"])
    assert [c["title"] for c in cards] == terms                      # one card per concept, titled by its term
    labels = (["Secteur", "Définition", "En anglais", "Base légale"] if not lang else
              ["Sector", "Definition", "In French", "Legal basis"])
    for card in cards:
        assert card["display"] == "block" and card["width"] <= 390
        assert [line["label"].split(" / ")[0].strip('"') for line in card["lines"]] == labels
        tops = [line["top"] for line in card["lines"]]
        assert tops == sorted(tops) and len(set(tops)) == len(tops)    # stacked lines, not columns
        assert min(line["size"] for line in card["lines"]) >= 10
    # the semantics survive the CSS: a table with its column and row headers, read by role
    assert page.get_by_role("table").count() == 1
    assert page.get_by_role("columnheader", name=labels[1]).count() == 1
    assert page.get_by_role("rowheader").count() == 3 and page.get_by_role("cell").count() == 12


def test_matrix_tables_get_a_hidden_corner_label_and_cards(context, server):
    page = context("phone")
    page.goto(server + MATRIX, wait_until="load")
    table = page.locator("article table").first
    assert table.locator("thead th").first.text_content() == "Critère"          # for screen readers only
    assert table.locator("thead").bounding_box()["width"] <= 1
    cards = table.evaluate(CARDS)
    assert cards[0]["title"] == "Cœur de mission"
    assert [line["label"].split(" / ")[0].strip('"') for line in cards[0]["lines"]] == ["CSAPA", "CJC", "CAARUD"]


# ------------------------------------------------------------------------------------------------ popovers

POPOVER = """(pop) => {
  const r = pop.getBoundingClientRect(), links = [...pop.querySelectorAll('a[href]')];
  const last = links[links.length - 1].getBoundingClientRect(), x = pop.querySelector('.so-popover__close').getBoundingClientRect();
  const texts = [...pop.querySelectorAll('*')].filter(e => e.childNodes.length && [...e.childNodes].some(n => n.nodeType === 3 && n.nodeValue.trim()));
  const visible = (b) => b.top >= r.top - 1 && b.bottom <= r.bottom + 1 && b.top >= 0 && b.bottom <= innerHeight + 1
    && b.left >= 0 && b.right <= document.documentElement.clientWidth + 1 && b.height > 0;
  return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height, vw: document.documentElement.clientWidth,
    vh: innerHeight, lastLink: visible(last), close: visible(x), links: links.length,
    focusInside: pop.contains(document.activeElement), scrollY: window.scrollY,
    minFont: Math.min(...texts.map(e => parseFloat(getComputedStyle(e).fontSize)))};
}"""
KINDS = {"glossary": ("a.so-term[data-term]", "#so-popover", "data-term"),
         "legal": ("a.so-cite[data-cite]", "#so-legal-popover", "data-cite")}


def _inside(m) -> bool:
    return m["top"] >= -1 and m["left"] >= -1 and m["right"] <= m["vw"] + 1 and m["bottom"] <= m["vh"] + 1


@pytest.mark.parametrize("kind", KINDS)
def test_phone_popovers_are_bottom_sheets_inside_the_viewport(context, server, kind):
    selector, pop_id, attr = KINDS[kind]
    page = context("phone")
    page.goto(server + CHAPTER, wait_until="load")
    triggers = page.locator(f"article {selector}")
    seen, problems = set(), []
    for i in range(triggers.count()):
        a = triggers.nth(i)
        key = a.get_attribute(attr)
        if key in seen or not a.is_visible():
            continue
        seen.add(key)
        a.scroll_into_view_if_needed()
        before = page.evaluate("window.scrollY")
        a.tap()
        pop = page.locator(pop_id)
        pop.wait_for(state="visible")
        m = pop.evaluate(POPOVER)
        if not _inside(m) or m["height"] > 0.7 * m["vh"] + 1:
            problems.append(f"{key}: {m['top']:.0f}–{m['bottom']:.0f} × {m['left']:.0f}–{m['right']:.0f}, "
                            f"height {m['height']:.0f} of {m['vh']}")
        if not (m["lastLink"] and m["close"]):
            problems.append(f"{key}: last link in view {m['lastLink']}, close button in view {m['close']}")
        if m["scrollY"] != before or not m["focusInside"] or m["minFont"] < 10:
            problems.append(f"{key}: page scrolled {before}→{m['scrollY']}, focus inside {m['focusInside']}, "
                            f"text {m['minFont']} px")
        if len(seen) == 1:      # content taller than the sheet: capped at 70 %, scrolls inside, links stay in view
            pop.evaluate("""(p) => { const links = p.lastElementChild;
              for (let i = 0; i < 40; i++) { const x = document.createElement('p'); x.textContent = 'Texte ' + i;
                p.insertBefore(x, links); } }""")
            m = pop.evaluate(POPOVER)
            if not (_inside(m) and m["height"] <= 0.7 * m["vh"] + 1 and m["lastLink"] and m["close"]):
                problems.append(f"{key} (tall): {m}")
            pop.evaluate("(p) => p.scrollTop = p.scrollHeight")
            m = pop.evaluate(POPOVER)
            if not (m["lastLink"] and m["close"] and m["scrollY"] == before):
                problems.append(f"{key} (tall, scrolled inside): {m}")
        page.keyboard.press("Escape")
        assert pop.is_hidden()
        assert page.evaluate(f"document.activeElement.getAttribute('{attr}')") == key     # focus came back
        page.wait_for_function("history.state === null")               # the sheet's history entry is gone
    assert len(seen) >= 3
    assert problems == [], "\n".join(problems)
    assert page.foreign == [] and page.errors == []


@pytest.mark.parametrize("kind", KINDS)
def test_phone_back_closes_the_sheet_and_a_link_in_it_leaves_no_stale_entry(context, server, kind):
    selector, pop_id, attr = KINDS[kind]
    page = context("phone")
    page.goto(server + "/", wait_until="load")
    page.goto(server + CHAPTER, wait_until="load")
    a = page.locator(f"article {selector}").first
    a.scroll_into_view_if_needed()
    a.tap()
    pop = page.locator(pop_id)
    pop.wait_for(state="visible")
    page.go_back()
    pop.wait_for(state="hidden")
    assert page.url == server + CHAPTER                              # Back closed the sheet, stayed on the page
    a.tap()
    pop.wait_for(state="visible")
    link = pop.locator("a.so-popover__refs" if kind == "legal" else "a.so-popover__more").first   # on the site
    target = link.evaluate("(l) => l.href")
    link.tap()
    page.wait_for_url(target)
    page.go_back()
    page.wait_for_url(server + CHAPTER)
    page.go_back()
    page.wait_for_url(server + "/")                                  # no stale entry of the sheet in between


@pytest.mark.parametrize("kind", KINDS)
def test_desktop_popover_stays_inside_near_the_right_edge_and_the_bottom(context, server, kind):
    selector, pop_id, attr = KINDS[kind]
    page = context("desktop")
    page.goto(server + CHAPTER, wait_until="load")
    # the trigger that starts furthest to the right
    idx = page.evaluate(f"""() => {{ const all = [...document.querySelectorAll('article {selector}')];
      let best = 0; all.forEach((a, i) => {{ if (a.getBoundingClientRect().left > all[best].getBoundingClientRect().left) best = i; }});
      return best; }}""")
    a = page.locator(f"article {selector}").nth(idx)
    pop = page.locator(pop_id)
    for where in ("top", "bottom"):
        a.scroll_into_view_if_needed()
        # the link near the top of the viewport (under the header), then near its bottom edge
        page.evaluate("""([a, where]) => { const r = a.getBoundingClientRect();
          window.scrollBy(0, where === 'top' ? r.top - 120 : r.bottom - (innerHeight - 30)); }""",
                      [a.element_handle(), where])
        r = a.bounding_box()
        a.click()
        pop.wait_for(state="visible")
        m = pop.evaluate(POPOVER)
        assert _inside(m), (where, m)
        assert m["lastLink"] and m["close"] and m["focusInside"], (where, m)
        if where == "bottom":
            assert m["bottom"] <= r["y"] + 1                          # flipped above the link
        else:
            assert m["top"] >= r["y"] + r["height"] - 1               # below the link
        assert r["x"] + (m["right"] - m["left"]) > m["vw"]             # placed at the link, it would overflow…
        assert m["left"] < r["x"]                                      # …so it was shifted left
        page.keyboard.press("Escape")
        assert pop.is_hidden()
    assert page.foreign == [] and page.errors == []
