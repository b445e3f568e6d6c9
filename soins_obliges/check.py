"""Every content check in one command, one report grouped by file: ``python -m soins_obliges.check``
(``bash manage.sh check``).

It runs the site's own strict build into a throw-away folder (the published ``site/`` is not touched), so the
checks are exactly the build's: glossary and comparisons, diagrams, front matter and provenance, citations,
links and anchors, translation parity, raw HTML and the sanitizer, titles, encoding. The build does not stop at
the first area with a problem: it lists them all, and writes them as JSON (``SO_REPORT``), read here. Then the
own-words rule: ``../shared/tools/overlap-check docs glossary`` when ``../shared`` is beside the project.

The host build is a command line (``--build``), so the same check runs on another host that honours
``SO_REPORT`` (see the host issue). Exit code: 0 when there is nothing to fix, 1 otherwise, 2 when the build
itself could not run.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .errors import BuildReport, ContentError

HOST_BUILD = f"{shlex.quote(sys.executable)} -m mkdocs build --strict"
OVERLAP = Path("..") / "shared" / "tools" / "overlap-check"
_OVERLAP_LINE = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+): (?P<n>\d+) words as in the guide: (?P<text>.*)$")


def run_build(root: Path, build: str) -> tuple[BuildReport | None, int, str, float]:
    """The host build into a temporary folder; its report (None if it wrote none), exit code, output, time."""
    with tempfile.TemporaryDirectory(prefix="so-check-") as tmp:
        report_path = Path(tmp) / "report.json"
        env = dict(os.environ, SO_REPORT=str(report_path), NO_MKDOCS_2_WARNING="1")
        start = time.monotonic()
        proc = subprocess.run([*shlex.split(build), "-d", str(Path(tmp) / "site")], cwd=root, env=env,
                              capture_output=True, text=True)
        elapsed = time.monotonic() - start
        report = None
        if report_path.exists():
            data = json.loads(report_path.read_text(encoding="utf-8"))
            report = BuildReport()
            report.extend(ContentError(e["file"], e["line"], e["problem"], e["fix"]) for e in data["errors"])
        return report, proc.returncode, proc.stdout + proc.stderr, elapsed


def overlap_errors(root: Path, tool: Path) -> list[ContentError]:
    proc = subprocess.run([sys.executable, str(tool), "docs", "glossary"], cwd=root, capture_output=True, text=True)
    out = []
    for line in proc.stdout.splitlines():
        m = _OVERLAP_LINE.match(line)
        if m and not m["file"].startswith("docs/glossaire/"):   # generated from glossary/*.yml, checked there
            out.append(ContentError(m["file"], int(m["line"]), f"{m['n']} words in a row as in the guide: "
                                    f"« {m['text'][:90]}… »", "restate it in your own words (facts and names may "
                                    "stay, the sentence may not)"))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="manage.sh check", description=__doc__.split("\n\n")[0])
    ap.add_argument("--build", default=HOST_BUILD, help="the host's strict build command (default: mkdocs)")
    ap.add_argument("--root", default=".", help="the project folder")
    ap.add_argument("--no-overlap", action="store_true", help="skip the own-words check")
    args = ap.parse_args(argv)
    root = Path(args.root).resolve()
    report, code, output, elapsed = run_build(root, args.build)
    if report is None:
        print(output[-6000:])
        print(f"check: the build stopped before checking the content (exit {code}): see the messages above", file=sys.stderr)
        return 2
    notes = []
    tool = (root / OVERLAP).resolve()
    if not args.no_overlap:
        if tool.exists():
            report.extend(overlap_errors(root, tool))
        else:
            notes.append(f"own-words check skipped: {tool} is not there (clone the project beside ../shared)")
    warnings = [ln for ln in output.splitlines() if ln.startswith(("WARNING", "ERROR")) and "content error" not in ln
                and not ln.startswith("ERROR   -  Aborted") and "previous output" not in ln]
    if report:
        print(report.render())
    if code != 0 and not report:
        print("\n".join(warnings[-40:]) or output[-4000:])
    for note in notes:
        print(f"note: {note}")
    status = "nothing to fix" if not report and code == 0 else f"{len(report)} problem(s) to fix" if report \
        else "the build failed (see above)"
    print(f"check: {status} — build and checks {elapsed:.1f} s")
    return 0 if (not report and code == 0) else 1


if __name__ == "__main__":
    sys.exit(main())
