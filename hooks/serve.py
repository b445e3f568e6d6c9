"""``bash manage.sh serve`` (``mkdocs serve --strict --dirty``): after an edit, rebuild only what it touches.

MkDocs' own ``--dirty`` rebuilds the pages whose Markdown is newer than their HTML, and nothing else: a page that
shows an edited concept (its popover data) or an edited diagram would keep the old one, the navigation would
lose the titles of the pages it did not read, the search index would forget them. This hook keeps those right:

- on_config (after hooks/guard.py, which stages a copy of the last output): compare the sources with the last
  build that succeeded. A change that can touch every page (mkdocs.yml, hooks, theme overrides, the legal
  registry, the search worker, a page added, removed or renamed, a page title, a form of a glossary term,
  a comparison file) → a full build. Otherwise an incremental one: remove from the staged output the pages
  that showed an edited concept or diagram (and the legal references page when any page changed), so that
  MkDocs renders them again with the new data;
- on_nav: read the sources of the pages this build does not render (their titles are in every page's navigation);
- on_page_markdown: the legal references page depends on every page's citations;
- on_post_build (last): what this build recorded becomes the reference, only if it succeeded.

A plain ``mkdocs build`` (without ``--dirty``) is a full build: this hook does nothing then.
Known limit: an anchor removed from a page is checked in the pages rebuilt, not in the others that link to it
(``bash manage.sh check`` and CI check the whole site).
"""
from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from mkdocs.plugins import event_priority

from soins_obliges.deps import Dependencies, changed, digest, stamps
from soins_obliges.glossary.model import load_glossary

_GLOBAL_FILES = ("mkdocs.yml", "hooks", "overrides", "soins_obliges/data/legal", "docs/assets/search/worker.js",
                 "glossary/faux-amis", "glossary/_ne-pas-lier.yml")
_TITLE = re.compile(r"^title:\s*(.+?)\s*$", re.M)
_H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.M)


@dataclass
class _Sources:
    global_sig: str = ""
    concepts: dict = field(default_factory=dict)     # glossary file → (mtime, size)
    concept_ids: dict = field(default_factory=dict)  # glossary file → ids of the concepts it defines
    diagrams: dict = field(default_factory=dict)     # diagram file → (mtime, size)
    pages: dict = field(default_factory=dict)        # docs Markdown file → (mtime, size)


_state: dict = {"deps": Dependencies(), "last": None, "pending": None}


def _files(root: Path, rel: str) -> list[Path]:
    p = root / rel
    if p.is_dir():
        return sorted(q for q in p.rglob("*") if q.is_file() and "__pycache__" not in q.parts)
    return [p] if p.is_file() else []


def _title(text: str) -> str:
    if text.startswith("---"):
        end = text.find("\n---", 3)
        m = _TITLE.search(text[:end if end > 0 else 0])
        if m:
            return m.group(1)
    m = _H1.search(text)
    return m.group(1) if m else ""


def _forms(glossary) -> tuple:
    """What the automatic links look for, and where they point: a change here can touch any page."""
    out = []
    for c in sorted(glossary.concepts.values(), key=lambda c: c.id):
        for d in (c.fr, c.en):
            out.append((c.id, d.term, tuple(d.variants), tuple(d.acronyms), tuple(d.hidden)))
        out.append((c.stays_french, tuple(sorted(c.homonyms.items()))))
    return tuple(out), tuple(sorted((k, tuple(v)) for k, v in glossary.never_link.items()))


def _sources(config) -> _Sources:
    root = Path(config["config_file_path"]).parent
    docs = Path(config["docs_dir"])
    gdir = root / os.environ.get("SO_GLOSSARY_DIR", "glossary")
    s = _Sources()
    md = sorted(docs.rglob("*.md"))
    s.pages = stamps(md)
    titles = tuple((p.relative_to(docs).as_posix(), _title(p.read_text(encoding="utf-8", errors="replace")))
                   for p in md)
    glossary, _ = load_glossary(gdir)
    global_stamps = stamps(f for rel in _GLOBAL_FILES for f in _files(root, rel))
    global_stamps |= stamps(_files(gdir, "faux-amis")) | stamps(_files(gdir, "_ne-pas-lier.yml"))
    s.global_sig = digest(sorted(global_stamps.items()), titles, _forms(glossary))
    s.concepts = stamps(sorted(gdir.glob("*.yml")))
    ids: dict[str, set] = {}
    for c in glossary.concepts.values():
        ids.setdefault((root / c.file).as_posix() if c.file else "", set()).add(c.id)
    s.concept_ids = {f: frozenset(v) for f, v in ids.items()}
    s.diagrams = stamps(sorted((root / "diagrams").glob("*.y*ml")))
    return s


def _clear(folder: Path) -> None:
    for child in folder.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()


@event_priority(900)   # after hooks/guard.py (1000), which has staged the output; before the other hooks
def on_config(config):
    build = getattr(config, "_so_build", None)
    if build is None or not build.incremental or getattr(config, "_so_serve", None) is not None:
        return config              # a plain build, or a later language pass of the same build
    config._so_serve = True
    deps: Dependencies = _state["deps"]
    deps.begin()
    config._so_deps = deps
    now, last = _sources(config), _state["last"]
    _state["pending"] = now
    staging = Path(config["site_dir"])
    if last is None or last.global_sig != now.global_sig:
        config._so_incremental = False
        config._so_full = True
        _clear(staging)            # every page is rendered again
        return config
    config._so_incremental = True
    config._so_full = False
    edited = changed(last.concepts, now.concepts)
    ids = set().union(*(last.concept_ids.get(f, ()) for f in edited), *(now.concept_ids.get(f, ()) for f in edited))
    diagram_ids = {Path(f).stem for f in changed(last.diagrams, now.diagrams)}
    stale = deps.dependents("concept", ids) | deps.dependents("diagram", diagram_ids)
    if changed(last.pages, now.pages):
        stale |= deps.dependents("citations", {"*"})
    for path in stale:
        Path(path).unlink(missing_ok=True)     # MkDocs renders a page whose output is missing
    return config


def on_nav(nav, config, files):
    if getattr(config, "_so_incremental", False):
        for page in nav.pages:
            if page.markdown is None and page.file.abs_src_path and not page.file.is_modified():
                page.read_source(config)       # its title, for the navigation of the pages rendered
    return nav


def on_page_markdown(markdown, page, config, files):
    deps = getattr(config, "_so_deps", None)
    if deps is not None and page.meta.get("legal_references_page"):
        deps.record(page.file.abs_dest_path, "citations", {"*"})
    return markdown


@event_priority(-2000)   # after hooks/guard.py has put the staged output in place
def on_post_build(config):
    plugin = config["plugins"].get("i18n")
    if plugin is not None and getattr(plugin, "building", False):
        return
    build = getattr(config, "_so_build", None)
    if getattr(config, "_so_deps", None) is None or build is None or not getattr(build, "committed", False):
        return
    _state["deps"].commit(full=config._so_full)
    _state["last"] = _state["pending"]


class _MemoryBytecode(jinja2.BytecodeCache):
    """Compiled templates kept between rebuilds (Jinja checks each template's source before reusing it): the
    theme's 85 templates took a second to compile again after every edit."""

    def __init__(self):
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        data = self.store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket):
        self.store[bucket.key] = bucket.bytecode_to_string()


_BYTECODE = _MemoryBytecode()


def on_env(env, config, files):
    if getattr(config, "_so_deps", None) is not None:
        env.bytecode_cache = _BYTECODE
    return env
