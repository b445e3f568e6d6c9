"""Workbox, the service-worker library, taken from the npm registry at build time, pinned and verified.

Why not ``workbox-build`` (the npm tool that writes a whole service worker): it needs Node.js ≥ 20 and some
200 npm packages in every build of a Python site, only to list the files to precache and to bundle the same
runtime modules this file copies. Here the build downloads the published runtime files of Workbox 7.4.1
(``build/*.prod.js`` of each package, the files Workbox's own ``copyLibraries`` copies), checks each tarball
against the sha512 ``integrity`` pinned in ``vendor.json`` (as a package-lock would), and copies them into the
site; ``manifest.py`` lists the files to precache, as ``workbox-build injectManifest`` would. The service worker
(``sw.js``) then uses Workbox's own precaching, routing, strategies and expiration; nothing is re-implemented.

Downloads are kept in a cache folder (``$SO_CACHE_DIR``, else ``~/.cache/soins-obliges``), so a build needs the
registry once per version. No page fetches anything from outside the site at run time.
"""
from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import tarfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

LOCK = Path(__file__).with_name("vendor.json")


class VendorError(Exception):
    """A pinned package could not be fetched or does not match its pin (the message says what to do)."""


@dataclass(frozen=True)
class Package:
    name: str
    version: str
    tarball: str
    integrity: str
    files: tuple[str, ...]

    @property
    def filename(self) -> str:
        return f"{self.name}-{self.version}.tgz"


def packages(lock: Path = LOCK) -> list[Package]:
    data = json.loads(lock.read_text(encoding="utf-8"))
    return [Package(name, p["version"], p["tarball"], p["integrity"], tuple(p["files"]))
            for name, p in data["packages"].items()]


def cache_dir() -> Path:
    if os.environ.get("SO_CACHE_DIR"):
        return Path(os.environ["SO_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "soins-obliges"


def check_integrity(data: bytes, integrity: str) -> bool:
    """npm's Subresource-Integrity string (``sha512-<base64>``) against the bytes."""
    algo, _, expected = integrity.partition("-")
    if algo not in ("sha512", "sha384", "sha256"):
        raise VendorError(f"unsupported integrity algorithm {algo!r} in {LOCK.name}")
    return base64.b64encode(hashlib.new(algo, data).digest()).decode() == expected


def _download(url: str, timeout: float = 60) -> bytes:
    registry = os.environ.get("npm_config_registry") or os.environ.get("NPM_CONFIG_REGISTRY")
    if registry and url.startswith("https://registry.npmjs.org/"):
        url = registry.rstrip("/") + "/" + url[len("https://registry.npmjs.org/"):]
    req = urllib.request.Request(url, headers={"User-Agent": "soins-obliges-build"})
    with urllib.request.urlopen(req, timeout=timeout) as resp:   # noqa: S310 (a pinned https URL)
        return resp.read()


def tarball(pkg: Package, folder: Path | None = None, fetch=_download) -> bytes:
    """The package's tarball, from the cache or the registry, verified against its pin."""
    folder = folder or cache_dir()
    path = folder / "npm" / pkg.filename
    if path.exists():
        data = path.read_bytes()
        if check_integrity(data, pkg.integrity):
            return data
        path.unlink()                                   # a damaged or tampered copy: fetch it again
    try:
        data = fetch(pkg.tarball)
    except (urllib.error.URLError, OSError, TimeoutError) as exc:
        raise VendorError(
            f"cannot download {pkg.name} {pkg.version} from {pkg.tarball} ({exc}) → the build needs the npm "
            f"registry once per version: connect, or put the file at {path} "
            f"(`npm pack {pkg.name}@{pkg.version}`)") from exc
    if not check_integrity(data, pkg.integrity):
        raise VendorError(
            f"{pkg.tarball} does not match the integrity pinned in soins_obliges/offline/{LOCK.name} → do not "
            f"build with it; if the version was changed on purpose, update its `integrity` "
            f"(`npm view {pkg.name}@{pkg.version} dist.integrity`)")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".part")
    tmp.write_bytes(data)
    tmp.replace(path)
    return data


def extract(data: bytes, members: tuple[str, ...]) -> dict[str, bytes]:
    """``{member: bytes}`` for the given paths of an npm tarball (their ``package/`` prefix omitted)."""
    out: dict[str, bytes] = {}
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        for info in tar.getmembers():
            rel = info.name.split("/", 1)[1] if "/" in info.name else info.name
            if rel in members and info.isfile():
                out[rel] = tar.extractfile(info).read()
    missing = set(members) - set(out)
    if missing:
        raise VendorError(f"{', '.join(sorted(missing))} not found in the tarball → check `files` in {LOCK.name}")
    return out


def copy_into(dest: Path, lock: Path = LOCK, folder: Path | None = None, fetch=_download) -> list[str]:
    """Write every pinned runtime file into ``dest`` (flat), with Workbox's licence; returns the file names."""
    dest.mkdir(parents=True, exist_ok=True)
    names = []
    licence = None
    for pkg in packages(lock):
        data = tarball(pkg, folder, fetch)
        files = extract(data, pkg.files + (("LICENSE",) if licence is None else ()))
        licence = licence or files.pop("LICENSE", None)
        for rel, content in files.items():
            name = rel.rsplit("/", 1)[-1]
            (dest / name).write_bytes(content)
            names.append(name)
    if licence:
        (dest / "LICENSE-workbox.txt").write_bytes(licence)
    return names
