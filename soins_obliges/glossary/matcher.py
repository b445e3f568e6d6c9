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

import itertools
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


_WORD = re.compile(r"\w+")


_SERIALS = itertools.count(1)


def _key(word: str) -> str:
    return word[:4]


@dataclass
class Matcher:
    """All the concepts' forms of one language, indexed by the first letters of their first word, so that
    a text is scanned once, word by word, trying only the few patterns that can start at each word."""

    entries: list[Entry]
    lang: str
    _terms: dict[str, list[tuple[str, re.Pattern]]] = field(init=False, default_factory=dict)
    _acros: dict[str, list[tuple[str, str, re.Pattern]]] = field(init=False, default_factory=dict)

    def __post_init__(self):
        self.serial = next(_SERIALS)      # tells matchers apart in caches (an id() can be reused)
        for e in self.entries:
            for form in dict.fromkeys(e.forms):
                folded = fold(form).strip()
                first = _WORD.match(folded)
                if not first:
                    continue
                pat = re.compile(term_pattern(form, self.lang) + r"(?![\w])")
                self._terms.setdefault(_key(first.group()), []).append((e.concept, pat))
            for a in dict.fromkeys(e.acronyms):
                first = _WORD.match(a)
                if first:
                    pat = re.compile(re.escape(a) + r"(?![\w-])")
                    self._acros.setdefault(first.group(), []).append((e.concept, a, pat))

    def candidates(self, text: str) -> list[Match]:
        found: list[Match] = []
        folded = fold(text)
        for m in _WORD.finditer(folded):
            token, pos = m.group(), m.start()
            for k in range(min(4, len(token)), 0, -1):
                for concept, pat in self._terms.get(token[:k], ()):
                    mm = pat.match(folded, pos)
                    if mm:
                        found.append(Match(pos, mm.end(), concept))
        for m in _WORD.finditer(text):
            pos = m.start()
            if pos and (text[pos - 1].isalnum() or text[pos - 1] in "-_"):
                continue
            for concept, acro, pat in self._acros.get(m.group(), ()):
                mm = pat.match(text, pos)
                if mm:
                    found.append(Match(pos, mm.end(), concept, acro))
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
            self._present = {m.concept for m in self.matcher.candidates(self.page_text)
                             if m.acronym is None and not m.concept.startswith("!")}
        return self._present

    def links(self, text: str) -> list[Match]:
        out = []
        for m in self.matcher.find(text):
            if m.concept == self.own_concept or m.concept.startswith("!"):
                continue
            if self.first_only and m.concept in self.linked:
                continue
            if m.acronym and m.acronym in self._ambiguous.get(m.concept, ()) \
                    and m.concept not in self._concepts_named_in_page():
                continue
            self.linked.add(m.concept)
            out.append(m)
        return out
