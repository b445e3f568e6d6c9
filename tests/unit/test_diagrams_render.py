"""Source → DOT → SVG (Graphviz) → figure with text version; the render cache; renderer errors (no MkDocs)."""
from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET

import pytest

from soins_obliges.diagrams import svg as svg_mod
from soins_obliges.diagrams.dot import PALETTE, to_dot
from soins_obliges.diagrams.html import figure_html, text_version
from soins_obliges.diagrams.model import load_diagram
from soins_obliges.diagrams.svg import Renderer, RendererMissing, RenderError, postprocess, run_dot

from .diagram_fixtures import MINIMAL, write  # noqa: E402

NNBSP, NBSP = "\u202f", "\u00a0"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz (dot) is not installed")


@pytest.fixture
def demo(tmp_path):
    d, errors = load_diagram(write(tmp_path, MINIMAL.replace("fr: Suite", "fr: 'Suite : étape ?'")), "diagrams/demo.yml")
    assert errors == []
    return d


def test_dot_source_has_the_labels_of_one_language_and_placeholders(demo):
    fr, en = to_dot(demo, "fr"), to_dot(demo, "en")
    assert "Début" in fr.text and "Start" not in fr.text
    assert "Start" in en.text and "Début" not in en.text
    assert f"Suite{NBSP}: étape{NNBSP}?" in fr.text             # French typography in French labels
    assert 'HREF="so-link:0"' in fr.text and 'HREF="so-link:1"' in fr.text
    assert [lk.raw for lk in fr.links] == ["02-reponse-penale-et-addictions/spip.md#quelles-sont-ses-missions",
                                           "injonction-therapeutique"]
    assert 'lhead="cluster_alt"' in fr.text and 'style="dashed"' in fr.text
    assert "#" not in re.sub(r'"#[0-9a-f]{6}"|#quelles', "", fr.text.split("\n", 1)[1]).replace("so-link", "")
    # every DOT line maps back to a line of the diagram file
    node_line = next(n for n, t in enumerate(fr.text.splitlines(), 1) if t.lstrip().startswith('"suite" ['))
    assert fr.lines[node_line] == demo.node("suite").line


@needs_dot
def test_svg_is_small_themable_and_accessible(demo):
    svg = Renderer(None).render(to_dot(demo, "fr").text)
    root = ET.fromstring(svg)
    assert root.get("role") == "group" and root.get("aria-labelledby") == svg_mod.TITLE_ID
    assert re.fullmatch(r"\d+", root.get("width")) and root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
    for bad in ("font-family", "xlink", "<title", "<!--", "id=", 'text-anchor="start"'):
        assert bad not in svg, bad
    placeholders = {ph for ph, _ in PALETTE.values()}
    assert not any(ph in svg for ph in placeholders)            # placeholder colours became classes
    assert "s-accent" in svg and "f-tint" in svg and "s-primary" in svg and "f-line" in svg
    assert svg.count('href="so-link:') == 2
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "Début" in texts and "injonction thérapeutique" in texts


@needs_dot
def test_figure_has_title_desc_links_and_text_version(demo):
    dot = to_dot(demo, "en")
    svg = Renderer(None).render(dot.text)
    hrefs = ["../spip/#quelles-sont-ses-missions", "../../glossaire/injonction-therapeutique/"]
    html = figure_html(demo, "en", svg, hrefs, lambda link: f"/to/{link.raw}")
    assert '<figure class="so-diagram" id="schema-demo" lang="en">' in html
    assert '<title id="schema-demo-title">Title</title><desc id="schema-demo-desc">Description.</desc>' in html
    assert 'aria-labelledby="schema-demo-title"' in html and 'aria-describedby="schema-demo-desc"' in html
    assert 'href="../spip/#quelles-sont-ses-missions"' in html and "so-link" not in html
    assert "Source: the guide <cite>Soins obligés en addictologie</cite> (2020), p.\u00a052" in html
    assert '<details class="so-diagram__text"><summary>Text version of the diagram</summary>' in html
    assert balanced(html)


VOID = {"br", "img", "input", "meta", "link", "hr", "col", "source", "path", "polygon", "ellipse", "polyline"}


def balanced(html: str) -> bool:
    """Every opened element is closed, in order (HTML void elements and self-closed SVG shapes aside)."""
    from html.parser import HTMLParser

    stack: list[str] = []

    class P(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag not in VOID:
                stack.append(tag)

        def handle_startendtag(self, tag, attrs):
            pass

        def handle_endtag(self, tag):
            assert stack and stack.pop() == tag, f"</{tag}> closes nothing open"

    P().feed(html)
    return stack == []


def test_text_version_lists_every_box_in_order_with_its_arrows(demo):
    html = text_version(demo, "fr", lambda link: f"/to/{link.raw}", "schema-demo")
    items = re.findall(r'<li id="schema-demo-([a-z0-9-]+)" value="(\d+)">', html)
    assert items == [("debut", "1"), ("suite", "2"), ("mesure", "3")]
    assert '<a href="#schema-demo-suite">2.\u00a0Suite' in html
    assert f'oui, exécutée → <a href="#schema-demo-alt">Alternatives</a>' in html     # arrow to a group
    assert '<li class="so-diagram__group" id="schema-demo-alt"><strong>Alternatives</strong><ol start="3">' in html
    assert 'Soins possibles\u00a0: <a href="/to/injonction-therapeutique">injonction thérapeutique</a>' in html
    assert '<a href="/to/02-reponse-penale-et-addictions/spip.md#quelles-sont-ses-missions">Début</a>' in html


@needs_dot
def test_unlinked_box_has_no_empty_anchor(demo):
    dot = to_dot(demo, "fr")
    html = figure_html(demo, "fr", Renderer(None).render(dot.text), [None, None], lambda link: None)
    assert "<a >" not in html and "<a>" not in html and "so-link" not in html


@needs_dot
def test_text_of_boxes_is_centred_on_its_cell(demo):
    svg = Renderer(None).render(to_dot(demo, "fr").text)
    root = ET.fromstring(svg)
    for g in root.iter("{http://www.w3.org/2000/svg}g"):
        if "node" in (g.get("class") or ""):
            for t in g.iter("{http://www.w3.org/2000/svg}text"):
                assert t.get("text-anchor") == "middle"


@needs_dot
def test_cache_by_content_hash(demo, tmp_path):
    dot = to_dot(demo, "fr").text
    first = Renderer(tmp_path)
    svg = first.render(dot)
    assert first.stats == {"rendered": 1, "disk": 0, "memory": 0}
    first.render(dot)
    assert first.stats["memory"] == 1
    files = list(tmp_path.glob("*.svg"))
    assert len(files) == 1 and files[0].read_text(encoding="utf-8") == svg
    second = Renderer(tmp_path)                                  # a rebuild: read back, not drawn
    assert second.render(dot) == svg and second.stats == {"rendered": 0, "disk": 1, "memory": 0}
    second.render(dot.replace("Début", "Départ"))                # a change: drawn again
    assert second.stats["rendered"] == 1 and len(list(tmp_path.glob("*.svg"))) == 2


@needs_dot
def test_graphviz_error_carries_its_message_and_dot_line():
    with pytest.raises(RenderError) as exc:
        run_dot('digraph g {\n  a -> b;\n  c -> [;\n}\n')
    assert exc.value.dot_line == 3
    assert "syntax error" in exc.value.message


def test_missing_renderer_says_how_to_install(monkeypatch):
    monkeypatch.setattr(svg_mod.shutil, "which", lambda name: None)
    monkeypatch.setattr(svg_mod, "_dot_version", None)
    with pytest.raises(RendererMissing) as exc:
        svg_mod.dot_version()
    assert "apt-get install graphviz" in str(exc.value) and "bash manage.sh install" in str(exc.value)


def test_postprocess_maps_placeholder_colours_and_drops_the_background():
    raw = f"""<svg width="100pt" height="50pt" viewBox="0.00 0.00 100.00 50.00" xmlns="http://www.w3.org/2000/svg"
      xmlns:xlink="http://www.w3.org/1999/xlink"><g id="graph0" class="graph" transform="scale(1 1) rotate(0) translate(4 46)">
      <title>g</title><polygon fill="transparent" stroke="transparent" points="-4,4 -4,-46 96,-46 96,4 -4,4"/>
      <g id="node1" class="node k-step"><title>a</title>
      <path fill="{PALETTE['bg'][0]}" stroke="{PALETTE['fg'][0]}" d="M1.123,2.456C3,4 5,6 7,8"/>
      <g id="a_node1_0"><a xlink:href="so-link:0" xlink:title="&lt;TABLE&gt;">
      <polygon fill="{PALETTE['cell'][0]}" stroke="transparent" points="10,-30 10,-10 50,-10 50,-30 10,-30"/>
      <text text-anchor="start" x="12" y="-15.8" font-family="DejaVu Sans" font-size="14.00">A</text></a></g></g></g></svg>"""
    out = postprocess(raw)
    assert 'class="f-bg s-fg"' in out and f'fill="{PALETTE["bg"][1]}"' in out
    assert 'd="M1.1,2.4C3,4 5,6 7,8"' in out
    assert '<a href="so-link:0"><polygon fill="transparent"' in out   # the cell stays as the link's tap area
    assert '<text text-anchor="middle" x="30" y="-15.8" font-size="14">A</text>' in out
    assert 'transform="translate(4 46)"' in out and "<title>" not in out and "points=\"-4,4" not in out
