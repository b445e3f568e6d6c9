"""Python-Markdown extension: a line ``::: diagram <id>`` becomes the diagram's figure (inline SVG + text version).

Markup (a line of its own, possibly indented inside a box or a list):

    ::: diagram f8-procedure-usage-stupefiants
    ::: diagram f10-cycle-du-changement table      (also show the diagram's table)

The host (MkDocs hook, or any Python-Markdown user) sets ``DiagramsConfig.page`` before each page. Problems are
reported through ``on_error(file, line, problem, fix)``, never dropped: an unknown diagram or option, a diagram
shown twice on a page, a link to an unknown page or concept, a render failure.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Callable

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from .. import sanitize
from .dot import to_dot
from .fit import views
from .html import figure_html
from .links import LinkChecker, page_url, relative_url, target_url
from .model import Diagram, Link
from .svg import Renderer, RendererMissing, RenderError

EMBED = re.compile(r"^(?P<indent>[ \t]*):::[ \t]+diagram\b[ \t]*(?P<id>[^\s]*)(?P<opts>(?:[ \t]+[^\s]+)*)[ \t]*$")
OPTIONS = ("table",)
_FENCE = re.compile(r"^[ \t]*(```|~~~)")


@dataclass
class PageContext:
    """The page being rendered."""

    src_uri: str = ""        # docs-relative path of the page (the French file's, e.g. "06-annexes/secret-professionnel.md")
    lang: str = "fr"         # language the diagrams are drawn in on this page
    line_offset: int = 0     # lines above the Markdown body (front matter), for error lines
    file: str = ""           # the file named in errors (the .en.md file on English pages); docs/<src_uri> if empty
    ids: set[str] = field(default_factory=set)   # HTML ids the diagrams put on the page (filled while rendering)
    shown: set[str] = field(default_factory=set)  # the diagrams shown on the page (filled while rendering)


@dataclass
class DiagramsConfig:
    diagrams: dict[str, Diagram]
    renderer: Renderer
    checker: LinkChecker
    on_error: Callable[[str, int | None, str, str], None]
    use_directory_urls: bool = True
    # development builds with a reduced glossary: a link to a concept it lacks is left unlinked (and counted)
    lenient_concepts: bool = False
    page: PageContext = field(default_factory=PageContext)
    rejected: set[str] = field(default_factory=set)   # diagram files that failed to load (their errors are reported)
    used_links: dict[tuple[str, str], tuple[Link, Diagram]] = field(default_factory=dict)
    unlinked: set[str] = field(default_factory=set)
    embedded_in: dict[str, set[str]] = field(default_factory=dict)   # diagram id → pages (src_uri)

    def href(self, link: Link, diagram: Diagram) -> str | None:
        """URL of ``link`` relative to the current page, or None (after reporting) when it does not resolve."""
        problems = self.checker.check(link, diagram.file)
        if problems:
            if link.concept and self.lenient_concepts:
                self.unlinked.add(link.concept)
                return None
            for p in problems:
                self.on_error(p.file, p.line, p.problem, p.fix)
            return None
        self.used_links[(diagram.id, link.raw)] = (link, diagram)
        here = page_url(self.page.src_uri, self.use_directory_urls)
        return relative_url(target_url(link, self.use_directory_urls), here)

    def render(self, diagram: Diagram, show_table: bool = False) -> str | None:
        """The figure's HTML on the current page, or None after reporting a render failure."""
        lang = self.page.lang
        dot = to_dot(diagram, lang)      # as written: Graphviz's error lines are read in it
        try:
            drawn = [(v, self.renderer.render(v.dot.text)) for v in views(diagram, lang, self.renderer.measure)]
        except RendererMissing as exc:
            self.on_error(diagram.file, None, str(exc).split(" → ")[0], str(exc).split(" → ", 1)[-1])
            return None
        except RenderError as exc:
            line = dot.lines.get(exc.dot_line, 1) if exc.dot_line else 1
            self.on_error(diagram.file, line, f"Graphviz could not draw the diagram ({lang}): {exc.message}",
                          "check the labels and ids near this line")
            return None
        (first, svg), *rest = drawn
        hrefs = [self.href(link, diagram) for link in first.dot.links]
        wide = (rest[0][1], [self.href(link, diagram) for link in rest[0][0].dot.links]) if rest else None
        return figure_html(diagram, lang, svg, hrefs, lambda link: self.href(link, diagram), show_table, wide=wide)


class DiagramPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, cfg: DiagramsConfig):
        super().__init__(md)
        self.cfg = cfg

    def error(self, index: int, problem: str, fix: str):
        page = self.cfg.page
        self.cfg.on_error(page.file or f"docs/{page.src_uri}", index + 1 + page.line_offset, problem, fix)

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        fence: str | None = None
        shown: set[str] = set()
        for i, line in enumerate(lines):
            f = _FENCE.match(line)
            if f:
                fence = None if fence == f.group(1) else (fence or f.group(1))
            m = EMBED.match(line) if fence is None else None
            if not m:
                out.append(line)
                continue
            out.extend(self.embed(i, m, shown))
        return out

    def embed(self, i: int, m: re.Match, shown: set[str]) -> list[str]:
        ident, opts = m.group("id"), m.group("opts").split()
        known = self.cfg.diagrams
        if not ident:
            self.error(i, "`::: diagram` without a diagram id", "write `::: diagram <id>` (a file of diagrams/)")
            return [""]
        if ident not in known and ident in self.cfg.rejected:   # its own file's errors are in the report
            return [""]
        if ident not in known:
            close = difflib.get_close_matches(ident, list(known), n=1)
            self.error(i, f"unknown diagram `{ident}`", f"did you mean `{close[0]}`?" if close else
                       f"create diagrams/{ident}.yml (known: {', '.join(sorted(known)) or 'none'})")
            return [""]
        for opt in opts:
            if opt not in OPTIONS:
                self.error(i, f"unknown option `{opt}` for diagram `{ident}`", f"options: {', '.join(OPTIONS)}")
        if ident in shown:
            self.error(i, f"diagram `{ident}` is shown twice on this page", "keep one `::: diagram` line")
            return [""]
        shown.add(ident)
        self.cfg.page.shown.add(ident)
        self.cfg.embedded_in.setdefault(ident, set()).add(self.cfg.page.src_uri)
        figure = self.cfg.render(known[ident], show_table="table" in opts)
        if figure is None:
            return [""]
        self.cfg.page.ids.update(re.findall(r'\bid="([^"]+)"', figure))
        indent = m.group("indent")
        return ["", indent + sanitize.trusted(self.md, figure), ""]


class DiagramsExtension(Extension):
    def __init__(self, cfg: DiagramsConfig, **kwargs):
        self.cfg = cfg
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown):
        # after normalize_whitespace (30, which strips the stash markers), before fenced code (25) and HTML
        # blocks (20): line numbers are still the file's
        md.preprocessors.register(DiagramPreprocessor(md, self.cfg), "so_diagrams", 29)
        md.registerExtension(self)
