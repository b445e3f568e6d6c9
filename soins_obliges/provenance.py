"""Provenance: which printed pages of the guide a site page restates.

Every content page declares ``source_pages`` in its front matter: ``"36-38"``, ``"30, 62-63"``, ``25``,
or ``none`` for a page that restates nothing (home, about). These functions parse and check it, render the
source line shown to readers, and build the concordance (guide page → site pages).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError

GUIDE_FIRST_PAGE = 3
GUIDE_LAST_PAGE = 85
NONE = "none"

_PART = re.compile(r"^\s*(\d+)\s*(?:[-–]\s*(\d+))?\s*$")
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?\n)---\s*(?:\n|\Z)", re.S)


class SourcePagesError(ValueError):
    """The value of ``source_pages`` cannot be read."""


def parse_source_pages(value) -> list[int] | None:
    """Return the sorted printed pages, or ``None`` for ``none``.

    >>> parse_source_pages("36-38, 40")
    [36, 37, 38, 40]
    """
    if value is None:
        raise SourcePagesError("source_pages is empty")
    if isinstance(value, bool):
        raise SourcePagesError(f"source_pages must be pages, not {value!r}")
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        raise SourcePagesError(f"source_pages must be a string like \"36-38\", not {value!r}")
    if value.strip().lower() == NONE:
        return None
    pages: set[int] = set()
    for part in value.split(","):
        m = _PART.match(part)
        if not m:
            raise SourcePagesError(f"cannot read {part.strip()!r} in source_pages {value!r}")
        first = int(m.group(1))
        last = int(m.group(2) or first)
        if last < first:
            raise SourcePagesError(f"range {part.strip()!r} goes backwards")
        for p in (first, last):
            if not GUIDE_FIRST_PAGE <= p <= GUIDE_LAST_PAGE:
                raise SourcePagesError(
                    f"page {p} is outside the guide (printed pages {GUIDE_FIRST_PAGE}-{GUIDE_LAST_PAGE})"
                )
        pages.update(range(first, last + 1))
    return sorted(pages)


def compact(pages: list[int], dash: str = "-") -> str:
    """``[36, 37, 38, 40]`` → ``"36-38, 40"``."""
    out: list[str] = []
    i = 0
    while i < len(pages):
        j = i
        while j + 1 < len(pages) and pages[j + 1] == pages[j] + 1:
            j += 1
        out.append(str(pages[i]) if i == j else f"{pages[i]}{dash}{pages[j]}")
        i = j + 1
    return ", ".join(out)


def source_line_html(pages: list[int] | None, lang: str, concordance_url: str | None = None) -> str:
    """The line shown under a page title: « Source : guide, p. 36-38 »."""
    if pages is None:
        return ""
    if lang == "fr":
        label = "Source\u00a0:"
        text = f"guide <cite>Soins obligés en addictologie</cite> (2020), p.\u00a0{compact(pages)}"
    else:
        label = "Source:"
        abbr = "p." if len(pages) == 1 else "pp."
        text = f"the guide <cite>Soins obligés en addictologie</cite> (2020), {abbr}\u00a0{compact(pages, '–')}"
    if concordance_url:
        more = "correspondance" if lang == "fr" else "concordance"
        text += f' · <a href="{concordance_url}">{more}</a>'
    return f'<p class="so-source"><strong>{label}</strong> {text}</p>'


def front_matter(text: str) -> tuple[dict, dict[str, int]]:
    """Front matter of a Markdown file and the line of each top-level key (1-based)."""
    import yaml  # PyYAML ships with MkDocs

    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, {}
    data = yaml.safe_load(m.group(1)) or {}
    lines = {}
    for n, line in enumerate(m.group(1).splitlines(), start=2):
        key = line.split(":", 1)[0].strip()
        if key and not line.startswith((" ", "\t", "#")) and key not in lines:
            lines[key] = n
    return (data if isinstance(data, dict) else {}), lines


def body_offset(text: str) -> int:
    """Lines above the Markdown body that MkDocs converts: the front matter block (both ``---`` lines) and the
    blank lines after it, which MkDocs strips."""
    m = _BODY_START.match(text)
    if not m:
        return 0
    rest = text[m.end():]
    return m.group(0).count("\n") + (len(rest) - len(rest.lstrip("\n")))


_BODY_START = re.compile(r"\A-{3}[ \t]*\n.*?\n(?:\.{3}|-{3})[ \t]*\n", re.S)   # MkDocs' own front matter rule


def read_front_matter(text: str, file: str) -> tuple[dict, dict[str, int], list[ContentError]]:
    """``front_matter`` that reports malformed YAML (MkDocs ignores it silently and shows it as text)."""
    try:
        meta, lines = front_matter(text)
        return meta, lines, []
    except Exception as exc:
        from .yamlload import error_line

        line = error_line(exc) + 1 if getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None) else 1
        problem = (getattr(exc, "problem", None) or str(exc)).strip().splitlines()[0]
        if "\t" in problem or "\\t" in problem:
            return {}, {}, [ContentError(file, line, "a tab character in the front matter (YAML indents with spaces "
                                         "only)", "replace the tab with spaces")]
        return {}, {}, [ContentError(file, line, f"front matter is not valid YAML: {problem}",
                                     "fix the YAML between the two `---` lines (quote a title that contains « : »)")]


def check_page_meta(meta: dict, key_lines: dict[str, int], file: str) -> tuple[list[int] | None, list[ContentError]]:
    """Check ``source_pages`` in a page's front matter."""
    if "source_pages" not in meta:
        return None, [ContentError(
            file, 1, "no `source_pages` in the front matter",
            'add `source_pages: "36-38"` (printed guide pages this page restates) or `source_pages: none`',
        )]
    try:
        return parse_source_pages(meta["source_pages"]), []
    except SourcePagesError as exc:
        return None, [ContentError(
            file, key_lines.get("source_pages", 1), str(exc),
            'write printed pages of the guide (3-85) like "36-38" or "30, 62-63", or `none`',
        )]


@dataclass(frozen=True)
class PageSource:
    src_uri: str          # e.g. "02-reponse-penale-et-addictions/spip.md"
    title: str
    pages: list[int] | None
    title_en: str | None = None   # the English edition's title (``<page>.en.md``), when there is one


def scan_docs(docs_dir: Path, skip: tuple[str, ...] = ()) -> tuple[list[PageSource], list[ContentError]]:
    """Read ``source_pages`` of every French page under ``docs_dir`` (English pages share the French ones')."""
    found: list[PageSource] = []
    errors: list[ContentError] = []
    for path in sorted(docs_dir.rglob("*.md")):
        rel = path.relative_to(docs_dir).as_posix()
        if rel.endswith(".en.md") or rel.startswith(skip):
            continue
        text = path.read_text(encoding="utf-8")
        meta, lines, errs = read_front_matter(text, f"docs/{rel}")
        if errs:
            errors += errs
            continue
        pages, errs = check_page_meta(meta, lines, f"docs/{rel}")
        errors += errs
        title = meta.get("title") or _first_h1(text) or rel
        found.append(PageSource(rel, str(title), pages, _english_title(path)))
    return found, errors


def _english_title(path: Path) -> str | None:
    en = path.with_name(path.stem + ".en.md")
    if not en.exists():
        return None
    text = en.read_text(encoding="utf-8")
    meta, _, errs = read_front_matter(text, str(en))
    if errs:
        return None            # reported when the English page is built
    title = meta.get("title") or _first_h1(text)
    return str(title) if title else None


def _first_h1(text: str) -> str | None:
    m = re.search(r"^# (.+)$", text, re.M)
    return m.group(1).strip() if m else None


def concordance(pages: list[PageSource]) -> dict[int, list[PageSource]]:
    """Guide page → site pages that restate it (every guide page present, maybe with no site page)."""
    table: dict[int, list[PageSource]] = {p: [] for p in range(GUIDE_FIRST_PAGE, GUIDE_LAST_PAGE + 1)}
    for ps in pages:
        for p in ps.pages or []:
            table[p].append(ps)
    return table


def uncovered(table: dict[int, list[PageSource]]) -> list[int]:
    return [p for p, srcs in table.items() if not srcs]
