from soins_obliges import concordance
from soins_obliges.provenance import PageSource

PAGES = [PageSource("a/one.md", "Un", [3, 4, 5]), PageSource("b/two.md", "Deux", [5, 6]),
         PageSource("index.md", "Accueil", None)]


def test_each_guide_page_lists_the_site_pages_that_restate_it():
    md = concordance.page_markdown(PAGES, "fr")
    assert '| <span id="p5"></span>**5** | [Un](a/one.md) · [Deux](b/two.md) |' in md
    assert '| <span id="p7"></span>**7** | — |' in md
    assert "2 pages de site" in md


def test_english_page():
    md = concordance.page_markdown(PAGES, "en")
    assert md.count("# Guide concordance") == 1 and "site pages restate" in md


def test_uncovered_pages_are_listed_compactly():
    missing = concordance.uncovered_pages(PAGES)
    assert missing[:3] == [7, 8, 9] and 85 in missing and 5 not in missing
    assert concordance.describe_uncovered(missing) == "7-85"
