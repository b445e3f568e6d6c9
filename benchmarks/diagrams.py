"""Diagram benchmark: each diagram's SVG size, Graphviz time, and the strict build with and without the render cache.

    .venv/bin/python -m benchmarks.diagrams [--runs N] [--no-build]

Prints numbers; asserts nothing.
"""
from __future__ import annotations

import argparse
import gzip
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from soins_obliges.diagrams.dot import to_dot
from soins_obliges.diagrams.model import load_diagrams
from soins_obliges.diagrams.svg import Renderer, dot_version

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("mkdocs.yml", "docs", "glossary", "hooks", "overrides", "diagrams", "data")


def per_diagram(runs: int) -> None:
    diagrams, errors = load_diagrams(ROOT / "diagrams", ROOT)
    if errors:
        sys.exit("\n".join(map(str, errors)))
    print(f"renderer: {dot_version()}")
    print(f"{'diagram':32} {'lang':4} {'size (px)':>11} {'SVG raw':>9} {'gzip':>7} {'dot+clean':>10}")
    total_raw = total_gz = 0
    for d in diagrams.values():
        for lang in ("fr", "en"):
            source = to_dot(d, lang).text
            times = []
            for _ in range(runs):
                t = time.perf_counter()
                svg = Renderer(None).render(source)
                times.append(time.perf_counter() - t)
            raw = len(svg.encode())
            gz = len(gzip.compress(svg.encode(), 9))
            total_raw, total_gz = total_raw + raw, total_gz + gz
            w = svg.split('width="', 1)[1].split('"', 1)[0]
            h = svg.split('height="', 1)[1].split('"', 1)[0]
            print(f"{d.id:32} {lang:4} {w + '×' + h:>11} {raw / 1024:8.1f}K {gz / 1024:6.1f}K {min(times) * 1000:8.0f}ms")
    print(f"{'all':32} {'':4} {'':>11} {total_raw / 1024:8.1f}K {total_gz / 1024:6.1f}K")

    with tempfile.TemporaryDirectory() as tmp:
        sources = [to_dot(d, lang).text for d in diagrams.values() for lang in ("fr", "en")]
        t = time.perf_counter()
        cold = Renderer(Path(tmp))
        for s in sources:
            cold.render(s)
        t_cold = time.perf_counter() - t
        t = time.perf_counter()
        warm = Renderer(Path(tmp))
        for s in sources:
            warm.render(s)
        t_warm = time.perf_counter() - t
        print(f"all {len(sources)} renders (7 diagrams × 2 languages): {t_cold * 1000:.0f} ms drawn by Graphviz, "
              f"{t_warm * 1000:.1f} ms read back from the cache ({warm.stats['disk']} hits)")


def copy_project(dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    for part in PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("glossaire", ".cache"))
        elif src.exists():
            shutil.copy2(src, dest / part)


def build(project: Path, site: Path) -> float:
    from benchmarks.build import build as timed_build

    return timed_build(site, project)


def builds(runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        copy_project(project)
        cache = project / ".cache" / "diagrams"
        build(project, Path(tmp) / "site")       # warm-up: other areas' generated pages written once
        cold, warm = [], []
        for _ in range(runs):
            shutil.rmtree(cache, ignore_errors=True)
            cold.append(build(project, Path(tmp) / "site"))
            warm.append(build(project, Path(tmp) / "site"))
        print(f"strict build of the whole site (both languages), best of {runs}: "
              f"{min(cold):.2f} s with an empty diagram cache, {min(warm):.2f} s with the cache "
              f"(difference {(min(cold) - min(warm)) * 1000:.0f} ms; {len(list(cache.glob('*.svg')))} cached SVGs)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-build", action="store_true", help="skip the two full builds")
    args = ap.parse_args()
    per_diagram(args.runs)
    if not args.no_build:
        builds(max(1, args.runs // 2))


if __name__ == "__main__":
    main()
