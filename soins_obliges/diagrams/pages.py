"""The « Schémas » page (``docs/schemas.md``, ``docs/schemas.en.md``), generated from ``diagrams/*.yml``: every
diagram, in guide order, with a link to the chapter that shows it."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..provenance import compact, front_matter
from .extension import EMBED
from .model import Diagram

PAGE = "schemas.md"
GENERATED_NOTE = "<!-- generated from diagrams/*.yml by soins_obliges.diagrams.pages: edit the YAML, not this file -->"
_FENCE = re.compile(r"^[ \t]*(```|~~~)")

T = {
    "fr": {
        "title": "Schémas",
        "intro": ("Les schémas du site, réunis sur une page, dans l'ordre du guide. Chacun figure aussi dans le "
                  "chapitre d'où il vient. Sous chaque schéma, une version texte donne les mêmes étapes sous forme "
                  "de liste ; les cases soulignées mènent à la section ou à la définition qu'elles nomment."),
        "in": "Dans le chapitre",
        "nowhere": "Ce schéma n'est montré dans aucun chapitre.",
    },
    "en": {
        "title": "Diagrams",
        "intro": ("The site's diagrams on one page, in the order of the guide. Each one is also shown in the chapter "
                  "it comes from. Under each diagram, a text version gives the same steps as a list; underlined boxes "
                  "lead to the section or definition they name."),
        "in": "In the chapter",
        "nowhere": "This diagram is shown in no chapter.",
    },
}


@dataclass(frozen=True)
class Embed:
    src_uri: str       # the French page, docs-relative
    title_fr: str
    title_en: str


def find_embeds(docs_dir: Path, skip: tuple[str, ...] = ("glossaire/", PAGE)) -> dict[str, list[Embed]]:
    """Diagram id → the French pages that show it (``::: diagram <id>`` outside code fences)."""
    found: dict[str, list[Embed]] = {}
    for path in sorted(docs_dir.rglob("*.md")):
        rel = path.relative_to(docs_dir).as_posix()
        if rel.endswith(".en.md") or rel.startswith(skip):
            continue
        text = path.read_text(encoding="utf-8")
        fence, ids = None, []
        for line in text.splitlines():
            f = _FENCE.match(line)
            if f:
                fence = None if fence == f.group(1) else (fence or f.group(1))
                continue
            m = EMBED.match(line) if fence is None else None
            if m and m.group("id"):
                ids.append(m.group("id"))
        if not ids:
            continue
        title_fr = _title(text, rel)
        en = path.with_name(path.name[:-3] + ".en.md")
        title_en = _title(en.read_text(encoding="utf-8"), rel) if en.exists() else title_fr
        for ident in ids:
            found.setdefault(ident, []).append(Embed(rel, title_fr, title_en))
    return found


def _title(text: str, fallback: str) -> str:
    try:
        meta, _ = front_matter(text)
    except Exception:
        meta = {}
    if meta.get("title"):
        return str(meta["title"])
    m = re.search(r"^# (.+)$", text, re.M)
    return m.group(1).strip() if m else fallback


def _yaml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def ordered(diagrams: dict[str, Diagram]) -> list[Diagram]:
    """In the guide's order: by first source page, then id."""
    return sorted(diagrams.values(), key=lambda d: ((d.source_pages or [999])[0], d.id))


def schemas_page(diagrams: dict[str, Diagram], lang: str, embeds: dict[str, list[Embed]]) -> str:
    t = T[lang]
    pages = sorted({p for d in diagrams.values() for p in (d.source_pages or [])})
    out = ["---", f"title: {_yaml_str(t['title'])}",
           f"source_pages: {_yaml_str(compact(pages)) if pages else 'none'}", "---", GENERATED_NOTE, "",
           f"# {t['title']}", "", t["intro"], ""]
    for d in ordered(diagrams):
        out += [f"## {d.meta[lang].title} {{#{d.id}}}", ""]  # same anchor in both languages
        where = embeds.get(d.id, [])
        if where:
            links = ", ".join(f"[{e.title_fr if lang == 'fr' else e.title_en}]({e.src_uri}#schema-{d.id})"
                              for e in where)
            out += [f"{t['in']} : {links}." if lang == "fr" else f"{t['in']}: {links}.", ""]
        else:
            out += [t["nowhere"], ""]
        out += [f"::: diagram {d.id}" + (" table" if d.table else ""), ""]
    return "\n".join(out)


def generate(diagrams: dict[str, Diagram], docs_dir: Path) -> dict[str, str]:
    """{docs-relative path: Markdown} of the Schémas page in both languages."""
    embeds = find_embeds(docs_dir)
    return {PAGE: schemas_page(diagrams, "fr", embeds),
            PAGE[:-3] + ".en.md": schemas_page(diagrams, "en", embeds)}


def write_pages(pages: dict[str, str], docs_dir: Path) -> int:
    """Write the pages whose content changed (keeps ``mkdocs serve`` calm). Returns how many were written."""
    written = 0
    for rel, text in pages.items():
        path = docs_dir / rel
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written += 1
    return written
