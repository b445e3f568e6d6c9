"""``python -m soins_obliges.offline SITE``: write the offline files into a built site (any host's output).

The editions are read from ``mkdocs.yml`` beside the current folder (site name, description, languages);
``hooks/offline.py`` does the same after an MkDocs build."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import build, vendor
from .config import editions_from_mkdocs


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m soins_obliges.offline", description=__doc__)
    ap.add_argument("site", type=Path, help="the built site (e.g. site/)")
    ap.add_argument("-f", "--config", type=Path, default=Path("mkdocs.yml"))
    args = ap.parse_args(argv)
    try:
        result = build(args.site, editions_from_mkdocs(args.config))
    except (vendor.VendorError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for lang, entries in result.precache.items():
        size = sum(p.stat().st_size for p in result.files(args.site, lang))
        print(f"offline: {lang}: {len(entries)} files precached, {size // 1024} KB, version {result.version}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
