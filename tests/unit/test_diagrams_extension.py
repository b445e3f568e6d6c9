"""The Python-Markdown extension on its own: ``::: diagram <id>`` lines in, figures out; errors with file:line;
links relative to the page and checked; the generated Schémas page (no MkDocs)."""
from __future__ import annotations

import shutil
from pathlib import Path

import markdown
import pytest

from soins_obliges.diagrams import pages
from soins_obliges.diagrams.extension import DiagramsConfig, DiagramsExtension, PageContext
from soins_obliges.diagrams.links import LinkChecker, page_url, relative_url
from soins_obliges.diagrams.model import load_diagram
from soins_obliges.diagrams.svg import Renderer, RenderError

ROOT = Path(__file__).resolve().parents[2]
from .diagram_fixtures import MINIMAL, write  # noqa: E402

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz (dot) is not installed")
PAGES = {"02-reponse-penale-et-addictions/spip.md", "06-annexes/cycle-du-changement.md"}


@pytest.fixture
def cfg(tmp_path):
    d, errors = load_diagram(write(tmp_path, MINIMAL), "diagrams/demo.yml")
    assert errors == []
    found = []
    c = DiagramsConfig(diagrams={"demo": d}, renderer=Renderer(tmp_path / "cache"),
                       checker=LinkChecker(concepts={"injonction-therapeutique"}, pages=set(PAGES)),
                       on_error=lambda *e: found.append(e),
                       page=PageContext(src_uri="06-annexes/cycle-du-changement.md", lang="fr", line_offset=4))
    c.found = found
    return c


def render(cfg, text: str) -> str:
    cfg.page.ids = set()
    return markdown.markdown(text, extensions=["admonition", "pymdownx.superfences", DiagramsExtension(cfg)])


def test_embed_line_becomes_the_figure_with_page_relative_links(cfg):
    html = render(cfg, "Texte.\n\n::: diagram demo\n\nSuite du texte.\n")
    assert cfg.found == []
    assert html.count('<figure class="so-diagram" id="schema-demo" lang="fr">') == 1
    assert "<p>Texte.</p>" in html and "<p>Suite du texte.</p>" in html and "::: diagram" not in html
    assert 'href="../../02-reponse-penale-et-addictions/spip/#quelles-sont-ses-missions"' in html
    assert 'href="../../glossaire/injonction-therapeutique/"' in html
    assert "<p><figure" not in html                               # a block, not inside a paragraph
    assert {"schema-demo", "schema-demo-title", "schema-demo-debut"} <= cfg.page.ids
    assert cfg.embedded_in == {"demo": {"06-annexes/cycle-du-changement.md"}}


def test_english_page_gets_english_labels(cfg):
    cfg.page.lang = "en"
    html = render(cfg, "::: diagram demo\n")
    assert 'lang="en"' in html and ">Start<" in html and ">Début<" not in html


def test_inside_a_box(cfg):
    html = render(cfg, '!!! note "Schéma"\n    ::: diagram demo\n')
    assert '<div class="admonition note">' in html and '<figure class="so-diagram"' in html
    assert cfg.found == []


def test_table_only_when_asked(cfg):
    cycle, errors = load_diagram(ROOT / "diagrams" / "cycle-du-changement.yml", "diagrams/cycle-du-changement.yml")
    assert errors == [] and cycle.table
    cfg.diagrams["cycle-du-changement"] = cycle
    cfg.lenient_concepts = True
    assert "<table" not in render(cfg, "::: diagram cycle-du-changement\n")
    html = render(cfg, "::: diagram cycle-du-changement table\n")
    assert html.count('<tr role="row">') == 8
    assert '<th role="columnheader" scope="col">Objectif thérapeutique</th>' in html       # labelled for phones
    assert '<td data-label="Objectif thérapeutique" role="cell">' in html and 'tabindex' not in html
    assert cfg.found == []


def test_not_inside_code_fences(cfg):
    html = render(cfg, "```text\n::: diagram demo\n```\n")
    assert "so-diagram" not in html and "::: diagram demo" in html


def test_unknown_diagram_unknown_option_and_twice_are_errors_with_lines(cfg):
    render(cfg, "# Titre\n\n::: diagram demmo\n\n::: diagram demo tableau\n\n::: diagram demo\n")
    assert cfg.found == [
        ("docs/06-annexes/cycle-du-changement.md", 7, "unknown diagram `demmo`", "did you mean `demo`?"),
        ("docs/06-annexes/cycle-du-changement.md", 9, "unknown option `tableau` for diagram `demo`", "options: table"),
        ("docs/06-annexes/cycle-du-changement.md", 11, "diagram `demo` is shown twice on this page",
         "keep one `::: diagram` line"),
    ]


def test_link_to_unknown_concept_or_page_is_an_error_in_the_diagram_file(cfg):
    cfg.checker = LinkChecker(concepts={"injonction-therapeutique-x"}, pages={"02-reponse-penale-et-addictions/spi.md"})
    html = render(cfg, "::: diagram demo\n")
    problems = [(f, line, p) for f, line, p, _ in cfg.found]
    assert ("diagrams/demo.yml", 6, "care tag `it`: link to unknown glossary concept `injonction-therapeutique`") in problems
    assert ("diagrams/demo.yml", 14, "node `debut`: link to unknown page `02-reponse-penale-et-addictions/spip.md`") in problems
    assert 'href="so-link' not in html


def test_development_glossary_leaves_unknown_concepts_unlinked(cfg):
    cfg.checker = LinkChecker(concepts=set(), pages=set(PAGES))
    cfg.lenient_concepts = True
    html = render(cfg, "::: diagram demo\n")
    assert cfg.found == [] and cfg.unlinked == {"injonction-therapeutique"}
    assert "glossaire/injonction-therapeutique" not in html


def test_anchor_check_once_pages_are_rendered(cfg):
    render(cfg, "::: diagram demo\n")
    checker = LinkChecker(cfg.checker.concepts, cfg.checker.pages,
                          anchors={"02-reponse-penale-et-addictions/spip.md": {"quelles-sont-ses-missions-du-spip"}})
    problems = [str(e) for link, d in cfg.used_links.values() for e in checker.check(link, d.file)]
    assert problems == ["diagrams/demo.yml:14: node `debut`: `02-reponse-penale-et-addictions/spip.md` has no heading "
                        "`#quelles-sont-ses-missions` → did you mean `#quelles-sont-ses-missions-du-spip`?"]


def test_render_failure_points_at_the_diagram_line(cfg, monkeypatch):
    def fail(dot_source):
        line = next(i for i, t in enumerate(dot_source.splitlines(), 1) if t.lstrip().startswith('"suite" ['))
        raise RenderError(f"Error: <stdin>: syntax error in line {line} near 'x'", line)

    monkeypatch.setattr(cfg.renderer, "render", fail)
    html = render(cfg, "::: diagram demo\n")
    assert "so-diagram" not in html
    ((file, line, problem, fix),) = cfg.found
    assert (file, line) == ("diagrams/demo.yml", 18)
    assert problem.startswith("Graphviz could not draw the diagram (fr): Error: <stdin>: syntax error in line")


@pytest.mark.parametrize("src, url", [
    ("index.md", ""), ("06-annexes/index.md", "06-annexes/"), ("06-annexes/cycle-du-changement.md", "06-annexes/cycle-du-changement/"),
])
def test_page_url(src, url):
    assert page_url(src) == url


@pytest.mark.parametrize("target, here, rel", [
    ("glossaire/jap/", "02-a/spip/", "../../glossaire/jap/"),
    ("02-a/b/#c", "02-a/d/", "../b/#c"),
    ("06-a/s/#x", "06-a/s/", "#x"),
    ("glossaire/jap/", "", "glossaire/jap/"),
    ("", "x/y/", "../../"),
])
def test_relative_url(target, here, rel):
    assert relative_url(target, here) == rel


def test_schemas_page_lists_every_diagram_with_stable_anchors_and_chapter_links(cfg, tmp_path):
    docs = tmp_path / "docs"
    (docs / "06-annexes").mkdir(parents=True)
    (docs / "06-annexes" / "cycle-du-changement.md").write_text(
        "---\ntitle: Le cycle\nsource_pages: \"78\"\n---\n\n# Le cycle\n\n::: diagram demo\n", encoding="utf-8")
    (docs / "06-annexes" / "cycle-du-changement.en.md").write_text(
        "---\ntitle: The cycle\nsource_pages: \"78\"\n---\n\n# The cycle\n", encoding="utf-8")
    out = pages.generate(cfg.diagrams, docs)
    fr, en = out["schemas.md"], out["schemas.en.md"]
    assert fr.startswith('---\ntitle: "Schémas"\nsource_pages: "52"\n---\n')
    assert "## Titre {#demo}" in fr and "## Title {#demo}" in en
    assert "Dans le chapitre : [Le cycle](06-annexes/cycle-du-changement.md#schema-demo)." in fr
    assert "In the chapter: [The cycle](06-annexes/cycle-du-changement.md#schema-demo)." in en
    assert "\n::: diagram demo\n" in fr
    assert pages.write_pages(out, docs) == 2 and pages.write_pages(out, docs) == 0   # unchanged: not rewritten
