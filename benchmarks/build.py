"""Build benchmark: strict build time, page counts, and the weight of a chapter's first load.

    .venv/bin/python -m benchmarks.build [--runs N]

Prints numbers; asserts nothing (targets are in the issues, not in tests).
"""
from __future__ import annotations

import argparse
import gzip
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHAPTER = "02-reponse-penale-et-addictions/obligation-de-soins-injonction-therapeutique/index.html"


def build(site: Path, project: Path = ROOT) -> float:
    """Seconds for one strict build of ``project`` into ``site``."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=project, env=env,
                   check=True, capture_output=True)
    return time.perf_counter() - t


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 9))


def first_load(site: Path, page: str) -> tuple[int, int, int]:
    """Requests and bytes (raw, gzip) of the HTML page and the local assets it references."""
    html_path = site / page
    html = html_path.read_bytes()
    refs = re.findall(rb'(?:src|href)="([^"#?]+\.(?:css|js))', html)
    files = [html_path] + [(html_path.parent / r.decode()).resolve() for r in refs]
    files = [f for f in dict.fromkeys(files) if f.exists()]
    # the search is fetched when opened (overrides/main.html): benchmarks/weight.py measures a real first visit
    raw = sum(f.stat().st_size for f in files)
    return len(files), raw, sum(gz(f.read_bytes()) for f in files)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        times = [build(site) for _ in range(args.runs)]
        html = list(site.rglob("*.html"))
        en = [p for p in html if p.relative_to(site).parts[0] == "en"]
        print(f"strict build: first {times[0]:.2f} s, best of {args.runs} {min(times):.2f} s")
        print(f"pages: {len(html)} HTML files ({len(html) - len(en)} French, {len(en)} English); "
              f"{min(times) / max(len(html), 1) * 1000:.1f} ms per page")
        n, raw, z = first_load(site, CHAPTER)
        print(f"chapter first load ({CHAPTER}): {n} files, {raw / 1024:.0f} KB raw, {z / 1024:.0f} KB gzip")
        total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
        print(f"whole site: {total / 1024 / 1024:.1f} MB")


if __name__ == "__main__":
    main()
