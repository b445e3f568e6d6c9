"""``bash manage.sh pdf`` on the real site (a copy): one PDF per edition with every chapter, linked from the home
and book pages with its size; the offline copy still matches the edited pages."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from soins_obliges import pdf
from soins_obliges.offline import manifest

ROOT = Path(__file__).parents[2]


def test_whole_guide_pdfs(site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    # a process of its own, as `manage.sh pdf` runs it (and Playwright's sync API allows one driver per thread:
    # the session's browser fixture may already hold this one)
    proc = subprocess.run([sys.executable, "-m", "soins_obliges.pdf", str(copy), "-f", str(ROOT / "mkdocs.yml")],
                          capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = proc.stdout
    for lang, prefix in (("fr", ""), ("en", "en/")):
        path = copy / "pdf" / pdf.TEXT[lang]["name"]
        data = path.read_bytes()
        pages = pdf.count_pages(data)
        assert data.startswith(b"%PDF") and pages >= 100, (lang, pages)
        assert f"pdf ({lang}): {path} — {pages} pages" in out
        home = (copy / prefix / "index.html").read_text(encoding="utf-8")
        link = re.search(r'<a class="so-pdf-link" href="([^"]+)"[^>]*>[^<]+</a> <span class="so-pdf-size">\(([^)]+)\)', home)
        assert link and (copy / prefix / link.group(1)).resolve() == path.resolve()
        assert f"{pages} pages" in link.group(2)
        bookpage = (copy / prefix / "livre" / "index.html").read_text(encoding="utf-8")
        assert 'class="so-pdf-link"' in bookpage
        # the offline copy: the edited pages' revisions were recomputed
        sw = (copy / prefix / "sw.js").read_text(encoding="utf-8")
        entries = json.loads(re.search(r"const SO = (\{.*?\});\n", sw).group(1).replace("<\\/", "</"))["manifest"]
        home_entry = next(e for e in entries if e["url"] == "index.html")
        assert home_entry["revision"] == manifest.revision((copy / prefix / "index.html").read_bytes())
    assert not (site / "pdf").exists(), "the session's site is untouched"
