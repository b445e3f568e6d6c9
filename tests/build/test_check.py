"""`bash manage.sh check` (python -m soins_obliges.check): every content fault of every area in one report,
grouped by file, exit 1; exit 0 on clean content. The published output is not touched."""
from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT, make_mini, replace


def check(project, *args):
    return subprocess.run([sys.executable, "-m", "soins_obliges.check", "--root", str(project), *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_clean_content_passes(tmp_path):
    project = make_mini(tmp_path / "project")
    proc = check(project)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "check: nothing to fix" in proc.stdout
    assert "own-words check skipped" in proc.stdout          # no ../shared beside this throw-away copy
    assert not (project / "site").exists()


def test_every_fault_of_every_area_in_one_report_grouped_by_file(tmp_path):
    project = make_mini(tmp_path / "project")
    replace(project / "glossary" / "rechute.yml", "  definition: Reprise", "  defintion: Reprise")       # glossary
    replace(project / "diagrams" / "demo.yml", "fr: Début", "fr: Début <b>x</b>")                         # diagram
    page = project / "docs" / "chapitre.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nVoir [x](absent.md), l'article L. du code de la santé "
                    "publique et <script>alert(1)</script>.\n", encoding="utf-8")                         # page
    replace(project / "docs" / "chapitre.en.md", 'source_pages: "3-85"', 'source_pages: "3-84"')        # parity
    proc = check(project)
    out = proc.stdout
    assert proc.returncode == 1, out[-3000:] + proc.stderr[-3000:]
    m = re.search(r"(\d+) content errors in (\d+) files:", out)
    assert m and int(m.group(1)) >= 6 and int(m.group(2)) == 4, out
    for header in ("docs/chapitre.en.md", "docs/chapitre.md", "diagrams/demo.yml", "glossary/rechute.yml"):
        assert re.search(rf"^{re.escape(header)}$", out, re.M), header
    for needle in ("unknown key `defintion`", "HTML in a diagram text", "broken link « absent.md »",
                   "a citation without an article number", "HTML element <script>", "differs from the French page"):
        assert re.search(rf"^  \S+:\d+: [^\n]*{re.escape(needle)}[^\n]*→", out, re.M), needle
    assert "problem(s) to fix" in out
