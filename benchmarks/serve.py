"""Serve benchmark: how long ``bash manage.sh serve`` takes to show an edit (chapter, concept, diagram).

    .venv/bin/python -m benchmarks.serve [--runs N]

Copies the project into a temporary folder, runs ``mkdocs serve --strict --dirty`` there (what ``manage.sh serve``
runs), edits a chapter, a glossary concept and a diagram, and prints the seconds from each save to the moment the
server returns a page showing the change (on a page that shows the concept or the diagram, not only its own page).
Prints numbers; asserts nothing (targets are in the issues, not in tests). tests/build/test_serve.py uses
``Served`` on the small test site.
"""
from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COPY = ("mkdocs.yml", "hooks", "overrides", "docs", "glossary", "diagrams")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in COPY:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    return dest


class Served:
    """``mkdocs serve --strict --dirty`` of ``project`` on a free port, its log in ``project/serve.log``."""

    def __init__(self, project: Path, timeout: float = 300):
        self.project = Path(project)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log = self.project / "serve.log"
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        t = time.perf_counter()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--strict", "--dirty", "-a", f"127.0.0.1:{self.port}"],
            cwd=self.project, env=env, stdout=subprocess.DEVNULL, stderr=self.log.open("wb"),
            start_new_session=True)
        self.wait("", lambda text: "</html>" in text, timeout)
        self.first_build = time.perf_counter() - t

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.url + path, timeout=120) as r:
            return r.read().decode("utf-8")

    def wait(self, path: str, ok, timeout: float = 60) -> float:
        """Poll ``path`` until ``ok(text)``; the seconds it took. Fails with the server's log."""
        t = time.perf_counter()
        while time.perf_counter() - t < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"mkdocs serve stopped (exit {self.proc.returncode}):\n{self.tail()}")
            try:
                if ok(self.get(path)):
                    return time.perf_counter() - t
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.05)
        raise TimeoutError(f"{self.url}{path}: the change did not show in {timeout:.0f} s\n{self.tail()}")

    def edit(self, rel: str, old: str, new: str, page: str, shows: str | None = None, timeout: float = 60) -> float:
        """Replace ``old`` with ``new`` in ``rel`` and wait until ``page`` shows ``shows`` (default ``new``):
        seconds from the save."""
        p = self.project / rel
        text = p.read_text(encoding="utf-8")
        if old not in text:
            raise ValueError(f"{rel}: « {old} » not found")
        p.write_text(text.replace(old, new, 1), encoding="utf-8")
        shows = new if shows is None else shows
        return self.wait(page, lambda html: shows in html, timeout)

    def tail(self, n: int = 40) -> str:
        return "\n".join(self.log.read_text(encoding="utf-8", errors="replace").splitlines()[-n:])

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, 2)      # Ctrl+C: mkdocs serve removes its temporary output
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, 9)
                self.proc.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


# edits of the real site: (what, file, old text, new text, the page that must show it, the text it shows)
EDITS = (
    ("chapter", "docs/02-reponse-penale-et-addictions/spip.md", "\n## ", "\nPhrase témoin {n}.\n\n## ",
     "02-reponse-penale-et-addictions/spip/", "Phrase témoin {n}."),
    ("concept", "glossary/rechute.yml", "Retour de la dépendance", "Retour témoin {n} de la dépendance",
     "03-soins-obliges-reperes/recidive-et-rechute/", "Retour témoin {n} de la dépendance"),
    ("diagram", "diagrams/cycle-du-changement.yml", "fr: Contemplation\n", "fr: Contemplation témoin {n}\n",
     "06-annexes/cycle-du-changement/", "Contemplation témoin {n}"),
)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp) / "project")
        with Served(project) as s:
            print(f"serve: first build and page {s.first_build:.1f} s")
            results: dict[str, list[float]] = {}
            for n in range(args.runs):
                for what, rel, old, new, page, shows in EDITS:
                    new, shows = new.format(n=n), shows.format(n=n)
                    results.setdefault(what, []).append(s.edit(rel, old, new, page, shows))
                    s.edit(rel, new, old, page, shows="</html>")                 # undo
                    s.wait(page, lambda html, m=shows: m not in html)
            for what, times in results.items():
                print(f"serve: edit of a {what} shown in {min(times):.2f} s (best of {len(times)}), "
                      f"worst {max(times):.2f} s")


if __name__ == "__main__":
    main()
