"""Offline reading: a service worker per edition, its precache list, the web app manifest and the icons.

A post-build step on the output folder, independent of the site generator (``python -m soins_obliges.offline
<site>`` runs it; ``hooks/offline.py`` calls it after MkDocs' build):

- ``assets/offline/workbox/``: Workbox's runtime files, pinned and verified (``vendor.py``);
- ``assets/offline/icon-*.png``: the icons (``icons.py``);
- ``sw.js`` at each edition's root (``/sw.js``, ``/en/sw.js``): Workbox precaching of that edition's shell,
  glossary and search (``manifest.py``) plus runtime caching of the pages read (``sw.template.js``);
- ``manifest.webmanifest`` at each edition's root: name, language, start page, icons (installable).

Pages register their edition's worker and show the « hors ligne » and « nouvelle version » notices
(``docs/assets/offline.js``).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from . import icons, manifest, vendor
from .manifest import Edition

TEMPLATE = Path(__file__).with_name("sw.template.js")
WORKBOX_DIR = "assets/offline/workbox/"
ICON_DIR = "assets/offline/"
NETWORK_TIMEOUT = 4          # seconds before a page read before is shown from its copy on a weak signal
THEME_COLOR = "#3f51b5"


@dataclass
class Result:
    version: str
    precache: dict[str, list[dict]]      # edition lang → entries
    prefixes: dict[str, str]             # edition lang → its folder in the output

    def files(self, site: Path, lang: str) -> list[Path]:
        """The files the edition's worker downloads once (its precache)."""
        root = Path(site) / self.prefixes[lang]
        return [(root / e["url"]).resolve() for e in self.precache[lang]]


def _up(edition: Edition) -> str:
    return "../" * edition.prefix.count("/")


def service_worker(edition: Edition, entries: list[dict], version: str, offline: list[list[str]]) -> str:
    config = {
        "version": version,
        "lang": edition.lang,
        "workbox": _up(edition) + WORKBOX_DIR,
        "networkTimeout": NETWORK_TIMEOUT,
        "offline": offline,
        "manifest": entries,
    }
    text = TEMPLATE.read_text(encoding="utf-8")
    blob = json.dumps(config, ensure_ascii=False, separators=(",", ":"))
    return text.replace("__SO_CONFIG__", blob.replace("</", "<\\/"))


def web_manifest(edition: Edition) -> str:
    up = _up(edition) + ICON_DIR
    data = {
        "name": edition.name,
        "short_name": edition.short_name,
        "description": edition.description,
        "lang": edition.lang,
        "dir": "ltr",
        "start_url": "./",
        "scope": "./",
        "id": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOR,
        "icons": [
            {"src": up + "icon-192.png", "sizes": "192x192", "type": "image/png", "purpose": "any"},
            {"src": up + "icon-512.png", "sizes": "512x512", "type": "image/png", "purpose": "any"},
            {"src": up + "icon-maskable-512.png", "sizes": "512x512", "type": "image/png", "purpose": "maskable"},
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def build(site: Path, editions: list[Edition], fetch=None) -> Result:
    """Write the offline files of every edition into the built site ``site``. Raises ``vendor.VendorError`` or
    ``FileNotFoundError`` with what to do."""
    site = Path(site)
    kwargs = {"fetch": fetch} if fetch else {}
    vendor.copy_into(site / WORKBOX_DIR, **kwargs)
    icons.write(site / ICON_DIR)
    for e in editions:                                 # before the hash and the lists: they are precached
        (site / e.prefix / "manifest.webmanifest").write_text(web_manifest(e), encoding="utf-8")
    version = manifest.site_version(site)
    lists: dict[str, list[dict]] = {}
    for e in editions:
        entries = manifest.entries(site, e)
        offline = []
        for other in sorted(editions, key=lambda o: -len(o.prefix)):
            if other.prefix.startswith(e.prefix):     # the editions this worker's scope contains
                rel = other.prefix[len(e.prefix):] + manifest.OFFLINE_PAGE
                offline.append([other.prefix[len(e.prefix):], rel])
                if other is not e:
                    page = site / other.prefix / manifest.OFFLINE_PAGE
                    entries.append({"url": rel, "revision": manifest.revision(page.read_bytes())})
        (site / e.prefix / "sw.js").write_text(service_worker(e, entries, version, offline), encoding="utf-8")
        lists[e.lang] = entries
    return Result(version, lists, {e.lang: e.prefix for e in editions})
