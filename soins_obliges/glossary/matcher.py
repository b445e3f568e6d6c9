"""Finding glossary terms in running text, the way a French (or English) reader writes them.

Matching is case- and accent-insensitive and keeps the author's text: the text is *folded* character by
character (same length), the patterns are built from folded forms, and matches are spans of the original text.

French inflection: plural -s/-x, -al → -aux, -eau/-eu/-au → -x, invariable words ending in -s/-x/-z, on every
content word of a compound term ("injonctions thérapeutiques"); elision (l', d', qu', j') before a term is left
outside the match; hyphen, space and apostrophe variants inside compounds; typographic apostrophes.
English: plural -s/-es, -y → -ies.
Acronyms match case-sensitively on the original text ("CSAPA", never "csapa").
Among overlapping candidates the longest wins ("injonction de soins" over "soins").
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

APOSTROPHES = "\u2019\u2018\u02bc\u2032`"
SPACES = "\u00a0\u202f\u2009"
FR_FUNCTION_WORDS = {"de", "du", "des", "la", "le", "les", "l", "d", "a", "au", "aux", "en", "et", "ou", "sous",
                     "par", "pour", "sur", "dans", "avec", "sans", "un", "une", "que", "qu", "se", "sa", "son"}
EN_FUNCTION_WORDS = {"of", "the", "a", "an", "and", "or", "to", "for", "in", "on", "under", "with", "by", "at"}


@lru_cache(maxsize=4096)
def _fold_char(c: str) -> str:
    if c in APOSTROPHES:
        return "'"
    if c in SPACES:
        return " "
    if c in "\u2010\u2011":
        return "-"
    base = unicodedata.normalize("NFD", c)[0].lower()
    return base if len(base) == 1 else c


def fold(text: str) -> str:
    """Lower-case, accent-free, apostrophes and spaces unified; same length as ``text``."""
    return "".join(_fold_char(c) for c in text)


def _inflect_fr(word: str) -> str:
    w = re.escape(word)
    if len(word) <= 2 or word in FR_FUNCTION_WORDS or not word.isalpha():
        return w
    if word[-1] in "sxz":
        return w
    if word.endswith("al"):
        return re.escape(word[:-2]) + "(?:al|aux)"
    if word.endswith(("eau", "eu", "au")):
        return w + "x?"
    return w + "s?"


def _inflect_en(word: str) -> str:
    w = re.escape(word)
    if len(word) <= 2 or word in EN_FUNCTION_WORDS or not word.isalpha():
        return w
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return re.escape(word[:-1]) + "(?:y|ies)"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return w + "(?:es)?"
    return w + "s?"


_SEP = re.compile(r"(\s+|-|')")


def term_pattern(form: str, lang: str) -> str:
    """Regex source (for folded text) of a term and its inflected forms."""
    inflect = _inflect_fr if lang == "fr" else _inflect_en
    out = []
    for tok in _SEP.split(fold(form).strip()):
        if not tok:
            continue
        if tok.isspace():
            out.append(r"[\s]+")
        elif tok == "-":
            out.append(r"[-\s]?")
        elif tok == "'":
            out.append(r"'\s?")
        else:
            out.append(inflect(tok))
    return "".join(out)


@dataclass(frozen=True)
class Entry:
    """What the matcher must find for one concept in one language."""

    concept: str
    forms: tuple[str, ...]                 # term, variants (matched folded)
    acronyms: tuple[str, ...] = ()         # matched case-sensitively
    ambiguous: tuple[str, ...] = ()        # acronyms linked only where the page also has the term


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    concept: str
    acronym: str | None = None             # the acronym matched, if it was one


def _alternation(patterns: list[tuple[str, str]]) -> re.Pattern | None:
    if not patterns:
        return None
    # longest source first: at one position the regex engine takes the first alternative that matches
    patterns = sorted(patterns, key=lambda p: -len(p[1]))
    return re.compile("|".join(f"(?P<g{i}>{src})" for i, (_, src) in enumerate(patterns)))


@dataclass
class Matcher:
    entries: list[Entry]
    lang: str
    _terms: re.Pattern | None = field(init=False, default=None)
    _acros: re.Pattern | None = field(init=False, default=None)
    _term_ids: list[str] = field(init=False, default_factory=list)
    _acro_ids: list[tuple[str, str]] = field(init=False, default_factory=list)

    def __post_init__(self):
        terms, acros = [], []
        for e in self.entries:
            for form in dict.fromkeys(e.forms):
                if form.strip():
                    terms.append((e.concept, term_pattern(form, self.lang)))
            for a in dict.fromkeys(e.acronyms):
                acros.append(((e.concept, a), re.escape(a)))
        terms = sorted(terms, key=lambda p: -len(p[1]))
        acros = sorted(acros, key=lambda p: -len(p[1]))
        self._term_ids = [c for c, _ in terms]
        self._acro_ids = [c for c, _ in acros]
        if terms:
            self._terms = re.compile(r"(?<![\w])(?:" + "|".join(f"(?P<g{i}>{s})" for i, (_, s) in enumerate(terms))
                                     + r")(?![\w])")
        if acros:
            self._acros = re.compile(r"(?<![\w-])(?:" + "|".join(f"(?P<a{i}>{s})" for i, (_, s) in enumerate(acros))
                                     + r")(?![\w-])")

    def candidates(self, text: str) -> list[Match]:
        found: list[Match] = []
        if self._terms:
            for m in self._terms.finditer(fold(text)):
                found.append(Match(m.start(), m.end(), self._term_ids[int(m.lastgroup[1:])]))
        if self._acros:
            for m in self._acros.finditer(text):
                concept, acro = self._acro_ids[int(m.lastgroup[1:])]
                found.append(Match(m.start(), m.end(), concept, acro))
        return found

    def find(self, text: str) -> list[Match]:
        """Non-overlapping matches, leftmost first, the longest where candidates overlap."""
        chosen: list[Match] = []
        end = -1
        for m in sorted(self.candidates(text), key=lambda m: (m.start, -(m.end - m.start))):
            if m.start >= end:
                chosen.append(m)
                end = m.end
        return chosen


@dataclass
class PageLinker:
    """Per-page linking policy on top of a Matcher.

    - ``first_only``: link only the first occurrence of each concept on the page;
    - ``own_concept``: never link a concept on its own page;
    - an ambiguous acronym is linked only if the page mentions the concept's term somewhere.
    """

    matcher: Matcher
    page_text: str = ""
    own_concept: str | None = None
    first_only: bool = True
    linked: set[str] = field(default_factory=set)
    _ambiguous: dict[str, set[str]] = field(default_factory=dict)
    _present: set[str] | None = None

    def __post_init__(self):
        for e in self.matcher.entries:
            self._ambiguous[e.concept] = set(e.ambiguous)

    def _concepts_named_in_page(self) -> set[str]:
        if self._present is None:
            self._present = {m.concept for m in self.matcher.candidates(self.page_text) if m.acronym is None}
        return self._present

    def links(self, text: str) -> list[Match]:
        out = []
        for m in self.matcher.find(text):
            if m.concept == self.own_concept:
                continue
            if self.first_only and m.concept in self.linked:
                continue
            if m.acronym and m.acronym in self._ambiguous.get(m.concept, ()) \
                    and m.concept not in self._concepts_named_in_page():
                continue
            self.linked.add(m.concept)
            out.append(m)
        return out
