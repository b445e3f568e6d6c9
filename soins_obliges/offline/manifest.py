"""What each edition precaches: the list ``workbox-build injectManifest`` would write, computed on the output.

An edition (French at the site root, English under ``en/``) has its own service worker at its root, whose scope
is that edition, and precaches:
- the shell: every stylesheet, script, image and font under ``assets/`` that pages load (not the source maps,
  not Material's lunr and search worker, which our search replaces, not the Workbox files the worker imports);
- the edition's home page, its offline page, its 404 page and its glossary (index, every entry, the comparisons);
- what its search needs: ``search/search_index.json`` (the configuration), its worker, the lexicon, the postings and the
  snippets (not ``so/index.json``, the whole index kept for tools and tests).
Every other page is kept as it is read (network first, see ``sw.js``).

URLs are relative to the service worker (``../assets/…`` for the English one); each revision is a hash of the
file, so a deploy re-downloads only what changed.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

SHELL_EXT = (".css", ".js", ".png", ".svg", ".woff2", ".woff", ".ico", ".webmanifest")
SHELL_SKIP = ("assets/javascripts/lunr/", "assets/javascripts/workers/", "assets/offline/workbox/workbox-")
SHELL_KEEP = ("assets/offline/workbox/workbox-window.prod.umd.js",)   # loaded by the pages; the rest by sw.js
OFFLINE_PAGE = "hors-ligne/index.html"


@dataclass(frozen=True)
class Edition:
    """One language edition of the site: its language, its folder in the output (``""`` or ``"en/"``), the
    glossary folder (``glossaire``), and the texts of its web app manifest."""

    lang: str
    prefix: str
    name: str
    short_name: str
    description: str
    glossary: str = "glossaire"


def revision(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _rel(path: Path, site: Path, edition: Edition) -> str:
    rel = path.relative_to(site).as_posix()
    up = "../" * edition.prefix.count("/")
    if edition.prefix and rel.startswith(edition.prefix):
        return rel[len(edition.prefix):]
    return up + rel


def shell_files(site: Path) -> list[Path]:
    out = []
    for p in sorted((site / "assets").rglob("*")):
        rel = p.relative_to(site).as_posix()
        if p.is_file() and p.suffix in SHELL_EXT and (rel in SHELL_KEEP or not rel.startswith(SHELL_SKIP)):
            out.append(p)
    return out


def edition_files(site: Path, edition: Edition) -> list[Path]:
    root = site / edition.prefix
    out = [root / "index.html", root / OFFLINE_PAGE, root / "404.html"]
    out += sorted((root / edition.glossary).rglob("index.html"))
    search = root / "search"
    out.append(search / "search_index.json")
    out.append(search / "worker.js")
    out.append(search / "so" / "lexicon.json")
    for sub in ("t", "d"):
        out += sorted((search / "so" / sub).glob("*.json"))
    return out


def entries(site: Path, edition: Edition) -> list[dict]:
    """``[{"url", "revision"}]`` for Workbox's ``precacheAndRoute``; a missing file is an error (the build or
    the search step did not write it), never skipped."""
    files = shell_files(site) + edition_files(site, edition)
    missing = [f.relative_to(site).as_posix() for f in files if not f.is_file()]
    if missing:
        raise FileNotFoundError(f"offline copy of the {edition.lang!r} edition: {', '.join(missing[:5])} "
                                f"not in the output → the pages and search pieces must be written before it")
    return [{"url": _rel(f, site, edition), "revision": revision(f.read_bytes())} for f in files]


def site_version(site: Path) -> str:
    """A hash of the whole output (every file's path and bytes, except the service workers themselves): a deploy
    that changes anything gets a new service worker, hence the « nouvelle version » notice."""
    h = hashlib.sha256()
    for p in sorted(site.rglob("*")):
        if p.is_file() and p.name not in ("sw.js",) and ".partial" not in p.name:
            h.update(p.relative_to(site).as_posix().encode())
            h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()[:16]
