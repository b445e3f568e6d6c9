"""Diagram → Graphviz DOT source, in one language.

Colours are placeholders (``PALETTE``) that the SVG post-processing turns into CSS classes, so the site's light
and dark palettes (and print) apply. Links are placeholders ``so-link:N`` (N = index in the returned list),
replaced per page: the cached render does not depend on the page the diagram is shown on.

A ``Layout`` says how to draw for one width of column (``NARROW`` for phones: top to bottom, shorter lines;
``WIDE`` for desktops: the diagram's own direction and wrap); ``stack`` adds invisible arrows that draw a box below
another one (``soins_obliges.diagrams.fit`` chooses them until the drawing is narrow enough).
"""
from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass, field

from .. import typography
from .model import Diagram, Link, Node

FONT = "DejaVu Sans"   # layout font: wide, so that the site's (narrower) system font always fits in the boxes
LABEL_SIZE = 14
SMALL_SIZE = 12

# role → (placeholder colour written in the DOT, fallback colour kept in the SVG when no CSS applies)
PALETTE = {
    "fg": ("#010203", "#222222"),
    "bg": ("#fefefd", "#ffffff"),
    "muted": ("#5a5a5b", "#595959"),
    "line": ("#3a3a3b", "#666666"),
    "primary": ("#4051b6", "#4051b5"),
    "accent": ("#00bda6", "#00796b"),
    "tint": ("#e0f5f2", "#e0f2f1"),
    "cell": ("#fefefc", "transparent"),   # table cells: bounds read by the post-processing, then made transparent
}
PH = {role: ph for role, (ph, _) in PALETTE.items()}

NODE_STYLE = {
    "step": dict(shape="box", style="rounded,filled", color=PH["fg"], fillcolor=PH["bg"]),
    "start": dict(shape="box", style="rounded,filled", color=PH["primary"], fillcolor=PH["bg"], penwidth="2"),
    "end": dict(shape="box", style="rounded,filled", color=PH["primary"], fillcolor=PH["bg"], penwidth="2"),
    "decision": dict(shape="box", style="filled", color=PH["primary"], fillcolor=PH["bg"], penwidth="2"),
    "measure": dict(shape="box", style="rounded,filled", color=PH["accent"], fillcolor=PH["tint"], penwidth="1.5"),
    "note": dict(shape="note", style="filled,dashed", color=PH["muted"], fillcolor=PH["bg"]),
}


@dataclass(frozen=True)
class Layout:
    """How a diagram is drawn for one width of column."""

    name: str                       # "narrow" | "wide": CSS class of the SVG, part of the DOT (so of the cache key)
    max_width: int                  # CSS px: the drawing should fit a column this wide at its own size (1:1)
    wrap: int | None = None         # characters per line in boxes; None: the diagram's own ``wrap``
    edge_wrap: int = 18             # characters per line of arrow labels
    direction: str | None = None    # rankdir; None: the diagram's own ``direction``

    def wrap_of(self, diagram: Diagram) -> int:
        return min(diagram.wrap, self.wrap) if self.wrap else diagram.wrap

    def direction_of(self, diagram: Diagram) -> str:
        return self.direction or diagram.direction


# Content columns of Material's layout: 358 px on a 390-px phone (16-px margins), 686 px at 960 px (the narrowest
# column beside the navigation), 688 px at 1280×800. The CSS (docs/assets/diagrams.css) shows the wide drawing in a
# column of WIDE.max_width px or more, the narrow one below: each is then shown at its own size or smaller.
NARROW = Layout("narrow", 358, wrap=14, edge_wrap=14, direction="TB")
WIDE = Layout("wide", 680)


@dataclass
class DotSource:
    text: str
    links: list[Link] = field(default_factory=list)     # so-link:N → links[N]
    lines: dict[int, int] = field(default_factory=dict)  # DOT line → line in the diagram file
    layout: Layout | None = None                          # None: the diagram as written (no layout given)
    stack: tuple[tuple[str, str], ...] = ()               # (above, below) invisible arrows added by the layout


def label_text(text: str, lang: str) -> str:
    """Typography of a label: French non-breaking spaces on French labels (the page's pass skips SVG)."""
    text = " ".join(text.split())
    return typography.french_spacing(html.escape(text, quote=False)) if lang == "fr" else html.escape(text, quote=False)


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` characters, breaking at ordinary spaces only (never at a no-break space)."""
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [text]


def _q(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _attrs(d: dict) -> str:
    return ", ".join(f"{k}={v if k == 'label' and v.startswith('<') else _q(str(v))}" for k, v in d.items())


class _Builder:
    def __init__(self, diagram: Diagram, lang: str, layout: Layout | None = None,
                 stack: tuple[tuple[str, str], ...] = ()):
        self.d, self.lang, self.layout, self.stack = diagram, lang, layout, tuple(stack)
        self.wrap = layout.wrap_of(diagram) if layout else diagram.wrap
        self.edge_wrap = layout.edge_wrap if layout else 18
        self.direction = layout.direction_of(diagram) if layout else diagram.direction
        self.out: list[str] = []
        self.lines: dict[int, int] = {}
        self.links: list[Link] = []

    def emit(self, text: str, src_line: int = 1):
        self.out.append(text)
        self.lines[len(self.out)] = src_line

    def href(self, link: Link | None) -> str | None:
        if link is None:
            return None
        self.links.append(link)
        return f"so-link:{len(self.links) - 1}"

    def cell(self, lines: list[str], href: str | None, size: int = LABEL_SIZE, bold: bool = False,
             color: str | None = None) -> str:
        body = "<BR/>".join(lines)
        if bold:
            body = f"<B>{body}</B>"
        font = f'<FONT POINT-SIZE="{size}"' + (f' COLOR="{color}"' if color else "") + ">"
        attrs = f' BGCOLOR="{PH["cell"]}"' + (f' HREF="{href}"' if href else "")
        return f"<TR><TD{attrs}>{font}{body}</FONT></TD></TR>"

    def node_label(self, n: Node) -> str:
        lang, width = self.lang, self.wrap
        rows = [self.cell(wrap(label_text(n.label.get(lang), lang), width), self.href(n.link),
                          bold=n.kind in ("start", "end"), color=PH["muted"] if n.kind == "note" else None)]
        if n.detail:
            rows.append(self.cell(wrap(label_text(n.detail.get(lang), lang), width + 6), None, SMALL_SIZE,
                                  color=PH["muted"]))
        for cid in n.care:
            care = self.d.care[cid]
            href = self.href(care.link)
            text = "<BR/>".join(wrap(label_text(care.label.get(lang), lang), width + 4))
            rows.append(f'<TR><TD BGCOLOR="{PH["tint"]}" COLOR="{PH["accent"]}" BORDER="1" STYLE="rounded"'
                        + (f' HREF="{href}"' if href else "")
                        + f'><FONT POINT-SIZE="{SMALL_SIZE}">{text}</FONT></TD></TR>')
        return '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="3" CELLPADDING="1">' + "".join(rows) + "</TABLE>>"

    def node(self, n: Node, indent: str):
        attrs = dict(NODE_STYLE[n.kind])
        attrs["class"] = f"k-{n.kind}"
        attrs["label"] = self.node_label(n)
        self.emit(f"{indent}{_q(n.id)} [{_attrs(attrs)}];", n.line)

    def build(self) -> DotSource:
        d, lang = self.d, self.lang
        self.emit(f"digraph {_q(d.id)} {{", 1)
        layout = f'comment={_q("layout " + self.layout.name)}, ' if self.layout else ""
        self.emit(f'  graph [{layout}rankdir={self.direction}, nodesep="0.14", ranksep="0.32", pad="0.06", '
                  f'bgcolor="transparent", fontname={_q(FONT)}, fontsize={SMALL_SIZE}, fontcolor="{PH["muted"]}", '
                  f'labeljust="l", newrank="true", compound="true"];')
        self.emit(f'  node [fontname={_q(FONT)}, fontsize={LABEL_SIZE}, fontcolor="{PH["fg"]}", margin="0.06,0.03", '
                  f'penwidth="1.2"];')
        self.emit(f'  edge [fontname={_q(FONT)}, fontsize={SMALL_SIZE}, fontcolor="{PH["muted"]}", '
                  f'color="{PH["line"]}", arrowsize="0.7", penwidth="1.2"];')
        grouped: dict[str, list[Node]] = {}
        for n in d.nodes:
            if n.group:
                grouped.setdefault(n.group, []).append(n)
        for n in d.nodes:
            if not n.group:
                self.node(n, "  ")
        for gid, members in grouped.items():
            g = d.groups[gid]
            attrs = {"label": "\n".join(wrap(html.unescape(label_text(g.label.get(lang), lang)), self.wrap + 8)),
                     "style": "rounded,dashed", "color": PH["muted"], "class": "k-group"}
            href = self.href(g.link)
            if href:
                attrs["URL"] = href
            self.emit(f"  subgraph {_q('cluster_' + gid)} {{", g.line)
            self.emit(f"    graph [{_attrs(attrs)}];", g.line)
            for n in members:
                self.node(n, "    ")
            self.emit("  }", g.line)
        def endpoint(ident: str, first: bool) -> tuple[str, dict]:
            if ident in d.groups:       # an arrow to or from a whole group: drawn to its border (compound)
                members = d.members(ident)
                node = members[0] if first else members[-1]
                return node.id, {("lhead" if first else "ltail"): f"cluster_{ident}"}
            return ident, {}

        sources = [(n.id, n.next) for n in d.nodes] + [(g.id, g.next) for g in d.groups.values()]
        for source, edges in sources:
            for e in edges:
                tail, t_attrs = endpoint(source, first=False)
                head, h_attrs = endpoint(e.to, first=True)
                attrs = {**t_attrs, **h_attrs}
                if e.label:
                    attrs["label"] = "\n".join(wrap(html.unescape(label_text(e.label.get(lang), lang)), self.edge_wrap))
                if e.style == "dashed":
                    attrs["style"] = "dashed"
                elif e.style == "line":
                    attrs["dir"] = "none"
                if not e.constraint:
                    attrs["constraint"] = "false"
                attrs["class"] = f"e-{e.style}"
                self.emit(f"  {_q(tail)} -> {_q(head)} [{_attrs(attrs)}];", e.line)
        for n in d.nodes:
            if n.after:
                self.emit(f'  {_q(n.after)} -> {_q(n.id)} [style="invis"];', n.line)
        for above, below in self.stack:
            self.emit(f'  {_q(above)} -> {_q(below)} [style="invis"];', d.node(below).line)
        self.emit("}", 1)
        return DotSource("\n".join(self.out) + "\n", self.links, self.lines, self.layout, self.stack)


def to_dot(diagram: Diagram, lang: str, layout: Layout | None = None,
           stack: tuple[tuple[str, str], ...] = ()) -> DotSource:
    """The DOT source of ``diagram`` with its ``lang`` labels, drawn as ``layout`` says (None: as written), with
    the boxes of ``stack`` drawn below one another."""
    return _Builder(diagram, lang, layout, stack).build()
