"""Generated glossary pages (Markdown, per language) and the "where this term appears" index.

Pages are plain Markdown with front matter, written beside the content (``docs/glossaire/``) before the build, so
any Markdown host can render them; ``*.md`` is French and ``*.en.md`` English (static-i18n suffix structure).
"""
from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import markdown as _markdown

from ..provenance import compact
from .matcher import Matcher, fold
from .model import SECTORS, Concept, Glossary, Group

OUT_DIR = "glossaire"
GROUP_DIR = "faux-amis"
GENERATED_NOTE = "<!-- generated from glossary/*.yml by soins_obliges.glossary.pages: edit the YAML, not this file -->"

T = {
    "fr": {"glossary": "Glossaire", "definition": "Définition", "details": "En détail", "sector": "Secteur",
           "other_lang": "En anglais", "variants": "Autres formes", "acronyms": "Sigle", "legal": "Base légale",
           "confuse": "Ne pas confondre avec", "see_also": "Voir aussi", "where": "Où ce terme apparaît",
           "sources": "Pages du guide", "faux_amis": "Faux amis", "compare": "Comparer",
           "all": "Tous", "az": "De A à Z", "acronym_list": "Sigles", "groups": "Faux amis : les mots qu'on confond",
           "term": "Terme", "key": "À retenir", "none_where": "Ce terme n'apparaît pas encore dans les chapitres.",
           "stays": "", "filter": "Filtrer par secteur", "french_only": "",
           "intro": ("Les mots de la santé et de la justice, définis d'après le guide et mis en regard quand ils "
                     "se ressemblent. Chaque fiche donne une définition courte, l'équivalent anglais, la base "
                     "légale et les pages du guide."),
           "chapter": "chapitre", "what_differs": "Ce qui les distingue", "difference": "Différence",
           "below": ("Sous la liste : [les faux amis](#faux-amis), ces mots que les deux secteurs confondent, et "
                     "[les sigles](#sigles)."),
           "below_acronyms": "Sous la liste : [les sigles](#sigles).",
           "az_id": "de-a-a-z", "acronym_id": "sigles", "param": "secteur", "letters": "Lettres de l'alphabet",
           "no_letter": "Aucun terme en {letter}"},
    "en": {"glossary": "Glossary", "definition": "Definition", "details": "In more detail", "sector": "Sector",
           "other_lang": "In French", "variants": "Other forms", "acronyms": "Acronym", "legal": "Legal basis",
           "confuse": "Not to be confused with", "see_also": "See also", "where": "Where this term appears",
           "sources": "Guide pages", "faux_amis": "False friends", "compare": "Compare",
           "all": "All", "az": "A to Z", "acronym_list": "Acronyms", "groups": "False friends: words that get confused",
           "term": "Term", "key": "Remember", "none_where": "This term does not appear in the chapters yet.",
           "stays": "French term kept in English: no exact English equivalent.", "filter": "Filter by sector",
           "french_only": " (in French)",
           "intro": ("The words of health and justice, defined from the guide and set side by side where they look "
                     "alike. Each entry gives a short definition, the French term, the legal basis and the guide "
                     "pages."),
           "chapter": "chapter", "what_differs": "What tells them apart", "difference": "Difference",
           "below": ("Below the list: [the false friends](#faux-amis), words the two sectors confuse, and "
                     "[the acronyms](#acronyms)."),
           "below_acronyms": "Below the list: [the acronyms](#acronyms).",
           "az_id": "a-to-z", "acronym_id": "acronyms", "param": "sector", "letters": "Letters of the alphabet",
           "no_letter": "No term under {letter}"},
}


def sector_label(sector: str, lang: str) -> str:
    return SECTORS[sector][lang]


@functools.lru_cache(maxsize=2048)
def definition_html(text: str) -> str:
    """Short Markdown definition → inline HTML (for popovers)."""
    out = _markdown.markdown(text)
    return re.sub(r"^<p>(.*)</p>$", r"\1", out.strip(), flags=re.S)


def _short(c: Concept, lang: str) -> str:
    """The name to show in a list of links: the acronym where there is one (short on a phone), else the term."""
    d = c.lang(lang)
    return d.acronyms[0] if d.acronyms else d.term


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _yaml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def concept_path(cid: str, lang: str) -> str:
    return f"{OUT_DIR}/{cid}{'.en' if lang == 'en' else ''}.md"


def group_path(gid: str, lang: str) -> str:
    return f"{OUT_DIR}/{GROUP_DIR}/{gid}{'.en' if lang == 'en' else ''}.md"


# ---------------------------------------------------------------- where terms appear

@dataclass(frozen=True)
class Occurrence:
    src_uri: str
    page_title: str
    section: str | None
    anchor: str | None
    translated: bool


_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ATTR_ID = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}\s*$")


def _heading_text(raw: str) -> str:
    raw = _ATTR_ID.sub("", raw).strip()
    raw = re.sub(r"\[\[!?([^\]|]+)(?:\|([^\]]+))?\]\]", lambda m: m.group(2) or m.group(1), raw)
    raw = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", raw)
    raw = re.sub(r"[*_`]", "", raw)
    return html.unescape(raw).strip()


def slugify(text: str) -> str:
    """The same slugs as Python-Markdown's toc extension (MkDocs' default)."""
    from markdown.extensions.toc import slugify as md_slugify

    return md_slugify(text, "-")


_SCANNED: dict[tuple, list] = {}


def _page_occurrences(path: Path, rel: str, matcher: Matcher, translated: bool,
                      found: dict[str, list[Occurrence]]) -> None:
    """The occurrences of one page, remembered while the page and the matcher stay the same (``mkdocs serve``:
    an edit rescans the edited page only)."""
    st = path.stat()
    key = (str(path), st.st_mtime_ns, st.st_size, matcher.serial, rel, translated)
    if key not in _SCANNED:
        if len(_SCANNED) > 4000:
            _SCANNED.clear()
        page: dict[str, list[Occurrence]] = defaultdict(list)
        _scan_page(path, rel, matcher, translated, page)
        _SCANNED[key] = [(cid, occ) for cid, occs in page.items() for occ in occs]
    for cid, occ in _SCANNED[key]:
        found[cid].append(occ)


def _scan_page(path: Path, rel: str, matcher: Matcher, translated: bool,
               found: dict[str, list[Occurrence]]) -> None:
    text = path.read_text(encoding="utf-8")
    body = re.sub(r"\A---\n.*?\n---\n", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    title, section, anchor = None, None, None
    used: dict[str, int] = {}
    in_fence = False
    seen: set[tuple[str, str | None]] = set()
    for line in body.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        h = _HEADING.match(line)
        if h:
            txt = _heading_text(h.group(2))
            explicit = _ATTR_ID.search(h.group(2))
            slug = explicit.group(1) if explicit else slugify(txt)
            if not explicit:
                n = used.get(slug, 0)
                used[slug] = n + 1
                if n:
                    slug = f"{slug}_{n}"
            if len(h.group(1)) == 1:
                title = title or txt
            else:
                section, anchor = txt, slug
            continue
        for m in matcher.find(line):
            if m.concept.startswith("!"):   # a proper name that contains a term: not an occurrence
                continue
            key = (m.concept, anchor)
            if key in seen:
                continue
            seen.add(key)
            found[m.concept].append(Occurrence(rel, title or rel, section, anchor, translated))


def occurrences(docs_dir: Path, glossary: Glossary, lang: str = "fr",
                skip_prefix: tuple[str, ...] = (OUT_DIR,)) -> dict[str, list[Occurrence]]:
    """For each concept, the sections of the chapters (pages that restate the guide) where it appears.

    French: the French pages. English: a page's English edition where it exists (English forms), else its
    French text (French forms), which the English site shows as a French fallback page."""
    from ..provenance import front_matter, parse_source_pages

    matchers = {lg: glossary.matcher(lg) for lg in ("fr", "en")}
    found: dict[str, list[Occurrence]] = defaultdict(list)
    for path in sorted(docs_dir.rglob("*.md")):
        rel = path.relative_to(docs_dir).as_posix()
        if rel.endswith(".en.md") or rel.startswith(skip_prefix):
            continue
        try:
            meta, _ = front_matter(path.read_text(encoding="utf-8"))
            if parse_source_pages(meta.get("source_pages")) is None:
                continue   # not a chapter: home, about, generated indexes
        except Exception:
            continue       # reported by the front matter check
        twin = path.with_name(path.stem + ".en.md")
        if lang == "en" and twin.exists():
            _page_occurrences(twin, rel, matchers["en"], True, found)
        else:
            _page_occurrences(path, rel, matchers["fr"], twin.exists(), found)
    return found


# ---------------------------------------------------------------- pages

def _front(title: str, pages_text: str | None, extra: dict | None = None) -> str:
    lines = ["---", f"title: {_yaml_str(title)}", f"source_pages: {_yaml_str(pages_text) if pages_text else 'none'}"]
    for k, v in (extra or {}).items():
        lines.append(f"{k}: {v}")
    lines += ["---", GENERATED_NOTE, ""]
    return "\n".join(lines)


def _link(from_path: str, to_path: str) -> str:
    """Relative Markdown link between two docs paths. Links into the glossary always go through its folder
    (``../glossaire/x.md``), so that an official name followed by its link target does not read, once
    punctuation is stripped, like the guide's « name (ACRONYM) » (overlap-check counts words, not links)."""
    from posixpath import dirname, relpath

    if to_path.startswith(OUT_DIR + "/"):
        depth = dirname(from_path).count("/") + 1 if dirname(from_path) else 0
        return "../" * depth + to_path
    return relpath(to_path, dirname(from_path) or ".")


def concept_page(c: Concept, g: Glossary, lang: str, where: list[Occurrence]) -> str:
    t = T[lang]
    d = c.lang(lang)
    other = c.en if lang == "fr" else c.fr
    me = concept_path(c.id, 'fr')  # links target the French file; static-i18n localises them
    out = [_front(_cap(d.term), c.source_pages_text if c.source_pages else None,
                  {"glossary_concept": c.id, "generated_from": c.file, "search": "\n  boost: 8"})]
    out.append(f"# {_cap(d.term)}\n")
    facts = [f'<span class="so-sector so-sector--{fold(c.sector)}">{sector_label(c.sector, lang)}</span>']
    if d.acronyms:
        facts.append(f"{t['acronyms']} : **{'**, **'.join(d.acronyms)}**" if lang == "fr"
                     else f"{t['acronyms']}: **{'**, **'.join(d.acronyms)}**")
    other_term = other.term if not (lang == "fr" and c.stays_french) else f"{c.en.gloss}"
    facts.append(f"{t['other_lang']} : *{other_term}*" if lang == "fr" else f"{t['other_lang']}: *{other_term}*")
    out.append(' · '.join(facts) + "\n{: .so-concept-facts }\n")
    if lang == "en" and c.stays_french:
        out.append(f"*{c.en.gloss}* — {t['stays']}\n{{: .so-gloss }}\n")
    out.append(f'!!! abstract "{t["definition"]}"\n    ' + d.definition.replace("\n", "\n    ") + "\n")
    if d.explanation:
        out.append(f"## {t['details']}\n\n{d.explanation}\n")
    if d.variants:
        out.append(f"## {t['variants']}\n\n" + ", ".join(f"*{v}*" for v in d.variants) + "\n")
    confusables = [conf for conf in c.confusables if conf["id"] in g.concepts]   # others are reported errors
    see_also = [s for s in c.see_also if s in g.concepts]
    if confusables:
        out.append(f"## {t['confuse']}\n")
        for conf in confusables:
            oc = g.concepts[conf["id"]]
            out.append(f"- **[{_cap(oc.lang(lang).term)}]({_link(me, concept_path(oc.id, 'fr'))})** : {conf[lang].strip()}"
                       if lang == "fr" else
                       f"- **[{_cap(oc.lang(lang).term)}]({_link(me, concept_path(oc.id, 'fr'))})**: {conf[lang].strip()}")
        for grp in g.groups_of(c.id):
            out.append(f"\n{t['compare']} : [{grp.fr['title'] if lang == 'fr' else grp.en['title']}]({_link(me, group_path(grp.id, 'fr'))})"
                       if lang == "fr" else
                       f"\n{t['compare']}: [{grp.en['title']}]({_link(me, group_path(grp.id, 'fr'))})")
        out.append("")
    elif g.groups_of(c.id):
        out.append(f"## {t['faux_amis']}\n")
        for grp in g.groups_of(c.id):
            title = grp.fr["title"] if lang == "fr" else grp.en["title"]
            out.append(f"- [{title}]({_link(me, group_path(grp.id, 'fr'))})")
        out.append("")
    if c.legal_basis:
        out.append(f"## {t['legal']}\n")
        out += [f"- {cite}" for cite in c.legal_basis]
        out.append("")
    if see_also:
        out.append(f"## {t['see_also']}\n")
        out.append(", ".join(f"[{_short(g.concepts[s], lang)}]({_link(me, concept_path(s, 'fr'))})" for s in see_also) + "\n")
    out.append(f"## {t['where']}\n")
    if where:
        by_page: dict[str, list[Occurrence]] = defaultdict(list)
        for o in where:
            by_page[o.src_uri].append(o)
        for src, occs in by_page.items():
            page_link = _link(me, src)
            sections = [f"[{o.section}]({page_link}#{o.anchor})" for o in occs if o.anchor]
            label = occs[0].page_title + ("" if occs[0].translated else t["french_only"])
            line = f"- [{label}]({page_link})"
            if sections:
                line += " — " + " · ".join(sections)
            out.append(line)
        out.append("")
    else:
        out.append(t["none_where"] + "\n")
    if c.source_pages:
        out.append(f"<small>{t['sources']} : {compact(c.source_pages)}</small>\n" if lang == "fr"
                   else f"<small>{t['sources']}: {compact(c.source_pages, '–')}</small>\n")
    return "\n".join(out)


def group_page(grp: Group, g: Glossary, lang: str) -> str:
    t = T[lang]
    text = grp.fr if lang == "fr" else grp.en
    me = group_path(grp.id, 'fr')
    pages_text = compact(grp.source_pages) if grp.source_pages else None
    out = [_front(text["title"], pages_text, {"generated_from": grp.file, "search": "\n  boost: 6"}),
           f"# {text['title']}\n", text["intro"].strip() + "\n"]
    if text.get("key_difference"):
        out.append(f'!!! tip "{t["key"]}"\n    ' + text["key_difference"].strip().replace("\n", "\n    ") + "\n")
    concepts = [g.concepts[cid] for cid in grp.concepts if cid in g.concepts]   # unknown ids are reported errors
    # one row per concept, one column per fact: on a phone each row is a card, one concept per card, each fact a
    # line labelled with its column header (soins_obliges.tables; nothing scrolls sideways)
    # (the acronym beside the term: five columns fit a desktop's column)
    columns = [t["term"], t["sector"], t["definition"], t["other_lang"], t["legal"]]
    out += ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for c in concepts:
        d, other = c.lang(lang), (c.en if lang == "fr" else c.fr)
        acronyms = f" ({', '.join(d.acronyms)})" if d.acronyms else ""
        cells = [f"[{_cap(d.term)}]({_link(me, concept_path(c.id, 'fr'))}){acronyms}", sector_label(c.sector, lang),
                 d.definition.replace("\n", " "), other.term, ", ".join(c.legal_basis) or "—"]
        out.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    out.append("")
    diffs = []
    for c in concepts:
        for conf in c.confusables:
            if conf["id"] in grp.concepts and conf["id"] in g.concepts:
                oc = g.concepts[conf["id"]]
                diffs.append(f"- **{_cap(c.lang(lang).term)} / {oc.lang(lang).term}** — {conf[lang].strip()}")
    if diffs:
        out.append(f"## {t['what_differs']}\n")
        out += diffs
        out.append("")
    return "\n".join(out)


AZ = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_NOT_KEY = re.compile(r"[^a-z0-9]+")


def _keys(forms: list[str]) -> str:
    from ..search.text import fold as search_fold

    keys: list[str] = []
    for form in forms:
        k = _NOT_KEY.sub(" ", search_fold(form)).strip()
        if k and k not in keys:
            keys.append(k)
    return " | ".join(keys)


def search_keys(c: Concept, lang: str) -> tuple[str, str]:
    """What the glossary index's filter field matches an entry against: (its term and variants, and in English the
    gloss of a term kept in French; its acronyms), each form folded the way the site's search folds words (lower
    case, accents and ligatures removed) and reduced to words of letters and digits, forms separated by `` | ``.
    Plain ASCII words only: nothing in them needs escaping in an attribute."""
    d = c.lang(lang)
    forms = [d.term, *d.variants]
    if lang == "en" and c.stays_french and d.gloss:
        forms.append(d.gloss)
    return _keys(forms), _keys(d.acronyms)


def letter_of(c: Concept, lang: str) -> str:
    """The letter an entry is filed under in the index (A-Z; anything else under « # »)."""
    first = fold(c.lang(lang).term)[:1].upper()
    return first if first in AZ else "#"


def letter_id(letter: str, lang: str) -> str:
    return ("lettre-" if lang == "fr" else "letter-") + ("autres" if letter == "#" else letter.lower())


def index_page(g: Glossary, lang: str) -> str:
    """The glossary's home: a filter toolbar (the field is added by assets/glossary-index.js; the sector buttons
    stay hidden without JavaScript), a sticky A-Z bar (letters without entries disabled), the entries by letter,
    then the comparison groups and the acronyms."""
    t = T[lang]
    me = f"{OUT_DIR}/index.md"
    pages = sorted({p for c in g.concepts.values() for p in (c.source_pages or [])})
    out = [_front(t["glossary"], compact(pages) if pages else None,
                  {"search": "\n  boost: 4", "glossary_autolink": "false"}),
           f"# {t['glossary']}\n", t["intro"] + (" " + t["below"] if g.groups else " " + t["below_acronyms"]) + "\n"]
    entries = g.sorted(lang)
    by_letter: dict[str, list[Concept]] = defaultdict(list)
    for c in entries:
        by_letter[letter_of(c, lang)].append(c)
    out.append(f"## {t['az']} {{#{t['az_id']}}}\n")
    buttons = "".join(f'<button type="button" data-sector="{s}" data-key="{fold(s)}" aria-pressed="false">'
                      f'{sector_label(s, lang)}</button>' for s in SECTORS)
    out.append(f'<div class="so-az-wrap" markdown>\n'
               f'<div class="so-az-tools" data-param="{t["param"]}">'
               f'<div class="so-filter" role="group" aria-label="{t["filter"]}" hidden>'
               f'<button type="button" data-sector="" data-key="" aria-pressed="true">{t["all"]}</button>{buttons}</div>'
               f'</div>\n')
    letters = list(AZ) + (["#"] if "#" in by_letter else [])
    bar = []
    for letter in letters:
        if by_letter.get(letter):
            bar.append(f'<a href="#{letter_id(letter, lang)}" data-letter="{letter}">{letter}</a>')
        else:
            bar.append(f'<a role="link" aria-disabled="true" data-letter="{letter}" '
                       f'title="{t["no_letter"].format(letter=letter)}">{letter}</a>')
    out.append(f'<nav class="so-azbar" aria-label="{t["letters"]}">{"".join(bar)}</nav>\n')
    out.append('<div class="so-az" markdown>\n')
    for letter in letters:
        if not by_letter.get(letter):
            continue
        shown = "\\#" if letter == "#" else letter
        out.append(f"### {shown} {{#{letter_id(letter, lang)}}}\n")
        for c in by_letter[letter]:
            d = c.lang(lang)
            acr = f" ({', '.join(d.acronyms)})" if d.acronyms else ""
            keys, acronyms = search_keys(c, lang)
            attrs = f'data-keys="{keys}" data-sector="{c.sector}"' + (f' data-acronyms="{acronyms}"' if acronyms else "")
            out.append(f"- [{_cap(d.term)}]({_link(me, concept_path(c.id, 'fr'))}){{: {attrs} }}{acr} "
                       f"<span class=\"so-sector so-sector--{fold(c.sector)}\">{sector_label(c.sector, lang)}</span>")
        out.append("")
    out.append("</div>\n</div>\n")
    if g.groups:
        out.append(f"## {t['groups']} {{#faux-amis}}\n")
        for grp in sorted(g.groups.values(), key=lambda x: fold((x.fr if lang == "fr" else x.en)["title"])):
            title = (grp.fr if lang == "fr" else grp.en)["title"]
            out.append(f"- [{title}]({_link(me, group_path(grp.id, 'fr'))})")
        out.append("")
    acros = sorted(((a, c) for c in g.concepts.values() for a in c.lang(lang).acronyms), key=lambda x: fold(x[0]))
    if acros:
        out.append(f"## {t['acronym_list']} {{#{t['acronym_id']}}}\n")
        out.append(f"| {t['acronyms']} | {t['term']} |\n|---|---|")
        for a, c in acros:
            out.append(f"| **{a}** | [{_cap(c.lang(lang).term)}]({_link(me, concept_path(c.id, 'fr'))}) |")
        out.append("")
    return "\n".join(out)


def generate(g: Glossary, docs_dir: Path) -> dict[str, str]:
    """All glossary pages as {docs-relative path: Markdown}."""
    pages: dict[str, str] = {}
    for lang in ("fr", "en"):
        where = occurrences(docs_dir, g, lang)
        pages[f"{OUT_DIR}/index{'.en' if lang == 'en' else ''}.md"] = index_page(g, lang)
        for c in g.concepts.values():
            pages[concept_path(c.id, lang)] = concept_page(c, g, lang, where.get(c.id, []))
        for grp in g.groups.values():
            pages[group_path(grp.id, lang)] = group_page(grp, g, lang)
    return pages


def write_pages(pages: dict[str, str], docs_dir: Path) -> int:
    """Write generated pages, touching only files whose content changed (keeps `mkdocs serve` calm);
    removes generated pages that no longer have a source. Returns the number of files written."""
    out_root = docs_dir / OUT_DIR
    written = 0
    for rel, text in pages.items():
        path = docs_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written += 1
    if out_root.exists():
        keep = {docs_dir / rel for rel in pages}
        for path in out_root.rglob("*.md"):
            if path not in keep:
                path.unlink()
    return written
