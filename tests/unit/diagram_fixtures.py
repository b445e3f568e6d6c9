"""Shared by the diagram unit tests: a small valid diagram, and a helper to write a (broken) copy of it."""
from __future__ import annotations

import textwrap
from pathlib import Path

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "diagrams" / "demo.yml"
MINIMAL = FIXTURE.read_text(encoding="utf-8")   # tests break copies of it


def write(tmp_path: Path, text: str, name: str = "demo") -> Path:
    path = tmp_path / f"{name}.yml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path
