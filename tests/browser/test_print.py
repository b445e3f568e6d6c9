"""Printing a page: where it comes from (site name and address), the address of each external link, no
interface, in both editions; Chromium prints it to a PDF."""
from __future__ import annotations

import pytest

PAGE = "/02-reponse-penale-et-addictions/spip/"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_printed_page_says_where_it_comes_from(browser, server, lang, tmp_path):
    page = browser.new_page(viewport={"width": 800, "height": 1100})
    prefix = "/en" if lang == "en" else ""
    page.goto(server + prefix + PAGE)
    page.wait_for_load_state("networkidle")
    assert not page.locator(".so-print-meta").is_visible(), "the print line is for paper only"
    page.emulate_media(media="print")
    meta = page.locator(".so-print-meta")
    assert meta.is_visible()
    text = meta.inner_text()
    assert text.startswith("Soins obligés — santé & justice" if lang == "fr" else "Court-ordered care — health & justice")
    assert text.endswith(f"https://soins-obliges.github.io{prefix}{PAGE}")
    hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-footer', '.md-search']
        .map(s => document.querySelector(s)).filter(e => e && e.checkVisibility()).length""")
    assert hidden == 0, "navigation and search must not print"
    after = page.evaluate("""() => { const a = document.querySelector('.md-content a.so-cite[href^="http"]');
        return [a.href, getComputedStyle(a, '::after').content]; }""")
    assert after[0] in after[1], "an external link prints its address"
    internal = page.evaluate("""() => getComputedStyle(document.querySelector('.md-content a.so-term'), '::after').content""")
    assert internal in ("none", "normal", ""), "internal links print no address"
    pdf = tmp_path / "page.pdf"
    page.pdf(path=str(pdf), format="A4")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and data.count(b"/Type /Page") - data.count(b"/Type /Pages") >= 2
    page.close()
