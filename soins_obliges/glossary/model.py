"""Glossary data: load ``glossary/*.yml`` and ``glossary/faux-amis/*.yml``, validate, expose concepts.

Every problem is reported as ``file:line: problem → how to fix``; nothing is dropped silently.
"""
from __future__ import annotations

import difflib
import functools
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import jsonschema

from .. import sanitize, sourcefiles, yamlload
from ..errors import ContentError
from ..provenance import SourcePagesError, parse_source_pages
from .matcher import Entry, fold

LANGS = ("fr", "en")
SECTORS = {"santé": {"fr": "Santé", "en": "Health"}, "justice": {"fr": "Justice", "en": "Justice"},
           "commun": {"fr": "Commun", "en": "Shared"}}
# acronyms that are also ordinary words or other acronyms: linked only on pages that also name the concept
AMBIGUOUS_ACRONYMS = {"IT", "OS", "SME", "CP", "TJ", "AT", "CT", "CAP", "ACT", "POP", "SID", "CMP", "PPR", "ARS",
                      "RDR", "DIS", "CPI", "PSE", "ESR", "JAP", "CPU"}
NEVER_LINK = "!never-link"
NEVER_LINK_FILE = "_ne-pas-lier.yml"
RAW_HTML = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>|<!--")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1", re.S)


_MARKUP_HINT = re.compile(r"[<\[{&]|https?:|www\.")


@functools.lru_cache(maxsize=4096)
def _markdown_html(text: str) -> str:
    """A field's Markdown as the site renders it (links included), to check it with the sanitizer. Text with no
    link, brace, entity or angle bracket renders to nothing the sanitizer could refuse: not converted."""
    if not _MARKUP_HINT.search(text):
        return ""
    import markdown

    return markdown.markdown(text, extensions=["attr_list"])


def _schema(name: str) -> dict:
    return json.loads(resources.files("soins_obliges.schemas").joinpath(name).read_text(encoding="utf-8"))


@dataclass
class LangData:
    term: str
    definition: str
    variants: list[str] = field(default_factory=list)
    acronyms: list[str] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)
    gloss: str = ""
    explanation: str = ""


@dataclass
class Concept:
    id: str
    sector: str
    source_pages: list[int] | None
    source_pages_text: str
    fr: LangData
    en: LangData
    stays_french: bool = False
    see_also: list[str] = field(default_factory=list)
    confusables: list[dict] = field(default_factory=list)
    legal_basis: list[str] = field(default_factory=list)
    homonyms: dict[str, str] = field(default_factory=dict)
    file: str = ""

    def lang(self, lang: str) -> LangData:
        return self.fr if lang == "fr" else self.en

    def entry(self, lang: str) -> Entry:
        d = self.lang(lang)
        acr = tuple(a for a in d.acronyms)
        return Entry(self.id, (d.term, *d.variants), acr, tuple(a for a in acr if a in AMBIGUOUS_ACRONYMS or len(a) <= 2))


@dataclass
class Group:
    id: str
    concepts: list[str]
    fr: dict
    en: dict
    source_pages: list[int] | None
    file: str = ""


_MATCHERS: dict = {}     # (language, entries) → Matcher, shared by the glossaries that have the same forms


@dataclass
class Glossary:
    concepts: dict[str, Concept]
    groups: dict[str, Group]
    never_link: dict[str, list[str]] = field(default_factory=dict)   # proper names that contain a term
    # ids of concept files that exist but were rejected (their errors are reported): references to them are not
    # reported again as « unknown concept », which would bury the one real error under a cascade
    rejected: set[str] = field(default_factory=set)

    def entries(self, lang: str) -> list[Entry]:
        """What the matcher looks for; proper names listed in glossary/_ne-pas-lier.yml are matched too (the
        longest match wins) under the id NEVER_LINK, so that a term inside them is never linked."""
        out = [c.entry(lang) for c in self.concepts.values()]
        if self.never_link.get(lang):
            out.append(Entry(NEVER_LINK, tuple(self.never_link[lang])))
        return out

    def matcher(self, lang: str):
        """The matcher of one language's forms. Compiling its few thousand patterns takes a second: links, pages,
        search share one, and ``mkdocs serve`` keeps it while the forms stay the same (an edited definition
        reloads the glossary, not the forms)."""
        cache = self.__dict__.setdefault("_matchers", {})
        if lang not in cache:
            from .matcher import Matcher

            entries = tuple(self.entries(lang))
            key = (lang, entries)
            if key not in _MATCHERS:
                if len(_MATCHERS) >= 4:      # two languages, the current and the previous forms
                    _MATCHERS.pop(next(iter(_MATCHERS)))
                _MATCHERS[key] = Matcher(list(entries), lang)
            cache[lang] = _MATCHERS[key]
        return cache[lang]

    def groups_of(self, concept_id: str) -> list[Group]:
        return [g for g in self.groups.values() if concept_id in g.concepts]

    def sorted(self, lang: str) -> list[Concept]:
        return sorted(self.concepts.values(), key=lambda c: fold(c.lang(lang).term))


def _schema_errors(data, node, schema: dict, file: str) -> list[ContentError]:
    out = []
    validator = jsonschema.Draft202012Validator(schema)
    for err in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path)):
        path = list(err.absolute_path)
        line = node.line(path)
        where = ".".join(str(p) for p in path) or "(top level)"
        if err.validator == "additionalProperties":
            allowed = list(err.schema.get("properties", {}))
            extra = [k for k in (err.instance or {}) if k not in allowed]
            for key in extra:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f"did you mean `{close[0]}`?" if close else f"allowed keys: {', '.join(allowed)}"
                out.append(ContentError(file, node.line([*path, key]),
                                        f"unknown key `{key}`" + (f" in `{where}`" if path else ""), hint))
        elif err.validator == "required":
            missing = err.message.split("'")[1]
            fix = ("add the English edition under `en:` (term, definition)" if missing == "en"
                   else "add the French edition under `fr:` (term, definition)" if missing == "fr"
                   else f"add `{missing}:`")
            out.append(ContentError(file, line, f"missing `{missing}`" + (f" in `{where}`" if path else ""), fix))
        elif err.validator == "enum":
            out.append(ContentError(file, line, f"`{where}` is {err.instance!r}",
                                    "use one of: " + ", ".join(map(str, err.validator_value))))
        elif err.validator == "minLength":
            out.append(ContentError(file, line, f"`{where}` is empty", "write it (Markdown, no HTML)"))
        else:
            out.append(ContentError(file, line, f"`{where}`: {err.message}", "see the JSON Schema in soins_obliges/schemas/"))
    return out


def _lang(d: dict) -> LangData:
    return LangData(term=d["term"].strip(), definition=d["definition"].strip(),
                    variants=list(d.get("variants") or []), acronyms=list(d.get("acronyms") or []),
                    hidden=list(d.get("hidden") or []), gloss=(d.get("gloss") or "").strip(),
                    explanation=(d.get("explanation") or "").strip())


def _load_file(path: Path, display: str, schema: str, what: str):
    """Parse one YAML file, check it against its schema and its id against the file name.
    Returns (node, errors); node is None when the file cannot be used at all."""
    try:
        node = yamlload.load_located(path, display)
    except yamlload.YamlError as exc:
        return None, [exc.error]
    if not isinstance(node.data, dict):
        return None, [ContentError(display, 1, f"a {what} file must be a YAML mapping", "start from the example in CONTRIBUTING.md")]
    errors = _schema_errors(node.data, node, _schema(schema), display)
    if errors:
        return None, errors
    if node.data["id"] != path.stem:
        errors.append(ContentError(display, node.line(["id"]),
                                   f"id `{node.data['id']}` differs from the file name `{path.stem}`",
                                   f"rename the file to {node.data['id']}.yml or set `id: {path.stem}`"))
    return node, errors


def load_concept(path: Path, display: str) -> tuple[Concept | None, list[ContentError]]:
    node, errors = _load_file(path, display, "concept.schema.json", "concept")
    if node is None:
        return None, errors
    data = node.data
    try:
        pages = parse_source_pages(data["source_pages"])
    except SourcePagesError as exc:
        errors.append(ContentError(display, node.line(["source_pages"]), str(exc),
                                   'write printed guide pages like "30" or "41, 58"'))
        pages = None
    for lang in LANGS:
        for key in ("definition", "explanation", "gloss"):
            text = data[lang].get(key) or ""
            if key == "definition" and not text.strip():
                errors.append(ContentError(display, node.line([lang, key]), f"`{lang}.definition` is empty",
                                           "write 1-2 sentences"))
            raw = RAW_HTML.search(_CODE_SPAN.sub("", text))     # HTML shown as code (`<b>`) is text
            if raw:
                errors.append(ContentError(display, node.line([lang, key]),
                                           f"raw HTML in `{lang}.{key}`: {raw.group(0)!r}",
                                           "use Markdown only (**bold**, *italic*, [link](…))"))
            if text and not raw:
                for f in sanitize.check(_markdown_html(text)):
                    errors.append(ContentError(display, node.line([lang, key]), f"`{lang}.{key}`: {f.problem}", f.fix))
        for conf_i, conf in enumerate(data.get("confusables") or []):
            if RAW_HTML.search(_CODE_SPAN.sub("", conf.get(lang, ""))):
                errors.append(ContentError(display, node.line(["confusables", conf_i, lang]),
                                           "raw HTML in a confusable's difference", "use Markdown only"))
            elif conf.get(lang):
                for f in sanitize.check(_markdown_html(conf[lang])):
                    errors.append(ContentError(display, node.line(["confusables", conf_i, lang]),
                                               f"a confusable's difference: {f.problem}", f.fix))
        # shown as text in titles, lists and the search index: no HTML at all
        d = data[lang]
        for key in ("term", "gloss"):
            for f in sanitize.plain_text_problems(d.get(key) or ""):
                errors.append(ContentError(display, node.line([lang, key]), f"`{lang}.{key}`: {f.problem}",
                                           "write it as plain text, without < >"))
        for key in ("variants", "acronyms", "hidden"):
            for i, v in enumerate(d.get(key) or []):
                for f in sanitize.plain_text_problems(v if isinstance(v, str) else ""):
                    errors.append(ContentError(display, node.line([lang, key, i]), f"`{lang}.{key}`: {f.problem}",
                                               "write it as plain text, without < >"))
    if data.get("stays_french") and not data["en"].get("gloss"):
        errors.append(ContentError(display, node.line(["en"]),
                                   "`stays_french: true` but no `en.gloss`", "add a short English gloss under `en:`"))
    concept = Concept(
        id=data["id"], sector=data["sector"], source_pages=pages, source_pages_text=str(data["source_pages"]),
        fr=_lang(data["fr"]), en=_lang(data["en"]), stays_french=bool(data.get("stays_french")),
        see_also=list(data.get("see_also") or []), confusables=list(data.get("confusables") or []),
        legal_basis=list(data.get("legal_basis") or []), homonyms=dict(data.get("homonyms") or {}), file=display)
    concept._node = node  # kept for line numbers in cross-file checks
    return concept, errors


def load_group(path: Path, display: str) -> tuple[Group | None, list[ContentError]]:
    node, errors = _load_file(path, display, "faux-amis.schema.json", "faux-amis")
    if node is None:
        return None, errors
    data = node.data
    pages = None
    if "source_pages" in data:
        try:
            pages = parse_source_pages(data["source_pages"])
        except SourcePagesError as exc:
            errors.append(ContentError(display, node.line(["source_pages"]), str(exc),
                                       'write printed guide pages like "30, 62-63"'))
    for lang in LANGS:
        for f in sanitize.plain_text_problems(data[lang].get("title") or ""):
            errors.append(ContentError(display, node.line([lang, "title"]), f"`{lang}.title`: {f.problem}", f.fix))
        for key in ("intro", "key_difference"):
            text = data[lang].get(key) or ""
            for f in sanitize.check(_markdown_html(text)) if text else []:
                errors.append(ContentError(display, node.line([lang, key]), f"`{lang}.{key}`: {f.problem}", f.fix))
    group = Group(data["id"], list(data["concepts"]), data["fr"], data["en"], pages, display)
    group._node = node
    return group, errors


def _ref_errors(c: Concept, ids: set[str], rejected: set[str] = frozenset()) -> list[ContentError]:
    out = []
    node = c._node
    for i, ref in enumerate(c.see_also):
        if ref == c.id:
            out.append(ContentError(c.file, node.line(["see_also", i]), "`see_also` names the concept itself",
                                    "remove it"))
        elif ref not in ids and ref not in rejected:
            close = difflib.get_close_matches(ref, ids, n=1, cutoff=0.75)
            out.append(ContentError(c.file, node.line(["see_also", i]), f"`see_also`: unknown concept `{ref}`",
                                    f"did you mean `{close[0]}`?" if close else f"create glossary/{ref}.yml or remove it"))
    for i, conf in enumerate(c.confusables):
        ref = conf["id"]
        if ref == c.id:
            out.append(ContentError(c.file, node.line(["confusables", i, "id"]),
                                    "a concept cannot be confused with itself", "remove this confusable"))
        elif ref not in ids and ref not in rejected:
            close = difflib.get_close_matches(ref, ids, n=1, cutoff=0.75)
            out.append(ContentError(c.file, node.line(["confusables", i, "id"]),
                                    f"`confusables`: unknown concept `{ref}`",
                                    f"did you mean `{close[0]}`?" if close else f"create glossary/{ref}.yml or remove it"))
    return out


def _claim_errors(concepts: list[Concept]) -> list[ContentError]:
    """A term, variant or acronym belongs to one concept per language, unless both declare it a homonym."""
    out = []
    for lang in LANGS:
        owner: dict[str, tuple[Concept, str]] = {}
        for c in concepts:
            d = c.lang(lang)
            forms = [("term", d.term), *(("variants", v) for v in d.variants)]
            forms += [("acronyms", a) for a in d.acronyms]
            seen_here = set()
            for kind, form in forms:
                key = form if kind == "acronyms" else fold(form)
                if key in seen_here:
                    continue
                seen_here.add(key)
                if key in owner and owner[key][0].id != c.id:
                    other, _ = owner[key]
                    if form in c.homonyms and form in other.homonyms:
                        continue
                    out.append(ContentError(
                        c.file, c._node.line([lang, kind]),
                        f"{lang} {kind[:-1] if kind != 'term' else 'term'} « {form} » is also claimed by `{other.id}` ({other.file})",
                        f"keep it in one concept, or declare it in `homonyms:` of both with how to tell them apart"))
                else:
                    owner.setdefault(key, (c, kind))
    return out


def load_glossary(directory: Path, display_root: str = "glossary") -> tuple[Glossary, list[ContentError]]:
    """Load and validate a glossary folder. Cached on the folder's files and their modification times, so the
    several parts of a build (links, pages, search, diagrams) share one load."""
    directory = Path(directory).resolve()
    stamp = tuple(sorted((str(p), p.stat().st_mtime_ns) for p in directory.rglob("*.y*ml")))
    return _load_glossary(directory, display_root, stamp)


_CONCEPTS: dict[tuple[str, str], tuple] = {}    # (file, display) → (modification time and size, load_concept)


def _load_concept_cached(path: Path, display: str):
    """load_concept, remembered while the file stays the same: an edit reloads one concept, not 291 (the
    objects are never modified after loading, so two loads of the glossary can share them)."""
    st = path.stat()
    stamp = (st.st_mtime_ns, st.st_size)
    hit = _CONCEPTS.get((str(path), display))
    if hit is None or hit[0] != stamp:
        hit = _CONCEPTS[(str(path), display)] = (stamp, load_concept(path, display))
    concept, errs = hit[1]
    return concept, list(errs)


@functools.lru_cache(maxsize=4)
def _load_glossary(directory: Path, display_root: str, _stamp: tuple) -> tuple[Glossary, list[ContentError]]:
    errors: list[ContentError] = []
    concepts: dict[str, Concept] = {}
    rejected: set[str] = set()
    never: dict[str, list[str]] = {}
    never_path = directory / NEVER_LINK_FILE
    if never_path.exists():
        display = f"{display_root}/{NEVER_LINK_FILE}"
        try:
            node = yamlload.load_located(never_path, display)
            data = node.data or {}
            if not isinstance(data, dict) or set(data) - set(LANGS) or \
                    not all(isinstance(v, list) and all(isinstance(x, str) and x.strip() for x in v) for v in data.values()):
                errors.append(ContentError(display, 1, "expected `fr:` and `en:` lists of names",
                                           "see the comment at the top of the file"))
            else:
                never = {lang: list(v) for lang, v in data.items()}
        except yamlload.YamlError as exc:
            errors.append(exc.error)
    for path in sorted(directory.glob("*.y*ml")):
        if path.name.startswith("_"):
            continue
        display = f"{display_root}/{path.name}"
        if path.suffix not in (".yml", ".yaml"):
            continue
        bad_name = sourcefiles.name_error(path, display, "concept")
        concept, errs = _load_concept_cached(path, display)
        if bad_name:   # said once, by name; the concept is still used, so nothing that refers to it cascades
            errs = [bad_name, *(e for e in errs if "differs from the file name" not in e.problem)]
        errors += errs
        if concept is None:
            rejected.add(path.stem)
            continue
        if concept.id in concepts:
            errors.append(ContentError(display, concept._node.line(["id"]),
                                       f"duplicate id `{concept.id}` (also in {concepts[concept.id].file})",
                                       "give each concept its own id"))
            continue
        concepts[concept.id] = concept
    ids = set(concepts)
    for c in concepts.values():
        errors += _ref_errors(c, ids, rejected)
    errors += _claim_errors(list(concepts.values()))
    groups: dict[str, Group] = {}
    gdir = directory / "faux-amis"
    for path in sorted(gdir.glob("*.y*ml")) if gdir.is_dir() else []:
        display = f"{display_root}/faux-amis/{path.name}"
        group, errs = load_group(path, display)
        errors += errs
        if group is None:
            continue
        for i, cid in enumerate(group.concepts):
            if cid not in ids and cid not in rejected:
                close = difflib.get_close_matches(cid, ids, n=1, cutoff=0.75)
                errors.append(ContentError(display, group._node.line(["concepts", i]),
                                           f"unknown concept `{cid}`",
                                           f"did you mean `{close[0]}`?" if close else f"create glossary/{cid}.yml"))
        if group.id in groups:
            errors.append(ContentError(display, 1, f"duplicate group id `{group.id}`", "rename one"))
        groups[group.id] = group
    return Glossary(concepts, groups, never, rejected), errors
