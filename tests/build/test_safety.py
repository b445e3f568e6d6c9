"""No script from content: the built site runs only the theme's scripts (audit of every page's HTML)."""
from __future__ import annotations

from conftest import audit_html, make_mini, run_build


def test_the_real_site_runs_only_the_theme_scripts(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 600
    found = {p.relative_to(site).as_posix(): audit_html(p.read_text(encoding="utf-8")) for p in pages}
    assert {k: v for k, v in found.items() if v} == {}


def test_the_audit_sees_what_it_must(tmp_path):
    """The audit itself: it flags each way a page could run script (so the test above can fail)."""
    bad = ['<img src=x onerror="alert(1)">', '<a href=" JavaScript:alert(1)">x</a>', "<script>alert(1)</script>",
           '<script src="https://cdn.example.org/x.js"></script>', "<iframe src=x></iframe>",
           '<a href="vbscript:x">x</a>', '<object data="x"></object>']
    for html in bad:
        assert audit_html(f"<html><body>{html}</body></html>"), html
    assert audit_html('<script src="../assets/popover.js"></script><script>var palette=__md_get("x")</script>') == []


def test_text_that_looks_like_html_stays_text(tmp_path):
    """Content may talk about HTML (code, entities): it is shown, never run, and the build accepts it."""
    project = make_mini(tmp_path / "project")
    page = project / "docs" / "chapitre.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\nLe code `<script>alert(1)</script>` et le texte "
                    "&lt;img src=x onerror=alert(1)&gt; restent du texte ; 3 < 4 et a&b.\n", encoding="utf-8")
    out = tmp_path / "site"
    proc = run_build(project, out)
    assert proc.returncode == 0, proc.stderr[-3000:]
    html = (out / "chapitre" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and audit_html(html) == []
