"""Diagrams on the real site (built once per session, strict): every diagram in both languages, with its SVG, title,
desc and text version, shown in a chapter and on the Schémas page; every box link resolves. Then strict builds of a
throw-away copy with broken diagrams, a missing Graphviz and a failing Graphviz, which must stop with file:line."""
from __future__ import annotations

import gzip
import os
import re
import stat
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from posixpath import normpath
from urllib.parse import urldefrag

import pytest

from conftest import MKDOCS, ROOT, run_build
from soins_obliges.diagrams.model import load_diagrams

FIGURE = re.compile(r'<figure class="so-diagram" id="schema-([a-z0-9-]+)" lang="(fr|en)">(.*?)</figure>', re.S)
SVG = re.compile(r'<svg [^>]*class="so-diagram__svg(?: so-diagram__svg--(?:narrow|wide))?".*?</svg>', re.S)
HREF = re.compile(r'href="([^"]+)"')
IDS = re.compile(r'\bid="([^"]+)"')


@pytest.fixture(scope="module")
def diagrams():
    found, errors = load_diagrams(ROOT / "diagrams", ROOT)
    assert errors == []
    return found


def pages_of(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("index.html")}


@pytest.fixture(scope="module")
def built(site):
    return pages_of(site)


def figures(html: str) -> dict[str, tuple[str, str]]:
    return {m.group(1): (m.group(2), m.group(3)) for m in FIGURE.finditer(html)}


def test_every_diagram_is_on_the_schemas_page_in_both_languages(built, diagrams):
    for lang, page in (("fr", "schemas/index.html"), ("en", "en/schemas/index.html")):
        figs = figures(built[page])
        assert set(figs) == set(diagrams), page
        for ident, d in diagrams.items():
            fig_lang, body = figs[ident]
            meta = d.meta[lang]
            assert fig_lang == lang
            assert f'id="{ident}"' in built[page]                          # stable heading anchor
            svg = SVG.search(body).group(0)
            title = re.search(rf'<title id="schema-{ident}-title">(.*?)</title>', svg).group(1)
            desc = re.search(rf'<desc id="schema-{ident}-desc">(.*?)</desc>', svg).group(1)
            assert plain(title) == plain(meta.title) and plain(desc).startswith(plain(meta.desc[:40]))
            assert f'aria-labelledby="schema-{ident}-title"' in svg
            text = re.search(r'<details class="so-diagram__text"><summary>[^<]+</summary>(.*?)</details>', body, re.S)
            assert text, f"{ident}: no text version"
            assert len(re.findall(r'<li id="schema-[a-z0-9-]+" value="\d+">', text.group(1))) == len(d.nodes)
            assert "so-diagram__source" in body and (
                ("p.\u00a0" in body) if lang == "fr" else re.search(r"pp?\.\u00a0", body))


def test_every_diagram_is_shown_in_a_chapter_in_both_editions(built, diagrams):
    shown: dict[str, set[str]] = {}
    for page, html in built.items():
        if page.startswith(("schemas/", "en/")):
            continue
        for ident in figures(html):
            shown.setdefault(ident, set()).add(page)
    assert set(shown) == set(diagrams), f"not in any chapter: {set(diagrams) - set(shown)}"
    for ident, where in shown.items():
        for page in where:
            en_lang, en_body = figures(built["en/" + page])[ident]
            assert en_lang == "en" and plain(diagrams[ident].meta["en"].title) in plain(en_body)
            fr_lang, fr_body = figures(built[page])[ident]
            assert fr_lang == "fr" and plain(diagrams[ident].meta["fr"].title) in plain(fr_body)


def test_every_box_link_resolves(built):
    """Every href in the diagrams (SVG boxes and text versions) leads to a built page, and to an id on it."""
    checked = 0
    for page, html in built.items():
        for ident, (_, body) in figures(html).items():
            for href in HREF.findall(body):
                url, frag = urldefrag(href)
                if url:
                    target = normpath(str(Path(page).parent / url))
                    target = (target + "/index.html").lstrip("./") if not target.endswith(".html") else target
                    if target.startswith("index.html") or target == ".":
                        target = "index.html"
                else:
                    target = page
                assert target in built, f"{page} (diagram {ident}): {href} → {target} does not exist"
                if frag:
                    assert frag in IDS.findall(built[target]), f"{page} (diagram {ident}): no #{frag} in {target}"
                checked += 1
    assert checked > 300


def test_svgs_are_small_self_contained_and_themable(built):
    for page in ("schemas/index.html", "en/schemas/index.html"):
        for svg in SVG.findall(built[page]):
            assert len(svg.encode()) < 50_000 and len(gzip.compress(svg.encode())) < 10_000
            assert "font-family" not in svg and "xlink" not in svg and "<image" not in svg
            assert re.findall(r'https?://', svg) == ["http://"]            # the SVG namespace only
            # colours come from the site's CSS (classes), the attributes being only a fallback
            assert re.search(r'class="[^"]*\bf-(bg|tint)\b', svg) and re.search(r'class="[^"]*\bs-line\b', svg)


def test_wide_diagrams_have_a_narrow_and_a_wide_drawing_and_ids_stay_unique(built, diagrams):
    """(issue 14) a diagram too wide for a phone carries two drawings; the page's ids are never doubled by them."""
    two = set()
    for page, html in built.items():
        ids = IDS.findall(html)
        for ident, (_, body) in figures(html).items():
            svgs = SVG.findall(body)
            assert len(svgs) in (1, 2), (page, ident)
            if len(svgs) == 2:
                two.add(ident)
                assert 'so-diagram__svg--narrow"' in svgs[0] and 'so-diagram__svg--wide"' in svgs[1]
                assert f'aria-labelledby="schema-{ident}-title"' in svgs[0]
                assert f'aria-labelledby="schema-{ident}--wide-title"' in svgs[1]
                assert HREF.findall(svgs[0]) and sorted(HREF.findall(svgs[0])) == sorted(HREF.findall(svgs[1]))
            doubled = {i for i in IDS.findall(body) if ids.count(i) > 1}
            assert doubled == set(), (page, ident, sorted(doubled)[:5])
    assert "procedure-penale-majeur" in two          # 809 px as written, in a 358-px phone column


def test_french_labels_have_french_typography(built):
    html = built["02-reponse-penale-et-addictions/logigrammes-procedure-penale/index.html"]
    svg = SVG.search(figures(html)["procedure-usage-stupefiants"][1]).group(0)
    assert "3\u202f750\u00a0€" in svg and "procureur\u202f; examen" in svg


def plain(s: str) -> str:
    import html as h

    return " ".join(h.unescape(s).replace("\u00a0", " ").replace("\u202f", " ").split())


# ----------------------------------------------------------------- broken copies: the strict build must stop

def build_copy(project: Path, tmp_path: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    if env is None:
        return run_build(project, tmp_path / "site")
    return subprocess.run([*MKDOCS, "build", "--strict", "-d", str(tmp_path / "site")], cwd=project,
                          capture_output=True, text=True, env=env, timeout=900)


def line_of(path: Path, needle: str) -> int:
    return next(i for i, t in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in t)


def test_broken_links_and_embeds_stop_the_build_with_file_and_line(project_copy, tmp_path):
    f8 = project_copy / "diagrams" / "procedure-usage-stupefiants.yml"
    f8.write_text(f8.read_text(encoding="utf-8")
                  .replace("link: procureur-de-la-republique", "link: procureur-de-la-republik")
                  .replace("#les-formes-de-poursuites", "#les-formes-des-poursuites"), encoding="utf-8")
    chapter = project_copy / "docs" / "01-addictions-et-addictologie" / "concept-addiction.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("::: diagram equation-e-sic",
                                                                     "::: diagram equation-e-si"), encoding="utf-8")
    proc = build_copy(project_copy, tmp_path)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0
    concept_line = line_of(f8, "link: procureur-de-la-republik")
    anchor_line = line_of(f8, "#les-formes-des-poursuites")
    embed_line = line_of(chapter, "::: diagram equation-e-si")
    assert (f"diagrams/procedure-usage-stupefiants.yml:{concept_line}: node `procureur`: link to unknown glossary "
            "concept `procureur-de-la-republik` → did you mean `procureur-de-la-republique`?") in out
    assert (f"diagrams/procedure-usage-stupefiants.yml:{anchor_line}: node `poursuites`: "
            "`02-reponse-penale-et-addictions/poursuites-phase-presentencielle.md` has no heading "
            "`#les-formes-des-poursuites` → did you mean `#les-formes-de-poursuites`?") in out
    assert (f"docs/01-addictions-et-addictologie/concept-addiction.md:{embed_line}: unknown diagram `equation-e-si` "
            "→ did you mean `equation-e-sic`?") in out


def test_malformed_diagram_stops_the_build_with_file_and_line(project_copy, tmp_path):
    bad = project_copy / "diagrams" / "cycle-du-changement.yml"
    text = bad.read_text(encoding="utf-8").replace("    next: [contemplation]\n", "    next: [contemplation\n", 1)
    bad.write_text(text, encoding="utf-8")
    proc = build_copy(project_copy, tmp_path)
    assert proc.returncode != 0
    assert re.search(r"diagrams/cycle-du-changement\.yml:\d+: invalid YAML", proc.stdout + proc.stderr)


def _env_with_path(path: str) -> dict:
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", PATH=path)


def test_missing_graphviz_says_how_to_install_it(project_copy, tmp_path):
    empty = tmp_path / "bin"
    empty.mkdir()
    proc = build_copy(project_copy, tmp_path, _env_with_path(str(empty)))
    assert proc.returncode != 0
    out = proc.stdout + proc.stderr
    assert "Graphviz (`dot`) is needed to draw the diagrams but was not found" in out
    assert "apt-get install graphviz" in out


def test_graphviz_failure_stops_the_build_with_its_message(project_copy, tmp_path):
    fake = tmp_path / "bin"
    fake.mkdir()
    dot = fake / "dot"
    dot.write_text("#!/bin/sh\nif [ \"$1\" = -V ]; then echo 'dot - graphviz version 0.0 (fake)' >&2; exit 0; fi\n"
                   "cat >/dev/null\necho \"Error: <stdin>: syntax error in line 12 near 'x'\" >&2\nexit 1\n")
    dot.chmod(dot.stat().st_mode | stat.S_IEXEC)
    proc = build_copy(project_copy, tmp_path, _env_with_path(f"{fake}:{os.environ.get('PATH', '')}"))
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert re.search(r"diagrams/[a-z0-9-]+\.yml:\d+: Graphviz could not draw the diagram \(fr\): "
                     r"Error: <stdin>: syntax error in line 12 near 'x'", out), out[-3000:]
