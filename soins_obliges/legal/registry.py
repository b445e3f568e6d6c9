"""The registry: (a) the LEGI index — which articles of each code were in force on the index date — and (b) the
reviewed file of the articles the site cites (summary, status, what changed since 2020, verified identifiers).

Files (package data, shipped with the engine):
- ``soins_obliges/data/legi-index/<code>.tsv``: ``num`` and ``section_path`` of every article in force on
  2023-12-06, copied from ``../shared/data/legi-index/`` (Légifrance / DILA, base LEGI, Licence Ouverte 2.0);
- ``soins_obliges/data/legal/articles.yaml``: the cited articles, reviewed by hand (schema beside it).

"Since 2020" means since the law the guide describes: changes that took effect from 24 March 2020 (the
sentencing reform of loi n° 2019-222, e.g. the sursis probatoire replacing the SME) onwards.
"""
from __future__ import annotations

import csv
import datetime as _dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import sanitize
from ..errors import ContentError
from .codes import CODES, LEGIFRANCE, display, is_legislative, normalise

DATA = Path(__file__).resolve().parent.parent / "data"
INDEX_DIR = DATA / "legi-index"
ARTICLES_FILE = DATA / "legal" / "articles.yaml"
SCHEMA_FILE = DATA / "legal" / "articles.schema.json"
INDEX_META = INDEX_DIR / "index.json"
INDEX_DATE = json.loads(INDEX_META.read_text(encoding="utf-8"))["date"]   # written by the refresh script


def _fr_date(iso: str) -> str:
    months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
              "novembre", "décembre"]
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{d}{'er' if d == 1 else ''} {months[m - 1]} {y}"


def _en_date(iso: str) -> str:
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"]
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{d} {months[m - 1]} {y}"


ATTRIBUTION = {
    "fr": f"Source : Légifrance / DILA, base LEGI, Licence Ouverte 2.0, état au {_fr_date(INDEX_DATE)}",
    "en": f"Source: Légifrance / DILA, LEGI database, Licence Ouverte 2.0, as of {_en_date(INDEX_DATE)}",
}
RECODIFICATION = {
    "fr": ("La partie législative du code de procédure pénale est refondue, avec une nouvelle numérotation, par "
           "l'ordonnance n° 2025-1091 du 19 novembre 2025, dont l'application est prévue au 1er janvier 2029 : "
           "les numéros d'articles de ce code changeront alors."),
    "en": ("The legislative part of the Code of Criminal Procedure is being recast, with new numbers, by "
           "Ordinance No. 2025-1091 of 19 November 2025, planned to apply from 1 January 2029: the article "
           "numbers of that code will change then."),
}

LINK_LABELS = {
    "fr": {"article": "Lire l'article sur Légifrance", "search": "Chercher l'article sur Légifrance"},
    "en": {"article": "Read the article on Légifrance", "search": "Search for the article on Légifrance"},
}


def article_url(legiarti: str) -> str:
    """The article's own page on Légifrance, from its stable id (the ``cid``, not a version id)."""
    return f"{LEGIFRANCE}/codes/article_lc/{legiarti}"


def law_state(lang: str, index_date: str = INDEX_DATE) -> str:
    """What the status rests on: the date of the LEGI index (not the date of our review)."""
    return (f"État du droit : index LEGI du {_fr_date(index_date)}" if lang == "fr"
            else f"State of the law: LEGI index of {_en_date(index_date)}")


def reviewed_on(verified_on: str, lang: str) -> str:
    """When the project last reviewed the entry (summary, status) — not the date of the law."""
    return (f"Fiche relue le {_fr_date(verified_on)}" if lang == "fr"
            else f"Entry reviewed on {_en_date(verified_on)}")


# status → (French label, English label, still in force?, changed since 2020?)
STATUSES = {
    "en_vigueur": ("en vigueur", "in force", True, False),
    "modifie": ("modifié depuis 2020", "amended since 2020", True, True),
    "nouveau": ("créé depuis 2020", "new since 2020", True, True),
    "abroge": ("abrogé", "repealed", False, True),
    "deplace": ("déplacé", "moved", False, True),
}


def status_label(status: str, lang: str) -> str:
    return STATUSES[status][0 if lang == "fr" else 1]


@dataclass(frozen=True)
class Successor:
    code: str
    num: str
    detail: str = ""       # « 3° »

    def label(self, lang: str, from_code: str | None = None) -> str:
        c = CODES[self.code]
        art = display(self.num)
        det = f", {self.detail}" if self.detail else ""
        if lang == "fr":
            return f"art. {art}{det}" + ("" if self.code == from_code else f" du {c.fr}")
        return f"Art. {art}{det}" + ("" if self.code == from_code else f" of the {c.en}")


@dataclass
class Entry:
    """One reviewed article."""

    code: str
    num: str
    summary: dict[str, str]
    status: str
    changes: dict[str, str] | None
    successors: list[Successor]
    legiarti: str | None
    legiarti_source: str | None
    verified_on: str
    source: str
    confidence: str = "high"
    line: int | None = None
    text_checked: str | None = None     # the date of the article text the summary was read against
    number_2029: str | None = None      # CPP: its number in the recodified code (from 1 January 2029), once published

    @property
    def in_force(self) -> bool:
        return STATUSES[self.status][2]

    @property
    def changed_since_2020(self) -> bool:
        return STATUSES[self.status][3]

    @property
    def recodified_2029(self) -> bool:
        return CODES[self.code].recodified_2029 and is_legislative(self.num)


@dataclass
class Registry:
    index: dict[str, dict[str, str]]            # code → num → section path
    entries: dict[tuple[str, str], Entry] = field(default_factory=dict)
    index_date: str = INDEX_DATE

    def exists(self, code: str, num: str) -> bool:
        return num in self.index.get(code, {})

    def codes_with(self, num: str) -> list[str]:
        return [c for c, nums in self.index.items() if num in nums]

    def entry(self, code: str, num: str) -> Entry | None:
        return self.entries.get((code, num))

    def opens_article(self, code: str, num: str) -> bool:
        """True when the link opens the article itself (its LEGIARTI id is verified), False for a search."""
        e = self.entry(code, num)
        return bool(e and e.legiarti)

    def url(self, code: str, num: str) -> str:
        """Légifrance: the article itself when its LEGIARTI id is verified, else the search for its number in its
        code (never the whole code)."""
        e = self.entry(code, num)
        if e and e.legiarti:
            return article_url(e.legiarti)
        return CODES[code].search_url(num)

    def link_label(self, code: str, num: str, lang: str) -> str:
        """« Lire l'article sur Légifrance » (opens the article) / « Chercher l'article sur Légifrance » (search)."""
        return LINK_LABELS[lang]["article" if self.opens_article(code, num) else "search"]

    def share(self, keys) -> tuple[int, int]:
        """(articles whose link opens the article, articles) among ``keys`` (code, num)."""
        keys = list(keys)
        return sum(1 for k in keys if self.opens_article(*k)), len(keys)


# ----------------------------------------------------------------------------------------------- ready entry

# verified LEGIARTI ids (cid) kept beside the shared LEGI index, outside the repository (optional)
CITED_ARTICLES = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "legi-index" / "cited-articles.csv"


def verified_ids(path: Path = CITED_ARTICLES) -> dict[tuple[str, str], tuple[str, str]]:
    """(code, num) → (cid, where it was verified), from ``cited-articles.csv``: only rows whose ``cid`` was read
    in the article's own recorded API answer (``cache/articles/<cid>.json``), never a row marked WEAK (an id
    seen only as a link inside another article). Empty when the file is absent."""
    out: dict[tuple[str, str], tuple[str, str]] = {}
    try:
        fh = path.open(encoding="utf-8", newline="")
    except OSError:
        return out
    with fh:
        for row in csv.DictReader(fh):
            cid = (row.get("cid") or "").strip()
            source = (row.get("source") or "").strip()
            own_file = f"cache/articles/{cid}.json" in source        # read in the article's own API answer
            if re.fullmatch(r"LEGIARTI\d{12}", cid) and own_file and "WEAK" not in (row.get("note") or ""):
                code = "CR" if row.get("code") == "ROUTE" else row.get("code", "")
                out[(code, row.get("num", ""))] = (cid, f"../shared/data/legi-index/cited-articles.csv ({source})")
    return out


def ready_entry(reg: "Registry", code: str, num: str, ids: dict | None = None) -> str:
    """A registry entry to paste for an article of the index missing from the registry: what the index knows
    (code, number, section, in force), the verified id when ``cited-articles.csv`` has one, and TODO for the
    fields a person must write (the build refuses an entry still carrying TODO)."""
    ids = verified_ids() if ids is None else ids
    section = reg.index.get(code, {}).get(num, "")
    lines = [f"  - code: {code}", f'    num: "{num}"']
    if section:
        lines.append(f"    # section (index LEGI du {reg.index_date}) : {section}")
    lines += ["    summary:",
              "      fr: TODO ce que dit l'article, en une ou deux phrases, dans vos mots",
              "      en: TODO what the article says, in one or two sentences, in your own words",
              "    status: en_vigueur",
              ]
    if (code, num) in ids:
        cid, where = ids[(code, num)]
        lines += [f"    legiarti: {cid}", f'    legiarti_source: "{where.replace(chr(34), chr(39))}"']
    lines += ['    verified_on: "TODO AAAA-MM-JJ, date de votre relecture"',
              f"    source: TODO ce que vous avez relu (index LEGI du {reg.index_date} : présent ; texte lu sur Légifrance le …)"]
    return "\n".join(lines)


# ----------------------------------------------------------------------------------------------- loading

def load_index(directory: Path = INDEX_DIR) -> dict[str, dict[str, str]]:
    """Every code's ``num → section_path`` from its TSV file."""
    index: dict[str, dict[str, str]] = {}
    for cid, code in CODES.items():
        if not code.index_file:
            continue
        path = directory / code.index_file
        with path.open(encoding="utf-8", newline="") as fh:
            rows = csv.reader(fh, delimiter="\t")
            header = next(rows)
            if header[:2] != ["num", "section_path"]:
                raise ValueError(f"{path}: header must be 'num<TAB>section_path', found {header!r}")
            index[cid] = {r[0]: (r[1] if len(r) > 1 else "") for r in rows if r}
    return index


def _lines_of_entries(text: str) -> list[int]:
    """1-based line of each ``- code:`` item of the ``articles:`` list (for error messages)."""
    return [i + 1 for i, line in enumerate(text.splitlines()) if re.match(r"^\s*-\s+code\s*:", line)]


def load_registry(articles_file: Path = ARTICLES_FILE, index: dict | None = None,
                  display_path: str = "soins_obliges/data/legal/articles.yaml",
                  index_date: str = INDEX_DATE) -> tuple[Registry, list[ContentError]]:
    """Load and check the reviewed file against the index. Returns the registry and every problem found."""
    import jsonschema
    import yaml

    index = index if index is not None else load_index()
    reg = Registry(index=index, index_date=index_date)
    errors: list[ContentError] = []
    text = articles_file.read_text(encoding="utf-8")
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return reg, [ContentError(display_path, mark.line + 1 if mark else 1, f"invalid YAML: {exc}".splitlines()[0],
                                  "fix the YAML syntax")]
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    lines = _lines_of_entries(text)
    validator = jsonschema.Draft202012Validator(schema)
    for err in sorted(validator.iter_errors(data), key=lambda e: list(e.path)):
        path = list(err.path)
        line = lines[path[1]] if len(path) > 1 and path[0] == "articles" and path[1] < len(lines) else 1
        where = "/".join(str(p) for p in path) or "(root)"
        errors.append(ContentError(display_path, line, f"{where}: {err.message}", "see articles.schema.json"))
    if errors:
        return reg, errors
    if data.get("index_date") != index_date:
        errors.append(ContentError(display_path, 1, f"index_date {data.get('index_date')!r} differs from the index "
                                   f"({index_date})", "review the registry against the refreshed index, then set index_date"))
    for i, item in enumerate(data["articles"]):
        line = lines[i] if i < len(lines) else None
        code = item["code"]
        try:
            num = normalise(str(item["num"]))
        except ValueError:
            errors.append(ContentError(display_path, line, f"{item['num']!r} is not an article number",
                                       "write it as the index does: 132-45, L3413-1, D581"))
            continue
        if num != str(item["num"]):
            errors.append(ContentError(display_path, line, f"article number {item['num']!r} is not normalised",
                                       f"write {num!r}"))
        successors = [Successor(s["code"], normalise(str(s["num"])), s.get("detail", "")) for s in item.get("successors", [])]
        entry = Entry(code=code, num=num, summary=item["summary"], status=item["status"], changes=item.get("changes"),
                      successors=successors, legiarti=item.get("legiarti"), legiarti_source=item.get("legiarti_source"),
                      verified_on=str(item["verified_on"]), source=item["source"],
                      confidence=item.get("confidence", "high"), line=line,
                      text_checked=str(item["text_checked"]) if item.get("text_checked") else None,
                      number_2029=str(item["number_2029"]) if item.get("number_2029") else None)
        for field_name in ("summary", "changes"):      # shown on pages and in popovers: text, no markup
            for lang, value in (item.get(field_name) or {}).items():
                for f in sanitize.plain_text_problems(value if isinstance(value, str) else ""):
                    errors.append(ContentError(display_path, line, f"{code} {num}: `{field_name}.{lang}`: {f.problem}",
                                               "write it as plain text, without < >"))
        todo = [f for f in ("summary", "changes", "verified_on", "source", "legiarti_source")
                for v in ((item.get(f) or {}).values() if isinstance(item.get(f), dict) else [item.get(f)])
                if isinstance(v, str) and v.lstrip().startswith("TODO")]
        if todo:
            errors.append(ContentError(display_path, line, f"{code} {num}: still to write: {', '.join(dict.fromkeys(todo))}",
                                       "replace each TODO with the reviewed text"))
        key = (code, num)
        if key in reg.entries:
            errors.append(ContentError(display_path, line, f"{code} {num} is listed twice "
                                       f"(first at line {reg.entries[key].line})", "merge the two entries"))
            continue
        present = num in index.get(code, {})
        if entry.in_force and not present:
            others = [c for c in index if num in index[c]]
            errors.append(ContentError(display_path, line, f"{code} {num} has status {entry.status} but is absent from "
                                       f"the LEGI index of {index_date}" + (f" (it exists in {', '.join(others)})" if others else ""),
                                       "check the code and number; an article gone since 2020 has status abroge or deplace"))
        if not entry.in_force and present:
            errors.append(ContentError(display_path, line, f"{code} {num} has status {entry.status} but is in force in the "
                                       f"LEGI index of {index_date}", "use en_vigueur, modifie or nouveau"))
        if entry.status != "en_vigueur" and not entry.changes:
            errors.append(ContentError(display_path, line, f"{code} {num}: status {entry.status} needs `changes` (fr, en)",
                                       "say what changed since 2020"))
        if entry.status == "deplace" and not successors:
            errors.append(ContentError(display_path, line, f"{code} {num}: a moved article needs its `successors`",
                                       "add successors: [{code: CPEN, num: D113-45}]"))
        for s in successors:
            if s.num not in index.get(s.code, {}):
                errors.append(ContentError(display_path, line, f"{code} {num}: successor {s.code} {s.num} is not in force "
                                           f"in the LEGI index of {index_date}", "check the successor's code and number"))
        if entry.number_2029 and not entry.recodified_2029:
            errors.append(ContentError(display_path, line, f"{code} {num}: number_2029 is only for the legislative "
                                       "articles of the code de procédure pénale (recodified from 1 January 2029)",
                                       "remove number_2029"))
        if entry.text_checked and entry.text_checked != str(index_date):
            errors.append(ContentError(display_path, line, f"{code} {num}: text_checked {entry.text_checked} is not the date "
                                       f"of the article texts ({index_date})",
                                       f"write text_checked: \"{index_date}\" once the summary is read against the text "
                                       "of that date, or remove it"))
        if entry.legiarti and not entry.legiarti_source:
            errors.append(ContentError(display_path, line, f"{code} {num}: legiarti without legiarti_source",
                                       "say where the identifier was verified, or remove it (never guess an id)"))
        try:
            day = _dt.date.fromisoformat(entry.verified_on)
            if day > _dt.date.today():
                errors.append(ContentError(display_path, line, f"{code} {num}: verified_on {day} is in the future",
                                           "write the date of the review"))
        except ValueError:
            errors.append(ContentError(display_path, line, f"{code} {num}: verified_on {entry.verified_on!r} is not a date",
                                       "write YYYY-MM-DD"))
        reg.entries[key] = entry
    return reg, errors


_CACHE: dict[tuple, tuple[Registry, list[ContentError]]] = {}


def default_registry() -> tuple[Registry, list[ContentError]]:
    """The shipped registry, loaded once per process (keyed on the files' modification times)."""
    key = (ARTICLES_FILE.stat().st_mtime_ns, *(p.stat().st_mtime_ns for p in sorted(INDEX_DIR.glob("*.tsv"))))
    if key not in _CACHE:
        _CACHE.clear()
        _CACHE[key] = load_registry()
    return _CACHE[key]
