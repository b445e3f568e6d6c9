"""``python -m soins_obliges.pdf site/`` (``bash manage.sh pdf``): the whole guide as one PDF per edition.

Headless Chromium (Debian's ``chromium``, driven by Playwright) prints each edition's book page (``livre/``,
``soins_obliges.book``) with the site's print stylesheet: A4, a table of contents with links, every chapter, the
site's name at the top of each page and « n / N » at the bottom (the print stylesheet's ``@page``). Why Chromium rather than WeasyPrint: the
browser tests already need it, and it lays out the inline SVG diagrams and the theme's CSS exactly as a reader's
browser prints them.

The PDFs go to ``site/pdf/`` (``soins-obliges-fr.pdf``, ``soins-obliges-en.pdf``); then the home page and the book
page of each edition get a link to their PDF with its size, and the offline step is run again (its worker's
version and the precached revisions include the edited pages). A site built without this step has no PDF link.
"""
from __future__ import annotations

import argparse
import functools
import html
import http.server
import re
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from . import book

CHROMIUM = "/usr/bin/chromium"
FOLDER = "pdf/"
TEXT = {
    "fr": {"name": "soins-obliges-fr.pdf", "link": "Télécharger le guide en PDF", "size": "{mb} Mo, {pages} pages",
           "page": "page"},
    "en": {"name": "soins-obliges-en.pdf", "link": "Download the guide as a PDF", "size": "{mb} MB, {pages} pages",
           "page": "page"},
}
_BOOK_LINK = re.compile(r'(<a class="so-book-link" href="[^"]*">.*?</a>)', re.S)


@dataclass
class Pdf:
    lang: str
    path: Path
    pages: int

    @property
    def size(self) -> int:
        return self.path.stat().st_size


def count_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", data))


def size_text(pdf: Pdf) -> str:
    mb = f"{pdf.size / 1_000_000:.1f}"
    return TEXT[pdf.lang]["size"].format(mb=mb.replace(".", ",") if pdf.lang == "fr" else mb, pages=pdf.pages)


def link_html(pdf: Pdf, from_url: str) -> str:
    href = html.escape(book._relative(f"{FOLDER}{pdf.path.name}", from_url), quote=True)
    return (f'<a class="so-pdf-link" href="{href}" type="application/pdf" download>{TEXT[pdf.lang]["link"]}</a> '
            f'<span class="so-pdf-size">({size_text(pdf)})</span>')


def add_links(site: Path, pdf: Pdf, prefix: str) -> None:
    """The PDF's link on the edition's book page (in place of its marker) and on its home page (after the link to
    the book). Raises ``book.BookError`` if a page lacks its place."""
    page = site / prefix / book.URL / "index.html"
    text = page.read_text(encoding="utf-8")
    if book.PDF_MARKER not in text:
        raise book.BookError(f"{prefix}{book.URL}index.html has no {book.PDF_MARKER}: build the site again first")
    page.write_text(text.replace(book.PDF_MARKER, f'<p class="so-book-pdf">{link_html(pdf, prefix + book.URL)}</p>', 1),
                    encoding="utf-8")
    home = site / prefix / "index.html"
    text = home.read_text(encoding="utf-8")
    if "so-pdf-link" in text:
        text = re.sub(r' · <a class="so-pdf-link".*?</span>', "", text, flags=re.S)
    new, n = _BOOK_LINK.subn(lambda m: m.group(1) + " · " + link_html(pdf, prefix), text, count=1)
    if not n:
        raise book.BookError(f"{prefix}index.html has no link to the book (class so-book-link in docs/index*.md)")
    home.write_text(new, encoding="utf-8")


def _serve(site: Path):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def render(site: Path, editions: list[tuple[str, str, str]], executable: str = CHROMIUM) -> list[Pdf]:
    """``editions``: (lang, prefix, site name). Writes ``site/pdf/*.pdf``."""
    from playwright.sync_api import sync_playwright

    out = site / FOLDER
    out.mkdir(parents=True, exist_ok=True)
    httpd = _serve(site)
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    done = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=executable, args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"])
            for lang, prefix, name in editions:
                page = browser.new_page(service_workers="block")
                page.goto(base + prefix + book.URL, wait_until="networkidle", timeout=120_000)
                page.emulate_media(media="print")
                path = out / TEXT[lang]["name"]
                small = "font-size:7pt;color:#555;width:100%;padding:0 14mm;font-family:sans-serif"
                page.pdf(path=str(path), format="A4", print_background=False, display_header_footer=True,
                         header_template=f'<div style="{small}">{html.escape(name)}</div>',
                         footer_template="<div></div>",   # « n / N »: the print stylesheet's @page box
                         margin={"top": "18mm", "bottom": "18mm", "left": "14mm", "right": "14mm"},
                         prefer_css_page_size=False)
                page.close()
                done.append(Pdf(lang, path, count_pages(path.read_bytes())))
            browser.close()
    finally:
        httpd.shutdown()
    return done


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m soins_obliges.pdf", description=__doc__.split("\n\n")[0])
    ap.add_argument("site", type=Path, help="the built site (site/)")
    ap.add_argument("-f", "--config", type=Path, default=Path("mkdocs.yml"))
    ap.add_argument("--chromium", default=CHROMIUM)
    args = ap.parse_args(argv)
    from . import offline
    from .offline import vendor
    from .offline.config import editions_from_mkdocs

    eds = editions_from_mkdocs(args.config)
    if not Path(args.chromium).exists():
        print(f"error: {args.chromium} not found → apt-get install chromium (bash manage.sh pdf does it)", file=sys.stderr)
        return 1
    try:
        pdfs = render(args.site, [(e.lang, e.prefix, e.name) for e in eds], args.chromium)
        for pdf, e in zip(pdfs, eds):
            add_links(args.site, pdf, e.prefix)
        offline.build(args.site, eds)              # the edited pages' revisions and a new version
    except (book.BookError, vendor.VendorError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for pdf in pdfs:
        print(f"pdf ({pdf.lang}): {pdf.path} — {pdf.pages} pages, {pdf.size / 1_000_000:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
