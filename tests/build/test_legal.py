"""Checked legal references on the real site (built once per session with ``mkdocs build --strict``), and a
strict build of a throw-away copy with bad citations injected, which must fail with file:line messages."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, run_build
from soins_obliges.legal import pages as legal_pages
from soins_obliges.legal.registry import default_registry

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset"[^>]*>(.*?)</article>', re.S)
CITE = re.compile(r'<a class="so-cite[^"]*" data-cite="([^"]+)"')
SUCCESSOR = re.compile(r'<span class="so-cite-successor">.*?</span>', re.S)


def built(site: Path, src: str, lang: str = "fr") -> Path:
    """docs path (French file) → the built page."""
    rel = src[:-3]
    rel = rel[:-len("index")] if rel.endswith("index") else rel + "/"
    return site / ("en/" if lang == "en" else "") / rel / "index.html"


def plain(html: str) -> str:
    """French typography puts no-break spaces before « : » and inside « »: compare with ordinary spaces."""
    return html.replace("\u00a0", " ").replace("\u202f", " ").replace("&nbsp;", " ")


def content(path: Path) -> str:
    return ARTICLE.search(path.read_text(encoding="utf-8")).group(1)


@pytest.fixture(scope="module")
def cited(site):
    """What a scan of the Markdown finds (the glossary pages are generated into docs/ by the build)."""
    return legal_pages.collect(ROOT / "docs")


def test_every_citation_of_the_content_is_linked(site, cited):
    """Each article a page cites (per the scan of its Markdown) is a link on the built page, in both editions."""
    missing = []
    checked = 0
    for (code, num), srcs in cited.by_article.items():
        key = f"{code.lower()}-{num.lower()}"
        for src in srcs:
            page = cited.pages[src]
            for lang in ("fr", "en"):
                html = SUCCESSOR.sub("", content(built(site, src, lang)))
                checked += 1
                if key not in CITE.findall(html):
                    missing.append(f"{lang}:{src}: {key}")
    assert checked > 100
    assert missing == []


def test_every_link_is_a_cited_article_of_the_registry(site):
    reg, _ = default_registry()
    keys = {f"{e.code.lower()}-{e.num.lower()}" for e in reg.entries.values()}
    seen = set()
    for page in site.rglob("*.html"):
        for key in CITE.findall(page.read_text(encoding="utf-8")):
            seen.add(key)
    assert seen and seen <= keys


def test_counts_for_the_report(site, cited):
    """Citations found, distinct articles, how many changed since 2020 (printed with -s)."""
    reg, _ = default_registry()
    arts = [k for k in cited.by_article if reg.entry(*k)]
    changed = [k for k in arts if reg.entry(*k).changed_since_2020]
    print(f"\nlegal: {cited.count} citations in the Markdown (FR+EN, glossary pages included), "
          f"{len(arts)} distinct articles, {len(changed)} changed since 2020")
    assert len(arts) == len(cited.by_article)          # every cited article is reviewed
    assert cited.count >= len(arts) > 50


def test_no_glossary_link_inside_a_citation(site):
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for group in re.findall(r'<span class="so-cite so-cite-group">(.*?)</span>', html, re.S):
            assert "so-term" not in group, page
        for a in re.findall(r'<a class="so-cite[^>]*>(.*?)</a>', html, re.S):
            assert "so-term" not in a and "<a" not in a, page


def test_cpp_notice_once_on_each_page_citing_the_legislative_cpp(site):
    pages_with = 0
    for page in site.rglob("*.html"):
        if "references-juridiques" in page.as_posix() or "/livre/" in page.as_posix():
            continue                      # the book (livre/) holds each chapter's own notice (tests/build/test_book.py)
        html = content(page) if ARTICLE.search(page.read_text(encoding="utf-8")) else ""
        cites_cpp = bool(re.search(r'data-cite="cpp-\d', SUCCESSOR.sub("", html)))
        assert html.count('id="so-cpp-2029"') == (1 if cites_cpp else 0), page
        pages_with += cites_cpp
    assert pages_with >= 10


def test_gone_articles_are_badged_with_their_successor(site):
    html = content(site / "06-annexes" / "secret-professionnel" / "index.html")
    assert 'data-cite="cpp-d581"' in html
    assert re.search(r'data-cite="cpp-d581"[^>]*>ancien article <span class="so-cite-num">D\.\s581</span>[^<]*</a> '
                     r'<span class="so-cite-badge so-cite-badge--deplace">déplacé</span> <span class="so-cite-successor">→ '
                     r'<a class="so-cite" data-cite="cpen-d113-45"', html, re.I)
    html = content(site / "02-reponse-penale-et-addictions" / "autres-mesures-sanitaires" / "index.html")
    assert 'data-cite="cp-r131-46"' in html and "so-cite-badge--deplace" in html


def test_links_go_to_legifrance_and_nothing_is_loaded_from_it(site):
    html = (site / "02-reponse-penale-et-addictions" / "obligation-de-soins-injonction-therapeutique" / "index.html").read_text()
    hrefs = re.findall(r'<a class="so-cite[^"]*" data-cite="[^"]+" href="([^"]+)"', html)
    assert hrefs and all(h.startswith(("https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI",
                                       "https://www.legifrance.gouv.fr/search/code?")) for h in hrefs)
    assert not re.search(r'<(script|img|iframe|link)[^>]+legifrance', html)
    assert re.search(r'<script src="[./]*assets/legal\.js', html)
    assert re.search(r'<script [^>]*class="so-legal-data"', html)


def test_references_pages_with_date_and_attribution(site):
    reg, _ = default_registry()
    fr = plain((site / "references-juridiques" / "index.html").read_text(encoding="utf-8"))
    en = plain((site / "en" / "references-juridiques" / "index.html").read_text(encoding="utf-8"))
    assert "Source : Légifrance / DILA, base LEGI, Licence Ouverte 2.0, état au 6 décembre 2023" in fr
    assert "Source: Légifrance / DILA, LEGI database, Licence Ouverte 2.0, as of 6 December 2023" in en
    assert '<html lang="en"' in en and "<h1" in en and "Legal references" in en
    # every article linked anywhere on the site has its entry (anchor) on both pages
    linked = {k for p in site.rglob("*.html") for k in CITE.findall(p.read_text(encoding="utf-8"))}
    for key in linked:
        assert f'id="{key}"' in fr and f'id="{key}"' in en, key
    # an entry: status badge, summary, pages that cite it
    block = fr[fr.index('id="cp-132-45"'):fr.index('id="cp-132-53"')]
    assert "modifié depuis 2020" in block and reg.entry("CP", "132-45").summary["fr"][:40] in block
    assert 'href="../02-reponse-penale-et-addictions/obligation-de-soins-injonction-therapeutique/"' in block


def test_attribution_in_every_page_footer(site):
    assert "état au 6 décembre 2023" in plain((site / "index.html").read_text(encoding="utf-8"))
    assert "as of 6 December 2023" in (site / "en" / "index.html").read_text(encoding="utf-8")


BAD_PAGE = "02-reponse-penale-et-addictions/obligation-de-soins-injonction-therapeutique.md"


def test_bad_citations_stop_the_strict_build(project_copy, tmp_path):
    page = project_copy / "docs" / BAD_PAGE
    lines = page.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("## ")) + 1      # after the first section heading
    lines[at:at] = ["", "Selon l'article 132-99 du code pénal, et l'article D. 581 du code de procédure pénale, "
                        "comme le dit l'article 41-1 du code pénal.", "",
                     "L'article L. 3413-2 du code de la santé publique.", ""]
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    line = at + 2
    concept = project_copy / "glossary" / "obligation-de-soins.yml"
    text = concept.read_text(encoding="utf-8")
    text = re.sub(r"^legal_basis:.*$", "legal_basis:\n  - article 132-98 du code pénal", text, count=1, flags=re.M)
    concept.write_text(text, encoding="utf-8")
    yml_line = text.splitlines().index("  - article 132-98 du code pénal") + 1

    proc = run_build(project_copy, tmp_path / "site")
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert (f"docs/{BAD_PAGE}:{line}: « article 132-99 du code pénal » : article inconnu du code pénal "
            f"(index LEGI du 2023-12-06)") in out
    assert (f"docs/{BAD_PAGE}:{line}: « article D. 581 du code de procédure pénale » : l'article D. 581 du code de "
            f"procédure pénale a été déplacé depuis 2020") in out
    assert "« l'ancien article D. 581 du code de procédure pénale »" in out
    assert (f"docs/{BAD_PAGE}:{line}: « article 41-1 du code pénal » : l'article 41-1 n'existe pas dans le code pénal ; "
            f"ce numéro existe dans le code de procédure pénale") in out
    assert f"glossary/obligation-de-soins.yml:{yml_line}: « article 132-98 du code pénal » : article inconnu" in out
    # an article of the index missing from the registry: a ready entry to paste, TODO where a person must write
    assert (f"docs/{BAD_PAGE}:{line + 2}: « article L. 3413-2 du code de la santé publique » : article L. 3413-2 du "
            "code de la santé publique absent du registre des articles cités (il existe dans l'index LEGI du "
            "2023-12-06)") in out
    for part in ("  - code: CSP", '    num: "L3413-2"', "chapitre-iii-personnes-signalees-par-lautorite-judiciaire",
                 "    status: en_vigueur", "      fr: TODO", '    verified_on: "TODO'):
        assert part in out, part


def test_no_page_links_to_a_whole_code(site):
    """Every citation opens the article (verified id) or Légifrance's search for its number, never a whole code."""
    offenders = [p.relative_to(site).as_posix() for p in site.rglob("*.html")
                 if "codes/texte_lc/LEGITEXT" in p.read_text(encoding="utf-8")]      # links and popover data
    assert offenders == []


def test_references_page_gives_the_share_of_articles_opening_directly(site):
    reg, _ = default_registry()
    fr = plain((site / "references-juridiques" / "index.html").read_text(encoding="utf-8"))
    en = plain((site / "en" / "references-juridiques" / "index.html").read_text(encoding="utf-8"))
    shown = sorted(set(re.findall(r'<h3 id="([a-z]+-[a-z0-9-]+)"', fr)))
    keys = [k for k in ((c.upper(), n) for c, n in (x.split("-", 1) for x in shown))]
    entries = [(code, next(num for (c, num) in reg.entries if c == code and num.lower() == n)) for code, n in keys]
    a, n = reg.share(entries)
    assert n == len(shown) and a >= 26
    assert f"{a} articles sur {n} s'ouvrent directement sur Légifrance ; les autres ouvrent une recherche" in fr
    assert f"{a} articles out of {n} open directly on Légifrance; the others open a search" in en
    # each entry says which link it is, and dates the law and the review separately
    assert fr.count("Lire l'article sur Légifrance") + fr.count("Lire l&#x27;article sur Légifrance") >= a
    assert "Chercher l" in fr and "Search for the article on Légifrance" in en
    assert "État du droit : index LEGI du 6 décembre 2023. Fiche relue le 27 novembre 2026." in fr
    assert "State of the law: LEGI index of 6 December 2023. Entry reviewed on 27 November 2026." in en
    assert "Vérifié le" not in fr and "Checked on" not in en


def test_popover_data_dates_the_law_and_the_review(site):
    html = (site / "02-reponse-penale-et-addictions" / "obligation-de-soins-injonction-therapeutique" / "index.html").read_text()
    assert "État du droit : index LEGI du 6 décembre 2023" in html and "Fiche relue le " in html
    assert "Vérifié le" not in html
