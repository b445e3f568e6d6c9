"""`bash manage.sh serve` (mkdocs serve --strict --dirty) follows the edits: a chapter, a concept shown on a
chapter (its popover data), a diagram embedded in a chapter; a broken edit is named in the log and leaves the
output as it was, and the next good edit shows. Also: the navigation keeps every title and the
search index keeps every page. The latencies are measured by benchmarks/serve.py, not asserted here."""
from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

from conftest import ROOT, make_mini

sys.path.insert(0, str(ROOT))
from benchmarks.serve import Served  # noqa: E402

PAGE = "chapitre/"


def _titles(html: str) -> list[str]:
    return re.findall(r'class="md-nav__link[^"]*"[^>]*>\s*<span class="md-ellipsis">\s*([^<]+?)\s*<', html)


def test_serve_follows_chapter_concept_and_diagram_edits(tmp_path):
    project = make_mini(tmp_path / "project")
    with Served(project) as s:
        first = s.get(PAGE)
        assert "Zorglub" not in first
        nav = _titles(s.get(""))
        index_before = json.loads(s.get("search/so/index.json"))["docs"]

        # a chapter: its own page
        s.edit("docs/chapitre.md", "La rechute n'est pas la récidive.", "La rechute n'est pas la récidive. Zorglub1.",
               PAGE, "Zorglub1.")
        # a concept: the chapter that links it carries its definition (popover data) without being edited
        s.edit("glossary/rechute.yml", "  definition: Reprise", "  definition: Zorglub2 Reprise", PAGE, "Zorglub2")
        # a diagram embedded in the chapter
        s.edit("diagrams/demo.yml", "    fr: Suite\n", "    fr: Suite Zorglub3\n", PAGE, "Zorglub3")
        # the English edition follows too
        s.edit("docs/chapitre.en.md", "\n## ", "\nZorglub4 sentence.\n\n## ", "en/" + PAGE, "Zorglub4")

        page = s.get(PAGE)
        assert all(f"Zorglub{i}" in page for i in (1, 2, 3)), "an earlier edit was lost by a later rebuild"
        home = s.get("")
        assert _titles(home) == nav, "the navigation lost titles of pages the rebuild did not render"
        assert "Zorglub" not in home
        docs = json.loads(s.get("search/so/index.json"))["docs"]
        assert {d["location"].split("#")[0] for d in docs} == {d["location"].split("#")[0] for d in index_before}
        assert any("Zorglub1" in d.get("text", "") for d in docs)

        # a broken edit: the log names the fault at file:line, the output is not touched (MkDocs' server waits
        # for a good build before it answers again: "The server will appear stuck until build errors are resolved")
        s.edit("docs/chapitre.md", "Zorglub1.", "Zorglub1. [lien](nulle-part.md)", PAGE, "Zorglub1.")
        _wait_log(s, "docs/chapitre.md:")
        assert "nulle-part.md" in s.tail(200) and "The previous output was left as it was" in s.tail(200)
        # fixed: the next good edit shows
        s.edit("docs/chapitre.md", "Zorglub1. [lien](nulle-part.md)", "Zorglub5.", PAGE, "Zorglub5.")
        assert "Zorglub2" in s.get(PAGE) and "Zorglub3" in s.get(PAGE)
        log = s.tail(400)
    assert "Traceback" not in log, log
    assert log.count("Documentation built") >= 5, log
    staging = re.findall(r"Building 'fr' documentation to directory: (\S+)", log)
    assert staging and all(Path(p).name.endswith(".partial") for p in staging), log
    assert not any(Path(p).exists() for p in staging), "mkdocs serve left its staging folder"


def _wait_log(s: Served, text: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while text not in s.tail(400):
        assert time.monotonic() < deadline, f"« {text} » never appeared in the log:\n{s.tail()}"
        time.sleep(0.1)
