"""The search index in pieces: what a reader's first query downloads is what that query needs.

Why not the whole index: the words of the guide and the glossary weigh ≈ 216 KB gzip per language by themselves
(the full Material/lunr index, 255 KB), fetched before the first result; Pagefind, measured on the same site and
golden set (benchmarks/search_pagefind.py), costs 147–163 KB for a first query (its WebAssembly alone is 70 KB)
and finds 87–97 % of the golden set (no typo tolerance, no acronym ↔ expansion). So the index is built here with
lunr's weights (BM25 as lunr's Builder computes it, with the same analysis: :func:`postings`; :mod:`.engine`, lunr
itself, is the reference it is tested against), then cut:

- ``search_index.json``: the configuration only (Material's bundle fetches this file when the search opens);
- ``so/lexicon.json``: every indexed word (sorted, front-coded: one line per word, a character giving how many
  letters it shares with the previous word, then the rest), the page of each entry, and each page's address
  and plain-text title;
- ``so/t/<ab>.json``: the postings of the words that start with ``ab``: per word a flat list
  ``[field, entry, weight, …]``, where weight is lunr's BM25 weight of that word in that field of that entry
  (field and entry boosts included);
- ``so/d/<n>.json``: for page n (its entry number) and each of its sections: anchor, title, opening words (the
  result snippet). Loaded for the first results only: further results show their page's title alone.

The browser (``docs/assets/search/worker.js``) loads the lexicon when the search opens, then per query the
postings files of the words the query reaches (prefix, exact, typo-tolerant) and the snippet files of the first
results. :class:`ShardedSearch` is the same search in Python, on the same files: the golden set runs on it,
a browser test compares it with the worker.

Scoring, as lunr 2.3.9 then Material's worker do it: each clause adds its boost to the query vector for every
word it reaches; an entry's score is Σ_words q·w / |q| over its matching fields; Material multiplies it by
1 + (is a page + share of query words found)², sorts, and groups sections under their page.
"""
from __future__ import annotations

import hashlib
import html
import json
import math
import re
from bisect import bisect_left
from dataclasses import dataclass, field

from . import text
from .engine import LUNR_EN_STOP_WORDS, Group, Item, extract_text_blocks, material_tokens

SNIPPET = 280            # characters of plain text kept per entry for its result snippet (≈ 5 lines on a phone)
TEXT_GROUPS = 10         # results shown with a snippet (Material renders the first 10 at once, more on scrolling)
SHARD_PREFIX = 2
FRONT_MAX = 40          # front coding: at most this many shared letters (one character, '0' + n)
_SPACE = re.compile(r"\s+")
_BLOCK = re.compile(r"</?(?:p|li|ul|ol|dl|dt|dd|h[1-6]|div|table|tr|td|th|blockquote|section|br)\b[^>]*>", re.I)


def plain(value: str) -> str:
    """The text of an index field (HTML) as the reader sees it: tags dropped (a block's edge becomes a space, so
    « rechute</p><p>Définition » does not read « rechuteDéfinition »), entities decoded, spaces folded."""
    return _SPACE.sub(" ", html.unescape("".join(extract_text_blocks(_BLOCK.sub(" ", value or ""))))).strip()


def snippet(value: str, size: int = SNIPPET) -> str:
    t = plain(value)
    if len(t) <= size:
        return t
    cut = t.rfind(" ", 0, size)
    return t[: cut if cut > size // 2 else size].rstrip(" ,;:") + " …"


def shard_of(term: str) -> str:
    return term[:SHARD_PREFIX]


def _weight(w: float) -> float:
    return float(f"{w:.4g}")


# ------------------------------------------------------------------------------------------------ export

@dataclass
class Export:
    manifest: dict
    lexicon: dict
    shards: dict[str, dict[str, list]]
    snippets: dict[int, dict[str, list]]

    def files(self) -> dict[str, bytes]:
        """Relative path (under the edition's ``search/``) → content."""
        dump = lambda o: json.dumps(o, ensure_ascii=False, separators=(",", ":")).encode("utf-8")  # noqa: E731
        out = {"so/lexicon.json": dump(self.lexicon)}
        out.update({f"so/t/{p}.json": dump(v) for p, v in self.shards.items()})
        out.update({f"so/d/{n}.json": dump(v) for n, v in self.snippets.items()})
        digest = hashlib.sha256(b"".join(k.encode() + v for k, v in sorted(out.items()))).hexdigest()[:12]
        manifest = json.loads(json.dumps(self.manifest))
        manifest["config"]["so"]["version"] = digest
        out["search_index.json"] = dump(manifest)
        return out


K1, B = 1.2, 0.0          # lunr's BM25 parameters as Material sets them (this.b(0))


def postings(index: dict) -> dict[str, list]:
    """Each indexed word → ``[field, entry, weight, …]``: the field vectors lunr's Builder computes (lunr.py 0.8,
    Material's tokenizer, our ``soKey`` pipeline; see :class:`.engine.SearchEngine`), computed directly: lunr.py
    takes ≈ 3 s per language for what is needed here in a fraction. tests/unit/test_search_sharded.py and the
    build test compare the rankings with lunr's."""
    config = index["config"]
    so = config["so"]
    lang, stop = so["lang"], set(so["stopwords"])
    separator = re.compile(config["separator"])
    fields = list(config["fields"])
    boosts = [config["fields"][f].get("boost", 1) for f in fields]
    memo: dict[str, str | None] = {}
    freq: dict[str, list[tuple[int, int, int]]] = {}
    docs = index["docs"]
    for d, doc in enumerate(docs):
        for f, name in enumerate(fields):
            counts: dict[str, int] = {}
            for token in material_tokens(doc.get(name), separator):
                k = memo[token] if token in memo else memo.setdefault(token, text.key(token, lang, stop))
                if k is not None:
                    counts[k] = counts.get(k, 0) + 1
            for term, tf in counts.items():
                freq.setdefault(term, []).append((f, d, tf))
    n = len(docs)
    out: dict[str, list] = {}
    for term in sorted(freq):
        entries = freq[term]
        x = (n - len(entries) + 0.5) / (len(entries) + 0.5)
        idf = math.log(1 + abs(x))
        flat: list = []
        for f, d, tf in sorted(entries):
            score = idf * ((K1 + 1) * tf) / (K1 * (1 - B) + tf)
            score *= boosts[f]
            score *= docs[d].get("boost", 1)
            flat += [f, d, _weight(round(score, 3))]
        out[term] = flat
    return out


def export(index: dict) -> Export:
    """One language's Material-style index (``{"config", "docs"}``, from :func:`.index.build_indexes`) → pieces."""
    docs = index["docs"]
    fields = list(index["config"]["fields"])
    first_at: dict[str, int] = {}
    for i, d in enumerate(docs):
        first_at.setdefault(d["location"].split("#", 1)[0], i)
    parents: list[int] = []
    pages: list[list] = []
    for i, d in enumerate(docs):
        path = d["location"].split("#", 1)[0]
        if first_at[path] == i:                          # the page itself (the first entry at that address)
            parents.append(-1)
            pages.append([i, d["location"], plain(d.get("title", ""))])
        else:                                           # a section of that page
            parents.append(first_at[path])
    shards: dict[str, dict[str, list]] = {}
    weights = postings(index)
    terms = list(weights)                               # sorted
    for term, flat in weights.items():
        shards.setdefault(shard_of(term), {})[term] = flat
    snippets: dict[int, dict[str, list]] = {}
    for i, d in enumerate(docs):
        page = i if parents[i] == -1 else parents[i]
        anchor = d["location"] if parents[i] == -1 else d["location"][len(docs[page]["location"]):]
        snippets.setdefault(page, {})[str(i)] = [anchor, plain(d.get("title", "")), snippet(d.get("text", ""))]
    config = json.loads(json.dumps(index["config"]))
    config["so"]["fields"] = fields
    config["so"]["shard_prefix"] = SHARD_PREFIX
    config["so"]["text_groups"] = TEXT_GROUPS
    manifest = {"config": config, "docs": []}
    return Export(manifest, {"terms": front_code(terms), "parents": parents, "pages": pages}, shards, snippets)


def front_code(terms: list[str]) -> str:
    out, prev = [], ""
    for t in terms:
        n = 0
        while n < min(len(t), len(prev), FRONT_MAX) and t[n] == prev[n]:
            n += 1
        out.append(chr(48 + n) + t[n:])
        prev = t
    return "\n".join(out)


def front_decode(data: str) -> list[str]:
    out, prev = [], ""
    for line in data.split("\n") if data else []:
        prev = prev[: ord(line[0]) - 48] + line[1:]
        out.append(prev)
    return out


# ------------------------------------------------------------------------------------------------ search

@dataclass
class Clause:
    term: str
    kind: str            # "prefix", "exact" or "fuzzy"
    boost: float
    distance: int = 0


def clauses(query: str, lang: str, stop: set[str]) -> list[Clause]:
    """:func:`.text.rewrite_query`, as clauses (the worker builds the same list)."""
    out = []
    for part in text.rewrite_query(query, lang, stop).split():
        if "~" in part:
            term, d = part.split("~")
            out.append(Clause(term, "fuzzy", 1.0, int(d)))
        else:
            term, boost = part.split("^")
            kind = "prefix" if term.endswith("*") else "exact"
            out.append(Clause(term.rstrip("*"), kind, float(boost)))
    return out


def osa_within(a: str, b: str, d: int) -> bool:
    """Optimal string alignment distance (insert, delete, substitute, swap two neighbours) ≤ d."""
    if abs(len(a) - len(b)) > d:
        return False
    if a == b:
        return True
    prev2: list[int] | None = None
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        low = cur[0]
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and prev2 is not None and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                v = min(v, prev2[j - 2] + 1)
            cur[j] = v
            low = min(low, v)
        if low > d:
            return False
        prev2, prev = prev, cur
    return prev[len(b)] <= d


class ShardedSearch:
    """The worker's search, in Python, over the exported pieces (``files``: as :meth:`Export.files` returns
    them, or read back from a built site)."""

    def __init__(self, files: dict[str, bytes]):
        self.files = files
        manifest = json.loads(files["search_index.json"])
        so = manifest["config"]["so"]
        self.lang, self.stop, self.text_groups = so["lang"], set(so["stopwords"]), so["text_groups"]
        lexicon = json.loads(files["so/lexicon.json"])
        self.terms: list[str] = front_decode(lexicon["terms"])
        self.parents: list[int] = lexicon["parents"]
        self.pages = {p[0]: (p[1], p[2]) for p in lexicon["pages"]}
        self._cache: dict[str, dict] = {}
        self.loaded: list[str] = []          # the files a search fetched, in order (the browser fetches the same)

    def _load(self, path: str) -> dict:
        if path not in self._cache:                 # the browser keeps what it fetched, too
            self.loaded.append(path)
            self._cache[path] = json.loads(self.files.get(path, b"{}"))
        return self._cache[path]

    def postings(self, term: str) -> list:
        return self._load(f"so/t/{shard_of(term)}.json").get(term, [])

    def expand(self, c: Clause) -> list[str]:
        if c.kind == "exact":
            i = bisect_left(self.terms, c.term)
            return [c.term] if i < len(self.terms) and self.terms[i] == c.term else []
        if c.kind == "prefix":
            if len(c.term) < SHARD_PREFIX:      # one letter typed: wait for the second
                return self.expand(Clause(c.term, "exact", c.boost))
            i, out = bisect_left(self.terms, c.term), []
            while i < len(self.terms) and self.terms[i].startswith(c.term):
                out.append(self.terms[i])
                i += 1
            return out
        return [t for t in self.terms if osa_within(c.term, t, c.distance)]

    def search(self, query: str) -> list[Group]:
        cl = clauses(query, self.lang, self.stop)
        if not cl:
            return []
        qvec: dict[str, float] = {}
        order: list[str] = []
        for c in cl:
            for t in self.expand(c):
                if t not in qvec:
                    qvec[t] = 0.0
                    order.append(t)
                qvec[t] += c.boost
        norm = math.sqrt(sum(v * v for v in qvec.values()))
        scores: dict[int, float] = {}
        matched: dict[int, list[str]] = {}
        for t in order:
            flat = self.postings(t)
            for k in range(0, len(flat), 3):
                d, w = flat[k + 1], flat[k + 2]
                scores[d] = scores.get(d, 0.0) + qvec[t] * w
                m = matched.setdefault(d, [])
                if t not in m:
                    m.append(t)
        clause_terms = list(dict.fromkeys(c.term for c in cl))
        found_in: list[tuple[int, float]] = []
        for d in sorted(scores, key=lambda d: -scores[d]):          # lunr: by score, stable
            terms: dict[str, bool] = {}
            remaining = list(clause_terms)
            for t in matched[d]:
                for c in list(remaining):
                    if t.startswith(c):
                        terms[c] = True
                        remaining.remove(c)
            for c in remaining:
                if c not in LUNR_EN_STOP_WORDS and not text.is_whole_token(c):
                    terms[c] = False
            found = sum(1 for v in terms.values() if v)
            boost = (1 if self.parents[d] == -1 else 0) + (found / len(terms) if terms else math.nan)
            score = (scores[d] / norm) * (1 + boost ** 2)
            found_in.append((d, 0.0 if math.isnan(score) else score))
        found_in.sort(key=lambda x: -x[1])                          # Material: by boosted score, stable
        groups: dict[int, list[tuple[int, float]]] = {}
        for d, score in found_in:
            groups.setdefault(d if self.parents[d] == -1 else self.parents[d], []).append((d, score))
        out = []
        for n, (page, members) in enumerate(groups.items()):
            loc, title = self.pages[page]
            if n < self.text_groups:                                # shown with sections and snippets
                shown = self._load(f"so/d/{page}.json")
                item = lambda d, score: Item(loc + shown[str(d)][0] if d != page else loc,  # noqa: E731
                                             shown[str(d)][1], score, None if d == page else loc)
                head = next((item(d, s) for d, s in members if d == page), Item(loc, title, 0.0))
                out.append(Group(head, [item(d, s) for d, s in members if d != page]))
            else:                                                   # further down: the page alone
                out.append(Group(Item(loc, title, next((s for d, s in members if d == page), 0.0))))
        return out


def read_folder(folder) -> dict[str, bytes]:
    """An edition's built ``search/`` folder → the files :class:`ShardedSearch` reads (as the browser sees them)."""
    from pathlib import Path

    folder = Path(folder)
    files = {"search_index.json": (folder / "search_index.json").read_bytes()}
    for path in (folder / "so").rglob("*.json"):
        files[path.relative_to(folder).as_posix()] = path.read_bytes()
    return files
