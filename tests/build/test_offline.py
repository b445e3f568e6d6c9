"""The offline files of the real site: each edition's service worker precaches files that exist, at their
revision, all on the site's origin; the search worker is copied into each edition; the manifests and icons are
there; pages point at their own edition's worker and manifest."""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from soins_obliges.offline import manifest, vendor

ROOT = Path(__file__).parents[2]
EDITIONS = {"fr": "", "en": "en/"}


def _config(site: Path, prefix: str) -> dict:
    text = (site / prefix / "sw.js").read_text(encoding="utf-8")
    return json.loads(re.search(r"const SO = (\{.*?\});\n", text).group(1).replace("<\\/", "</"))


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_precached_file_exists_at_its_revision(site, lang):
    prefix = EDITIONS[lang]
    cfg = _config(site, prefix)
    assert cfg["lang"] == lang and len(cfg["manifest"]) > 600
    wrong = []
    for entry in cfg["manifest"]:
        path = (site / prefix / entry["url"]).resolve()
        if not path.is_relative_to(site.resolve()) or not path.is_file():
            wrong.append(f"{entry['url']}: not in the output")
        elif manifest.revision(path.read_bytes()) != entry["revision"]:
            wrong.append(f"{entry['url']}: stale revision")
    assert not wrong, wrong[:10]
    urls = {e["url"] for e in cfg["manifest"]}
    up = "../" * prefix.count("/")
    for needed in ("index.html", "hors-ligne/index.html", "404.html", "glossaire/index.html",
                   "glossaire/rechute/index.html", "search/search_index.json", "search/worker.js",
                   "search/so/lexicon.json", up + "assets/site.css", up + "assets/offline.js"):
        assert needed in urls, f"{lang}: {needed} is not precached"
    if lang == "fr":
        assert not [u for u in urls if u.startswith("en/") and u != "en/hors-ligne/index.html"]


def test_service_workers_fetch_nothing_off_the_origin(site):
    for prefix in EDITIONS.values():
        text = (site / prefix / "sw.js").read_text(encoding="utf-8")
        assert not re.findall(r"https?://|//cdn|storage\.googleapis", text), prefix
        assert (site / prefix / _config(site, prefix)["workbox"] / "workbox-sw.js").resolve().is_file()
    workbox = site / "assets/offline/workbox"
    names = {p.name for p in workbox.iterdir()}
    for pkg in vendor.packages():
        for f in pkg.files:
            assert f.rsplit("/", 1)[-1] in names, f"{pkg.name}: {f} not vendored"
    assert "LICENSE-workbox.txt" in names
    for js in workbox.glob("*.js"):
        assert not re.search(r"importScripts\(\s*['\"]https?:", js.read_text(encoding="utf-8")), js.name


def test_each_edition_has_its_own_copy_of_the_search_worker(site):
    source = (ROOT / "docs/assets/search/worker.js").read_bytes()
    for prefix in EDITIONS.values():
        assert (site / prefix / "search/worker.js").read_bytes() == source
    assert not (site / "assets/search/worker.js").exists(), "the source copy should not be published as well"


@pytest.mark.parametrize("page,prefix", [("glossaire/rechute/index.html", ""),
                                         ("en/glossaire/rechute/index.html", "en/"),
                                         ("01-addictions-et-addictologie/concept-addiction/index.html", "")])
def test_pages_point_at_their_editions_worker_search_and_manifest(site, page, prefix):
    html = (site / page).read_text(encoding="utf-8")
    here = (site / page).parent
    sw = re.search(r'<meta name="so-offline" content="([^"]+)"', html)
    assert sw and (here / sw.group(1)).resolve() == (site / prefix / "sw.js").resolve()
    link = re.search(r'<link rel="manifest" href="([^"]+)"', html)
    assert link and (here / link.group(1)).resolve() == (site / prefix / "manifest.webmanifest").resolve()
    worker = re.search(r'new URL\("([^"]*search/worker\.js)"', html)
    assert worker, "the search configuration does not name the worker"
    assert (here / worker.group(1)).resolve() == (site / prefix / "search/worker.js").resolve()


def test_web_manifests_name_each_edition(site):
    for lang, prefix in EDITIONS.items():
        data = json.loads((site / prefix / "manifest.webmanifest").read_text(encoding="utf-8"))
        assert data["lang"] == lang and data["name"] and data["display"] == "standalone"
        for icon in data["icons"]:
            assert (site / prefix / icon["src"]).resolve().is_file(), icon["src"]


def test_precache_is_hashed_so_a_deploy_downloads_only_what_changed(site):
    fr, en = _config(site, ""), _config(site, "en/")
    assert fr["version"] == en["version"] and re.fullmatch(r"[0-9a-f]{16}", fr["version"])
    shared = {e["url"]: e["revision"] for e in fr["manifest"] if e["url"].startswith("assets/")}
    for e in en["manifest"]:
        if e["url"].startswith("../assets/"):
            assert shared.get(e["url"][3:]) == e["revision"], e["url"]
    digest = hashlib.sha256((site / "assets/site.css").read_bytes()).hexdigest()[:16]
    assert shared["assets/site.css"] == digest
