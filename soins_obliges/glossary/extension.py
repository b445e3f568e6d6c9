"""Python-Markdown extension: glossary references and automatic cross-links.

Markup:
- ``[[rechute]]`` → a link to the concept, showing its term; ``[[rechute|les rechutes]]`` shows the given text;
  an unknown id is an error (reported through ``on_error``, never dropped);
- ``[[!texte]]`` → the text, never linked (opt-out for a false positive);
- everything else: the first occurrence of each concept on the page is linked (configurable), never inside
  headings, links, code, abbreviations, diagrams, opt-out spans, or on the concept's own page.

A link is a real ``<a href>`` to the concept's entry (works without JavaScript) with ``data-term``; the page
carries the short definitions of the terms it links in one JSON script, for the popover (``glossary.js``).
"""
from __future__ import annotations

import difflib
import json
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from typing import Callable

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from .. import sanitize
from .matcher import Matcher, PageLinker
from .model import Glossary

SKIP_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "abbr", "kbd", "script", "style", "svg",
             "button", "summary", "dt"}
SKIP_CLASSES = {"so-nolink", "so-diagram", "admonition-title", "so-term", "so-cite", "so-source", "headerlink"}
REF = r"\[\[(!)?([^\]|\n]+?)(?:\|([^\]\n]+?))?\]\]"


@dataclass
class PageContext:
    """What the extension must know about the page being rendered."""

    src_uri: str = ""                    # e.g. "02-reponse-penale-et-addictions/spip.md"
    lang: str = "fr"                     # language of the page's text
    own_concept: str | None = None       # the concept whose entry this page is
    autolink: bool = True                # False: only explicit [[references]] are linked (e.g. the A-Z list)
    line_offset: int = 0                 # lines of front matter above the Markdown body
    file: str = ""                       # the file named in errors (the .en.md file on English pages); src_uri if empty
    source: str = ""                     # that file's text when it is not the Markdown (a generated page's YAML)


@dataclass
class GlossaryConfig:
    glossary: Glossary
    href: Callable[[str, str], str]      # (concept id, from src_uri) → relative link
    on_error: Callable[[str, int | None, str, str], None]
    first_only: bool = True
    page: PageContext = field(default_factory=PageContext)
    matchers: dict[str, Matcher] = field(default_factory=dict)
    last_linked: set[str] = field(default_factory=set)   # the concepts the last rendered page links

    def matcher(self, lang: str) -> Matcher:
        if lang not in self.matchers:
            self.matchers[lang] = (self.glossary.matcher(lang) if hasattr(self.glossary, "matcher")
                                   else Matcher(self.glossary.entries(lang), lang))
        return self.matchers[lang]


def _line_of(md: Markdown, pos_text: str) -> int | None:
    source = getattr(md, "_so_source", "")
    i = source.find(pos_text)
    return source.count("\n", 0, i) + 1 if i >= 0 else None


class RefInline(InlineProcessor):
    def __init__(self, pattern, md, cfg: GlossaryConfig):
        super().__init__(pattern, md)
        self.cfg = cfg

    def handleMatch(self, m, data):
        optout, ident, text = m.group(1), m.group(2).strip(), m.group(3)
        if optout:
            el = etree.Element("span", {"class": "so-nolink"})
            el.text = ident + (f"|{text}" if text else "")
            return el, m.start(0), m.end(0)
        concept = self.cfg.glossary.concepts.get(ident)
        if concept is None and ident in self.cfg.glossary.rejected:   # its own file's errors are reported
            el = etree.Element("span", {"class": "so-nolink so-broken-ref"})
            el.text = text or ident
            return el, m.start(0), m.end(0)
        if concept is None:
            close = difflib.get_close_matches(ident, list(self.cfg.glossary.concepts), n=1, cutoff=0.7)
            page = self.cfg.page
            if page.source:
                i = page.source.find(m.group(0))
                line = page.source.count("\n", 0, i) + 1 if i >= 0 else None
            else:
                line = _line_of(self.md, m.group(0))
                line = line + page.line_offset if line else None
            self.cfg.on_error(self.cfg.page.file or self.cfg.page.src_uri, line,
                              f"« {m.group(0)} »: unknown glossary concept `{ident}`",
                              f"did you mean [[{close[0]}]]?" if close else f"create glossary/{ident}.yml, or write [[!{ident}]] for plain text")
            el = etree.Element("span", {"class": "so-nolink so-broken-ref"})
            el.text = text or ident
            return el, m.start(0), m.end(0)
        el = etree.Element("a", {"href": self.cfg.href(ident, self.cfg.page.src_uri), "class": "so-term",
                                 "data-term": ident})
        el.text = text or concept.lang(self.cfg.page.lang).term
        self.md._so_linked.add(ident)
        return el, m.start(0), m.end(0)


class AutoLinkTree(Treeprocessor):
    def __init__(self, md, cfg: GlossaryConfig):
        super().__init__(md)
        self.cfg = cfg

    def run(self, root):
        page = self.cfg.page
        if not page.autolink:
            self._finish(root)
            return
        text = "".join(root.itertext())
        linker = PageLinker(self.cfg.matcher(page.lang), page_text=text, own_concept=page.own_concept,
                            first_only=self.cfg.first_only)
        linker.linked |= set(self.md._so_linked) if self.cfg.first_only else set()
        self._walk(root, linker)
        self.md._so_linked |= linker.linked
        self._finish(root)

    def _finish(self, root):
        self.cfg.last_linked = set(self.md._so_linked)     # what this page shows of the glossary (for rebuilds)
        data = definitions_script(self.cfg, sorted(self.md._so_linked))
        if data:
            # stashed raw HTML: the serializer would escape the JSON inside a <script> element
            holder = etree.SubElement(root, "p")
            holder.text = sanitize.trusted(self.md, data)

    def _skip(self, el) -> bool:
        if el.tag in SKIP_TAGS:
            return True
        classes = set((el.get("class") or "").split())
        return bool(classes & SKIP_CLASSES)

    def _walk(self, el, linker):
        if self._skip(el):
            return
        if el.text:
            new = self._split(el.text, linker)
            if new:
                el.text = new[0]
                for i, child in enumerate(new[1]):
                    el.insert(i, child)
        for child in list(el):
            self._walk(child, linker)
            if child.tail:
                new = self._split(child.tail, linker)
                if new:
                    child.tail = new[0]
                    idx = list(el).index(child)
                    for j, node in enumerate(new[1]):
                        el.insert(idx + 1 + j, node)

    def _split(self, text: str, linker):
        """Text → (leading text, [a elements with tails]) or None when nothing is linked."""
        if "\x02" in text or "\x03" in text:   # Python-Markdown placeholders (stashed HTML): leave them
            parts = re.split(r"(\x02[^\x03]*\x03)", text)
        else:
            parts = [text]
        matches_found = False
        lead, nodes = "", []
        for part in parts:
            if part.startswith("\x02"):
                if nodes:
                    nodes[-1].tail = (nodes[-1].tail or "") + part
                else:
                    lead += part
                continue
            pos = 0
            for m in linker.links(part):
                matches_found = True
                before = part[pos:m.start]
                if nodes:
                    nodes[-1].tail = (nodes[-1].tail or "") + before
                else:
                    lead += before
                a = etree.Element("a", {"href": self.cfg.href(m.concept, self.cfg.page.src_uri),
                                        "class": "so-term", "data-term": m.concept})
                a.text = part[m.start:m.end]
                nodes.append(a)
                pos = m.end
            rest = part[pos:]
            if nodes:
                nodes[-1].tail = (nodes[-1].tail or "") + rest
            else:
                lead += rest
        return (lead, nodes) if matches_found else None


def definitions_script(cfg: GlossaryConfig, linked: list[str]) -> str:
    """The short definitions of the linked terms, for the popover (one JSON script per page)."""
    if not linked:
        return ""
    from .pages import definition_html, sector_label

    lang = cfg.page.lang
    data = {}
    for cid in linked:
        c = cfg.glossary.concepts[cid]
        d = c.lang(lang)
        data[cid] = {"term": d.term, "sector": sector_label(c.sector, lang),
                     "definition": definition_html(d.definition), "href": cfg.href(cid, cfg.page.src_uri)}
    payload = json.dumps({"lang": lang, "terms": data}, ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/json" class="so-glossary-data">{payload}</script>'


class GlossaryExtension(Extension):
    def __init__(self, cfg: GlossaryConfig, **kwargs):
        self.cfg = cfg
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        md._so_linked = set()
        md.inlinePatterns.register(RefInline(REF, md, self.cfg), "so_glossary_ref", 175)
        # after inline processing (and abbr), before MkDocs rewrites relative links (priority 0)
        md.treeprocessors.register(AutoLinkTree(md, self.cfg), "so_glossary_autolink", 5)
        md.preprocessors.register(_KeepSource(md), "so_keep_source", 1000)
        md.registerExtension(self)

    def reset(self):
        pass


class _KeepSource:
    """Keeps the raw Markdown, to give line numbers in errors."""

    def __init__(self, md):
        self.md = md

    def run(self, lines):
        self.md._so_source = "\n".join(lines)
        self.md._so_linked = set()
        return lines


# Python-Markdown expects a Preprocessor subclass for registration
from markdown.preprocessors import Preprocessor  # noqa: E402

_KeepSource = type("_KeepSource", (Preprocessor,), dict(_KeepSource.__dict__))
