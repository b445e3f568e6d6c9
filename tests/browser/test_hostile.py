"""No script from content, in the browser: pages built from hostile fixtures run nothing.

1. A site whose content talks about HTML in every way the build accepts (code spans, entities, « < » in text,
   quotes in titles and link titles, tricky definitions and comparison intros): every page is opened, every
   glossary and legal popover on the chapter is opened, and any dialog (alert, confirm, prompt) fails the test.
2. The popovers' second fence: even popover data tampered with after the build (script, event handlers,
   javascript: links injected into a definition) is shown as inert text.
3. The hostile inputs the build refuses (test_catalogue.py) never reach a page: a build of them fails.
"""
from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from pathlib import Path

import pytest

from conftest import _QuietHandler, make_mini, replace, run_build

TRICKY_FR = """

## Du code qui parle de code

Le code `<script>alert("code")</script>` et le texte &lt;img src=x onerror=alert("entité")&gt; restent du
texte. Dans un tableau aussi :

| Saisie | Affichage |
|---|---|
| `<iframe src=javascript:alert(1)>` | &lt;b onmouseover=alert(1)&gt; |

Un [lien au titre piégé](index.md "\\" onmouseover=alert(1) x=\\"") et 3 < 4 > 2, a & b.
Un sigle sûr : <abbr title="obligation de soins">OS</abbr><br>et la suite.
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    project = make_mini(root / "project")
    page = project / "docs" / "chapitre.md"
    page.write_text(page.read_text(encoding="utf-8") + TRICKY_FR, encoding="utf-8")
    en = project / "docs" / "chapitre.en.md"
    en.write_text(en.read_text(encoding="utf-8") + TRICKY_FR.replace("## Du code qui parle de code", "## Code about code"),
                  encoding="utf-8")
    replace(project / "docs" / "chapitre.md", "title: Le chapitre", "title: \"Le chapitre « 3 < 4 » & l'autre\"")
    replace(project / "glossary" / "rechute.yml", "definition: Reprise",
            "definition: Voir `<img src=x onerror=alert('définition')>` et &lt;script&gt;. Reprise")
    replace(project / "glossary" / "faux-amis" / "recidive-rechute.yml", "intro: Deux mots proches, deux mondes.",
            "intro: \"`<svg onload=alert('intro')>` — deux mots, deux mondes.\"")
    out = root / "site"
    proc = run_build(project, out)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-4000:]
    handler = functools.partial(_QuietHandler, directory=str(out))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield out, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture
def watched(browser):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = ctx.new_page()
    dialogs: list[str] = []

    def on_dialog(d):
        dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()
    page.on("dialog", on_dialog)
    yield page, dialogs
    ctx.close()


def test_every_page_of_a_hostile_site_runs_nothing(hostile_site, watched):
    out, base = hostile_site
    page, dialogs = watched
    urls = sorted("/" + p.relative_to(out).as_posix().removesuffix("index.html") for p in out.rglob("index.html"))
    assert len(urls) >= 20
    for url in urls:
        page.goto(base + url, wait_until="load")
        page.mouse.move(100, 300)
        # hover and focus every element of the content (tooltips, handlers if any had slipped through)
        page.locator("article *").evaluate_all(
            "els => els.forEach(e => { for (const t of ['mouseover', 'mouseenter', 'focus', 'click'])"
            " if (t !== 'click' || e.tagName !== 'A') e.dispatchEvent(new Event(t, {bubbles: true})); })")
        page.wait_for_timeout(50)
    assert dialogs == []


def test_popovers_of_a_hostile_site_run_nothing(hostile_site, watched):
    _, base = hostile_site
    page, dialogs = watched
    for url in ("/chapitre/", "/en/chapitre/"):
        page.goto(base + url, wait_until="load")
        for selector in ("a.so-term", "a.so-cite[data-cite]"):
            for a in page.locator(selector).all():
                a.scroll_into_view_if_needed()
                a.tap()
                pop = page.locator(".so-popover:not([hidden])")
                assert pop.count() == 1
                pop.locator("a").first.hover()
                page.keyboard.press("Escape")
                # closing the phone sheet takes back its history entry (popover.js: history.back(), which is
                # asynchronous): a navigation started before it is done would be aborted
                page.wait_for_function("() => !(history.state && history.state.soPopover)")
    assert dialogs == []
    page.goto(base + "/chapitre/", wait_until="load")
    page.locator('a.so-term[data-term="rechute"]').first.tap()
    text = page.locator("#so-popover .so-popover__def").inner_text()
    assert "<img src=x onerror=alert('définition')>" in text     # shown as text


def test_tampered_popover_data_stays_inert(hostile_site, watched, tmp_path):
    """The popover never assigns strings to innerHTML: markup injected into its data after the build is rebuilt
    from an allow-list (no script, no handler, no javascript: link)."""
    out, base = hostile_site
    page, dialogs = watched
    html = (out / "chapitre" / "index.html").read_text(encoding="utf-8")
    m = re.search(r'(<script type="application/json" class="so-glossary-data">)(.*?)(</script>)', html, re.S)
    data = json.loads(m.group(2).replace("<\\/", "</"))
    cid = next(iter(data["terms"]))
    data["terms"][cid]["definition"] = (
        '<img src=x onerror="alert(\'img\')"><script>alert("script")</script><svg onload="alert(\'svg\')"></svg>'
        '<a href="javascript:alert(\'link\')" onclick="alert(\'click\')">lien</a> <a href=" JaVaScRiPt:alert(1)">b</a>'
        '<em onmouseover="alert(\'em\')">texte</em> <a href="../index.md">ok</a>')
    tampered = html.replace(m.group(0), m.group(1) + json.dumps(data).replace("</", "<\\/") + m.group(3))
    target = out / "tampered" / "index.html"
    target.parent.mkdir(exist_ok=True)
    target.write_text(tampered, encoding="utf-8")
    page.goto(base + "/tampered/", wait_until="load")
    page.locator(f'a.so-term[data-term="{cid}"]').first.tap()
    definition = page.locator("#so-popover .so-popover__def")
    inner = definition.evaluate("e => e.innerHTML")
    assert "<img" not in inner and "<script" not in inner and "<svg" not in inner
    assert "onclick" not in inner and "onmouseover" not in inner and "javascript" not in inner.lower()
    assert 'href="../index.md"' in inner and "<em>texte</em>" in inner      # what is safe is kept
    for a in definition.locator("a:not([href])").all():                     # the neutralised links
        a.click()
    definition.locator("em").hover()
    page.wait_for_timeout(300)
    assert page.url.endswith("/tampered/") and dialogs == []
