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


def test_english_page_shows_english_titles_and_marks_french_ones():
    pages = [PageSource("a/one.md", "Un", [3], "One"), PageSource("b/two.md", "Deux & trois", [3])]
    en = concordance.page_markdown(pages, "en")
    row = next(line for line in en.splitlines() if '<span id="p3">' in line)
    assert "[One](a/one.md)" in row and '[<span lang="fr">Deux &amp; trois</span>](b/two.md)' in row
    fr = concordance.page_markdown(pages, "fr")
    assert "[Un](a/one.md)" in fr and "[Deux & trois](b/two.md)" in fr


def test_scan_docs_reads_the_english_title(tmp_path):
    from soins_obliges.provenance import scan_docs

    (tmp_path / "p.md").write_text("---\ntitle: Rechute\nsource_pages: \"5\"\n---\n# Rechute\n", encoding="utf-8")
    (tmp_path / "p.en.md").write_text("---\ntitle: Relapse\nsource_pages: \"5\"\n---\n# Relapse\n", encoding="utf-8")
    (tmp_path / "q.md").write_text("---\ntitle: Seul\nsource_pages: \"6\"\n---\n# Seul\n", encoding="utf-8")
    found, errors = scan_docs(tmp_path)
    assert not errors
    assert {(p.title, p.title_en) for p in found} == {("Rechute", "Relapse"), ("Seul", None)}
