"""Python-Markdown extension: code article citations detected in the text, checked against the registry and
linked to Légifrance.

A treeprocessor (priority 12: after inline processing at 20, before the glossary's autolinker at 5, the abbr and
attr_list treeprocessors and MkDocs' link rewriting at 0) walks the text of the page in document order:

- each citation becomes ``<a class="so-cite" href="https://www.legifrance.gouv.fr/…" title="…" data-cite="cp-132-45">``
  (one link per article in lists and ranges, inside ``<span class="so-cite so-cite-group">``), so the glossary
  never links words inside a citation;
- an article gone since 2020, cited as historical, gets a visible badge (« abrogé » / « déplacé ») and its
  successor; an article changed since 2020 gets a badge on its first occurrence on the page;
- every problem (unknown article, wrong code, gone article not marked « ancien », article not reviewed) is
  reported through ``on_error(file, line, problem, fix)``, with the line in the source file;
- a page citing the legislative part of the code de procédure pénale gets the 2029 recodification notice once,
  after the block of its first such citation;
- the details of the linked articles ride with the page in one JSON script, for the popover (``legal.js``).

Citations inside headings and existing links are checked but not linked.
"""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from typing import Callable

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from .. import sanitize
from .checker import Result, check, english_date, french_date, tooltip
from .codes import CODES, anchor, display, is_legislative
from .parser import Citation, ParseState, find_citations, find_malformed
from .registry import INDEX_DATE, LINK_LABELS, RECODIFICATION, Registry, law_state, reviewed_on, status_label
from .scan import mask

SKIP_TAGS = {"code", "pre", "script", "style", "svg", "kbd", "samp", "math"}
CHECK_ONLY_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "a", "abbr", "title"}
SKIP_CLASSES = {"so-cite", "so-diagram", "so-legal-notice", "so-nocite"}
NOTICE_ID = "so-cpp-2029"

def page_link_label(cites, lang: str) -> str:
    """The popover's outbound link label for a page (``legal.js`` shows one label per page): « Lire l'article… »
    when every article of the page opens directly, « Chercher l'article… » when none does, else a label true of
    both. Each article's own label rides with it (``more``)."""
    kinds = {c["opensArticle"] for c in cites}
    if kinds == {True}:
        return LINK_LABELS[lang]["article"]
    if kinds == {False}:
        return LINK_LABELS[lang]["search"]
    return LABELS[lang]["legifrance"]


LABELS = {
    "fr": {"legifrance": "Voir l'article ou le chercher sur Légifrance", "refs": "Toutes les références juridiques", "close": "Fermer",
           "changes": "Depuis 2020", "medium": "Point à confirmer sur Légifrance.", "status": "Statut",
           "recod_title": "Code de procédure pénale : numérotation appelée à changer",
           "successor": "Aujourd'hui", "dialog": "Référence juridique"},
    "en": {"legifrance": "See or search for the article on Légifrance", "refs": "All legal references", "close": "Close",
           "changes": "Since 2020", "medium": "To be confirmed on Légifrance.", "status": "Status",
           "recod_title": "Code of Criminal Procedure: numbers due to change",
           "successor": "Now", "dialog": "Legal reference"},
}


@dataclass
class PageContext:
    """What the extension must know about the page being rendered (set by the host for each page)."""

    src_uri: str = ""            # docs-relative path, for messages
    lang: str = "fr"             # language of the page's text (labels, summaries)
    file: str = ""               # file named in errors: docs/…md, or glossary/….yml for generated glossary pages
    source: str = ""             # the text of that file, to find the line of a citation (front matter included)
    line_offset: int = 0         # without ``source``: lines above the Markdown body (front matter)
    enabled: bool = True         # False on the generated references page
    refs_md: str = "references-juridiques.md"    # link to the references page, as a Markdown path from the page
    refs_url: str = "references-juridiques/"     # the same, as a final URL (for the popover's JSON)


@dataclass
class Found:
    """A citation found on a page, with its verdicts (kept for tests, benchmarks and the host)."""

    page: str
    line: int | None
    citation: Citation
    result: Result
    linked: bool


@dataclass
class LegalConfig:
    registry: Registry
    on_error: Callable[[str, int | None, str, str], None]
    page: PageContext = field(default_factory=PageContext)
    found: list[Found] = field(default_factory=list)     # every citation of the pages rendered so far


class _Locator:
    """Finds the line of a citation in the source, in document order (the first unread occurrence)."""

    def __init__(self, source: str, offset: int):
        self.text = mask(source)
        self.offset = offset
        self.cursor = 0

    def line(self, cit: Citation) -> int | None:
        words = [re.escape(w) for w in re.split(r"\s+", cit.text.strip()) if w]
        candidates = [r"\s+".join(words)] if words else []
        candidates.append(re.escape(cit.refs[0].raw).replace(r"\ ", r"\s*"))
        for rx in candidates:
            for start in (self.cursor, 0):
                m = re.compile(rx).search(self.text, start)
                if m:
                    if start == self.cursor:
                        self.cursor = m.end()
                    return self.text.count("\n", 0, m.start()) + 1 + self.offset
        return None


def _classes(el) -> set[str]:
    return set((el.get("class") or "").split())


class CitationTree(Treeprocessor):
    def __init__(self, md, cfg: LegalConfig):
        super().__init__(md)
        self.cfg = cfg

    # ------------------------------------------------------------------------------------------ walking
    def run(self, root):
        page = self.cfg.page
        self.md._so_legal_data = {}
        if not page.enabled:
            return
        self.state = ParseState()
        # lines: in the source file when the host gives it (front matter included), else in the Markdown + offset
        self.locator = (_Locator(page.source, 0) if page.source
                        else _Locator(getattr(self.md, "_so_legal_body", ""), page.line_offset))
        self.badged: set[str] = set()
        self.reported: set[tuple] = set()
        self.first_cpp = None
        self._walk(root, linkable=True)
        if self.first_cpp is not None:
            self._insert_notice(root)
        if self.md._so_legal_data:
            # one JSON script at the end of the page (a tree element: postprocessors also run on heading names)
            lang = page.lang
            labels = dict(LABELS[lang], legifrance=page_link_label(self.md._so_legal_data.values(), lang))
            payload = {"lang": lang, "labels": labels, "recod": RECODIFICATION[lang], "cites": self.md._so_legal_data}
            data = json.dumps(payload, ensure_ascii=False).replace("</", "<\\/").replace("<!--", "<\\!--")
            holder = etree.SubElement(root, "p")
            holder.text = sanitize.trusted(self.md, f'<script type="application/json" class="so-legal-data">{data}</script>')

    def _walk(self, el, linkable: bool):
        if el.tag in SKIP_TAGS or _classes(el) & SKIP_CLASSES:
            return
        here = linkable and el.tag not in CHECK_ONLY_TAGS
        children = list(el)         # before inserting links: their tails are text already read
        if el.text:
            new = self._split(el.text, here, el)
            if new:
                el.text = new[0]
                for i, node in enumerate(new[1]):
                    el.insert(i, node)
        for child in children:
            self._walk(child, here)
            if child.tail:
                new = self._split(child.tail, here, el)
                if new:
                    child.tail = new[0]
                    idx = list(el).index(child)
                    for j, node in enumerate(new[1]):
                        el.insert(idx + 1 + j, node)

    # ------------------------------------------------------------------------------------------ one text
    def _split(self, text: str, linkable: bool, parent):
        cits = find_citations(text, self.state, self.cfg.page.lang)
        for start, end, bad in find_malformed(text):
            if not any(c.start <= start < c.end for c in cits):
                self._malformed(bad)
        if not cits:
            return None
        lead, nodes = "", []
        pos = 0

        def add_text(s: str):
            nonlocal lead
            if nodes:
                nodes[-1].tail = (nodes[-1].tail or "") + s
            else:
                lead += s

        for cit in cits:
            res = check(cit, self.cfg.registry)
            line = self.locator.line(cit)
            self._report(res, line)
            linked = linkable and any(v.ok for v in res.verdicts)
            self.cfg.found.append(Found(self.cfg.page.src_uri, line, cit, res, linked))
            add_text(text[pos:cit.start])
            if linked:
                for node in self._render(cit, res):
                    if isinstance(node, str):
                        add_text(node)
                    else:
                        nodes.append(node)
            else:
                add_text(text[cit.start:cit.end])
            if self.first_cpp is None and cit.code == "CPP" and any(is_legislative(r.num) for r in cit.refs):
                self.first_cpp = nodes[-1] if linked and nodes else parent
            pos = cit.end
        add_text(text[pos:])
        return lead, nodes

    def _malformed(self, bad: str):
        page = self.cfg.page
        source = page.source or getattr(self.md, "_so_legal_body", "")
        words = [re.escape(w) for w in bad.split()]
        m = re.search(r"\s+".join(words), source) if words else None
        line = (source.count("\n", 0, m.start()) + 1 + (0 if page.source else page.line_offset)) if m else None
        if (line, bad) in self.reported:
            return
        self.reported.add((line, bad))
        self.cfg.on_error(page.file or page.src_uri, line, f"« {' '.join(bad.split())} »: a citation without an article "
                          "number the build can check",
                          "write the full number, e.g. « article L. 3413-1 du code de la santé publique », or reword "
                          "without « article » if no article is meant")

    def _report(self, res: Result, line: int | None):
        page = self.cfg.page
        for p in res.problems:
            key = (line, p.problem)
            if key in self.reported:
                continue
            self.reported.add(key)
            self.cfg.on_error(page.file or page.src_uri, line, p.problem, p.fix)

    # ------------------------------------------------------------------------------------------ rendering
    def _link(self, text: str, v, extra_class: str = "", number: tuple[int, int] | None = None) -> etree.Element:
        """The link; ``number`` (span of the article number in ``text``) is kept on one line (« 41-1 » never breaks)."""
        e = v.entry
        lang = self.cfg.page.lang
        key = anchor(e.code, e.num)
        a = etree.Element("a", {"href": v.url, "class": ("so-cite " + extra_class).strip(), "data-cite": key,
                                "title": tooltip(e, lang, link_label=self.cfg.registry.link_label(e.code, e.num, lang)), "hreflang": "fr", "rel": "external"})
        if number:
            a.text = text[:number[0]]
            num = etree.SubElement(a, "span", {"class": "so-cite-num"})
            num.text = text[number[0]:number[1]]
            num.tail = text[number[1]:]
        else:
            a.text = text
        self._remember(e, v.url)
        return a

    def _badges(self, v) -> list:
        """Badges after an article: gone (always, with successors) or changed (first time on the page)."""
        e = v.entry
        lang = self.cfg.page.lang
        out = []
        key = anchor(e.code, e.num)
        if v.gone:
            span = etree.Element("span", {"class": f"so-cite-badge so-cite-badge--{e.status}"})
            span.text = status_label(e.status, lang)
            out += [" ", span]
            if e.successors:
                succ = etree.Element("span", {"class": "so-cite-successor"})
                succ.text = "→ "
                last = None
                for i, s in enumerate(e.successors):
                    if i:
                        last.tail = (last.tail or "") + ", "
                    se = self.cfg.registry.entry(s.code, s.num)
                    url = self.cfg.registry.url(s.code, s.num)
                    a = etree.SubElement(succ, "a", {"href": url, "class": "so-cite", "hreflang": "fr", "rel": "external",
                                                     "data-cite": anchor(s.code, s.num),
                                                     "title": (tooltip(se, lang, link_label=self.cfg.registry.link_label(s.code, s.num, lang)) if se
                                                               else f"{CODES[s.code].title(lang)}, {display(s.num)}")})
                    a.text = s.label(lang, e.code)
                    if se:
                        self._remember(se, url)
                    last = a
                out += [" ", succ]
        elif e.changed_since_2020 and key not in self.badged:
            self.badged.add(key)
            span = etree.Element("span", {"class": f"so-cite-badge so-cite-badge--{e.status}"})
            span.text = status_label(e.status, lang)
            out += [" ", span]
        return out

    def _render(self, cit: Citation, res: Result) -> list:
        """The citation as nodes (elements, and strings for text between them)."""
        verdicts = {id(v.ref): v for v in res.verdicts}
        if len(cit.refs) == 1:
            v = verdicts[id(cit.refs[0])]
            ref = cit.refs[0]
            return [self._link(cit.text, v, "so-cite--gone" if v.gone else "",
                               (ref.start - cit.start, ref.end - cit.start)), *self._badges(v)]
        group = etree.Element("span", {"class": "so-cite so-cite-group"})
        group.text = ""
        pos = cit.start
        last = None

        def put(s: str):
            if last is None:
                group.text += s
            else:
                last.tail = (last.tail or "") + s

        for ref in cit.refs:
            v = verdicts[id(ref)]
            put(cit.text[pos - cit.start:ref.start - cit.start])
            if v.ok:
                for node in [self._link(ref.raw, v, "so-cite--gone" if v.gone else ""), *self._badges(v)]:
                    if isinstance(node, str):
                        put(node)
                    else:
                        group.append(node)
                        last = node
            else:
                put(ref.raw)
            pos = ref.end
        put(cit.text[pos - cit.start:])
        return [group]

    def _remember(self, e, url: str):
        lang = self.cfg.page.lang
        key = anchor(e.code, e.num)
        if key in self.md._so_legal_data:
            return
        state, reviewed = law_state(lang, self.cfg.registry.index_date), reviewed_on(e.verified_on, lang)
        opens = self.cfg.registry.opens_article(e.code, e.num)
        self.md._so_legal_data[key] = {
            "title": (f"{CODES[e.code].title(lang)}, article {display(e.num)}" if lang == "fr"
                      else f"{CODES[e.code].title(lang)}, Article {display(e.num)}"),
            "summary": e.summary[lang],
            "status": status_label(e.status, lang), "statusKey": e.status,
            "changes": (e.changes or {}).get(lang, ""),
            "successors": ", ".join(s.label(lang, e.code) for s in e.successors),
            "medium": e.confidence == "medium",
            "recod": e.recodified_2029,
            # two separate facts: the date of the law (index) and the date of our review of the entry
            "verified": f"{state}. {reviewed}.",
            "lawState": state, "reviewed": reviewed,
            "url": url,
            "opensArticle": opens,
            "more": LINK_LABELS[lang]["article" if opens else "search"],
            "refs": f"{self.cfg.page.refs_url}#{key}",
        }

    # ------------------------------------------------------------------------------------------ CPP notice
    def _insert_notice(self, root):
        lang = self.cfg.page.lang
        parents = {c: p for p in root.iter() for c in p}
        top = self.first_cpp
        while top in parents and parents[top] is not root:
            top = parents[top]
        notice = etree.Element("div", {"class": "admonition info so-legal-notice", "id": NOTICE_ID, "role": "note"})
        title = etree.SubElement(notice, "p", {"class": "admonition-title"})
        title.text = LABELS[lang]["recod_title"]
        p = etree.SubElement(notice, "p")
        p.text = RECODIFICATION[lang] + " "
        a = etree.SubElement(p, "a", {"href": f"{self.cfg.page.refs_md}#cpp"})
        a.text = LABELS[lang]["refs"]
        a.tail = "."
        children = list(root)
        if top in children:
            idx = children.index(top)
            if "footnote" in _classes(top):
                root.insert(idx, notice)
            else:
                root.insert(idx + 1, notice)
        else:
            root.append(notice)


class _KeepBody(Preprocessor):
    """Keeps the Markdown as given, for line numbers when the host does not pass the source file."""

    def run(self, lines):
        self.md._so_legal_body = "\n".join(lines)
        return lines


class LegalExtension(Extension):
    def __init__(self, cfg: LegalConfig, **kwargs):
        self.cfg = cfg
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown):
        md._so_legal_data = {}
        md.treeprocessors.register(CitationTree(md, self.cfg), "so_legal_citations", 12)
        md.preprocessors.register(_KeepBody(md), "so_legal_body", 1001)
        md.registerExtension(self)

    def reset(self):
        pass


