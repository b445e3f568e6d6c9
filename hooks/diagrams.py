"""MkDocs wiring of ``soins_obliges.diagrams`` (no logic of its own: the engine does the work).

Events (static-i18n runs them once per language):
- on_config: load and check ``diagrams/*.yml``, check that Graphviz is installed, write the « Schémas » page
  (``docs/schemas.md`` + ``docs/schemas.en.md``, before hooks/site.py reads the pages' front matter), register the
  Markdown extension (``::: diagram <id>``) once;
- on_files: what links may point to (the glossary's concepts, the pages of this language pass);
- on_page_markdown: tell the extension which page it renders, in which language;
- on_page_content: declare the figures' HTML ids to MkDocs' anchor validation;
- on_env: check the heading anchors that diagram links use (every page is rendered by then), then stop the build
  with every diagram error of this pass (to the build's report: hooks/guard.py fails the build at the end);
- on_serve: watch ``diagrams/`` too.
"""
from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from soins_obliges import provenance
from soins_obliges.diagrams import model, pages
from soins_obliges.diagrams.extension import DiagramsConfig, DiagramsExtension, PageContext
from soins_obliges.diagrams.links import LinkChecker
from soins_obliges.diagrams.svg import Renderer, RendererMissing, dot_version
from soins_obliges.errors import ContentError

log = logging.getLogger("mkdocs.hooks.diagrams")

_state: dict = {}


def _build_lang(config) -> str:
    plugin = config["plugins"].get("i18n")
    return getattr(plugin, "current_language", None) or config["theme"]["language"]


def _canonical(src_uri: str) -> str:
    """``page.en.md`` → ``page.md``: links and URLs are written from the French file's place."""
    m = re.match(r"^(.*)\.[a-z]{2}\.md$", src_uri)
    return f"{m.group(1)}.md" if m else src_uri


def _on_error(file, line, problem, fix):
    # the report lists a problem once, even when a diagram shown on two pages (or in two languages) finds it twice
    _state["report"].add(ContentError(file, line, problem, fix))


@event_priority(50)  # before hooks/site.py's on_config, which reads every page's front matter (the Schémas page's too)
def on_config(config):
    if getattr(config, "_so_diagrams", None) is not None:   # a later language pass of the same build
        return config
    config._so_diagrams = True
    report = config._so_report
    root = Path(config["config_file_path"]).parent
    diagrams, errors = model.load_diagrams(root / "diagrams", root)
    report.extend(errors)            # the build goes on with the valid diagrams, and fails at the end
    try:
        version = dot_version()
    except RendererMissing as exc:
        raise PluginError(str(exc)) from None
    docs = Path(config["docs_dir"])
    written = pages.write_pages(pages.generate(diagrams, docs), docs)
    glossary_dir = (root / os.environ.get("SO_GLOSSARY_DIR", "glossary")).resolve()
    prev = _state.get("cfg")
    cfg = DiagramsConfig(
        diagrams=diagrams, renderer=prev.renderer if prev else Renderer(root / ".cache" / "diagrams"),
        checker=LinkChecker(concepts=set(), pages=set()), on_error=_on_error,
        use_directory_urls=config["use_directory_urls"],
        lenient_concepts=glossary_dir != (root / "glossary").resolve())
    cfg.rejected = {p.stem for p in (root / "diagrams").glob("*.y*ml")} - set(diagrams)
    _state.update(cfg=cfg, glossary_dir=glossary_dir, report=report)
    config["markdown_extensions"].append(DiagramsExtension(cfg))
    log.info(f"diagrams: {len(diagrams)} diagrams ({version}), Schémas page: {written} file(s) updated")
    return config


def _concepts(config) -> set[str]:
    """The concept ids of the glossary that hooks/site.py loaded (its Markdown extension carries it); the glossary
    folder's file names if it is not there (a concept's id is its file name)."""
    for ext in config["markdown_extensions"]:
        glossary = getattr(getattr(ext, "cfg", None), "glossary", None)
        if glossary is not None and hasattr(glossary, "concepts"):
            # a rejected concept file reports its own errors: links to it are not reported again
            return set(glossary.concepts) | set(getattr(glossary, "rejected", ()))
    return {p.stem for p in _state["glossary_dir"].glob("*.yml")}


def on_files(files, config):
    cfg: DiagramsConfig = _state["cfg"]
    cfg.checker = LinkChecker(concepts=_concepts(config),
                              pages={_canonical(f.src_uri) for f in files.documentation_pages()})
    cfg.used_links.clear()
    cfg.unlinked.clear()
    cfg.embedded_in.clear()
    cfg.renderer.stats.update(rendered=0, disk=0, memory=0)
    cfg.renderer.measure_stats.update(measured=0, disk=0, memory=0)
    return files


def on_page_markdown(markdown, page, config, files):
    offset = 0
    if page.file.abs_src_path:
        offset = provenance.body_offset(Path(page.file.abs_src_path).read_text(encoding="utf-8"))
    _state["cfg"].page = PageContext(src_uri=_canonical(page.file.src_uri), lang=_build_lang(config),
                                     line_offset=offset, file=f"{Path(config['docs_dir']).name}/{page.file.src_uri}")
    return markdown


def on_page_content(html, page, config, files):
    """The figures are stashed HTML, which MkDocs does not scan for ids: declare them, so that links to a
    diagram (``page.md#schema-<id>``) pass MkDocs' anchor validation."""
    ids = _state["cfg"].page.ids
    if ids and page.present_anchor_ids is not None:
        page.present_anchor_ids |= ids
    deps = getattr(config, "_so_deps", None)
    if deps is not None:     # hooks/serve.py: rebuild this page when a diagram it shows changes
        deps.record(page.file.abs_dest_path, "diagram", _state["cfg"].page.shown)
    return html


def on_env(env, config, files):
    cfg: DiagramsConfig = _state["cfg"]
    anchors = {}
    for f in files.documentation_pages():
        if f.page is not None and f.page.present_anchor_ids is not None:
            anchors.setdefault(_canonical(f.src_uri), set()).update(f.page.present_anchor_ids)
    checker = LinkChecker(cfg.checker.concepts, cfg.checker.pages, anchors)
    for link, diagram in cfg.used_links.values():
        for e in checker.check(link, diagram.file):
            _on_error(e.file, e.line, e.problem, e.fix)
    lang = _build_lang(config)
    if cfg.unlinked:
        log.info(f"diagrams ({lang}): development glossary {_state['glossary_dir'].name}/ lacks "
                 f"{len(cfg.unlinked)} linked concept(s), left unlinked: {', '.join(sorted(cfg.unlinked))}")
    missing = sorted(set(cfg.diagrams) - {d for d, where in cfg.embedded_in.items() if where - {pages.PAGE}})
    if missing and not getattr(config, "_so_incremental", False):   # a rebuild sees only the pages it renders
        log.info(f"diagrams ({lang}): shown on the Schémas page only: {', '.join(missing)}")
    stats, fit = cfg.renderer.stats, cfg.renderer.measure_stats
    log.info(f"diagrams ({lang}): {stats['rendered']} drawn by Graphviz, {stats['disk']} read from the cache "
             f"({cfg.renderer.cache_dir}), {stats['memory']} reused; layouts measured to fit the column: "
             f"{fit['measured']} by Graphviz, {fit['disk']} from the cache, {fit['memory']} reused")
    return env


def on_serve(server, config, builder):
    """``mkdocs serve`` rebuilds when a diagram file changes."""
    server.watch(str(Path(config["config_file_path"]).parent / "diagrams"))
    return server
