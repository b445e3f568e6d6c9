"""The catalogue of bad inputs: what a maintainer's pull request can get wrong, and what the build answers.

Each case breaks a small copy of the site (tests/fixtures/mini: the real configuration, hooks and theme) in one
way, builds it with ``mkdocs build --strict`` over a previous good output, and checks:
- the build fails (exit code 1), without a traceback;
- the report names the file, the line (where there is one), the problem and the fix:
  ``file:line: problem → fix``;
- the previous output is byte for byte as it was, and no staging folder is left behind.
CONTRIBUTING.md's table « Ce que le build vous dit » is this list, in French.
"""
from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from conftest import make_mini, replace, run_build, snapshot


# ------------------------------------------------------------------------------------------------ helpers

def line_of(path: Path, needle: str) -> int:
    text = path.read_text(encoding="utf-8")
    i = text.index(needle)
    return text.count("\n", 0, i) + 1


def append(path: Path, text: str) -> int:
    """Add a paragraph at the end of a page; returns its line."""
    body = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    path.write_text(body + text + "\n", encoding="utf-8")
    return body.count("\n") + 1


@dataclass
class Case:
    id: str
    edit: Callable[[Path], int | None]     # breaks the project; returns the expected line (None: no line)
    file: str
    problem: str
    fix: str


def page(name="chapitre.md"):
    return lambda p: p / "docs" / name


CH, CH_EN = "docs/chapitre.md", "docs/chapitre.en.md"


def _front(p: Path, old: str, new: str, name="chapitre.md") -> int:
    replace(p / "docs" / name, old, new)
    return line_of(p / "docs" / name, new.splitlines()[0]) if new else None


def _latin1(rel: str, text: str) -> Callable[[Path], int]:
    def edit(p: Path) -> int:
        path = p / rel
        data = path.read_bytes().rstrip(b"\n") + b"\n" + text.encode("latin-1") + b"\n"
        path.write_bytes(data)
        return data.count(b"\n")
    return edit


def _concept(rel: str, old: str, new: str, needle: str | None = None) -> Callable[[Path], int]:
    def edit(p: Path) -> int:
        replace(p / "glossary" / rel, old, new)
        return line_of(p / "glossary" / rel, needle or new.splitlines()[0].strip() or new)
    return edit


def _write(rel: str, text: str, line: int | None = 1) -> Callable[[Path], int | None]:
    def edit(p: Path):
        (p / rel).parent.mkdir(parents=True, exist_ok=True)
        (p / rel).write_text(text, encoding="utf-8")
        return line
    return edit


def _append(rel: str, text: str) -> Callable[[Path], int]:
    return lambda p: append(p / rel, text)


def _nav(old: str, new: str, needle: str | None = None) -> Callable[[Path], int]:
    def edit(p: Path) -> int:
        replace(p / "mkdocs.yml", old, new)
        return line_of(p / "mkdocs.yml", needle or new.strip().splitlines()[0])
    return edit


def _remove(rel: str, line=None) -> Callable[[Path], None]:
    def edit(p: Path):
        (p / rel).unlink()
        return line
    return edit


def _diagram(old: str, new: str, needle: str | None = None) -> Callable[[Path], int]:
    def edit(p: Path) -> int:
        replace(p / "diagrams" / "demo.yml", old, new)
        return line_of(p / "diagrams" / "demo.yml", needle or new.strip().splitlines()[0])
    return edit


EXTRA = "---\ntitle: En plus\nsource_pages: none\n---\n\n# En plus\n\nTexte.\n"
EXTRA_EN = "---\ntitle: Extra\nsource_pages: none\n---\n\n# Extra\n\nText.\n"


def _both(*edits):
    def edit(p: Path):
        line = None
        for e in edits:
            got = e(p)
            line = got if line is None else line
        return line
    return edit


CASES = [
    # ---- front matter and pages
    Case("source-pages-missing", lambda p: _front(p, 'source_pages: "3-85"\n', "") or 1, CH,
         "no `source_pages` in the front matter", "add `source_pages:"),
    Case("source-pages-outside-guide", lambda p: _front(p, '"3-85"', '"3-90"'), CH,
         "page 90 is outside the guide", "write printed pages of the guide"),
    Case("source-pages-backwards", lambda p: _front(p, '"3-85"', '"85-3"'), CH,
         "goes backwards", "write printed pages of the guide"),
    Case("source-pages-unreadable", lambda p: _front(p, '"3-85"', '"trois"'), CH,
         "cannot read 'trois'", "write printed pages of the guide"),
    Case("front-matter-bad-yaml", lambda p: _front(p, "title: Le chapitre", "title: Le chapitre : [suite"), CH,
         "front matter is not valid YAML", "fix the YAML between the two `---` lines"),
    Case("front-matter-tab", lambda p: _front(p, 'source_pages: "3-85"', 'source_pages:\t"3-85"\n\tx: 1'), CH,
         "a tab character in the front matter", "replace the tab with spaces"),
    Case("english-source-pages-missing", lambda p: _front(p, 'source_pages: "3-85"\n', "", "chapitre.en.md") or 1,
         CH_EN, "no `source_pages` in the front matter", "add `source_pages:"),
    Case("english-source-pages-differ", lambda p: _front(p, '"3-85"', '"3-84"', "chapitre.en.md"), CH_EN,
         "differs from the French page's « 3-85 »", "use the same value"),
    Case("english-front-matter-bad-yaml",
         lambda p: _front(p, "title: The chapter", "title: [The chapter", "chapitre.en.md"), CH_EN,
         "front matter is not valid YAML", "fix the YAML"),
    Case("translation-missing", _remove("docs/chapitre.en.md", 1), CH, "no English edition",
         "`translation: pending`"),
    Case("english-without-french", _write("docs/orpheline.en.md", EXTRA_EN), "docs/orpheline.en.md",
         "English page without a French page", "create docs/orpheline.md"),
    Case("page-not-in-nav", _both(_write("docs/en-plus.md", EXTRA), _write("docs/en-plus.en.md", EXTRA_EN)),
         "docs/en-plus.md", "page is not in the navigation", "add it to `nav:` in mkdocs.yml"),
    Case("nav-names-missing-file", _nav("  - chapitre.md\n", "  - chapitre.md\n  - chapitr.md\n", "chapitr.md\n"), "mkdocs.yml",
         "`nav:` names chapitr.md, which is not in docs/", "did you mean chapitre.md?"),
    Case("guide-page-unclaimed", lambda p: _both(lambda q: _front(q, '"3-85"', '"3-84"'),
                                                  lambda q: _front(q, '"3-85"', '"3-84"', "chapitre.en.md"))(p) and None,
         "docs/", "guide pages claimed by no site page: 85", "add them to the `source_pages`"),
    Case("page-not-utf8", _latin1("docs/chapitre.md", "Une phrase écrite en Latin-1."), CH,
         "not UTF-8", "save it as UTF-8"),
    Case("english-page-not-utf8", _latin1("docs/chapitre.en.md", "Café."), CH_EN, "not UTF-8", "save it as UTF-8"),
    Case("concept-not-utf8", _latin1("glossary/rechute.yml", "# commentaire é"), "glossary/rechute.yml",
         "not UTF-8", "save it as UTF-8"),
    Case("diagram-not-utf8", _latin1("diagrams/demo.yml", "# é"), "diagrams/demo.yml", "not UTF-8",
         "save it as UTF-8"),
    # ---- links and anchors
    Case("broken-link", _append("docs/chapitre.md", "Voir [la page](inexistante.md)."), CH,
         "broken link « inexistante.md »", "link to an existing Markdown file"),
    Case("broken-link-english", _append("docs/chapitre.en.md", "See [the page](missing.md)."), CH_EN,
         "broken link « missing.md »", "link to an existing Markdown file"),
    Case("broken-anchor", _append("docs/index.md", "Voir [ici](chapitre.md#la-mesur)."), "docs/index.md",
         "has no heading or id `#la-mesur`", "did you mean #la-mesure"),
    Case("broken-anchor-same-page", _append("docs/chapitre.md", "Voir [plus haut](#la-mesur)."), CH,
         "this page has no heading or id `#la-mesur`", "did you mean #la-mesure"),
    Case("broken-anchor-english", _append("docs/index.en.md", "See [here](chapitre.md#nope)."), "docs/index.en.md",
         "has no heading or id `#nope`", "link to a heading"),
    Case("absolute-link", _append("docs/chapitre.md", "Voir [l'accueil](/index.md)."), CH,
         "absolute link « /index.md »", "relative"),
    Case("link-without-md", _append("docs/chapitre.md", "Voir [l'accueil](accueil)."), CH,
         "broken link « accueil »", "link to an existing Markdown file"),
    # ---- script and unsafe HTML in content
    Case("script-in-page", _append("docs/chapitre.md", "Texte <script>alert(1)</script> suite."), CH,
         "HTML element <script> is not allowed", "remove the <script> element"),
    Case("script-block-in-english-page", _append("docs/chapitre.en.md", "<script>\nalert(1)\n</script>"), CH_EN,
         "HTML element <script> is not allowed", "remove the <script> element"),
    Case("iframe", _append("docs/chapitre.md", '<iframe src="https://example.org"></iframe>'), CH,
         "HTML element <iframe> is not allowed", "remove the <iframe> element"),
    Case("object-embed", _append("docs/chapitre.md", '<object data="x.swf"></object>'), CH,
         "HTML element <object> is not allowed", "remove the <object> element"),
    Case("embed", _append("docs/chapitre.md", '<embed src="x.swf">'), CH,
         "HTML element <embed> is not allowed", "remove the <embed> element"),
    Case("img-onerror", _append("docs/chapitre.md", '<img src="x.png" alt="" onerror="alert(1)">'), CH,
         "event-handler attribute `onerror` on <img>", "content cannot carry script"),
    Case("onclick-upper-case", _append("docs/chapitre.md", '<p OnClick="alert(1)">Cliquer</p>'), CH,
         "event-handler attribute `onclick` on <p>", "content cannot carry script"),
    Case("javascript-markdown-link", _append("docs/chapitre.md", "Un [lien](javascript:alert(1)) piégé."), CH,
         "`javascript:` URL in `href` of <a>", "link to a page of the site"),
    Case("javascript-entities-and-case",
         _append("docs/chapitre.md", '<a href="JaVa&#x09;ScRiPt:alert(1)">lien</a>'), CH,
         "`javascript:` URL in `href` of <a>", "link to a page of the site"),
    Case("javascript-leading-space", _append("docs/chapitre.md", '<a href="  javascript:alert(1)">lien</a>'), CH,
         "`javascript:` URL in `href` of <a>", "link to a page of the site"),
    Case("vbscript-url", _append("docs/chapitre.md", '<a href="vbscript:msgbox(1)">lien</a>'), CH,
         "`vbscript:` URL in `href` of <a>", "link to a page of the site"),
    Case("data-url-image", _append("docs/chapitre.md", "![image](data:image/svg+xml;base64,PHN2Zz4=)"), CH,
         "`data:` URL in `src` of <img>", "link to a page of the site"),
    Case("attr-list-handler",   # the line of the attribute list
         lambda p: append(p / "docs/chapitre.md", 'Un paragraphe.\n{: onmouseover="alert(1)" }') + 1, CH,
         "event-handler attribute `onmouseover` on <p>", "content cannot carry script"),
    Case("inline-style", _append("docs/chapitre.md", '<div style="position:fixed;top:0">Recouvre tout</div>'), CH,
         "inline style on <div>", "docs/assets/site.css"),
    Case("html-in-title", lambda p: _front(p, "title: Le chapitre", 'title: "Le chapitre <img src=x onerror=alert(1)>"'),
         CH, "`title`: HTML in a title", "plain text"),
    Case("html-in-english-title",
         lambda p: _front(p, "title: The chapter", "title: The <b>chapter</b>", "chapitre.en.md"), CH_EN,
         "`title`: HTML in a title", "plain text"),
    Case("html-in-first-heading", lambda p: _both(
        lambda q: _front(q, "title: En plus\n", "", "en-plus.md"),
        lambda q: replace(q / "docs" / "en-plus.md", "# En plus", "# En plus <img src=x onerror=alert(1)>") or
        line_of(q / "docs" / "en-plus.md", "# En plus <img"))(
            _prepare_extra(p)), "docs/en-plus.md", "event-handler attribute `onerror` on <img>",
         "content cannot carry script"),
    Case("html-in-nav-title", _nav("  - Accueil: index.md\n", "  - \"<img src=x onerror=alert(1)>\": index.md\n"),
         "mkdocs.yml", "`nav:` title: HTML in a title", "plain text"),
    # ---- glossary
    Case("unknown-reference", _append("docs/chapitre.md", "La [[rechut]] guette."), CH,
         "unknown glossary concept `rechut`", "did you mean [[rechute]]?"),
    Case("unknown-reference-english", _append("docs/chapitre.en.md", "A [[rechut]] may follow."), CH_EN,
         "unknown glossary concept `rechut`", "did you mean [[rechute]]?"),
    Case("definition-javascript-link",
         _concept("rechute.yml", "definition: Reprise", "definition: Voir [ici](javascript:alert(1)). Reprise",
                  "definition: Voir"), "glossary/rechute.yml",
         "`fr.definition`: `javascript:` URL", "link to a page of the site"),
    Case("definition-raw-html",
         _concept("rechute.yml", "definition: Reprise", "definition: <b>Reprise</b>", "definition: <b>"),
         "glossary/rechute.yml", "raw HTML in `fr.definition`", "use Markdown only"),
    Case("term-with-html", _concept("rechute.yml", "term: rechute", "term: rechute <img src=x onerror=alert(1)>"),
         "glossary/rechute.yml", "`fr.term`: HTML", "plain text"),
    Case("comparison-intro-onerror",
         _concept("faux-amis/recidive-rechute.yml", "intro: Deux mots", "intro: <img src=x onerror=alert(1)> Deux mots",
                  "intro: <img"), "glossary/faux-amis/recidive-rechute.yml",
         "`fr.intro`: event-handler attribute `onerror` on <img>", "content cannot carry script"),
    Case("comparison-title-html",
         _concept("faux-amis/recidive-rechute.yml", "title: Récidive et rechute", "title: Récidive <i>et</i> rechute"),
         "glossary/faux-amis/recidive-rechute.yml", "`fr.title`: HTML in a title", "plain text"),
    Case("concept-tab", _concept("rechute.yml", "  term: rechute", "\tterm: rechute"), "glossary/rechute.yml",
         "a tab character in the YAML", "replace the tab with spaces"),
    Case("concept-bad-yaml", _concept("rechute.yml", "  term: rechute", "  term: [rechute"), "glossary/rechute.yml",
         "invalid YAML", "check indentation"),
    Case("concept-duplicate-key", _concept("rechute.yml", "sector: santé", "sector: santé\nsector: justice",
                                           "sector: justice"), "glossary/rechute.yml",
         "duplicate key `sector`", "keep one `sector:`"),
    Case("concept-unknown-key", _concept("rechute.yml", "  definition: Reprise", "  defintion: Reprise"),
         "glossary/rechute.yml", "unknown key `defintion`", "did you mean `definition`?"),
    Case("concept-id-differs", _concept("rechute.yml", "id: rechute", "id: rechutes"), "glossary/rechute.yml",
         "id `rechutes` differs from the file name `rechute`", "rename the file to rechutes.yml"),
    Case("concept-file-name", lambda p: (p / "glossary" / "rechute.yml").rename(p / "glossary" / "Rechute Grave.yml")
         and None, "glossary/Rechute Grave.yml", "is not a valid concept id", "rename it to rechute-grave.yml"),
    Case("concept-see-also-unknown", _concept("rechute.yml", "see_also: [usage-a-risque]", "see_also: [usage-a-risqu]"),
         "glossary/rechute.yml", "`see_also`: unknown concept `usage-a-risqu`", "did you mean `usage-a-risque`?"),
    Case("comparison-unknown-concept",
         _concept("faux-amis/recidive-rechute.yml", "concepts: [recidive, rechute]", "concepts: [recidive, rechutte]"),
         "glossary/faux-amis/recidive-rechute.yml", "unknown concept `rechutte`", "did you mean `rechute`?"),
    Case("term-claimed-twice", _concept("recidive.yml", "term: récidive", "term: rechute"), "glossary/recidive.yml",
         "is also claimed by `rechute`", "keep it in one concept"),
    # ---- citations
    Case("unknown-article", _append("docs/chapitre.md", "Voir l'article 999-99 du code pénal."), CH,
         "« article 999-99 du code pénal » : article inconnu du code pénal", "vérifiez le numéro sur Légifrance"),
    Case("malformed-citation", _append("docs/chapitre.md", "Voir l'article L. du code de la santé publique."), CH,
         "« article L. du code de la santé publique »: a citation without an article number",
         "write the full number"),
    Case("malformed-citation-english", _append("docs/chapitre.en.md", "See Article 132- of the Criminal Code."), CH_EN,
         "a citation without an article number", "write the full number"),
    Case("repealed-article-as-current", _append("docs/chapitre.md", "Selon l'article 132-54 du code pénal, voilà."), CH,
         "132-54", "ancien"),
    # ---- diagrams
    Case("unknown-diagram", _append("docs/chapitre.md", "::: diagram dem"), CH, "unknown diagram `dem`",
         "did you mean `demo`?"),
    Case("unknown-diagram-option", lambda p: _front(p, "::: diagram demo", "::: diagram demo tableau"), CH,
         "unknown option `tableau`", "options: table"),
    Case("diagram-label-html", _diagram("fr: Début", "fr: Début <script>alert(1)</script>"), "diagrams/demo.yml",
         "HTML in a diagram text", "plain text"),
    Case("diagram-link-unknown-page", _diagram("link: chapitre.md#la-mesure", "link: chapitr.md#la-mesure"),
         "diagrams/demo.yml", "chapitr.md", "chapitre.md"),
    Case("diagram-bad-yaml", lambda p: _diagram("nodes:", "nodes: [", "nodes: [")(p) + 1, "diagrams/demo.yml",
         "invalid YAML",
         "check indentation"),
    Case("diagram-file-name", lambda p: (p / "diagrams" / "demo.yml").rename(p / "diagrams" / "Demo.yml") and None,
         "diagrams/Demo.yml", "is not a valid diagram id", "rename it to demo.yml"),
]


def _prepare_extra(p: Path) -> Path:
    """A page in the nav whose title comes from its first heading (no `title:`)."""
    (p / "docs" / "en-plus.md").write_text(EXTRA, encoding="utf-8")
    (p / "docs" / "en-plus.en.md").write_text(EXTRA_EN, encoding="utf-8")
    replace(p / "mkdocs.yml", "  - chapitre.md\n", "  - chapitre.md\n  - en-plus.md\n")
    return p


@pytest.fixture(scope="module")
def good_output(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    project = make_mini(tmp_path_factory.mktemp("mini-good") / "project")
    out = project.parent / "site"
    proc = run_build(project, out)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-5000:]
    return out, snapshot(out)


def test_the_catalogue_is_large_enough():
    assert len(CASES) >= 40 and len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_is_named_and_the_previous_output_kept(case: Case, good_output, tmp_path):
    good, before = good_output
    project = make_mini(tmp_path / "project")
    line = case.edit(project)
    out = tmp_path / "site"
    shutil.copytree(good, out)
    proc = run_build(project, out)
    text = proc.stdout + proc.stderr
    assert proc.returncode == 1, f"the build did not fail:\n{text[-3000:]}"
    assert "Traceback" not in text, text[-5000:]
    where = re.escape(case.file) + (f":{line}" if line else r"(?::\d+)?")
    pattern = where + r": [^\n]*" + re.escape(case.problem) + r"[^\n]*→[^\n]*" + re.escape(case.fix)
    assert re.search(pattern, text), f"expected « {case.file}:{line}: …{case.problem}… → …{case.fix}… » in:\n" + \
        "\n".join(ln for ln in text.splitlines() if "→" in ln or "ERROR" in ln)[-4000:]
    assert snapshot(out) == before, "the failed build changed the previous output"
    assert not (tmp_path / ".site.partial").exists() and not (tmp_path / ".site.old").exists()


@pytest.mark.parametrize("kind", ["concept", "diagram"])
def test_a_rejected_file_does_not_cascade(kind, tmp_path):
    """One bad file, one report entry: what refers to it (other concepts, comparisons, pages, diagrams) does not
    add « unknown … » errors."""
    project = make_mini(tmp_path / "project")
    if kind == "concept":   # rechute is named by recidive's confusables, the comparison, a page and a diagram
        text = (project / "glossary" / "rechute.yml").read_text(encoding="utf-8")
        (project / "glossary" / "rechute.yml").write_text(text.split("\nen:")[0] + "\n", encoding="utf-8")
        append(project / "docs" / "chapitre.md", "La [[rechute]] n'est pas une faute.")
        replace(project / "diagrams" / "demo.yml", "care: [it]", "care: [it]\n    link: rechute")
    else:
        replace(project / "diagrams" / "demo.yml", "nodes:", "nodes: [")
    proc = run_build(project, tmp_path / "site")
    text = proc.stdout + proc.stderr
    assert proc.returncode == 1
    count = int(re.search(r"(\d+) content errors? in (\d+) files?", text).group(1))
    lines = [ln for ln in text.splitlines() if "→" in ln]
    assert count == 1 and len(lines) == 1, "\n".join(lines)
    assert "unknown" not in lines[0]
