"""Checking a detected citation against the registry: every article cited must exist in the LEGI index of
2023-12-06 in the code named, be reviewed in the registry, and, if it is gone since 2020, be cited as historical
(« l'ancien article … », "former Article …").

``check`` returns one ``Verdict`` per article of the citation (what to render) and the problems found
(``problem``, ``fix``), in French: content authors read them in the build output.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .codes import CODES, UNCOVERED, display
from .parser import Citation, Ref
from .registry import INDEX_DATE, Entry, Registry, _en_date, _fr_date, law_state, ready_entry, reviewed_on, status_label

def french_date(iso: str) -> str:
    return _fr_date(iso)


def english_date(iso: str) -> str:
    return _en_date(iso)


def plain(num: str) -> str:
    """« D. 581 » with an ordinary space, for messages in a terminal."""
    return display(num).replace("\u00a0", " ")


def quoted(cit: Citation) -> str:
    return "« " + re.sub(r"\s+", " ", cit.text).strip() + " »"


@dataclass
class Verdict:
    """What the build knows about one article of a citation."""

    ref: Ref
    code: str | None
    entry: Entry | None = None
    ok: bool = False              # linked and rendered (possibly with a badge)
    gone: bool = False            # not in force any more (abrogé / déplacé), cited as historical
    url: str | None = None


@dataclass
class Problem:
    ref: Ref | None
    problem: str
    fix: str


@dataclass
class Result:
    citation: Citation
    verdicts: list[Verdict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _code_phrase(code: str) -> str:
    """« du code pénal », « du code de l'action sociale et des familles »."""
    return f"du {CODES[code].fr}"


def check(cit: Citation, reg: Registry) -> Result:
    res = Result(cit)
    q = quoted(cit)
    date = reg.index_date
    if cit.uncovered:
        name = UNCOVERED.get(cit.uncovered, cit.uncovered)
        res.problems.append(Problem(None, f"{q} : le {name[:1].lower() + name[1:]} n'est pas couvert par l'index LEGI du site "
                                          f"(codes couverts : {', '.join(c.fr for c in CODES.values())})",
                                    "ajoutez ce code à l'index et au registre (python -m soins_obliges.legal.refresh, "
                                    "voir soins_obliges/legal/README.md) avant de citer ses articles"))
        return res
    if cit.code is None:
        if cit.code_via == "same":
            res.problems.append(Problem(None, f"{q} : « même code » ne renvoie à aucun code nommé plus haut sur la page",
                                        "nommez le code : « article … du code pénal »"))
        else:
            res.problems.append(Problem(None, f"{q} : aucun code n'est nommé, ni ici ni plus haut sur la page",
                                        "précisez le code : « article … du code pénal »"))
        return res
    code = CODES[cit.code]
    single = len(cit.refs) == 1
    if cit.code_via == "context":
        bad = [r for r in cit.refs if not reg.exists(cit.code, r.num)
               and not (reg.entry(cit.code, r.num) and cit.historical)]
        if bad:
            # the code was only inferred from the page: name the codes where the number does exist
            r = bad[0]
            where = [c for c in reg.codes_with(r.num)] + [k[0] for k, e in reg.entries.items()
                                                          if k[1] == r.num and not e.in_force and k[0] not in reg.codes_with(r.num)]
            fix = ("nommez le code : " + " ou ".join(
                f"« {'l’ancien ' if cit.historical else ''}article {plain(r.num)} {_code_phrase(c)} »" for c in where)
                if where else "nommez le code : « article … du code pénal »")
            res.problems.append(Problem(r, f"{q} : aucun code n'est nommé et l'article {plain(r.num)} n'existe pas dans "
                                           f"le {code.fr}, dernier code nommé plus haut sur la page (index LEGI du "
                                           f"{reg.index_date})", fix))
            res.verdicts = [Verdict(x, cit.code) for x in cit.refs]
            return res
    for ref in cit.refs:
        art = plain(ref.num)
        what = "article" if single else f"article {art}"
        v = Verdict(ref, cit.code)
        res.verdicts.append(v)
        entry = reg.entry(cit.code, ref.num)
        present = reg.exists(cit.code, ref.num)
        if present:
            if entry is None:
                res.problems.append(Problem(ref, f"{q} : article {art} {_code_phrase(cit.code)} absent du registre des "
                                                 f"articles cités (il existe dans l'index LEGI du {date})",
                                            "ajoutez-le à soins_obliges/data/legal/articles.yaml (à sa place : code, puis "
                                            "numéro), avec cette entrée prête à compléter (remplacez chaque TODO ; "
                                            "statut à revoir si l'article a changé depuis 2020) :\n"
                                            + ready_entry(reg, cit.code, ref.num)))
                continue
            v.entry, v.ok, v.url = entry, True, reg.url(cit.code, ref.num)
            continue
        if entry is not None and not entry.in_force:
            if cit.historical:
                v.entry, v.ok, v.gone, v.url = entry, True, True, reg.url(cit.code, ref.num)
                continue
            succ = ", ".join(s.label("fr", cit.code).replace("\u00a0", " ") for s in entry.successors)
            how = status_label(entry.status, "fr")
            res.problems.append(Problem(ref, f"{q} : l'article {art} {_code_phrase(cit.code)} a été {how} depuis 2020"
                                             + (f" (successeur : {succ})" if succ else "")
                                             + f" ; il n'est plus en vigueur (index LEGI du {date})",
                                        f"écrivez-le comme historique, « l'ancien article {art} {_code_phrase(cit.code)} »"
                                        + (f", ou citez {succ}" if succ else "")))
            continue
        others = [c for c in reg.codes_with(ref.num) if c != cit.code]
        if others:
            names = " et ".join(f"le {CODES[c].fr}" for c in others)
            res.problems.append(Problem(ref, f"{q} : l'article {art} n'existe pas dans le {code.fr} ; ce numéro existe "
                                             f"dans {names} (index LEGI du {date})",
                                        f"corrigez le code : « article {art} {_code_phrase(others[0])} »"))
            continue
        if cit.historical:
            res.problems.append(Problem(ref, f"{q} : {what} inconnu du {code.fr} (index LEGI du {date}) et absent du "
                                             f"registre des articles disparus depuis 2020",
                                        "vérifiez le numéro ; si l'article existait en 2020, ajoutez-le à "
                                        "soins_obliges/data/legal/articles.yaml avec le statut abroge ou deplace"))
            continue
        res.problems.append(Problem(ref, f"{q} : {what} inconnu du {code.fr} (index LEGI du {date})",
                                    "vérifiez le numéro sur Légifrance ; un article abrogé ou déplacé depuis 2020 "
                                    "s'écrit « l'ancien article … » et s'ajoute au registre (statut abroge ou deplace)"))
    # ranges: the start must come before the end
    from .codes import sort_key

    for a, b in zip(cit.refs, cit.refs[1:]):
        if a.role == "range-start" and b.role == "range-end" and sort_key(a.num) >= sort_key(b.num):
            res.problems.append(Problem(b, f"{q} : la plage {plain(a.num)} à {plain(b.num)} est vide ou inversée",
                                        "écrivez le premier article puis le dernier"))
    return res


_TOOLTIP = {
    "fr": {"article": "article", "status": "Statut : ", "medium": "à confirmer sur Légifrance",
           "recod": "numérotation appelée à changer au 1er janvier 2029",
           "checked": "{state} ; {reviewed}"},
    "en": {"article": "Article", "status": "Status: ", "medium": "to be confirmed on Légifrance",
           "recod": "number due to change on 1 January 2029",
           "checked": "{state}; {reviewed}"},
}


def tooltip(entry: Entry, lang: str, gone: bool = False, link_label: str = "") -> str:
    """The link's title (desktop tooltip): code, article, summary, status, verification date."""
    t = _TOOLTIP[lang]
    date = french_date if lang == "fr" else english_date
    status = t["status"] + status_label(entry.status, lang)
    if entry.successors:
        status += " → " + ", ".join(s.label(lang, entry.code) for s in entry.successors)
    parts = [f"{CODES[entry.code].title(lang)}, {t['article']} {display(entry.num)}", entry.summary[lang], status]
    if entry.confidence == "medium":
        parts.append(t["medium"])
    if entry.recodified_2029:
        parts.append(t["recod"])
    parts.append(t["checked"].format(state=law_state(lang), reviewed=reviewed_on(entry.verified_on, lang)))
    if link_label:
        parts.append(link_label)
    return " — ".join(parts)
