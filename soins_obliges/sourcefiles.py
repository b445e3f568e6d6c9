"""Checks on the content files themselves, before anything reads them: encoding and names.

A file that is not UTF-8 would stop the build with a long traceback that never names it; a file name with spaces
or capitals makes an id that links cannot use. Both are reported as ``file:line: problem → fix``.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from .errors import ContentError

TEXT_SUFFIXES = (".md", ".yml", ".yaml", ".json", ".tsv", ".css", ".js", ".html")
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def utf8_errors(paths, root: Path) -> list[ContentError]:
    """Every text file under ``paths`` (files or folders) that is not valid UTF-8, with the line of the first bad
    byte."""
    out = []
    for base in paths:
        base = Path(base)
        files = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.suffix in TEXT_SUFFIXES) \
            if base.is_dir() else []
        for path in files:
            if any(part.startswith(".") for part in path.relative_to(root).parts):
                continue
            data = path.read_bytes()
            try:
                data.decode("utf-8")
            except UnicodeDecodeError as exc:
                line = data[: exc.start].count(b"\n") + 1
                out.append(ContentError(_display(path, root), line,
                                        f"not UTF-8 (byte 0x{data[exc.start]:02x} on line {line})",
                                        "save it as UTF-8 (in most editors: « Enregistrer sous… » → encodage UTF-8)"))
    return out


def suggest_id(stem: str) -> str:
    """``Mon Concept (2)`` → ``mon-concept-2``: the id a file name should have."""
    s = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-") or "nouvel-id"


def name_error(path: Path, display: str, what: str) -> ContentError | None:
    """A content file whose name cannot be an id (spaces, capitals, accents, underscores)."""
    if ID.match(path.stem):
        return None
    good = suggest_id(path.stem)
    return ContentError(display, None, f"file name « {path.name} » is not a valid {what} id (lower-case letters, "
                        "digits and hyphens only)", f"rename it to {good}{path.suffix} (and set `id: {good}` inside)")


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
