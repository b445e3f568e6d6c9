"""The concordance page: for each printed page of the guide, the site pages that restate it.

Built from the ``source_pages`` front matter of every content page, so a trainee holding the printed guide finds
the web page. Guide pages that no site page claims are a build error (``uncovered``).
"""
from __future__ import annotations

import html
from posixpath import dirname, relpath

from .provenance import GUIDE_FIRST_PAGE, GUIDE_LAST_PAGE, PageSource, compact, concordance, uncovered

PAGE_PATH = "correspondance-guide.md"
GENERATED_NOTE = "<!-- generated from the source_pages of docs/**/*.md by soins_obliges.concordance: do not edit -->"

TEXT = {
    "fr": {
        "title": "Correspondance avec le guide",
        "intro": ("Vous avez le guide imprimé *Soins obligés en addictologie* (Fédération Addiction, 2020) sous les "
                  "yeux ? Ce tableau indique, pour chaque page du guide, la ou les pages du site qui la reformulent. "
                  "Il est établi automatiquement à partir de la ligne « Source » de chaque page."),
        "col_page": "Page du guide", "col_site": "Pages du site",
        "note": ("Les pages 12-13, 60-61 et 70-71 correspondent aux ouvertures de parties (titre et sommaire), "
                 "absentes du texte extrait : elles sont rattachées aux pages d'accueil des parties."),
        "summary": "{n} pages de site reformulent les pages {first} à {last} du guide.",
    },
    "en": {
        "title": "Guide concordance",
        "intro": ("Holding the printed guide *Soins obligés en addictologie* (Fédération Addiction, 2020)? This table "
                  "gives, for each page of the guide, the page or pages of this site that restate it. It is built "
                  "automatically from the \"Source\" line of every page."),
        "col_page": "Guide page", "col_site": "Site pages",
        "note": ("Pages 12-13, 60-61 and 70-71 are part openers (title and contents) missing from the extracted text: "
                 "they are attached to the parts' landing pages."),
        "summary": "{n} site pages restate pages {first} to {last} of the guide.",
    },
}


def _link(target_src: str) -> str:
    return relpath(target_src, dirname(PAGE_PATH) or ".")


def _title(page: PageSource, lang: str) -> str:
    """The page's title in the edition's language; a page shown in French under /en/ keeps its French title,
    marked as French."""
    if lang == "fr":
        return page.title
    return page.title_en or f'<span lang="fr">{html.escape(page.title, quote=False)}</span>'


def page_markdown(pages: list[PageSource], lang: str) -> str:
    t = TEXT[lang]
    table = concordance(pages)
    restating = [p for p in pages if p.pages]
    out = ["---", f'title: "{t["title"]}"', "source_pages: none", "---", GENERATED_NOTE, "",
           f"# {t['title']}", "", t["intro"], "",
           t["summary"].format(n=len(restating), first=GUIDE_FIRST_PAGE, last=GUIDE_LAST_PAGE), "",
           f"| {t['col_page']} | {t['col_site']} |", "|---:|---|"]
    for number, sources in table.items():
        cells = " · ".join(f"[{_title(s, lang)}]({_link(s.src_uri)})" for s in sources) or "—"
        out.append(f'| <span id="p{number}"></span>**{number}** | {cells} |')
    out += ["", f"*{t['note']}*", ""]
    return "\n".join(out)


def generate(pages: list[PageSource]) -> dict[str, str]:
    return {PAGE_PATH: page_markdown(pages, "fr"), PAGE_PATH.replace(".md", ".en.md"): page_markdown(pages, "en")}


def uncovered_pages(pages: list[PageSource]) -> list[int]:
    return uncovered(concordance(pages))


def describe_uncovered(missing: list[int]) -> str:
    return compact(missing)
