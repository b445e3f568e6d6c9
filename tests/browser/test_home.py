"""The home page's first screen in Chromium (issue 14, item 8), on a 390×844 phone and a 1280×800 desktop, French
and English: what the site is, « Par où commencer » by profile, and the ways into the parts, the glossary, the
false friends and the diagrams, all above the fold, all links working."""
from __future__ import annotations

from urllib.parse import urljoin, urlparse

import pytest

HOMES = {"fr": "/", "en": "/en/"}
PROFILES = {"fr": ("Magistrat ou auditeur de justice", "CPIP ou surveillant pénitentiaire",
                   "Soignant ou intervenant en CSAPA"),
            "en": ("Judge or trainee judge", "Probation or prison officer", "Clinician or CSAPA worker")}
PARTS = ("01-addictions-et-addictologie/", "02-reponse-penale-et-addictions/", "03-soins-obliges-reperes/",
         "04-cooperation-en-pratique/", "05-conclusion/conclusion/", "06-annexes/", "glossaire/", "schemas/")
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}


@pytest.fixture(params=VIEWPORTS)
def viewport(request):
    return request.param


@pytest.fixture
def home(browser, viewport):
    phone = viewport == "phone"
    ctx = browser.new_context(viewport=VIEWPORTS[viewport], is_mobile=phone, has_touch=phone)
    page = ctx.new_page()
    yield page
    ctx.close()


def _first_screen_links(page) -> list[dict]:
    """Every link whose box lies wholly inside the first viewport (page not scrolled)."""
    return page.evaluate("""() => Array.from(document.querySelectorAll('.md-content a[href]')).map(a => {
        const r = a.getBoundingClientRect();
        return {href: a.href, text: a.textContent.trim(), top: r.top, bottom: r.bottom, left: r.left, right: r.right,
                w: r.width, font: parseFloat(getComputedStyle(a).fontSize)};
      }).filter(l => l.w > 0 && l.top >= 0 && l.bottom <= innerHeight && l.left >= 0 && l.right <= innerWidth)""")


def _profile_links(page, name: str) -> list[dict]:
    """The links of the card that a profile heading opens."""
    heading = page.get_by_role("heading", name=name, exact=True)
    assert heading.count() == 1, f"no heading « {name} »"
    return heading.evaluate("""h => { const card = h.closest('li, section, .card, div');
        return Array.from(card.querySelectorAll('a[href]')).filter(a => !a.classList.contains('headerlink')).map(a => {
          const r = a.getBoundingClientRect();
          return {href: a.href, text: a.textContent.trim(), bottom: r.bottom, top: r.top}; }); }""")


@pytest.mark.parametrize("lang", HOMES)
def test_first_screen_says_what_the_site_is_and_where_to_start(home, server, lang, viewport):
    page = home
    page.goto(server + HOMES[lang], wait_until="networkidle")
    height = VIEWPORTS[viewport]["height"]
    h1 = page.locator("h1").first.bounding_box()
    assert h1["y"] + h1["height"] <= height
    lede = page.locator(".md-content h1 + p").bounding_box()           # one or two sentences under the title
    assert lede["y"] + lede["height"] <= height
    for name in PROFILES[lang]:
        links = _profile_links(page, name)
        assert 2 <= len(links) <= 4, (name, links)
        for link in links:
            assert 0 <= link["top"] and link["bottom"] <= height, (name, link, viewport)
    visible = _first_screen_links(page)
    paths = {urlparse(link["href"]).path for link in visible}
    prefix = HOMES[lang]
    for part in PARTS:                            # each part, the glossary and the diagrams, above the fold
        assert prefix + part in paths, (part, sorted(paths))
    assert any(urlparse(link["href"]).fragment == "faux-amis" for link in visible)   # the comparisons
    assert all(link["font"] >= 10 for link in visible)
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")


@pytest.mark.parametrize("lang", HOMES)
def test_first_screen_links_work(home, server, lang, viewport):
    page = home
    page.goto(server + HOMES[lang], wait_until="networkidle")
    visible = _first_screen_links(page)
    assert len(visible) >= 3 * 2 + len(PARTS)
    for link in visible:
        url = urljoin(page.url, link["href"])
        resp = page.request.get(url)
        assert resp.status == 200, (link, resp.status)
        if urlparse(url).fragment:                 # the anchor exists on the page it points to
            target = page.context.new_page()
            target.goto(url)
            assert target.locator(f"[id='{urlparse(url).fragment}']").count() == 1, url
            target.close()
    # following a profile link and the glossary link lands on the page, in the same language
    first = _profile_links(page, PROFILES[lang][0])[0]
    page.locator(".md-content").get_by_role("link", name=first["text"], exact=True).first.click()
    page.wait_for_load_state()
    assert page.url == first["href"] and page.locator("html").get_attribute("lang") == lang
    page.go_back()
    page.locator(".md-content a[href]", has_text="Glossaire" if lang == "fr" else "Glossary").first.click()
    page.wait_for_load_state()
    assert urlparse(page.url).path == HOMES[lang] + "glossaire/"
