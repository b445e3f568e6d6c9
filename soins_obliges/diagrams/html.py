"""The HTML of a diagram on a page: a ``<figure>`` with its title, source, the inline SVG (``<title>``/``<desc>``),
a legend, an optional table, and the text version generated from the same source (a list in ``<details>``).

A diagram too wide for a phone has two drawings (``soins_obliges.diagrams.fit``): the narrow one first, then the
wide one, both inline; the CSS shows one of them according to the column's width and hides the other with
``display: none`` (not read twice, not focusable). The ids inside the wide drawing end in ``--wide`` (node ids
cannot contain ``--``), so the page's ids stay unique; the figure's and the text version's ids are outside both."""
from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from typing import Callable

from .. import typography
from ..provenance import compact
from ..tables import CORNER, label_table
from .model import Diagram, Link, Node
from .svg import DESC_ID, TITLE_ID

T = {
    "fr": {
        "source": "Source\u00a0: guide <cite>Soins obligés en addictologie</cite> (2020), p.\u00a0{pages}",
        "reconstruction": "Reconstruction",
        "text": "Version texte du schéma",
        "care": "Soins possibles\u00a0:",
        "legend_care": "mesure de soin qui peut être ordonnée à cette étape",
        "legend_link": "Touchez une case soulignée pour ouvrir la section ou la définition correspondante.",
        "with": "lien avec",
    },
    "en": {
        "source": "Source: the guide <cite>Soins obligés en addictologie</cite> (2020), {abbr}\u00a0{pages}",
        "reconstruction": "Reconstruction",
        "text": "Text version of the diagram",
        "care": "Care that can be ordered:",
        "legend_care": "care measure that can be ordered at this stage",
        "legend_link": "Tap an underlined box to open the matching section or definition.",
        "with": "linked with",
    },
}
WIDE_SUFFIX = "--wide"     # ids inside the wide drawing
_HREF = re.compile(r'href="so-link:(\d+)"')


def _t(text: str, lang: str) -> str:
    """Escaped text with the language's typography."""
    text = html.escape(" ".join(text.split()), quote=False)
    return typography.french_spacing(text) if lang == "fr" else text


def source_line(d: Diagram, lang: str) -> str:
    if not d.source_pages:
        return ""
    pages = compact(d.source_pages, "-" if lang == "fr" else "–")
    return T[lang]["source"].format(pages=pages, abbr="p." if len(d.source_pages) == 1 else "pp.")


def _a(label_html: str, href: str | None, cls: str = "") -> str:
    if not href:
        return label_html
    return f'<a href="{html.escape(href)}"' + (f' class="{cls}"' if cls else "") + f">{label_html}</a>"


def text_version(d: Diagram, lang: str, href: Callable[[Link], str | None], prefix: str) -> str:
    """The diagram as a list: one numbered item per box, in file order (boxes of a group nested under it), each
    with its details, care tags and where its arrows lead."""
    number = {n.id: i + 1 for i, n in enumerate(d.nodes)}
    t = T[lang]

    def arrows(edges) -> str:
        if not edges:
            return ""
        out = []
        for e in edges:
            target = d.target(e.to)
            label = f"{_t(e.label.get(lang), lang)} " if e.label else ""
            num = f"{number[e.to]}.\u00a0" if e.to in number else ""
            arrow = f"{t['with']}\u00a0:" if e.style == "line" and lang == "fr" else (
                f"{t['with']}" if e.style == "line" else "→")
            out.append(f'<li>{label}{arrow} <a href="#{prefix}-{e.to}">{num}{_t(target.label.get(lang), lang)}</a></li>')
        return "<ul>" + "".join(out) + "</ul>"

    def item(n: Node) -> str:
        parts = [f'<strong>{_a(_t(n.label.get(lang), lang), href(n.link) if n.link else None)}</strong>']
        if n.detail:
            parts.append(f" — {_t(n.detail.get(lang), lang)}")
        if n.care:
            tags = ", ".join(_a(_t(d.care[c].label.get(lang), lang), href(d.care[c].link) if d.care[c].link else None)
                             for c in n.care)
            parts.append(f'<br><span class="so-diagram__care-list">{t["care"]} {tags}</span>')
        parts.append(arrows(n.next))
        return f'<li id="{prefix}-{n.id}" value="{number[n.id]}">' + "".join(parts) + "</li>"

    out: list[str] = []
    i = 0
    while i < len(d.nodes):
        n = d.nodes[i]
        if not n.group:
            out.append(item(n))
            i += 1
            continue
        g = d.groups[n.group]
        members = []
        while i < len(d.nodes) and d.nodes[i].group == g.id:
            members.append(d.nodes[i])
            i += 1
        title = _a(_t(g.label.get(lang), lang), href(g.link) if g.link else None)
        out.append(f'<li class="so-diagram__group" id="{prefix}-{g.id}"><strong>{title}</strong>'
                   f'<ol start="{number[members[0].id]}">' + "".join(item(m) for m in members) + "</ol>"
                   + arrows(g.next) + "</li>")
    return f'<ol class="so-diagram__steps">{"".join(out)}</ol>'


def table_html(d: Diagram, lang: str) -> str:
    if not d.table:
        return ""
    tb = d.table[lang]
    head = "".join(f"<th>{_t(c, lang)}</th>" for c in tb.columns)
    rows = "".join("<tr>" + "".join(f"<td>{_t(c, lang)}</td>" for c in r) + "</tr>" for r in tb.rows)
    caption = f"<caption>{_t(tb.caption, lang)}</caption>" if tb.caption else ""
    # labelled like the pages' tables (soins_obliges.tables): cards on a phone, nothing scrolls sideways (so the
    # table needs no tab stop of its own)
    table = etree.fromstring(f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
    label_table(table, CORNER[lang], lang)
    return etree.tostring(table, encoding="unicode", method="html")


def _svg_on_page(svg: str, hrefs: list[str | None], title: str, desc: str, ids: str, view: str | None) -> str:
    """A cached render made ready for the page: links filled in, ``<title>``/``<desc>`` with ids ``<ids>-title`` and
    ``<ids>-desc``, the view's class (``so-diagram__svg--narrow`` / ``--wide``)."""
    def sub(m):
        url = hrefs[int(m.group(1))]
        return f'href="{html.escape(url)}"' if url else ""

    svg = _HREF.sub(sub, svg)
    svg = re.sub(r"<a >(.*?)</a>", r"\1", svg)  # links left unlinked: drop the empty <a>
    svg = svg.replace(TITLE_ID, f"{ids}-title").replace(DESC_ID, f"{ids}-desc")
    if view:
        # the wide drawing repeats the narrow one's words: Material's search indexes the narrow one only
        extra = " data-search-exclude" if view == "wide" else ""
        svg = svg.replace('class="so-diagram__svg"', f'class="so-diagram__svg so-diagram__svg--{view}"{extra}', 1)
    head_end = svg.index(">") + 1
    return (svg[:head_end] + f'<title id="{ids}-title">{title}</title><desc id="{ids}-desc">{desc}</desc>'
            + svg[head_end:])


def figure_html(d: Diagram, lang: str, svg: str, hrefs: list[str | None], href: Callable[[Link], str | None],
                show_table: bool = False, page_lang: str | None = None,
                wide: tuple[str, list[str | None]] | None = None) -> str:
    """The whole figure. ``svg`` is the cached render (with ``so-link:N`` placeholders); ``hrefs[N]`` is the URL
    of link N on this page, or None to leave that box unlinked. ``wide``: the wide drawing and its URLs, when the
    diagram has two drawings (``svg`` being then the narrow one)."""
    t = T[lang]
    meta = d.meta[lang]
    prefix = f"schema-{d.id}"
    title = _t(meta.title, lang)
    sep = "\u00a0:" if lang == "fr" else ":"
    desc = _t(meta.desc, lang)
    if meta.reconstruction:
        desc += f" {t['reconstruction']}{sep} {_t(meta.reconstruction, lang)}"
    drawings = _svg_on_page(svg, hrefs, title, desc, prefix, "narrow" if wide else None)
    if wide:
        drawings += _svg_on_page(wide[0], wide[1], title, desc, prefix + WIDE_SUFFIX, "wide")

    parts = [f'<figure class="so-diagram" id="{prefix}" lang="{lang}">']
    source = source_line(d, lang)
    credit = f" — {_t(meta.credit, lang)}" if meta.credit else ""
    parts.append(f'<figcaption class="so-diagram__caption"><span class="so-diagram__title">{title}</span>'
                 + (f'<span class="so-diagram__source">{source}{credit}</span>' if source or credit else "")
                 + "</figcaption>")
    if meta.reconstruction:
        parts.append(f'<p class="so-diagram__reconstruction"><strong>{t["reconstruction"]}{sep}</strong> '
                     f"{_t(meta.reconstruction, lang)}</p>")
    parts.append(f'<div class="so-diagram__views">{drawings}</div>')
    legend = []
    if any(n.care for n in d.nodes):
        legend.append(f'<span class="so-diagram__tag" aria-hidden="true"></span> {t["legend_care"]}')
    if d.links():
        legend.append(t["legend_link"])
    if legend:
        parts.append('<p class="so-diagram__legend">' + "<br>".join(legend) + "</p>")
    if show_table:
        parts.append(table_html(d, lang))
    parts.append(f'<details class="so-diagram__text"><summary>{t["text"]}</summary>'
                 f"{text_version(d, lang, href, prefix)}</details>")
    parts.append("</figure>")
    return "".join(parts)
