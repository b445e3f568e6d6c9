"""soins_obliges.book (the whole guide on one page) and the PDF links of soins_obliges.pdf, on small pages."""
from pathlib import Path

import pytest

from soins_obliges import book, pdf

SHELL = ('<html><body><article class="md-content__inner md-typeset">{}</article><script src="x.js"></script>'
         "</body></html>")


def _page(site: Path, url: str, body: str) -> None:
    (site / url).mkdir(parents=True, exist_ok=True)
    (site / url / "index.html").write_text(SHELL.format(body), encoding="utf-8")


@pytest.fixture
def site(tmp_path):
    _page(tmp_path, "a/one/", '<p class="so-print-meta">x</p><h1 id="one">One<a class="headerlink" href="#one">¶</a></h1>'
                              '<h2 id="sources">Sources</h2><p><a href="#sources">here</a> <a href="../two/#s">two</a> '
                              '<a href="../../glossaire/rechute/">rechute</a> <a href="https://example.org/">ext</a> '
                              '<img src="../../assets/i.svg" alt=""></p>'
                              '<script type="application/json" class="so-legal-data">{}</script>')
    _page(tmp_path, "a/two/", '<h1 id="two">Two</h1><h2 id="s">S</h2><p><a href="../one/">one</a></p>')
    _page(tmp_path, "livre/", '<h1>Livre</h1><p class="so-book-contents"></p>')
    return tmp_path


CHAPTERS = [book.Chapter("a/one/", "One"), book.Chapter("a/two/", "Two")]


def test_chapters_get_prefixed_ids_and_links_that_stay_in_the_page(site):
    out = book.assemble(site, CHAPTERS, "livre/", "fr")
    assert out.startswith(book.PDF_MARKER)
    assert '<section class="so-book__chapter" id="c1" data-source="a/one/">' in out
    assert '<h2 id="c1-one">One</h2>' in out and '<h3 id="c1-sources">' in out, "ids prefixed, headings one level down"
    assert 'href="#c1-sources"' in out and 'href="#c2-s"' in out and 'href="#c1"' in out
    assert 'href="../glossaire/rechute/"' in out and 'src="../assets/i.svg"' in out
    assert 'href="https://example.org/"' in out
    assert "so-print-meta" not in out and "so-legal-data" not in out and "headerlink" not in out
    assert '<li><a href="#c1">One</a></li>' in out and "<h2 id=\"so-book-toc\">Sommaire</h2>" in out


def test_write_fills_the_book_page_once(site):
    size = book.write(site, CHAPTERS, "livre/", "fr")
    text = (site / "livre/index.html").read_text()
    assert size == len(text.encode()) and "so-book-contents" not in text and text.count("so-book__chapter") == 2
    with pytest.raises(book.BookError, match="marker"):
        book.write(site, CHAPTERS, "livre/", "fr")          # the marker is gone: a second pass is an error


def test_a_chapter_missing_from_the_output_is_named(site):
    with pytest.raises(book.BookError, match=r"a/three/index.html is not in the output"):
        book.assemble(site, CHAPTERS + [book.Chapter("a/three/", "Three")], "livre/", "fr")


def test_a_theme_without_the_article_is_reported(site):
    (site / "a/two/index.html").write_text("<html><main>no article</main></html>")
    with pytest.raises(book.BookError, match="the theme changed"):
        book.assemble(site, CHAPTERS, "livre/", "fr")


def test_pdf_links_on_the_home_and_book_pages(site, tmp_path):
    book.write(site, CHAPTERS, "livre/", "fr")
    (site / "index.html").write_text('<p>Tout le guide : <a class="so-book-link" href="livre/">le guide</a>.</p>')
    (site / "pdf").mkdir()
    f = site / "pdf" / "soins-obliges-fr.pdf"
    f.write_bytes(b"%PDF" + b"x" * 2_345_678)
    doc = pdf.Pdf("fr", f, 135)
    pdf.add_links(site, doc, "")
    home = (site / "index.html").read_text()
    assert ('<a class="so-book-link" href="livre/">le guide</a> · <a class="so-pdf-link" href="pdf/soins-obliges-fr.pdf"'
            in home) and "(2,3 Mo, 135 pages)" in home
    assert 'href="../pdf/soins-obliges-fr.pdf"' in (site / "livre/index.html").read_text()
    assert pdf.size_text(pdf.Pdf("en", f, 2)) == "2.3 MB, 2 pages"


def test_pdf_page_count():
    assert pdf.count_pages(b"<< /Type /Pages /Count 2 >> << /Type /Page >> << /Type/Page >>") == 2
