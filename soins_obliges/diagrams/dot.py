"""Diagram → Graphviz DOT source, in one language.

Colours are placeholders (``PALETTE``) that the SVG post-processing turns into CSS classes, so the site's light
and dark palettes (and print) apply. Links are placeholders ``so-link:N`` (N = index in the returned list),
replaced per page: the cached render does not depend on the page the diagram is shown on.
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


@dataclass
class DotSource:
    text: str
    links: list[Link] = field(default_factory=list)     # so-link:N → links[N]
    lines: dict[int, int] = field(default_factory=dict)  # DOT line → line in the diagram file


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
    def __init__(self, diagram: Diagram, lang: str):
        self.d, self.lang = diagram, lang
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
        lang, width = self.lang, self.d.wrap
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
        self.emit(f'  graph [rankdir={d.direction}, nodesep="0.14", ranksep="0.32", pad="0.06", '
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
            attrs = {"label": "\n".join(wrap(html.unescape(label_text(g.label.get(lang), lang)), d.wrap + 8)),
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
                    attrs["label"] = "\n".join(wrap(html.unescape(label_text(e.label.get(lang), lang)), 18))
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
        self.emit("}", 1)
        return DotSource("\n".join(self.out) + "\n", self.links, self.lines)


def to_dot(diagram: Diagram, lang: str) -> DotSource:
    """The DOT source of ``diagram`` with its ``lang`` labels."""
    return _Builder(diagram, lang).build()
