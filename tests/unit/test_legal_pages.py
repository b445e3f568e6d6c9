"""Citations in raw Markdown (soins_obliges.legal.scan) and the generated references page (pages)."""
import pytest

from soins_obliges.legal import pages
from soins_obliges.legal.registry import default_registry
from soins_obliges.legal.scan import front_matter_lines, mask, scan_markdown


@pytest.fixture(scope="module")
def reg():
    return default_registry()[0]


def test_scan_gives_file_lines_and_skips_code_links_and_comments():
    md = ("---\ntitle: x\nsource_pages: none\n---\n# T\n\nL'article 132-45 du code pénal.\n\n"
          "```\narticle 132-99 du code pénal\n```\n\n`article 132-98 du code pénal` "
          "[voir](https://x/article-132-97-du-code-penal) <!-- article 132-96 du code pénal -->\n"
          "Les articles\nL. 3711-1 et suivants du code de la santé publique.\n")
    found = scan_markdown(md)
    assert [(f.line, f.citation.nums) for f in found] == [(7, ["132-45"]), (14, ["L3711-1"])]
    assert len(mask(md)) == len(md) and front_matter_lines(md) == 4


def write(docs, rel, text):
    p = docs / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")


@pytest.fixture
def docs(tmp_path):
    d = tmp_path / "docs"
    write(d, "a/page.md", "---\ntitle: Une page\n---\n# Une page\n\nL'article 132-45 du code pénal ; l'article 41-1 du CPP.\n")
    write(d, "a/page.en.md", "---\ntitle: A page\n---\n# A page\n\nArticle 132-45 of the Criminal Code.\n")
    write(d, "b.md", "# Autre\n\nL'ancien article D. 581 du code de procédure pénale et l'article 132-99 du code pénal.\n")
    write(d, "glossaire/obligation-de-soins.md", "---\ntitle: Obligation de soins\n---\n- article 132-45 du code pénal\n")
    write(d, pages.PAGE, pages.stub("fr"))
    write(d, pages.PAGE_EN, pages.stub("en"))
    return d


def test_collect_groups_pages_by_article(docs):
    site = pages.collect(docs)
    assert site.by_article[("CP", "132-45")] == ["a/page.md", "glossaire/obligation-de-soins.md"]
    assert site.by_article[("CPP", "D581")] == ["b.md"]
    assert site.pages["a/page.md"].titles == {"fr": "Une page", "en": "A page"} and site.pages["a/page.md"].translated
    assert site.pages["b.md"].titles == {"fr": "Autre"}
    assert site.count == 6           # the references page itself is never scanned


def test_body_lists_cited_articles_by_code_with_status_and_pages(docs, reg):
    site = pages.collect(docs)
    fr = pages.body("fr", reg, site)
    assert "Source : Légifrance / DILA, base LEGI, Licence Ouverte 2.0, état au 6 décembre 2023." in fr
    assert fr.index("## Code pénal {: #cp }") < fr.index("## Code de procédure pénale {: #cpp }")
    assert "### Article 132-45 {: #cp-132-45 }" in fr and "### Ancien article D.\u00a0581 {: #cpp-d581 }" in fr
    assert "132-99" not in fr                       # unknown articles are the build's errors, not entries
    assert "[Une page](a/page.md) · [Glossaire : Obligation de soins](glossaire/obligation-de-soins.md)" in fr
    assert "**Aujourd'hui :** [art. D.\u00a0113-45 du code pénitentiaire](" in fr
    assert '<span class="so-cite-badge so-cite-badge--deplace">déplacé</span>' in fr
    assert "ordonnance n° 2025-1091" in fr           # the page cites the CPP
    assert "3 articles cités, dont 3 modifiés, créés, abrogés ou déplacés depuis 2020." in fr


def test_english_body_uses_english_titles_and_marks_french_only_pages(docs, reg):
    en = pages.body("en", reg, pages.collect(docs))
    assert "Source: Légifrance / DILA, LEGI database, Licence Ouverte 2.0, as of 6 December 2023." in en
    assert "[A page](a/page.md)" in en and "[Autre](b.md) (in French)" in en
    assert "## Criminal Code {: #cp }" in en and "### Former Article D.\u00a0581" in en


def test_stub_is_fixed_and_carries_the_marker():
    assert pages.stub("fr") == pages.stub("fr") and pages.MARKER in pages.stub("fr")
    assert "title: Legal references" in pages.stub("en") and "legal_references_page: true" in pages.stub("en")


def test_the_2029_number_replaces_the_notice_once_known(docs, reg):
    import dataclasses

    site = pages.collect(docs)
    assert "Numéro appelé à changer en 2029." in pages.body("fr", reg, site)
    key = ("CPP", "41-1")
    reg2 = dataclasses.replace(reg, entries={**reg.entries, key: dataclasses.replace(reg.entries[key], number_2029="L. 111-1")})
    fr, en = pages.body("fr", reg2, site), pages.body("en", reg2, site)
    assert "Article L. 111-1 du code recodifié à partir du 1er janvier 2029." in fr
    assert "Article L. 111-1 of the recast code from 1 January 2029." in en
