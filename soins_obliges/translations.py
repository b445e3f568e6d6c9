"""Translation parity: every French page has its English edition, restating the same guide pages and showing
the same diagrams; an English file has a French page.

A page may be published in French only on purpose, for a while: it says so in its front matter
(``translation: pending``) and is then shown under ``/en/`` in French, marked ``lang="fr"``, with a notice.
"""
from __future__ import annotations

import re
from pathlib import Path

from . import provenance
from .errors import ContentError

PENDING = "pending"
_DIAGRAM = re.compile(r"^[ \t]*:::[ \t]+diagram[ \t]+(\S+)", re.M)


def _meta(path: Path) -> tuple[dict, dict[str, int]]:
    try:
        return provenance.front_matter(path.read_text(encoding="utf-8"))
    except Exception:          # malformed front matter: reported by the front matter check
        return {}, {}


def parity_errors(docs: Path, skip: tuple[str, ...] = ()) -> list[ContentError]:
    out: list[ContentError] = []
    name = docs.name
    for path in sorted(docs.rglob("*.md")):
        rel = path.relative_to(docs).as_posix()
        if rel.startswith(skip):
            continue
        if rel.endswith(".en.md"):
            fr = path.with_name(path.name[:-6] + ".md")
            if not fr.exists():
                out.append(ContentError(f"{name}/{rel}", 1, "English page without a French page",
                                        f"create {name}/{fr.relative_to(docs).as_posix()} (French is the site's "
                                        "first language), or rename this file"))
            continue
        en = path.with_name(path.stem + ".en.md")
        meta, lines = _meta(path)
        if not en.exists():
            if str(meta.get("translation", "")).strip() != PENDING:
                out.append(ContentError(f"{name}/{rel}", 1, "no English edition",
                                        f"write {name}/{en.relative_to(docs).as_posix()}, or add "
                                        "`translation: pending` to the front matter to publish it in French only "
                                        "for now"))
            continue
        en_meta, en_lines = _meta(en)
        en_rel = f"{name}/{en.relative_to(docs).as_posix()}"
        if "source_pages" in meta and "source_pages" in en_meta and \
                str(meta["source_pages"]).strip() != str(en_meta["source_pages"]).strip():
            out.append(ContentError(en_rel, en_lines.get("source_pages", 1),
                                    f"source_pages « {en_meta['source_pages']} » differs from the French page's "
                                    f"« {meta['source_pages']} »",
                                    "both editions restate the same guide pages: use the same value"))
        fr_diagrams = _DIAGRAM.findall(path.read_text(encoding="utf-8"))
        en_text = en.read_text(encoding="utf-8")
        en_diagrams = _DIAGRAM.findall(en_text)
        if sorted(fr_diagrams) != sorted(en_diagrams):
            missing = sorted(set(fr_diagrams) - set(en_diagrams))
            extra = sorted(set(en_diagrams) - set(fr_diagrams))
            what = (f"lacks the diagram(s) {', '.join(missing)} of the French page" if missing
                    else f"shows diagram(s) the French page does not: {', '.join(extra)}")
            out.append(ContentError(en_rel, None, f"the English edition {what}",
                                    "show the same `::: diagram <id>` lines in both editions"))
    return out
