"""Tests on the real site, built once per session with ``mkdocs build --strict``."""
from __future__ import annotations

import re
from pathlib import Path

from conftest import run_build

HTML_LANG = re.compile(r'<html lang="([a-z]+)"')
ARTICLE_FR = '<article class="md-content__inner md-typeset" lang="fr">'
# resources a page loads (not outbound <a> links, which load nothing)
LOADED = re.compile(r'<(?:script|img|iframe|source|audio|video)[^>]+src="([^"]+)"|<link[^>]+href="([^"]+)"[^>]*>')


def pages(site: Path):
    return sorted(p for p in site.rglob("*.html"))


def test_french_at_root_english_under_en(site):
    assert HTML_LANG.search((site / "index.html").read_text()).group(1) == "fr"
    assert HTML_LANG.search((site / "en" / "index.html").read_text()).group(1) == "en"
    assert "Court-ordered care" in (site / "en" / "index.html").read_text()


def test_every_page_declares_its_language_truthfully(site):
    """French pages say fr; under /en/, a page is English or its content is marked lang="fr"."""
    checked = 0
    for page in pages(site):
        html = page.read_text()
        lang = HTML_LANG.search(html).group(1)
        rel = page.relative_to(site).as_posix()
        if rel.startswith("en/"):
            assert lang == "en", rel
            if ARTICLE_FR in html:
                assert "Not yet translated" in html, rel
        else:
            assert lang == "fr", rel
        checked += 1
    assert checked >= 4


def test_english_fallback_pages_are_marked_french(site):
    """Every French page without a .en.md twin is shown under /en/ with lang="fr" content."""
    docs = Path(__file__).resolve().parents[2] / "docs"
    for md in docs.rglob("*.md"):
        if md.name.endswith(".en.md") or md.with_name(md.stem + ".en.md").exists():
            continue
        rel = md.relative_to(docs).with_suffix("")
        out = site / "en" / (rel.parent if rel.name == "index" else rel) / "index.html"
        assert ARTICLE_FR in out.read_text(), out


def test_a_french_only_page_is_marked_french_under_en(project_copy, tmp_path):
    """The same on a page made French-only on purpose (the real site may have none left)."""
    (project_copy / "docs" / "seulement-en-francais.md").write_text(
        '---\ntitle: Seulement en français\nsource_pages: none\ntranslation: pending\n---\n\n# Seulement en français\n\nTexte.\n')
    cfg = project_copy / "mkdocs.yml"
    cfg.write_text(cfg.read_text().replace("  - À propos: a-propos.md\n", "  - À propos: a-propos.md\n  - seulement-en-francais.md\n"))
    out = tmp_path / "out"
    proc = run_build(project_copy, out)
    assert proc.returncode == 0, proc.stderr[-3000:]
    html = (out / "en" / "seulement-en-francais" / "index.html").read_text()
    assert HTML_LANG.search(html).group(1) == "en" and ARTICLE_FR in html and "Not yet translated" in html
    assert ARTICLE_FR not in (out / "en" / "a-propos" / "index.html").read_text()


def test_hreflang_pairs_are_in_the_sitemap_not_in_page_heads(site):
    """Material looks up <page>/sitemap.xml for each <link rel=alternate hreflang> (404s, or whole
    sitemaps, on every page load); overrides/main.html leaves them out, the sitemap carries the pairs."""
    sitemap = (site / "sitemap.xml").read_text()
    entries = re.findall(r"<url>(.*?)</url>", sitemap, re.S)
    paired = {re.search(r"<loc>([^<]+)</loc>", e).group(1): set(re.findall(r'hreflang="([a-z]+)"', e))
              for e in entries}
    for page in pages(site):
        if page.name == "404.html":
            continue
        html = page.read_text()
        assert not re.search(r'<link rel="alternate"[^>]*hreflang=', html), page
        rel = page.relative_to(site).parent.as_posix()
        url = "https://soins-obliges.github.io/" + ("" if rel == "." else rel + "/")
        assert url in paired, f"{url} is not in sitemap.xml"
        assert paired[url] == {"fr", "en"}, (url, paired[url])


def test_language_switcher_stays_on_the_same_page(site):
    html = (site / "a-propos" / "index.html").read_text()
    assert re.search(r'href="[./]*en/a-propos/"[^>]*hreflang="en"', html), "FR → EN link must target the same page"
    html = (site / "en" / "a-propos" / "index.html").read_text()
    assert re.search(r'href="(\.\./)+a-propos/"[^>]*hreflang="fr"', html)


def test_english_pages_find_a_sitemap_under_en(site):
    """Material fetches <base>/sitemap.xml, and the base of English pages is /en/."""
    assert (site / "en" / "sitemap.xml").read_text() == (site / "sitemap.xml").read_text()
    assert "/en/a-propos/" in (site / "en" / "sitemap.xml").read_text()


def test_english_404(site):
    fr, en = (site / "404.html").read_text(), (site / "en" / "404.html").read_text()
    assert HTML_LANG.search(fr).group(1) == "fr" and "Page introuvable" in fr
    assert HTML_LANG.search(en).group(1) == "en" and "Page not found" in en


def test_nothing_is_loaded_from_another_origin(site):
    offenders = []
    for page in pages(site):
        for m in LOADED.finditer(page.read_text()):
            url = m.group(1) or m.group(2)
            if re.match(r"(https?:)?//", url) and 'rel="canonical"' not in m.group(0) \
                    and 'rel="alternate"' not in m.group(0):
                offenders.append((page.name, url))
    for css in site.rglob("*.css"):
        offenders += [(css.name, u) for u in re.findall(r"url\((?:['\"])?(https?:[^)'\"]+)", css.read_text())]
        offenders += [(css.name, u) for u in re.findall(r"@import\s+['\"](https?:[^'\"]+)", css.read_text())]
    assert offenders == []
    assert "fonts.googleapis" not in (site / "index.html").read_text()


def test_light_and_dark_palettes(site):
    html = (site / "index.html").read_text()
    assert 'data-md-color-scheme="default"' in html and 'data-md-color-media="(prefers-color-scheme: dark)"' in html


def test_source_line_under_the_title(site):
    for page in pages(site):
        html = page.read_text()
        if "so-source" in html and "/livre/" not in page.as_posix():     # the book: one per chapter, under its h2
            assert re.search(r"</h1><p class=\"so-source\"[^>]*><strong>Source", html), page
    assert "so-source" not in (site / "index.html").read_text()   # source_pages: none


def test_strict_build_fails_on_missing_source_pages(project_copy, tmp_path):
    (project_copy / "docs" / "sans-source.md").write_text("---\ntitle: Sans source\n---\n\n# Sans source\n")
    proc = run_build(project_copy, tmp_path / "out")
    assert proc.returncode != 0
    assert "docs/sans-source.md:1: no `source_pages` in the front matter" in proc.stderr + proc.stdout


def test_strict_build_fails_on_a_broken_link(project_copy, tmp_path):
    page = project_copy / "docs" / "a-propos.md"
    page.write_text(page.read_text() + "\n[lien cassé](nulle-part.md)\n")
    proc = run_build(project_copy, tmp_path / "out")
    assert proc.returncode != 0
    assert "nulle-part.md" in proc.stderr + proc.stdout


def test_concordance_covers_every_guide_page(site):
    page = (site / "correspondance-guide" / "index.html").read_text()
    for n in range(3, 86):
        row = re.search(rf'<span id="p{n}"></span><strong>{n}</strong></th>\s*<td[^>]*>(.*?)</td>', page, re.S)
        assert row and "<a " in row.group(1), n
    assert (site / "en" / "correspondance-guide" / "index.html").exists()


def test_source_line_links_to_the_concordance_row(site):
    page = (site / "02-reponse-penale-et-addictions" / "spip" / "index.html").read_text()
    assert 'href="../../correspondance-guide/#p55"' in page


def test_build_fails_when_a_guide_page_is_claimed_by_no_page(project_copy, tmp_path):
    page = project_copy / "docs" / "06-annexes" / "methodologie-participative.md"
    page.write_text(page.read_text().replace('source_pages: "83-85"', 'source_pages: "83-84"', 1))
    proc = run_build(project_copy, tmp_path / "out")
    assert proc.returncode != 0
    assert "guide pages claimed by no site page: 85" in proc.stdout + proc.stderr
