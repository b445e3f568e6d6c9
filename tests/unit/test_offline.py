"""soins_obliges.offline: the pinned Workbox download, the editions, the precache lists, the service workers and
the web app manifests, on a small fake output (no network: a fake registry serves made-up tarballs)."""
from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import tarfile
import urllib.error
from pathlib import Path

import pytest

from soins_obliges import offline
from soins_obliges.offline import config, icons, manifest, vendor


def _tgz(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo("package/" + name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def _sri(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


@pytest.fixture
def registry(tmp_path):
    """A lock of two made-up packages and a fake registry that counts its downloads."""
    tars = {
        "https://registry.example/a-1.0.0.tgz": _tgz({"build/a.prod.js": b"/*a*/", "LICENSE": b"MIT a"}),
        "https://registry.example/b-1.0.0.tgz": _tgz({"build/b.prod.js": b"/*b*/", "LICENSE": b"MIT b"}),
    }
    lock = tmp_path / "vendor.json"
    lock.write_text(json.dumps({"packages": {
        "a": {"version": "1.0.0", "tarball": "https://registry.example/a-1.0.0.tgz",
              "integrity": _sri(tars["https://registry.example/a-1.0.0.tgz"]), "files": ["build/a.prod.js"]},
        "b": {"version": "1.0.0", "tarball": "https://registry.example/b-1.0.0.tgz",
              "integrity": _sri(tars["https://registry.example/b-1.0.0.tgz"]), "files": ["build/b.prod.js"]},
    }}), encoding="utf-8")
    calls = []

    def fetch(url):
        calls.append(url)
        return tars[url]

    return lock, fetch, calls, tars


def test_the_pinned_lock_is_workbox_7_4_1_with_sha512_pins():
    pkgs = vendor.packages()
    assert {p.name for p in pkgs} >= {"workbox-sw", "workbox-core", "workbox-precaching", "workbox-routing",
                                      "workbox-strategies", "workbox-expiration", "workbox-window"}
    for p in pkgs:
        assert p.version == "7.4.1" and p.integrity.startswith("sha512-") and p.files
        assert p.tarball == f"https://registry.npmjs.org/{p.name}/-/{p.name}-7.4.1.tgz"


def test_integrity_is_checked_against_the_bytes():
    assert vendor.check_integrity(b"abc", _sri(b"abc"))
    assert not vendor.check_integrity(b"abd", _sri(b"abc"))
    with pytest.raises(vendor.VendorError, match="unsupported integrity algorithm"):
        vendor.check_integrity(b"abc", "md5-xyz")


def test_copy_into_downloads_once_then_uses_the_cache(tmp_path, registry):
    lock, fetch, calls, _ = registry
    dest, cache = tmp_path / "out", tmp_path / "cache"
    names = vendor.copy_into(dest, lock, cache, fetch)
    assert sorted(names) == ["a.prod.js", "b.prod.js"] and len(calls) == 2
    assert (dest / "a.prod.js").read_bytes() == b"/*a*/"
    assert (dest / "LICENSE-workbox.txt").read_bytes() == b"MIT a"
    vendor.copy_into(tmp_path / "again", lock, cache, fetch)
    assert len(calls) == 2, "a second build must not download again"


def test_a_damaged_cached_copy_is_fetched_again(tmp_path, registry):
    lock, fetch, calls, _ = registry
    cache = tmp_path / "cache"
    vendor.copy_into(tmp_path / "out", lock, cache, fetch)
    (cache / "npm" / "a-1.0.0.tgz").write_bytes(b"tampered")
    vendor.copy_into(tmp_path / "out2", lock, cache, fetch)
    assert calls.count("https://registry.example/a-1.0.0.tgz") == 2
    assert (tmp_path / "out2" / "a.prod.js").read_bytes() == b"/*a*/"


def test_a_tarball_that_does_not_match_its_pin_is_refused_and_not_cached(tmp_path, registry):
    lock, _, _, _ = registry
    with pytest.raises(vendor.VendorError, match=r"does not match the integrity pinned .*npm view a@1\.0\.0"):
        vendor.copy_into(tmp_path / "out", lock, tmp_path / "cache", lambda url: _tgz({"build/a.prod.js": b"evil"}))
    assert not (tmp_path / "cache" / "npm" / "a-1.0.0.tgz").exists()
    assert not (tmp_path / "out" / "a.prod.js").exists()


def test_no_registry_says_what_to_do(tmp_path, registry):
    lock, _, _, _ = registry

    def offline_fetch(url):
        raise urllib.error.URLError("no route to host")

    with pytest.raises(vendor.VendorError) as err:
        vendor.copy_into(tmp_path / "out", lock, tmp_path / "cache", offline_fetch)
    assert "cannot download a 1.0.0" in str(err.value) and "npm pack a@1.0.0" in str(err.value)


def test_a_file_missing_from_a_tarball_is_named():
    with pytest.raises(vendor.VendorError, match="build/c.prod.js not found in the tarball"):
        vendor.extract(_tgz({"build/a.prod.js": b""}), ("build/c.prod.js",))


def test_the_registry_mirror_is_honoured(monkeypatch):
    seen = []

    class R:
        def __enter__(self):
            return self

        def __exit__(self, *a):
            return False

        def read(self):
            return b"x"

    monkeypatch.setenv("npm_config_registry", "https://mirror.example/npm/")
    monkeypatch.setattr(vendor.urllib.request, "urlopen", lambda req, timeout: seen.append(req.full_url) or R())
    vendor._download("https://registry.npmjs.org/workbox-sw/-/workbox-sw-7.4.1.tgz")
    assert seen == ["https://mirror.example/npm/workbox-sw/-/workbox-sw-7.4.1.tgz"]


def test_editions_from_static_i18n_languages():
    langs = [{"locale": "fr", "default": True, "build": True},
             {"locale": "en", "build": True, "site_name": "Court-ordered care — health & justice",
              "site_description": "The guide\n  restated."},
             {"locale": "de", "build": False}]
    eds = config.editions("Soins obligés — santé & justice", "Le guide.", langs)
    assert [(e.lang, e.prefix, e.short_name, e.description) for e in eds] == [
        ("fr", "", "Soins obligés", "Le guide."), ("en", "en/", "Court-ordered care", "The guide restated.")]
    assert [e.lang for e in config.editions("Site", "", [], "fr")] == ["fr"]


def test_editions_are_read_from_the_real_mkdocs_yml():
    eds = config.editions_from_mkdocs(Path(__file__).parents[2] / "mkdocs.yml")
    assert [(e.lang, e.prefix) for e in eds] == [("fr", ""), ("en", "en/")]
    assert eds[0].name.startswith("Soins obligés") and eds[1].name.startswith("Court-ordered care")


def _site(root: Path) -> Path:
    """A small built site: both editions, the shell and the search pieces."""
    files = {
        "index.html": "<h1>Accueil</h1>", "404.html": "404", "hors-ligne/index.html": "hors ligne",
        "glossaire/index.html": "g", "glossaire/rechute/index.html": "rechute",
        "chapitre/index.html": "not precached",
        "search/search_index.json": "{}", "search/worker.js": "//w", "search/so/lexicon.json": "{}",
        "search/so/t/0.json": "[]", "search/so/d/0.json": "[]", "search/so/index.json": "{}",
        "en/index.html": "<h1>Home</h1>", "en/404.html": "404", "en/hors-ligne/index.html": "offline",
        "en/glossaire/index.html": "g", "en/glossaire/rechute/index.html": "relapse",
        "en/search/search_index.json": "{}", "en/search/worker.js": "//w", "en/search/so/lexicon.json": "{}",
        "en/search/so/t/0.json": "[]", "en/search/so/d/0.json": "[]",
        "assets/site.css": "body{}", "assets/javascripts/bundle.1.min.js": "//b",
        "assets/javascripts/bundle.1.min.js.map": "{}", "assets/javascripts/lunr/min/lunr.fr.min.js": "//l",
        "assets/javascripts/workers/search.1.min.js": "//s", "assets/images/logo.svg": "<svg/>",
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


FR = manifest.Edition("fr", "", "Soins obligés — santé & justice", "Soins obligés", "Le guide </script>.")
EN = manifest.Edition("en", "en/", "Court-ordered care — health & justice", "Court-ordered care", "The guide.")


def test_each_edition_precaches_its_shell_glossary_and_search_relative_to_its_worker(tmp_path):
    site = _site(tmp_path)
    fr = {e["url"] for e in manifest.entries(site, FR)}
    en = {e["url"] for e in manifest.entries(site, EN)}
    assert {"index.html", "hors-ligne/index.html", "404.html", "glossaire/rechute/index.html",
            "search/worker.js", "search/so/t/0.json", "assets/site.css", "assets/images/logo.svg"} <= fr
    assert {"index.html", "search/worker.js", "../assets/site.css", "glossaire/rechute/index.html"} <= en
    for urls in (fr, en):
        assert not [u for u in urls if u.endswith(".map") or "/lunr/" in u or "/workers/" in u
                    or u.endswith("so/index.json") or "chapitre" in u]
    assert not [u for u in fr if u.startswith("en/")], "the French worker precaches the English edition"


def test_revisions_change_with_the_bytes(tmp_path):
    site = _site(tmp_path)
    before = {e["url"]: e["revision"] for e in manifest.entries(site, FR)}
    (site / "glossaire/rechute/index.html").write_text("rechute, corrigé", encoding="utf-8")
    after = {e["url"]: e["revision"] for e in manifest.entries(site, FR)}
    assert [u for u in before if before[u] != after[u]] == ["glossaire/rechute/index.html"]


def test_a_missing_piece_stops_the_build_with_its_name(tmp_path):
    site = _site(tmp_path)
    (site / "en/search/worker.js").unlink()
    with pytest.raises(FileNotFoundError, match=r"'en' edition: en/search/worker\.js not in the output"):
        manifest.entries(site, EN)


def _config(sw: str) -> dict:
    return json.loads(re.search(r"const SO = (\{.*?\});\n", sw).group(1).replace("<\\/", "</"))


def test_build_writes_a_worker_and_a_manifest_per_edition(tmp_path, registry, monkeypatch):
    lock, fetch, _, _ = registry
    monkeypatch.setattr(vendor, "LOCK", lock)
    site = _site(tmp_path / "site")
    result = _build(site, fetch, tmp_path, monkeypatch)
    fr, en = _config((site / "sw.js").read_text()), _config((site / "en/sw.js").read_text())
    assert fr["workbox"] == "assets/offline/workbox/" and en["workbox"] == "../assets/offline/workbox/"
    assert fr["version"] == en["version"] == result.version
    # the French worker's scope holds the English edition: an English page never read goes to its offline page
    assert fr["offline"] == [["en/", "en/hors-ligne/index.html"], ["", "hors-ligne/index.html"]]
    assert en["offline"] == [["", "hors-ligne/index.html"]]
    assert "en/hors-ligne/index.html" in {e["url"] for e in fr["manifest"]}
    assert "</script>" not in (site / "sw.js").read_text()
    web = json.loads((site / "en/manifest.webmanifest").read_text())
    assert web["lang"] == "en" and web["start_url"] == web["scope"] == "./" and web["short_name"] == "Court-ordered care"
    assert {i["src"] for i in web["icons"]} == {"../assets/offline/icon-192.png", "../assets/offline/icon-512.png",
                                                 "../assets/offline/icon-maskable-512.png"}
    for icon in web["icons"]:
        assert (site / "en" / icon["src"]).resolve().is_file()
    for lang in ("fr", "en"):
        assert all(p.is_file() for p in result.files(site, lang))


_COPY_INTO = vendor.copy_into


def _build(site, fetch, tmp_path, monkeypatch):
    monkeypatch.setenv("SO_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(vendor, "copy_into", lambda dest, **kw: _COPY_INTO(dest, vendor.LOCK, None, fetch))
    return offline.build(site, [FR, EN])


def test_a_deploy_that_changes_a_page_changes_the_version(tmp_path, registry, monkeypatch):
    lock, fetch, _, _ = registry
    monkeypatch.setattr(vendor, "LOCK", lock)
    site = _site(tmp_path / "site")
    first = _build(site, fetch, tmp_path, monkeypatch).version
    assert _build(site, fetch, tmp_path, monkeypatch).version == first, "the same output must keep its version"
    (site / "chapitre/index.html").write_text("corrigé", encoding="utf-8")
    assert _build(site, fetch, tmp_path, monkeypatch).version != first


def test_icons_are_pngs_of_their_sizes(tmp_path):
    from PIL import Image

    icons.write(tmp_path)
    for name, (size, _) in icons.ICONS.items():
        with Image.open(tmp_path / name) as im:
            assert im.format == "PNG" and im.size == (size, size)
    with Image.open(tmp_path / "icon-maskable-512.png") as im:      # full bleed: the corners are painted
        assert im.convert("RGB").getpixel((0, 0)) == icons.INDIGO
