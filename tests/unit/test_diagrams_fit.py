"""Diagrams that fit (issue 14): from one diagram, a narrow drawing (top to bottom, shorter lines) and a wide one,
each fitting its column at its own size; both in the figure with unique ids; the layout is part of the cache key."""
from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from collections import Counter

import pytest

from soins_obliges.diagrams import fit
from soins_obliges.diagrams import svg as svg_mod
from soins_obliges.diagrams.dot import NARROW, WIDE, to_dot
from soins_obliges.diagrams.html import figure_html
from soins_obliges.diagrams.model import load_diagram
from soins_obliges.diagrams.svg import Renderer

from .diagram_fixtures import MINIMAL, write  # noqa: E402

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz (dot) is not installed")
SVG_NS = "{http://www.w3.org/2000/svg}"

# a decision with five ways out, drawn left to right: too wide for a phone as written
WIDE_YAML = """\
id: large
source_pages: "52"
direction: LR
wrap: 26
fr: {title: Un grand schéma, desc: Cinq issues.}
en: {title: A large diagram, desc: Five outcomes.}
nodes:
  - id: decision
    kind: decision
    fr: Décision du procureur de la République après l'enquête
    en: Decision of the public prosecutor after the investigation
    next: [premiere, deuxieme, troisieme, quatrieme, cinquieme]
""" + "".join(f"""\
  - id: {name}
    fr: Issue {name} de la procédure, avec une précision assez longue
    en: The {name} outcome of the procedure, with a rather long detail
    detail: {{fr: une ligne de détail qui se replie sur plusieurs lignes, en: a detail line that wraps on several lines}}
    link: {link}
""" for name, link in (("premiere", "injonction-therapeutique"), ("deuxieme", "obligation-de-soins"),
                       ("troisieme", "classement-sans-suite"), ("quatrieme", "composition-penale"),
                       ("cinquieme", "02-reponse-penale-et-addictions/spip.md")))


@pytest.fixture
def large(tmp_path):
    d, errors = load_diagram(write(tmp_path, WIDE_YAML, "large"), "diagrams/large.yml")
    assert errors == []
    return d


@pytest.fixture
def demo(tmp_path):
    d, errors = load_diagram(write(tmp_path, MINIMAL), "diagrams/demo.yml")
    assert errors == []
    return d


def label_lines(dot_text: str) -> list[str]:
    """The text lines of the boxes' labels in a DOT source (HTML labels, lines joined by <BR/>)."""
    out = []
    for cell in re.findall(r'<FONT POINT-SIZE="14"[^>]*>(.*?)</FONT>', dot_text):
        out += re.sub(r"</?B>", "", cell).split("<BR/>")
    return out


def test_the_narrow_layout_is_top_to_bottom_with_shorter_lines(large):
    wide, narrow = to_dot(large, "fr", WIDE), to_dot(large, "fr", NARROW)
    assert "rankdir=LR" in wide.text and "rankdir=TB" in narrow.text
    assert max(map(len, label_lines(narrow.text))) <= NARROW.wrap < max(map(len, label_lines(wide.text)))
    assert 'comment="layout narrow"' in narrow.text and 'comment="layout wide"' in wide.text
    assert "rankdir=LR" in to_dot(large, "fr").text and "comment=" not in to_dot(large, "fr").text   # as written


def test_stack_adds_invisible_arrows(large):
    dot = to_dot(large, "en", NARROW, (("premiere", "deuxieme"),))
    assert '"premiere" -> "deuxieme" [style="invis"];' in dot.text and dot.stack == (("premiere", "deuxieme"),)
    assert dot.lines[dot.text.splitlines().index('  "premiere" -> "deuxieme" [style="invis"];') + 1] == \
        large.node("deuxieme").line                               # error lines still point into the YAML


def test_choose_moves_the_last_box_of_the_widest_row_below_its_left_hand_neighbour(large):
    measure = {"width": 900, "nodes": {          # name: [x, y, width]: a row of three boxes, a narrower row of two
        "decision": [450, 300, 200], "premiere": [100, 100, 180], "troisieme": [300, 100, 180],
        "deuxieme": [500, 100, 180], "quatrieme": [300, 20, 100], "cinquieme": [420, 20, 100]}}
    # the last box of the widest row in the file's order is « troisieme »; its left-hand neighbour is « premiere »
    assert fit.choose(large, measure, []) == ("premiere", "troisieme")
    assert fit.choose(large, measure, [("premiere", "troisieme")]) is None          # never the same move twice
    one_per_row = {"width": 900, "nodes": {"decision": [450, 300, 200], "premiere": [100, 100, 800]}}
    assert fit.choose(large, one_per_row, []) is None                              # nothing left to stack


@needs_dot
def test_a_large_diagram_gets_a_narrow_drawing_that_fits_a_phone_and_a_wide_one(large, tmp_path):
    renderer = Renderer(tmp_path)
    for lang in ("fr", "en"):
        views = fit.views(large, lang, renderer.measure)
        assert [v.name for v in views] == ["narrow", "wide"]
        narrow, wide = views
        assert narrow.width <= NARROW.max_width < wide.width <= WIDE.max_width
        assert narrow.dot.stack                                  # boxes were stacked to get there
        for v in views:                                          # the SVG is as wide as measured
            root = ET.fromstring(renderer.render(v.dot.text))
            assert abs(int(root.get("width")) - v.width) <= 1
        texts = [t for t in ET.fromstring(renderer.render(narrow.dot.text)).iter(f"{SVG_NS}text")]
        assert {float(t.get("font-size")) for t in texts} <= {14.0, 12.0}     # same text sizes as the wide one


@needs_dot
def test_a_diagram_narrow_as_written_has_one_drawing(demo, tmp_path):
    views = fit.views(demo, "fr", Renderer(tmp_path).measure)
    assert [v.name for v in views] == ["all"] and views[0].dot.text == to_dot(demo, "fr").text


@needs_dot
def test_a_wide_drawing_that_cannot_fit_a_desktop_is_replaced_by_the_narrow_one(large, tmp_path, monkeypatch):
    monkeypatch.setattr(fit, "WIDE", fit.replace(WIDE, max_width=NARROW.max_width + 1))
    views = fit.views(large, "fr", Renderer(tmp_path).measure)
    assert [v.name for v in views] == ["all"] and "layout narrow" in views[0].dot.text


@needs_dot
def test_the_figure_holds_both_drawings_with_unique_ids(large, tmp_path):
    renderer = Renderer(tmp_path)
    narrow, wide = fit.views(large, "en", renderer.measure)
    hrefs = [f"../to/{i}/" for i in range(len(narrow.dot.links))]
    html = figure_html(large, "en", renderer.render(narrow.dot.text), hrefs, lambda link: "/x/", False,
                       wide=(renderer.render(wide.dot.text), hrefs))
    svgs = re.findall(r"<svg .*?</svg>", html, re.S)
    assert len(svgs) == 2
    assert 'class="so-diagram__svg so-diagram__svg--narrow"' in svgs[0]
    assert 'class="so-diagram__svg so-diagram__svg--wide"' in svgs[1]
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    for svg, prefix in ((svgs[0], "schema-large"), (svgs[1], "schema-large--wide")):
        assert f'aria-labelledby="{prefix}-title"' in svg and f'<title id="{prefix}-title">' in svg
        assert f'aria-describedby="{prefix}-desc"' in svg and f'<desc id="{prefix}-desc">' in svg
        assert svg.count('href="../to/') == 5                    # the box links, in both drawings
    assert "so-diagram__scroll" not in html and 'tabindex="0"' not in html   # nothing scrolls sideways any more


@needs_dot
def test_the_cache_key_includes_the_layout_and_a_rebuild_runs_no_graphviz(large, tmp_path, monkeypatch):
    first = Renderer(tmp_path)
    views = fit.views(large, "fr", first.measure)
    svgs = [first.render(v.dot.text) for v in views]
    assert first.measure_stats["measured"] >= 3 and first.stats["rendered"] == 2
    assert len(set(svgs)) == 2
    assert to_dot(large, "fr", NARROW).text != to_dot(large, "fr", WIDE).text
    assert svg_mod.cache_key(to_dot(large, "fr", NARROW).text) != svg_mod.cache_key(to_dot(large, "fr", WIDE).text)
    assert len(list(tmp_path.glob("*.svg"))) == 2 and list(tmp_path.glob("*.layout.json"))

    def no_graphviz(*args, **kwargs):
        raise AssertionError("Graphviz ran although everything is in the cache")

    monkeypatch.setattr(svg_mod, "run_dot", no_graphviz)
    second = Renderer(tmp_path)                                  # a rebuild: layouts and drawings read back
    again = fit.views(large, "fr", second.measure)
    assert [v.dot.text for v in again] == [v.dot.text for v in views]
    assert [second.render(v.dot.text) for v in again] == svgs
    assert second.stats["rendered"] == 0 and second.measure_stats["measured"] == 0
