"""From the one mixed search index that MkDocs + static-i18n write to one index per language.

Input: the Material search index (``{"config": …, "docs": [{location, title, text, boost?}, …]}``) holding
every language, and what the host knows of each page (its build language and its own language). Output: one
index per language, each with

- only the pages of that language (French pages shown under ``/en/`` because they have no English edition
  yet are left out of the English index: from an English page, only English results), locations relative to
  the language's root (``en/glossaire/jap/`` → ``glossaire/jap/``);
- a ``keywords`` field on each glossary entry: its term, variants, acronyms, hidden forms (misspellings) and
  the other language's term, boosted like a title, so an entry comes first when its term, acronym or variant
  is typed;
- an ``aliases`` field on chapter sections: the acronym of a glossary term they spell out, and the term of an
  acronym they use (« JAP » finds « juge de l'application des peines » and the reverse), weighted like text;
- glossary pages trimmed of what only repeats other pages' titles (« Où ce terme apparaît », « Voir aussi »,
  the A–Z list of the glossary home), which would otherwise outrank the chapters they point to;
- the analysis parameters read by the browser worker (``config.so``: language, stop words, boosts).

No MkDocs import: ``hooks/search.py`` calls :func:`build_indexes` from the final ``on_post_build``.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ..errors import ContentError
from ..glossary import pages as gpages
from ..glossary.matcher import Matcher
from ..glossary.model import AMBIGUOUS_ACRONYMS, LANGS, Glossary
from .. import yamlload
from . import text

KEYWORD_BOOST = 1000.0      # same as Material's title boost
ALIAS_BOOST = 1.0           # same as text
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class PageInfo:
    """What the host knows of one built page: the edition it was built in, the language of its content."""

    build_lang: str
    locale: str


def plain(html_text: str) -> str:
    return html.unescape(_TAG.sub(" ", html_text or ""))


def page_path(location: str) -> str:
    return location.split("#", 1)[0]


def _dedupe(items) -> list[str]:
    return list(dict.fromkeys(i for i in items if i and i.strip()))


# ---------------------------------------------------------------- splitting

def build_language(location: str, prefixes: dict[str, str], default: str) -> str:
    """The edition a location belongs to, from the language prefixes (``{"en": "en/"}``)."""
    for lang, prefix in prefixes.items():
        if prefix and location.startswith(prefix):
            return lang
    return default


def split_languages(docs: list[dict], pages: dict[str, PageInfo], prefixes: dict[str, str], default: str,
                    keep_fallbacks: bool = False) -> tuple[dict[str, list[dict]], dict[str, list[str]]]:
    """Docs per edition, relocated to the edition's root; and, per edition, the fallback pages left out."""
    out: dict[str, list[dict]] = {lang: [] for lang in {default, *prefixes}}
    left_out: dict[str, list[str]] = {lang: [] for lang in out}
    for doc in docs:
        loc = doc["location"]
        lang = build_language(loc, prefixes, default)
        info = pages.get(page_path(loc))
        if info is not None and info.locale != lang and not keep_fallbacks:
            if "#" not in loc:
                left_out[lang].append(loc)
            continue
        prefix = prefixes.get(lang, "") if lang != default else ""
        new = dict(doc)
        new["location"] = loc[len(prefix):] if prefix and loc.startswith(prefix) else loc
        out[lang].append(new)
    return out, left_out


# ---------------------------------------------------------------- glossary pages

def concept_forms(glossary: Glossary, cid: str, lang: str) -> list[str]:
    """What a reader may type to mean a concept, in one edition: term, variants, acronyms, hidden forms, and
    the other language's term (and gloss) — a professional often knows the word in the other language."""
    c = glossary.concepts[cid]
    d = c.lang(lang)
    other = c.en if lang == "fr" else c.fr
    forms = [d.term, *d.variants, *d.acronyms, *d.hidden, other.term, *other.acronyms]
    if c.stays_french:
        forms.append(c.en.gloss)
    return _dedupe(forms)


def _glossary_kind(path: str, glossary: Glossary) -> tuple[str, str | None]:
    out = gpages.OUT_DIR + "/"
    if path == out:
        return "index", None
    if path.startswith(out + gpages.GROUP_DIR + "/"):
        return "group", None
    if path.startswith(out):
        cid = path[len(out):].strip("/")
        if cid in glossary.concepts:
            return "concept", cid
    return "", None


def shape_glossary_docs(docs: list[dict], lang: str, glossary: Glossary) -> list[dict]:
    """Glossary pages: keywords on each entry; navigation sections dropped; the entry's boost kept on its
    title and definition only."""
    t = gpages.T[lang]
    # « where this term appears », « see also »: other pages' titles; « other forms »: in the keywords already
    drop = {gpages.slugify(t[k]) for k in ("where", "see_also", "variants")}
    titles = {d["location"]: d["title"] for d in docs if "#" not in d["location"]}
    out = []
    for doc in docs:
        loc = doc["location"]
        path, _, anchor = loc.partition("#")
        kind, cid = _glossary_kind(path, glossary)
        if not kind:
            out.append(doc)
            continue
        new = dict(doc)
        is_page = not anchor
        is_h1 = bool(anchor) and html.unescape(doc["title"]).strip() == html.unescape(titles.get(path, "")).strip()
        if kind == "index" and not (is_page or is_h1):
            continue            # the A–Z list and the acronym table only repeat the entries' titles
        if kind == "concept":
            if anchor in drop:
                continue
            if is_page:
                new["keywords"] = ", ".join(concept_forms(glossary, cid, lang))
            elif not is_h1:
                new.pop("boost", None)
        out.append(new)
    return out


# ---------------------------------------------------------------- acronyms ↔ expansions in chapters

def add_aliases(docs: list[dict], lang: str, glossary: Glossary) -> None:
    """On every non-glossary doc: the acronym of each glossary term it spells out, the term of each acronym it
    uses. An ambiguous acronym (« IT », « CAP ») counts only on a page that also names the term."""
    matcher = Matcher(glossary.entries(lang), lang)
    ambiguous = {cid: {a for a in c.lang(lang).acronyms if a in AMBIGUOUS_ACRONYMS or len(a) <= 2}
                 for cid, c in glossary.concepts.items()}
    by_page: dict[str, list[tuple[dict, list]]] = {}
    for doc in docs:
        path = page_path(doc["location"])
        if path.startswith(gpages.OUT_DIR + "/"):
            continue
        found = matcher.find(plain(doc.get("title", "")) + " \n " + plain(doc.get("text", "")))
        by_page.setdefault(path, []).append((doc, found))
    for entries in by_page.values():
        named = {m.concept for _, found in entries for m in found if m.acronym is None}
        for doc, found in entries:
            aliases = []
            for m in found:
                d = glossary.concepts[m.concept].lang(lang)
                if m.acronym:
                    if m.acronym in ambiguous[m.concept] and m.concept not in named:
                        continue
                    aliases.append(d.term)
                else:
                    aliases.extend(d.acronyms)
            aliases = _dedupe(aliases)
            if aliases:
                doc["aliases"] = ", ".join(aliases)


# ---------------------------------------------------------------- config and assembly

def stopwords_for(lang: str, glossary: Glossary | None) -> set[str]:
    keep = set()
    if glossary is not None:
        for c in glossary.concepts.values():
            keep.update(c.lang(lang).acronyms)
    return text.stopword_set(lang, keep)


def index_config(base: dict, lang: str, stop: set[str]) -> dict:
    fields = dict(base.get("fields") or {"title": {"boost": 1000.0}, "text": {"boost": 1.0}})
    fields["keywords"] = {"boost": KEYWORD_BOOST}
    fields["aliases"] = {"boost": ALIAS_BOOST}
    return {
        # "en" is Material's "no lunr language plugin to load": the analysis of both languages is ours (config.so)
        "lang": ["en"],
        "separator": text.SEPARATOR,
        "pipeline": [],
        "fields": fields,
        "so": {"lang": lang, "stopwords": sorted(stop), "exact_boost": text.EXACT_BOOST,
               "fuzzy": [list(r) for r in text.FUZZY]},
    }


def build_indexes(mixed: dict, pages: dict[str, PageInfo], prefixes: dict[str, str], default: str,
                  glossary: Glossary | None) -> tuple[dict[str, dict], dict[str, list[str]]]:
    """The mixed index → ``{lang: index}``, and the fallback pages left out of each edition's index."""
    per_lang, left_out = split_languages(mixed.get("docs", []), pages, prefixes, default)
    out = {}
    for lang, docs in per_lang.items():
        if glossary is not None:
            docs = shape_glossary_docs(docs, lang, glossary)
            add_aliases(docs, lang, glossary)
        index = {k: v for k, v in mixed.items() if k not in ("config", "docs")}
        index["config"] = index_config(mixed.get("config", {}), lang, stopwords_for(lang, glossary))
        index["docs"] = docs
        out[lang] = index
    return out, left_out


# ---------------------------------------------------------------- checks on the glossary's search forms

def check_forms(glossary: Glossary) -> list[ContentError]:
    """Every term, variant, acronym and hidden form must leave at least one searchable word (a form made of
    stop words only, e.g. « de la », can never be found)."""
    errors = []
    for c in glossary.concepts.values():
        node = getattr(c, "_node", None)
        for lang in LANGS:
            d = c.lang(lang)
            stop = stopwords_for(lang, glossary)
            for key, values in (("term", [d.term]), ("variants", d.variants), ("acronyms", d.acronyms),
                                ("hidden", d.hidden)):
                for i, form in enumerate(values):
                    if text.keys(form, lang, stop):
                        continue
                    path = [lang, key] if key == "term" else [lang, key, i]
                    line = yamlload.line_of(node, path) if node is not None else None
                    errors.append(ContentError(
                        c.file or f"glossary/{c.id}.yml", line,
                        f"`{lang}.{key}` form « {form} » has no searchable word (only stop words or single letters)",
                        "write the form with at least one content word, or remove it"))
    return errors
