"""The codes the site cites: names in French and English, the forms professionals write them in, their
Légifrance identifiers, and how article numbers are normalised and displayed.

Article numbers are normalised the way the LEGI index writes them: ``222-39``, ``L3421-1``, ``R131-46``,
``D581``, ``LO3``; they are displayed the way French legal writing prints them: ``222-39``, ``L. 3421-1``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

LEGIFRANCE = "https://www.legifrance.gouv.fr"


@dataclass(frozen=True)
class Code:
    id: str                      # CP, CPP, CSP, CR, CASF, CPEN
    fr: str                      # « code pénal » (lower case, as written inside a sentence)
    en: str                      # "Criminal Code"
    short_fr: str                # C. pén.
    legitext: str | None         # LEGITEXT id of the code (None: not known)
    index_file: str | None       # the LEGI index file (None: code outside the index)
    legitext_source: str = ""
    # the regulatory parts (R., D., A.) of the CPP are not recodified by ordonnance n° 2025-1091
    recodified_2029: bool = False
    # Légifrance's own parameter restricting a search to this code (``nomCode=…``), when known (see README.md)
    nom_code: str | None = None

    def name(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en

    def title(self, lang: str) -> str:
        n = self.name(lang)
        return n[:1].upper() + n[1:]

    def search_url(self, num: str) -> str:
        """Légifrance's search for one article number (``num`` as the index writes it: ``132-45``,
        ``L3413-1``), restricted to this code when its ``nomCode`` is known, else over all codes (the result
        list names the code of each hit). Never the whole code: a reader lands on the article, or one click
        from it."""
        from urllib.parse import quote

        url = (f"{LEGIFRANCE}/search/code?tab_selection=code&searchField=NUM_ARTICLE"
               f"&query={quote(num, safe='')}&page=1&init=true")
        return url + (f"&nomCode={self.nom_code}" if self.nom_code else "")


README_SOURCE = "LEGITEXT given in the README of ../shared/data/legi-index/ (copied to soins_obliges/data/legi-index/README.md)"

CODES: dict[str, Code] = {c.id: c for c in (
    Code("CP", "code pénal", "Criminal Code", "C. pén.", "LEGITEXT000006070719", "code-penal.tsv", README_SOURCE,
         nom_code="M94xeQ%3D%3D"),
    Code("CPP", "code de procédure pénale", "Code of Criminal Procedure", "C. pr. pén.", "LEGITEXT000006071154",
         "code-de-procedure-penale.tsv", README_SOURCE, recodified_2029=True, nom_code="aQb8lg%3D%3D"),
    Code("CSP", "code de la santé publique", "Public Health Code", "CSP", "LEGITEXT000006072665",
         "code-de-la-sante-publique.tsv", README_SOURCE),
    Code("CR", "code de la route", "Highway Code", "C. route", "LEGITEXT000006074228", "code-de-la-route.tsv",
         README_SOURCE),
    Code("CASF", "code de l'action sociale et des familles", "Social Action and Families Code", "CASF",
         "LEGITEXT000006074069", "code-de-laction-sociale-et-des-familles.tsv", README_SOURCE),
    Code("CPEN", "code pénitentiaire", "Prison Code", "C. pénit.", "LEGITEXT000045476241", "code-penitentiaire.tsv",
         "not in the shared README; the same id is given for the Code pénitentiaire by four independent public "
         "code lists (e.g. the LEGI mirrors' code tables); Légifrance URL codes/texte_lc/LEGITEXT000045476241/"),
)}

# Codes recognised in the text but not covered by the index: citing them is an error (nothing can check them).
UNCOVERED = {
    "code civil": "Code civil", "code du travail": "Code du travail",
    "code de la sécurité sociale": "Code de la sécurité sociale",
    "code de l'organisation judiciaire": "Code de l'organisation judiciaire",
    "code de la sécurité intérieure": "Code de la sécurité intérieure",
    "code de l'environnement": "Code de l'environnement",
    "code de la justice pénale des mineurs": "Code de la justice pénale des mineurs",
    "code de l'entrée et du séjour des étrangers et du droit d'asile": "CESEDA",
}

# How each code is written. Matching is case-insensitive; apostrophes may be ' or ’.
NAMES: dict[str, list[str]] = {
    "CP": ["code pénal", "code penal", "criminal code", "penal code", "french criminal code", "french penal code"],
    "CPP": ["code de procédure pénale", "code de procedure penale", "code of criminal procedure",
            "criminal procedure code", "french code of criminal procedure"],
    "CSP": ["code de la santé publique", "code de la sante publique", "public health code", "french public health code"],
    "CR": ["code de la route", "highway code", "road traffic code", "traffic code", "french highway code"],
    "CASF": ["code de l'action sociale et des familles", "social action and families code",
             "code of social action and families", "social action and family code"],
    "CPEN": ["code pénitentiaire", "code penitentiaire", "prison code", "penitentiary code", "french prison code"],
}
# abbreviations (case-sensitive: "CP" must not match "cp" in a word)
ABBREVIATIONS: dict[str, list[str]] = {
    "CP": ["C. pén.", "C. pén", "C. pen.", "CP"],
    "CPP": ["C. pr. pén.", "C. proc. pén.", "C. pr. pén", "C. proc. pén", "CPP"],
    "CSP": ["C. santé publ.", "C. santé pub.", "CSP"],
    "CR": ["C. route", "C. de la route"],
    "CASF": ["C. act. soc. fam.", "CASF"],
    "CPEN": ["C. pénit.", "C. pénit", "CPénit"],
}


def code_by_name(text: str) -> str | None:
    """« code pénal », "C. pén.", "Criminal Code", « CPP » → code id (None when not a covered code)."""
    t = re.sub(r"\s+", " ", text.replace("’", "'")).strip()
    low = t.lower()
    for cid, names in NAMES.items():
        if low in names:
            return cid
    for cid, abbrs in ABBREVIATIONS.items():
        if t in abbrs:
            return cid
    return None


# ----------------------------------------------------------------------------------------- article numbers

_NUM = re.compile(r"^(?P<prefix>LO|L|R|D|A)?\.?\s*(?P<body>\d+(?:er)?(?:\s*[-‑]\s*\d+)*)(?:\s*[-‑]?\s*(?P<suffix>[A-C]))?$",
                  re.I)


def normalise(raw: str) -> str:
    """« L. 3421-1 » → ``L3421-1``; « R.131-46 » → ``R131-46``; « 1er » → ``1``; « L. 5125-1-1 A » → ``L5125-1-1-A``.
    Raises ValueError for something that is not an article number."""
    t = re.sub(r"[\s\u00a0\u202f]+", " ", raw.strip())
    m = _NUM.match(t)
    if not m:
        raise ValueError(f"not an article number: {raw!r}")
    prefix = (m.group("prefix") or "").upper()
    body = re.sub(r"\s*[-‑]\s*", "-", m.group("body"))
    body = re.sub(r"er$", "", body)
    suffix = m.group("suffix")
    return prefix + body + (f"-{suffix.upper()}" if suffix else "")


def display(num: str, lang: str = "fr") -> str:
    """``L3421-1`` → « L. 3421-1 » (with a no-break space); ``222-39`` → « 222-39 »."""
    m = re.match(r"^(LO|L|R|D|A)(\d.*)$", num)
    text = f"{m.group(1)}.\u00a0{m.group(2)}" if m else num
    m2 = re.match(r"^(.*\d)-([A-C])$", text)
    return f"{m2.group(1)}\u00a0{m2.group(2)}" if m2 else text


def is_legislative(num: str) -> bool:
    """Legislative part: plain numbers (CP, CPP) and L./LO. numbers."""
    return not re.match(r"^(R|D|A)\d", num)


def sort_key(num: str) -> tuple:
    m = re.match(r"^([A-Z]*)(.*)$", num)
    parts = tuple(int(p) if p.isdigit() else 10**6 for p in m.group(2).split("-"))
    return ({"": 0, "LO": 1, "L": 1, "R": 2, "D": 3, "A": 4}.get(m.group(1), 5), parts)


def anchor(code_id: str, num: str) -> str:
    """A stable anchor for the references page: ``cp-132-45``, ``csp-l3413-1``."""
    return f"{code_id.lower()}-{num.lower()}"
