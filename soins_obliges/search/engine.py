"""The browser's search, replayed in Python on a built index: same tokenizer, same pipeline, same query
rewriting, same scoring and grouping as Material's search worker wrapped by ``docs/assets/search/worker.js``.

It uses ``lunr`` (the Python port of lunr.js 2.3.9, the version Material bundles) for the index and the query,
and ports the few pieces of Material's worker around it (``src/templates/assets/javascripts/integrations/
search``): the HTML-aware tokenizer, the query transform (trailing wildcards), the post-query boost
(``score * (1 + boost²)``, where boost = 1 for a page + share of query terms found) and the grouping of
sections under their page. The browser stays the ground truth (tests/browser/test_search.py types queries
into the real search box); this replica lets the golden set run in a unit of a second.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from lunr.builder import Builder
from lunr.pipeline import Pipeline
from lunr.query import QueryPresence
from lunr.query_parser import QueryParser
from lunr.stop_word_filter import WORDS as LUNR_EN_STOP_WORDS

from . import text


# ---------------------------------------------------------------- Material's tokenizer (internal/extract)

def extract_text_blocks(value: str) -> list[str]:
    """The text segments of an HTML string, as Material's ``extract`` visits them (tags skipped)."""
    out = []
    start = end = 0
    stack = 0
    n = len(value)
    while end < n:
        ch = value[end]
        if ch == "<" and end > start:
            out.append(value[start:end])
            start = end
        elif ch == ">":
            if value[start + 1:start + 2] == "/":
                stack -= 1
            elif value[end - 1:end] != "/":
                stack += 1
            start = end + 1
        end += 1
    if end > start:
        out.append(value[start:end])
    return out


def material_tokens(value, separator: re.Pattern) -> list[str]:
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    out = []
    for v in values:
        for block in extract_text_blocks(str(v)):
            out.extend(t.lower() for t in separator.split(block) if t)
    return out


# ---------------------------------------------------------------- Material's query transform (query/transform)

def material_transform(query: str) -> str:
    """``transform`` of Material's search: quoted phrases → required terms, stray operators removed, a trailing
    wildcard on each term without presence, boost or edit distance."""
    query = query.strip()
    parts = re.split(r'"([^"]+)"', query)
    query = "".join(re.sub(r"^\b|^(?![^\x00-\x7F]|$)|\s+", " +", p) if i % 2 else p for i, p in enumerate(parts))
    query = re.sub(r'"|(?:^|\s+)[*+\-:^~]+(?=\s+|$)', "", query)
    terms = [t for t in re.split(r"\s+", query) if t != ""] if query else []
    terms = [t + "1" if re.search(r"[~^]$", t) else t for t in terms]
    terms = [t if re.search(r"(^[+-]|[~^]\d+$)", t) else t + "*" for t in terms]
    return " ".join(terms)


# ---------------------------------------------------------------- results

@dataclass
class Item:
    location: str
    title: str
    score: float
    parent: str | None = None       # location of the page, for a section


@dataclass
class Group:
    """One result as the reader sees it: a page and its matching sections, best first."""

    page: Item
    sections: list[Item] = field(default_factory=list)

    @property
    def titles(self) -> list[str]:
        return [self.page.title] + [s.title for s in self.sections]


class SearchEngine:
    """One language's index, searchable like the browser searches it."""

    def __init__(self, index: dict):
        config = index["config"]
        so = config["so"]
        self.lang = so["lang"]
        self.stop = set(so["stopwords"])
        self.separator = re.compile(config["separator"])
        self.docs: dict[str, dict] = {}
        self.parent: dict[str, str] = {}
        for doc in index["docs"]:
            path = doc["location"].split("#", 1)[0]
            if path not in self.docs:
                self.docs[path] = doc
            else:
                self.docs[doc["location"]] = doc
                self.parent[doc["location"]] = path

        builder = Builder()
        builder.pipeline.reset()
        builder.search_pipeline.reset()
        lang, stop = self.lang, self.stop

        def so_key(token, i, tokens):       # the worker's pipeline function (soKey)
            k = text.key(str(token), lang, stop)
            return None if k is None else token.update(lambda s, m: k)

        Pipeline.register_function(so_key, f"soKey-{lang}-{id(self)}")
        builder.pipeline.add(so_key)
        builder.b(0)
        builder.ref("location")
        for name, spec in config["fields"].items():
            builder.field(name, spec.get("boost", 1),
                          extractor=lambda doc, name=name: (material_tokens(doc.get(name), self.separator)
                                                            if doc.get(name) is not None else None))
        for doc in index["docs"]:
            builder.add(doc, {"boost": doc["boost"]} if "boost" in doc else None)
        self.index = builder.build()

    def rewrite(self, query: str) -> str:
        return material_transform(text.rewrite_query(query, self.lang, self.stop))

    def search(self, query: str) -> list[Group]:
        q = self.rewrite(query)
        if not q:
            return []
        parsed = self.index.create_query()
        QueryParser(q, parsed).parse()
        clause_terms = [c.term.strip("*") for c in parsed.clauses if c.presence != QueryPresence.PROHIBITED]
        items: list[Item] = []
        for result in self.index.search(q):
            ref = result["ref"]
            doc = self.docs.get(ref)
            if doc is None:
                continue
            matched = list(result["match_data"].metadata.keys())
            terms: dict[str, bool] = {}
            remaining = list(dict.fromkeys(clause_terms))
            for t in matched:
                for c in list(remaining):
                    if t.startswith(c):
                        terms[c] = True
                        remaining.remove(c)
            for c in remaining:   # unmatched: "missing", unless a stop word (or, worker.js, a whole-form token)
                if c not in LUNR_EN_STOP_WORDS and not text.is_whole_token(c):
                    terms[c] = False
            found = sum(1 for v in terms.values() if v)
            boost = (0 if ref in self.parent else 1) + (found / len(terms) if terms else math.nan)
            score = result["score"] * (1 + boost ** 2)
            if math.isnan(score):
                score = 0.0
            items.append(Item(ref, doc["title"], score, self.parent.get(ref)))
        items.sort(key=lambda it: -it.score)          # stable, like Array.prototype.sort
        groups: dict[str, list[Item]] = {}
        for it in items:
            groups.setdefault(it.parent if it.parent is not None else it.location, []).append(it)  # the home page is ""
        out = []
        for page_loc, members in groups.items():
            page = next((m for m in members if m.location == page_loc), None)
            if page is None:
                page = Item(page_loc, self.docs[page_loc]["title"], 0.0)
            out.append(Group(page, [m for m in members if m is not page]))
        return out
