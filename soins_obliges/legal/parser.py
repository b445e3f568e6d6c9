"""Detection of code article citations in running text, as professionals write them.

French: « article 132-45 du code pénal », « l'article 41-1 du code de procédure pénale », « art. L. 3413-1 CSP »,
« art. 222-39 C. pén. », « articles L. 3421-1 et L. 3423-1 du code de la santé publique », « articles L. 3413-1 à
L. 3413-4 », « articles 137 et suivants du code de procédure pénale », « article 132-45, 3°, du code pénal »,
« art. 222-39, al. 2 », « l'article 141-2 du même code », « 41-1 CPP », « l'article 41 du CPP », « articles 132-44
et 132-45 » (code taken from the page's context), « l'ancien article D. 581 du code de procédure pénale »
(historical). English: "Article 132-45 of the Criminal Code", "Articles 495-17 to 495-25 of the Code of Criminal
Procedure", "former Article D. 581 …", "of the same code".

Not code articles, never returned: laws, decrees, ordinances, circulars (« loi du 31 décembre 1970 », « décret
n° 2019-507 », « article 1er de la loi du … », "Article 64 of the Constitution").

``find_citations`` is a pure function of the text and a small ``ParseState`` (the last code named, for « du même
code » and code-less citations), so the same code serves the Markdown extension (text nodes in document order)
and the scan of raw Markdown that feeds the references page.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .codes import ABBREVIATIONS, NAMES, UNCOVERED, normalise

APOS = "['’]"


def _words(phrase: str) -> str:
    """A phrase → regex: spaces match any whitespace (line breaks in paragraphs, no-break spaces)."""
    out = []
    for part in re.split(r"(\s+|')", phrase):
        if not part:
            continue
        if part.isspace():
            out.append(r"\s+")
        elif part == "'":
            out.append(APOS + r"\s*")
        else:
            out.append(re.escape(part))
    return "".join(out)


def _alternation(phrases) -> str:
    return "|".join(_words(p) for p in sorted(set(phrases), key=len, reverse=True))


_NAME_TO_CODE = {n: cid for cid, names in NAMES.items() for n in names}
_ABBR_TO_CODE = {a: cid for cid, abbrs in ABBREVIATIONS.items() for a in abbrs}
SAME_CODE_FR = ["même code", "meme code", "présent code", "ce code", "code précité", "dit code"]
SAME_CODE_EN = ["same code", "said code", "that code", "this code", "same Code", "that Code", "this Code"]

# --------------------------------------------------------------------------------------------- pieces

_TRIGGER = re.compile(
    r"(?<![\w-])(?P<hist>(?:anciens?|anciennes?|former|formerly)\s+)?"
    r"(?P<word>articles?|arts?\.)(?=[\s\u00a0])", re.I)
_NUMBER = re.compile(
    r"(?P<num>(?:(?P<prefix>L\.?\s?O|LO|L|R|D|A)(?:\.\s?|\s|(?=\d)))?"
    r"(?P<body>\d{1,4}(?:er)?(?:[-‑]\d{1,4})*))(?![\w‑-]|,\d|\.\d)")
_MOD = re.compile(
    r"(?:\s*,)?\s*(?P<open>\()?\s*(?P<mod>"
    r"(?:al\.|alin\.|alinéa|alinea|paragraph|para\.|§)\s*\d+(?:er)?"
    r"|(?:(?:I|II|III|IV|V|VI)\s*,\s*)?\d+°(?:\s*(?:,|et|à|and|to)\s*\d+°)*"
    r"|(?:I|II|III|IV|V|VI)(?=\s*\)|,\s*\d+°))(?(open)\s*\))", re.I)
_FOLLOWING = re.compile(r"\s+(?:et\s+(?:suivants|suiv\.|s\.|ss\.)|and\s+following|et\s+seq\.?|ff\.)", re.I)
_RANGE = re.compile(r"\s+(?:à|to|through)\s+(?=(?:(?:L\.?\s?O|LO|L|R|D|A)\.?\s?)?\d)", re.I)
_SEP = re.compile(r"(?:\s*,\s*(?:et\s+|and\s+|ou\s+|or\s+)?|\s+(?:et|ou|and|or)\s+)(?:(?:l['’]|les?\s+)?(?:articles?|arts?\.)\s+)?", re.I)

_PREP_FR = r"(?:du|de|des)\s+"
_PREP_EN = r"(?:of|in|under)\s+(?:the\s+)?(?:French\s+)?"
_COVERED_NAMES = _alternation(list(_NAME_TO_CODE))
_UNCOVERED_NAMES = _alternation(list(UNCOVERED))
_SAME = _alternation(SAME_CODE_FR + SAME_CODE_EN)
_ABBRS = "|".join(re.escape(a) for a in sorted(_ABBR_TO_CODE, key=len, reverse=True))
_CODEREF = re.compile(
    r"(?:\s*,)?\s*(?:"
    rf"(?:{_PREP_FR}|{_PREP_EN})(?:(?P<name>(?i:{_COVERED_NAMES}))|(?P<same>(?i:{_SAME}))|(?P<uncovered>(?i:{_UNCOVERED_NAMES})))"
    rf"|(?:du\s+|of\s+the\s+)?(?P<abbr>{_ABBRS})"
    r")(?![\w])")
_LAWREF = re.compile(
    r"(?:\s*,)?\s*(?:"
    r"(?i:(?:de\s+la|du|de\s+l['’]\s*|de\s+cette|de\s+ce)\s*(?:même\s+|présente?\s+)?"
    r"(?:loi|constitution|convention|directive|charte|circulaire|décret|decret|règlement|traité|protocole|"
    r"ordonnance|arrêté|arrete|accord|texte)\b)"
    r"|(?:of|in|under)\s+(?:the\s+)?(?:same\s+|said\s+|\d{4}\s+)?(?:[A-Z][\w-]*\s+){0,4}"
    r"(?:Act|Law|Decree|Constitution|Convention|Ordinance|Regulation|Treaty|Directive|Charter|Circular)\b)")
# any other code: « du code de commerce » (an error: nothing can check it)
_OTHER_CODE = re.compile(r"(?:\s*,)?\s*(?:du|of\s+the)\s+(?P<other>(?i:code)(?:\s+(?:de|du|des|d['’]|la|l['’]|et|of|the|"
                         r"[a-zéèêëàâçôîïûù'’-]{2,}|[A-Z][a-z]+)){1,7})")
# a code named outside a citation sets the page's context (« CSP, art. L. 3413-1 »); "CP" alone is too ambiguous
_MENTION_ABBRS = "|".join(re.escape(a) for a in sorted(_ABBR_TO_CODE, key=len, reverse=True) if a != "CP")
_MENTION = re.compile(rf"(?<![\w])(?P<name>(?i:{_COVERED_NAMES}))(?![\w])|(?<![\w])(?P<abbr>{_MENTION_ABBRS})(?![\w])")
_DIGIT = re.compile(r"\d")
_MENTION_HINT = re.compile(r"(?i:\bcode\b)|\b(?:CPP|CSP|CASF|CPénit)\b|\bC\.\s")   # every name contains "code"


class _Mentions:
    """``_MENTION.search`` made fast: the big case-insensitive alternation only runs around the word « code »."""

    def __init__(self, text: str):
        self.text = text

    def search(self, text: str, pos: int):
        for hint in _MENTION_HINT.finditer(text, pos):
            m = _MENTION.search(text, max(pos, hint.start() - 45), min(len(text), hint.end() + 70))
            if m and m.start() <= hint.start() < m.end() + 1:
                return m
        return None
# a number without "article" before it: « 41-1 CPP », « (132-45 du code pénal) », « 226-14, 1° »
_BARE = re.compile(r"(?<![\w.,/°‑-])(?=(?:(?:L\.?\s?O|LO|L|R|D)\.?\s?)?\d{1,4}[-‑]\d)")
_NOT_BEFORE_BARE = re.compile(r"(?:n°|no\.?|nº|loi|décret|decret|ordonnance|p\.|pp\.|page|pages|circulaire|"
                              r"arrêté|n\s?°|No\.?|Nos?\.?|§)\s*$", re.I)


# « article L. du code de la santé publique », « art. 132- du code pénal »: the word « article » and the start of an
# article number, but no number the build can check (a typo, or a number lost in an edit)
_MALFORMED = re.compile(
    r"(?<![\w-])(?P<word>(?i:articles?|arts?\.))[\s\u00a0]+"
    r"(?P<bad>(?:L\.?\s?O|LO|L|R|D|A)\.?(?=[\s\u00a0]*(?:du|de|des|of|,|;|\)|$|[A-Z]{2,}))|\d{1,4}[-‑](?!\d))",
    re.M)


def find_malformed(text: str) -> list[tuple[int, int, str]]:
    """Spans that start like a citation but carry no checkable number: (start, end, text)."""
    out = []
    for m in _MALFORMED.finditer(text):
        end = m.end()
        tail = _CODEREF.match(text, end) or _OTHER_CODE.match(text, end)
        if tail:
            end = tail.end()
        out.append((m.start(), end, text[m.start():end]))
    return out


# --------------------------------------------------------------------------------------------- results

@dataclass
class Ref:
    """One article number inside a citation."""

    num: str                  # normalised: 132-45, L3413-1, D581
    raw: str                  # as written: « L. 3413-1 »
    start: int                # span of the number in the text
    end: int
    detail: str = ""          # « 3° », « al. 2 »
    role: str = "single"      # single | list | range-start | range-end | and-following


@dataclass
class Citation:
    start: int                # span of the whole citation in the text
    end: int
    text: str
    refs: list[Ref]
    code: str | None          # resolved code id (None: unknown or not covered)
    code_via: str             # explicit | same | context | none
    historical: bool = False  # « l'ancien article … », "former Article …"
    uncovered: str | None = None   # a code outside the index (« code civil »)
    lang: str = "fr"          # wording of the citation
    bare: bool = False        # no "article" word before the number

    @property
    def nums(self) -> list[str]:
        return [r.num for r in self.refs]


@dataclass
class ParseState:
    """Document-order state of one page: the last code named (for « du même code » and code-less citations)."""

    last_code: str | None = None
    last_code_text: str = ""


# --------------------------------------------------------------------------------------------- parsing

def _strong(m) -> bool:
    return bool(m.group("prefix")) or "-" in m.group("body") or "‑" in m.group("body")


def _parse_at(text: str, pos: int, trigger) -> tuple[Citation | None, int] | None:
    """Parse a citation from ``pos`` (the number, after the trigger if any). Returns (citation or None when it
    is not a code citation, end of what was consumed) or None when no number follows."""
    m = _NUMBER.match(text, pos)
    if not m:
        return None
    first_strong = _strong(m)
    if trigger is None and not first_strong:
        return None
    refs = [Ref(_norm(m), m.group("num"), m.start("num"), m.end("num"))]
    pos = m.end()
    english = False
    while True:
        mm = _MOD.match(text, pos)
        if mm:
            refs[-1].detail = (refs[-1].detail + " " + mm.group("mod")).strip()
            pos = mm.end()
        mf = _FOLLOWING.match(text, pos)
        if mf:
            refs[-1].role = "and-following"
            english = english or "and" in mf.group(0) or "seq" in mf.group(0)
            pos = mf.end()
            break
        mr = _RANGE.match(text, pos)
        if mr:
            mn = _NUMBER.match(text, mr.end())
            if mn:
                refs[-1].role = "range-start"
                refs.append(Ref(_norm(mn), mn.group("num"), mn.start("num"), mn.end("num"), role="range-end"))
                english = english or mr.group(0).strip() in ("to", "through")
                pos = mn.end()
                continue
        ms = _SEP.match(text, pos)
        if ms:
            mn = _NUMBER.match(text, ms.end())
            # after a hyphenated number, a plain integer is not another article (« article 222-39, 5 ans »)
            if mn and (_strong(mn) or not first_strong) and not _looks_like_quantity(text, mn.end()):
                for r in refs:
                    if r.role == "single":
                        r.role = "list"
                refs.append(Ref(_norm(mn), mn.group("num"), mn.start("num"), mn.end("num"), role="list"))
                english = english or bool(re.search(r"\b(and|or)\b", ms.group(0)))
                pos = mn.end()
                continue
        break
    end_numbers = pos
    cr = _CODEREF.match(text, pos)
    law = None if cr else _LAWREF.match(text, pos)
    if law:
        return None, law.end()
    other = None if cr else _OTHER_CODE.match(text, pos)
    code, via, uncovered = None, "none", None
    if cr:
        if cr.group("name"):
            code, via = _NAME_TO_CODE[re.sub(r"\s+", " ", cr.group("name").replace("’", "'")).lower()], "explicit"
            english = english or cr.group(0).lstrip(", \n").lower().startswith(("of", "in", "under"))
        elif cr.group("abbr"):
            code, via = _ABBR_TO_CODE[cr.group("abbr")], "explicit"
        elif cr.group("same"):
            via = "same"
            english = english or cr.group("same").split()[0].lower() in ("same", "said", "that", "this")
        else:
            uncovered = re.sub(r"\s+", " ", cr.group("uncovered").replace("’", "'")).lower()
            via = "explicit"
        pos = cr.end()
    elif other:
        uncovered, via, pos = re.sub(r"\s+", " ", other.group("other").replace("’", "'")).lower(), "explicit", other.end()
    elif trigger is None:
        # a bare number is a citation only with its code, or with a degree (« 226-14, 1° »)
        if not any(r.detail and "°" in r.detail for r in refs):
            return None, end_numbers
        via = "context"
    else:
        via = "context"
    start = trigger.start() if trigger else refs[0].start
    if trigger is not None:
        english = english or trigger.group("word")[:1] == "A" and bool(re.match(r"\s*(of|to|and)\b", text[end_numbers:end_numbers + 6]))
        if trigger.group("hist") and trigger.group("hist").strip().lower().startswith("former"):
            english = True
    cit = Citation(start=start, end=pos, text=text[start:pos], refs=refs, code=code, code_via=via,
                   historical=bool(trigger and trigger.group("hist")), uncovered=uncovered,
                   lang="en" if english else "fr", bare=trigger is None)
    return cit, pos


def _looks_like_quantity(text: str, pos: int) -> bool:
    return bool(re.match(r"\s*(?:%|€|ans?\b|mois\b|jours?\b|heures?\b|years?\b|months?\b|days?\b|hours?\b|°)", text[pos:pos + 10]))


def _norm(m) -> str:
    prefix = (m.group("prefix") or "").replace(".", "").replace(" ", "")
    return normalise(prefix + m.group("body"))


def find_citations(text: str, state: ParseState | None = None, lang: str = "fr") -> list[Citation]:
    """Every code article citation in ``text``, in order; updates ``state`` (the page's last code) as it reads.

    A citation that names no code takes the last code named before it on the page (« du même code »,
    « articles 132-44 et 132-45 », « CSP, art. L. 3413-1 »); when there is none, its ``code`` stays None and
    ``code_via`` says why. French and English forms are read on every page (glossary pages of the English
    edition cite in French); ``lang`` is the page's language, kept for callers and messages.
    """
    state = state if state is not None else ParseState()
    if not _DIGIT.search(text):
        # no number, no citation: only a code named in passing matters (it sets the context)
        if _MENTION_HINT.search(text):
            finder, pos = _Mentions(text), 0
            while (m := finder.search(text, pos)) is not None:
                name = m.group("name") or m.group("abbr")
                cid = _NAME_TO_CODE.get(re.sub(r"\s+", " ", name.replace("’", "'")).lower()) or _ABBR_TO_CODE.get(name)
                if cid:
                    state.last_code, state.last_code_text = cid, name
                pos = m.end()
        return []
    out: list[Citation] = []
    pos = 0
    n = len(text)
    # next match of each pattern, searched again only when the reading position has passed it
    cache: dict[str, object] = {}
    mentions = _Mentions(text)

    def next_match(name: str, rx):
        m = cache.get(name, False)
        if m is False or (m is not None and m.start() < pos):
            m = rx.search(text, pos)
            cache[name] = m
        return m

    while pos < n:
        trig = next_match("trigger", _TRIGGER)
        bare = next_match("bare", _BARE)
        mention = next_match("mention", mentions)
        candidates = [c for c in (trig, bare, mention) if c]
        if not candidates:
            break
        first = min(candidates, key=lambda c: (c.start(), 0 if c is trig else 1 if c is bare else 2))
        if first is mention:
            name = mention.group("name") or mention.group("abbr")
            cid = _NAME_TO_CODE.get(re.sub(r"\s+", " ", name.replace("’", "'")).lower()) or _ABBR_TO_CODE.get(name)
            if cid:
                state.last_code, state.last_code_text = cid, name
            pos = mention.end()
            continue
        if first is trig:
            after = re.compile(r"\s+").match(text, trig.end())
            res = _parse_at(text, after.end() if after else trig.end(), trig)
            if res is None:
                pos = trig.end()
                continue
        else:
            if _NOT_BEFORE_BARE.search(text[max(0, bare.start() - 14):bare.start()]):
                m = _NUMBER.match(text, bare.start())
                pos = m.end() if m else bare.start() + 1
                continue
            res = _parse_at(text, bare.start(), None)
            if res is None:
                pos = bare.start() + 1
                continue
        cit, end = res
        if cit is not None:
            if cit.code_via == "explicit" and cit.code:
                state.last_code, state.last_code_text = cit.code, cit.text
            elif cit.code_via in ("same", "context"):
                cit.code = state.last_code
            if cit.uncovered:
                state.last_code = None
            out.append(cit)
        pos = max(end, pos + 1)
    return out
