"""The golden set of the search (tests/search/golden.yml) and its evaluation: recall@5 and MRR per language.

Each entry is a query a professional types and the titles (of pages or sections) that must show in the first
five results. A result is one page with its matching sections, as the search box shows it.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import yamlload
from ..errors import ContentError
from .engine import Group, SearchEngine

TOP = 5
MRR_DEPTH = 10
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def norm_title(title: str) -> str:
    return _SPACE.sub(" ", html.unescape(_TAG.sub("", title))).strip()


@dataclass
class Case:
    lang: str
    query: str
    expect: list[str]
    kind: str = ""
    browser: bool = False
    line: int = 0


@dataclass
class Outcome:
    case: Case
    rank: int | None                 # 1-based rank of the first result showing an expected title (≤ MRR_DEPTH)
    shown: list[list[str]] = field(default_factory=list)   # titles of the first results

    @property
    def hit(self) -> bool:
        return self.rank is not None and self.rank <= TOP


def load(path: Path) -> tuple[list[Case], list[ContentError]]:
    display = path.as_posix()
    try:
        node = yamlload.load_located(path, display)
    except yamlload.YamlError as exc:
        return [], [exc.error]
    cases, errors = [], []
    if not isinstance(node.data, dict):
        return [], [ContentError(display, 1, "the golden set must be a mapping of languages (fr:, en:)",
                                 "see the comment at the top of the file")]
    for lang, entries in node.data.items():
        if lang not in ("fr", "en"):
            errors.append(ContentError(display, node.line([lang]), f"unknown language `{lang}`", "use fr or en"))
            continue
        for i, data in enumerate(entries or []):
            line = node.line([lang, i])
            if not isinstance(data, dict) or not data.get("q") or not data.get("expect"):
                errors.append(ContentError(display, line, "an entry needs `q` (the query) and `expect` (titles)",
                                           "write {q: …, expect: [Title, …]}"))
                continue
            expect = data["expect"] if isinstance(data["expect"], list) else [data["expect"]]
            unknown = set(data) - {"q", "expect", "kind", "browser"}
            if unknown:
                errors.append(ContentError(display, line, f"unknown keys {sorted(unknown)}",
                                           "allowed: q, expect, kind, browser"))
            cases.append(Case(lang, str(data["q"]), [str(e) for e in expect], str(data.get("kind", "")),
                              bool(data.get("browser", False)), line))
    return cases, errors


def check_titles(cases: list[Case], indexes: dict[str, dict], display: str) -> list[ContentError]:
    """Every expected title must be a title of that language's index (else the set has gone stale)."""
    titles = {lang: {norm_title(d["title"]) for d in idx["docs"]} for lang, idx in indexes.items()}
    errors = []
    for c in cases:
        for t in c.expect:
            if norm_title(t) not in titles.get(c.lang, set()):
                errors.append(ContentError(display, c.line, f"« {t} » is not a title of the {c.lang} index",
                                           "use a title of the built site (a page or a section heading)"))
    return errors


def rank_of_titles(shown: list[list[str]], expect: list[str], depth: int = MRR_DEPTH) -> int | None:
    """1-based rank of the first result (a list of titles: page, then sections) showing an expected title."""
    wanted = {norm_title(t) for t in expect}
    for i, titles in enumerate(shown[:depth], start=1):
        if wanted & {norm_title(t) for t in titles}:
            return i
    return None


def rank_of(groups: list[Group], expect: list[str], depth: int = MRR_DEPTH) -> int | None:
    return rank_of_titles([g.titles for g in groups], expect, depth)


def evaluate(cases: list[Case], engines: dict[str, SearchEngine]) -> list[Outcome]:
    out = []
    for c in cases:
        groups = engines[c.lang].search(c.query)
        out.append(Outcome(c, rank_of(groups, c.expect), [g.titles for g in groups[:TOP]]))
    return out


def summary(outcomes: list[Outcome]) -> dict[str, dict[str, float]]:
    """{lang: {"queries": n, "recall@5": r, "mrr": m}}."""
    res: dict[str, dict[str, float]] = {}
    for lang in sorted({o.case.lang for o in outcomes}):
        mine = [o for o in outcomes if o.case.lang == lang]
        res[lang] = {
            "queries": len(mine),
            "recall@5": sum(o.hit for o in mine) / len(mine),
            "mrr": sum(1 / o.rank for o in mine if o.rank) / len(mine),
        }
    return res
