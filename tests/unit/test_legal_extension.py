"""The Python-Markdown extension on its own (no MkDocs): Markdown in, HTML out, errors with file:line."""
import json
import re

import markdown
import pytest

from soins_obliges.glossary.extension import GlossaryConfig, GlossaryExtension
from soins_obliges.glossary.extension import PageContext as GlossaryPage
from soins_obliges.glossary.model import load_glossary
from soins_obliges.legal.extension import LegalConfig, LegalExtension, PageContext
from soins_obliges.legal.registry import default_registry

FRONT = "---\ntitle: Test\nsource_pages: none\n---\n"
NO_ID = "720"     # a CPP article the registry has no verified Légifrance id for (see test_the_no_id_example_has_none)


@pytest.fixture(scope="module")
def reg():
    r, errors = default_registry()
    assert errors == []
    return r


def render(reg, body, lang="fr", errors=None, extensions=(), enabled=True, file="docs/x.md", source=None):
    errs = errors if errors is not None else []
    cfg = LegalConfig(registry=reg, on_error=lambda *e: errs.append(e),
                      page=PageContext(src_uri="x.md", lang=lang, file=file,
                                       source=FRONT + body if source is None else source, enabled=enabled,
                                       refs_md="references-juridiques.md", refs_url="../references-juridiques/"))
    html = markdown.markdown(body, extensions=["admonition", "tables", "toc", "footnotes", *extensions,
                                               LegalExtension(cfg)])
    return html, cfg


def links(html):
    return [(k, re.sub(r"<[^>]+>", "", text))
            for k, text in re.findall(r'<a class="so-cite[^"]*" data-cite="([^"]+)"[^>]*>(.*?)</a>', html)]


def data(html):
    m = re.search(r'<script [^>]*class="so-legal-data"[^>]*>(.*?)</script>', html, re.S)
    return json.loads(m.group(1).replace("<\\/", "</")) if m else None


def test_a_citation_becomes_one_link_with_title(reg):
    html, _ = render(reg, "L'obligation de soins (article 132-45 du code pénal) est ancienne.")
    assert links(html) == [("cp-132-45", "article 132-45 du code pénal")]
    a = re.search(r"<a [^>]*data-cite=\"cp-132-45\"[^>]*>", html).group(0)
    assert 'href="https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006417442"' in a
    assert "Lire l'article sur Légifrance" in a or "Lire l&#x27;article sur Légifrance" in a
    assert 'title="Code pénal, article 132-45 — ' in a and "Statut : modifié depuis 2020" in a
    assert "L'obligation de soins (" in html and ") est ancienne." in html


def test_the_no_id_example_has_none(reg):
    assert reg.entry("CPP", NO_ID).legiarti is None, f"CPP {NO_ID} now has an id: pick another id-less article"


def test_without_an_id_the_link_searches_the_number_in_the_code(reg):
    html, _ = render(reg, f"L'article {NO_ID} du code de procédure pénale.")
    a = re.search(rf"<a [^>]*data-cite=\"cpp-{NO_ID}\"[^>]*>", html).group(0)
    assert ('href="https://www.legifrance.gouv.fr/search/code?tab_selection=code&amp;searchField=NUM_ARTICLE'
            f'&amp;query={NO_ID}&amp;page=1&amp;init=true&amp;nomCode=aQb8lg%3D%3D"') in a
    assert "Chercher l'article sur Légifrance" in a or "Chercher l&#x27;article sur Légifrance" in a


def test_the_article_number_never_breaks_across_lines(reg):
    html, _ = render(reg, "Voir l'article 41-1 du code de procédure pénale.")
    assert '>article <span class="so-cite-num">41-1</span> du code de procédure pénale</a>' in html


def test_verified_id_links_to_the_article(reg):
    html, _ = render(reg, "Voir l'article 222-39 du code pénal.")
    assert 'href="https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006417729"' in html


def test_lists_and_ranges_give_one_link_per_article(reg):
    html, _ = render(reg, "Les articles L. 3413-1 à L. 3413-4 du code de la santé publique et 60-1, 77-1-1 et 99-3 CPP.")
    assert [k for k, _ in links(html)] == ["csp-l3413-1", "csp-l3413-4", "cpp-60-1", "cpp-77-1-1", "cpp-99-3"]
    assert '<span class="so-cite so-cite-group">articles <a' in html
    assert "</a> à <a" in html and "du code de la santé publique</span>" in html


def test_changed_badge_only_on_the_first_occurrence(reg):
    html, _ = render(reg, "L'article 132-45 du code pénal.\n\nEncore l'article 132-45 du code pénal.")
    assert html.count("so-cite-badge--modifie") == 1 and len(links(html)) == 2


def test_gone_article_cited_as_historical_has_a_badge_and_its_successor(reg):
    html, _ = render(reg, "Le guide s'appuie sur l'ancien article D. 581 du code de procédure pénale.")
    assert '<span class="so-cite-badge so-cite-badge--deplace">déplacé</span>' in html
    assert 'class="so-cite so-cite--gone"' in html
    succ = re.search(r'<span class="so-cite-successor">(.*?)</span>', html).group(1)
    assert "art. D.\u00a0113-45 du code pénitentiaire" in succ and 'data-cite="cpen-d113-45"' in succ


def test_errors_name_the_file_and_the_line_of_the_source(reg):
    errors = []
    body = "# Titre\n\nUn paragraphe.\n\nVoir l'article 132-99 du code pénal,\net l'article D. 581 du code de procédure pénale.\n"
    html, _ = render(reg, body, errors=errors)
    assert [(f, line) for f, line, *_ in errors] == [("docs/x.md", 9), ("docs/x.md", 10)]
    assert errors[0][2] == "« article 132-99 du code pénal » : article inconnu du code pénal (index LEGI du 2023-12-06)"
    assert "l'ancien article D. 581" in errors[1][3]
    assert links(html) == []          # nothing wrong reaches the reader as a link


def test_without_the_source_file_lines_come_from_the_markdown_and_the_offset(reg):
    errors = []
    cfg = LegalConfig(registry=reg, on_error=lambda *e: errors.append(e),
                      page=PageContext(src_uri="x.md", file="docs/x.md", line_offset=4))
    markdown.markdown("Titre\n\nl'article 132-99 du code pénal\n", extensions=[LegalExtension(cfg)])
    assert [line for _, line, *_ in errors] == [7]


def test_line_of_a_repeated_citation_follows_document_order(reg):
    errors = []
    render(reg, "l'article 132-99 du code pénal\n\nautre\n\nl'article 132-99 du code pénal\n", errors=errors)
    assert [line for _, line, *_ in errors] == [5, 9]


def test_headings_and_links_are_checked_not_linked(reg):
    errors = []
    html, _ = render(reg, "## L'article 41-1 du code de procédure pénale\n\n[article 132-45 du code pénal](x.md)\n\n"
                          "## Article 132-98 du code pénal\n", errors=errors)
    assert links(html) == []
    assert len(errors) == 1 and "132-98" in errors[0][2]


def test_code_is_never_read(reg):
    errors = []
    html, _ = render(reg, "`article 132-99 du code pénal`\n\n    article 132-98 du code pénal\n", errors=errors)
    assert errors == [] and links(html) == []


def test_tables_admonitions_footnotes_and_same_code(reg):
    body = ('!!! info "Mise à jour"\n    L\'article 143-1 du code de procédure pénale.\n\n'
            "| Base |\n|---|\n| article 141-2 du même code |\n\nTexte[^1].\n\n[^1]: Article 11 du code de procédure pénale.\n")
    html, _ = render(reg, body)
    assert [k for k, _ in links(html)] == ["cpp-143-1", "cpp-141-2", "cpp-11"]


def test_cpp_notice_once_after_the_first_cpp_block(reg):
    html, _ = render(reg, "Intro.\n\nL'article 41-1 du code de procédure pénale.\n\nPuis l'article 41-2 du même code.\n")
    assert html.count('id="so-cpp-2029"') == 1
    first_cite = html.index('data-cite="cpp-41-1"')
    notice = html.index('id="so-cpp-2029"')
    assert first_cite < notice < html.index('data-cite="cpp-41-2"')
    assert "ordonnance n° 2025-1091" in html and 'href="references-juridiques.md#cpp"' in html


def test_no_cpp_notice_for_the_regulatory_part_or_other_codes(reg):
    html, _ = render(reg, "L'ancien article D. 581 du code de procédure pénale ; l'article 132-45 du code pénal.")
    assert "so-cpp-2029" not in html


def test_popover_data_rides_with_the_page(reg):
    from soins_obliges.legal.registry import reviewed_on

    html, _ = render(reg, f"L'article {NO_ID} du code de procédure pénale.")
    d = data(html)
    c = d["cites"][f"cpp-{NO_ID}"]
    e = reg.entry("CPP", NO_ID)
    assert d["lang"] == "fr" and c["recod"] is True and c["statusKey"] == e.status
    assert c["refs"] == f"../references-juridiques/#cpp-{NO_ID}" and c["summary"] == e.summary["fr"]
    assert c["lawState"] == "État du droit : index LEGI du 6 décembre 2023"
    assert c["reviewed"] == reviewed_on(e.verified_on, "fr") and c["reviewed"].startswith("Fiche relue le ")
    assert c["verified"] == f"{c['lawState']}. {c['reviewed']}."
    assert c["opensArticle"] is False and c["more"] == "Chercher l'article sur Légifrance"
    assert data(render(reg, "Rien à citer.")[0]) is None


def test_english_page_labels(reg):
    html, _ = render(reg, "See Article 132-45 of the Criminal Code.", lang="en")
    assert "amended since 2020" in html and 'title="Criminal Code, Article 132-45 — ' in html
    d = data(html)
    assert d["labels"]["legifrance"] == "Read the article on Légifrance"      # its id is verified
    c = d["cites"]["cp-132-45"]
    assert c["more"] == "Read the article on Légifrance"
    d = data(render(reg, f"See Article {NO_ID} of the Code of Criminal Procedure.", lang="en")[0])
    assert d["labels"]["legifrance"] == "Search for the article on Légifrance"
    assert c["lawState"] == "State of the law: LEGI index of 6 December 2023"
    from soins_obliges.legal.registry import reviewed_on
    assert c["reviewed"] == reviewed_on(reg.entry("CP", "132-45").verified_on, "en")
    assert c["reviewed"].startswith("Entry reviewed on ")


def test_laws_and_decrees_are_left_alone(reg):
    html, _ = render(reg, "La loi du 31 décembre 1970, le décret n° 2019-507 et l'article 1er de la loi du 5 mars 2007.")
    assert "so-cite" not in html


def test_disabled_page_is_untouched(reg):
    html, _ = render(reg, "article 132-99 du code pénal", enabled=False, errors=(errs := []))
    assert "so-cite" not in html and errs == []


def test_errors_in_a_glossary_page_point_to_its_yaml(reg):
    errors = []
    yml = "id: x\nlegal_basis:\n  - article 132-99 du code pénal\n"
    render(reg, "## Base légale\n\n- article 132-99 du code pénal\n", errors=errors, file="glossary/x.yml", source=yml)
    assert errors[0][:2] == ("glossary/x.yml", 3)


def test_found_citations_are_recorded(reg):
    _, cfg = render(reg, "L'article 132-45 du code pénal et l'article 132-99 du code pénal.")
    assert [(f.citation.nums, f.linked) for f in cfg.found] == [(["132-45"], True), (["132-99"], False)]


CODE_PENAL_CONCEPT = """\
id: code-penal
sector: justice
source_pages: "36"
fr:
  term: code pénal
  definition: Le recueil des infractions et des peines.
en:
  term: Criminal Code
  definition: The collection of offences and penalties.
"""


def test_words_inside_a_citation_are_never_glossary_links(reg, tmp_path):
    (tmp_path / "code-penal.yml").write_text(CODE_PENAL_CONCEPT, encoding="utf-8")
    glossary, errs = load_glossary(tmp_path)
    assert not errs
    gcfg = GlossaryConfig(glossary=glossary, href=lambda cid, src: f"/g/{cid}/", on_error=lambda *e: None,
                          page=GlossaryPage(src_uri="x.md", lang="fr"), first_only=False)
    html, _ = render(reg, "Selon l'article 132-45 du code pénal, et selon le code pénal lui-même.",
                     extensions=[GlossaryExtension(gcfg)])
    cite = re.search(r'<a class="so-cite"[^>]*>(.*?)</a>', html).group(1)
    assert "so-term" not in cite
    assert re.search(r'<a class="so-term" data-term="code-penal" href="/g/code-penal/">code pénal</a> lui-même', html)


def test_an_article_with_a_verified_id_opens_it(reg):
    html, _ = render(reg, "L'article 132-42 du code pénal.")
    a = re.search(r'<a [^>]*data-cite="cp-132-42"[^>]*>', html).group(0)
    assert 'href="https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006417436"' in a
    c = data(html)["cites"]["cp-132-42"]
    assert c["opensArticle"] is True and c["more"] == "Lire l'article sur Légifrance"
    assert data(html)["labels"]["legifrance"] == "Lire l'article sur Légifrance"


def test_a_page_mixing_both_kinds_gets_a_label_true_of_both(reg):
    html, _ = render(reg, f"Les articles 132-42 et 132-45 du code pénal, et l'article {NO_ID} du code de procédure pénale.")
    d = data(html)
    assert d["labels"]["legifrance"] == "Voir l'article ou le chercher sur Légifrance"
    assert d["cites"][f"cpp-{NO_ID}"]["more"] == "Chercher l'article sur Légifrance"
    assert "texte_lc" not in html
