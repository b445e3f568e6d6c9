"""From the one mixed search index that MkDocs + static-i18n write to one index per language.

Input: the Material search index (``{"config": …, "docs": [{location, title, text, boost?}, …]}``) holding
every language, and what the host knows of each page (its build language and its own language). Output: one
index per language, each with

- only the pages of that language (French pages shown under ``/en/`` because they have no English edition
  yet are left out of the English index: from an English page, only English results), locations relative to
  the language's root (``en/glossaire/jap/`` → ``glossaire/jap/``);
- a ``keywords`` field on each glossary entry: the words of its term, variants, acronyms and hidden forms
  (misspellings), boosted like a title, and one whole-form token per form, also for the other language's
  term, so an entry comes first when its term, acronym, variant or French/English name is typed in full;
- the definition of a glossary entry as the text of its page result (shown under the title in the results);
- an ``aliases`` field on chapter sections: the acronym of a glossary term they spell out, and the term of an
  acronym they use (« JAP » finds « juge de l'application des peines » and the reverse), weighted like text;
- glossary pages trimmed of what only repeats other pages' titles (« Où ce terme apparaît », « Voir aussi »,
  the A–Z list of the glossary home) or the keywords (« Autres formes »), which would otherwise outrank the
  chapters they point to, and with moderate boosts (see ``ENTRY_BOOST``);
- the analysis parameters read by the browser worker (``config.so``: language, stop words, boosts).

No MkDocs import: ``hooks/search.py`` calls :func:`build_indexes` from the final ``on_post_build``.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ..errors import ContentError
from ..glossary import pages as gpages
from ..glossary.model import AMBIGUOUS_ACRONYMS, LANGS, Glossary
from . import text

KEYWORD_BOOST = 1000.0      # same as Material's title boost
ALIAS_BOOST = 1.0           # same as text
# Document boosts of glossary pages, replacing their front matter's ``search: boost`` (8, 6, 4), which made an
# entry matching one word of a two-word query outrank the chapter titled with both. An entry still comes first
# when its own term, acronym, variant or hidden form is typed: that is the job of its whole-form tokens.
ENTRY_BOOST = 2.0           # a glossary entry: its page and its definition (other sections: 1)
GROUP_BOOST = 1.5           # a « faux amis » comparison page
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

def concept_forms(glossary: Glossary, cid: str, lang: str) -> tuple[list[str], list[str]]:
    """What a reader may type to mean a concept in one edition: its own forms (term, variants, acronyms,
    hidden forms), and other forms: the other language's term and acronyms (a professional often knows the
    word in the other language) and the English gloss of a term kept in French."""
    c = glossary.concepts[cid]
    d = c.lang(lang)
    other = c.en if lang == "fr" else c.fr
    extra = [other.term, *other.acronyms]
    if c.stays_french and lang == "en":
        extra.append(c.en.gloss)     # an explanation rather than a name: typed in full, it finds the entry
    return _dedupe([d.term, *d.variants, *d.acronyms, *d.hidden]), _dedupe(extra)


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


def keywords(own: list[str], other: list[str], lang: str, stop: set[str], title: str = "") -> str:
    """The ``keywords`` field of a glossary entry: each word of its own forms once, except the words of its
    title (already indexed with the same boost: counted twice they would outweigh other titles), then the
    whole token (:func:`text.whole_token`) of each own and other form. Other forms give no single words:
    « fine » (amende) must not match « fin » in French."""
    words: dict[str, str] = {}
    wholes: list[str] = []
    in_title = set(text.keys(plain(title), lang, stop))
    for form in [*own, *other]:
        form_keys = []
        for tok in text.tokens(form):
            k = text.key(tok, lang, stop)
            if k:
                if k not in in_title and form in own:
                    words.setdefault(k, tok)
                form_keys.append(k)
        whole = text.whole_token(form_keys)
        if whole and whole not in wholes:
            wholes.append(whole)
    return " ".join([*words.values(), *wholes])


def merge_title_sections(docs: list[dict]) -> list[dict]:
    """A page whose first heading has an id (the generated glossary pages) gets a section doc with the page's
    own title, and a page doc with no text: the search box then shows the bare title, and the definition
    hides behind « 1 more on this page ». Move that section's text into the page doc."""
    out: list[dict] = []
    pages: dict[str, dict] = {}
    for doc in docs:
        path, _, anchor = doc["location"].partition("#")
        if not anchor:
            new = dict(doc)
            pages[path] = new
            out.append(new)
            continue
        page = pages.get(path)
        if (page is not None and not page.get("text") and not page.get("_merged")
                and plain(doc.get("title", "")).strip() == plain(page.get("title", "")).strip()):
            page["text"] = doc.get("text", "")
            page["_merged"] = True
            continue
        out.append(doc)
    for page in pages.values():
        page.pop("_merged", None)
    return out


def shape_glossary_docs(docs: list[dict], lang: str, glossary: Glossary, stop: set[str]) -> list[dict]:
    """Glossary pages: keywords on each entry; navigation sections dropped; boosts set (an entry's page, with
    its definition, gets ``ENTRY_BOOST``; its other sections none)."""
    t = gpages.T[lang]
    # « where this term appears », « see also »: other pages' titles; « other forms »: in the keywords already
    drop = {gpages.slugify(t[k]) for k in ("where", "see_also", "variants")}
    out = []
    for doc in docs:
        path, _, anchor = doc["location"].partition("#")
        kind, cid = _glossary_kind(path, glossary)
        if not kind:
            out.append(doc)
            continue
        new = dict(doc)
        if kind == "index" and anchor:
            continue            # the A–Z list and the acronym table only repeat the entries' titles
        if kind == "concept":
            if anchor in drop:
                continue
            if not anchor:
                new["keywords"] = keywords(*concept_forms(glossary, cid, lang), lang, stop, doc["title"])
                new["boost"] = ENTRY_BOOST
            else:
                new.pop("boost", None)
        elif kind == "group":
            new["boost"] = GROUP_BOOST
        else:
            new.pop("boost", None)
        out.append(new)
    return out


# ---------------------------------------------------------------- acronyms ↔ expansions in chapters

_FOUND: dict[tuple[int, str], list] = {}


def _find(matcher, text: str) -> list:
    """``matcher.find``, remembered: ``mkdocs serve`` rebuilds the indexes after each edit, and only the edited
    pages' texts are new. Keyed on the matcher too (one per language, a new one when the glossary changes)."""
    key = (matcher.serial, text)
    if key not in _FOUND:
        if len(_FOUND) > 20000:
            _FOUND.clear()
        _FOUND[key] = matcher.find(text)
    return _FOUND[key]


def add_aliases(docs: list[dict], lang: str, glossary: Glossary) -> None:
    """On every non-glossary doc: the acronym of each glossary term it spells out, the term of each acronym it
    uses. An ambiguous acronym (« IT », « CAP ») counts only on a page that also names the term."""
    matcher = glossary.matcher(lang)
    ambiguous = {cid: {a for a in c.lang(lang).acronyms if a in AMBIGUOUS_ACRONYMS or len(a) <= 2}
                 for cid, c in glossary.concepts.items()}
    by_page: dict[str, list[tuple[dict, list]]] = {}
    for doc in docs:
        path = page_path(doc["location"])
        if path.startswith(gpages.OUT_DIR + "/"):
            continue
        found = _find(matcher, plain(doc.get("title", "")) + " \n " + plain(doc.get("text", "")))
        by_page.setdefault(path, []).append((doc, found))
    for entries in by_page.values():
        named = {m.concept for _, found in entries for m in found if m.acronym is None}
        for doc, found in entries:
            aliases = []
            for m in found:
                if m.concept not in glossary.concepts:   # a never-link proper name, not a concept
                    continue
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
               "whole_boost": text.WHOLE_BOOST, "fuzzy": [list(r) for r in text.FUZZY]},
    }


def build_indexes(mixed: dict, pages: dict[str, PageInfo], prefixes: dict[str, str], default: str,
                  glossary: Glossary | None) -> tuple[dict[str, dict], dict[str, list[str]]]:
    """The mixed index → ``{lang: index}``, and the fallback pages left out of each edition's index."""
    per_lang, left_out = split_languages(mixed.get("docs", []), pages, prefixes, default)
    out = {}
    for lang, docs in per_lang.items():
        stop = stopwords_for(lang, glossary)
        docs = merge_title_sections(docs)
        if glossary is not None:
            docs = shape_glossary_docs(docs, lang, glossary, stop)
            add_aliases(docs, lang, glossary)
        index = {k: v for k, v in mixed.items() if k not in ("config", "docs")}
        index["config"] = index_config(mixed.get("config", {}), lang, stop)
        index["docs"] = docs
        out[lang] = index
    return out, left_out


# ---------------------------------------------------------------- checks on the glossary's search forms

def check_forms(glossary: Glossary) -> list[ContentError]:
    """Every term, variant, acronym and hidden form must leave at least one searchable word (a form made of
    stop words only, e.g. « de la », can never be found)."""
    errors = []
    stops = {lang: stopwords_for(lang, glossary) for lang in LANGS}
    for c in glossary.concepts.values():
        node = getattr(c, "_node", None)
        for lang in LANGS:
            d = c.lang(lang)
            stop = stops[lang]
            for key, values in (("term", [d.term]), ("variants", d.variants), ("acronyms", d.acronyms),
                                ("hidden", d.hidden)):
                for i, form in enumerate(values):
                    if text.keys(form, lang, stop):
                        continue
                    path = [lang, key] if key == "term" else [lang, key, i]
                    line = node.line(path) if hasattr(node, "line") else None
                    errors.append(ContentError(
                        c.file or f"glossary/{c.id}.yml", line,
                        f"`{lang}.{key}` form « {form} » has no searchable word (only stop words or single letters)",
                        "write the form with at least one content word, or remove it"))
    return errors
