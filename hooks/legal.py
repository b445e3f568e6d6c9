"""MkDocs wiring of ``soins_obliges.legal`` (checked references to code articles). No logic of its own: the
engine detects, checks and links citations (a Python-Markdown extension) and writes the references page.

Events (static-i18n runs the whole sequence once per language, on the same config object):
- on_config: load the registry (the LEGI index + the reviewed articles), write the fixed stubs of the references
  page (``docs/references-juridiques.md`` and ``.en.md``), register the Markdown extension once;
- on_page_markdown: tell the extension which page it renders (file and source for error lines, language,
  links to the references page); on the references page, put the generated content in place of the marker;
- on_env: count what was found. Every citation problem goes to the build's report (``file:line: … → fix``),
  which hooks/guard.py turns into a failed build at the end.
"""
from __future__ import annotations

import logging
import os
import posixpath
from pathlib import Path

from mkdocs.plugins import event_priority

from soins_obliges.errors import ContentError
from soins_obliges.legal import pages as legal_pages
from soins_obliges.legal.extension import LegalConfig, LegalExtension, PageContext
from soins_obliges.legal.registry import default_registry
from soins_obliges.legal.scan import front_matter_lines

log = logging.getLogger("mkdocs.hooks.legal")

_state: dict = {}


def _write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


@event_priority(10)  # before hooks/site.py, whose glossary scan reads docs/: the stubs must already be there
def on_config(config):
    if getattr(config, "_so_legal", None) is not None:     # a later language pass of the same build
        return config
    config._so_legal = True
    root = Path(config["config_file_path"]).parent
    docs = Path(config["docs_dir"])
    reg, errors = default_registry()          # cached; reloaded when a data file changes (mkdocs serve)
    config._so_report.extend(errors)
    report = config._so_report
    if "cfg" in _state:
        _state["cfg"].registry = reg
        _state["cfg"].on_error = lambda f, line, p, fix: report.add(ContentError(f, line, p, fix))
    else:
        _state["cfg"] = LegalConfig(registry=reg, on_error=lambda f, line, p, fix: report.add(ContentError(f, line, p, fix)))
    _write_if_changed(docs / legal_pages.PAGE, legal_pages.stub("fr"))
    _write_if_changed(docs / legal_pages.PAGE_EN, legal_pages.stub("en"))
    config["markdown_extensions"].append(LegalExtension(_state["cfg"]))
    return config


def on_pre_build(config):
    _state["cfg"].found.clear()


def _page_lang(page) -> str:
    return getattr(page.file, "locale", None) or "fr"


def on_page_markdown(markdown, page, config, files):
    cfg: LegalConfig = _state["cfg"]
    docs = Path(config["docs_dir"])
    src_uri = page.file.src_uri
    fr_src = src_uri[:-6] + ".md" if src_uri.endswith(".en.md") else src_uri
    lang = _page_lang(page)
    raw = Path(page.file.abs_src_path).read_text(encoding="utf-8") if page.file.abs_src_path else markdown
    file, source = f"{docs.name}/{src_uri}", raw
    gen = page.meta.get("generated_from")
    root = Path(config["config_file_path"]).parent
    if gen and (root / gen).is_file():  # a generated page (glossary): errors point to the YAML file it comes from
        file, source = gen, (root / gen).read_text(encoding="utf-8")
    base = "en/" if (page.url or "").startswith("en/") else ""
    refs_url = posixpath.relpath(f"{base}references-juridiques", page.url.rstrip("/") or ".") + "/"
    is_refs = bool(page.meta.get("legal_references_page"))
    cfg.page = PageContext(src_uri=src_uri, lang=lang, file=file, source=source,
                           line_offset=front_matter_lines(raw), enabled=not is_refs,
                           refs_md=posixpath.relpath(legal_pages.PAGE, posixpath.dirname(fr_src) or "."),
                           refs_url=refs_url)
    if is_refs:
        # the same Markdown for both language passes of a build: scanned once (keyed on the files' dates and sizes)
        sig = tuple((p.as_posix(), p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(docs.rglob("*.md")))
        if _state.get("site_citations_sig") != sig:
            _state["site_citations"], _state["site_citations_sig"] = legal_pages.collect(docs), sig
        markdown = markdown.replace(legal_pages.MARKER, legal_pages.body(lang, cfg.registry, _state["site_citations"]))
    return markdown


def on_env(env, config, files):
    cfg: LegalConfig = _state["cfg"]
    found = cfg.found
    arts = {(v.code, v.ref.num) for f in found for v in f.result.verdicts if v.ok}
    changed = {k for k in arts if cfg.registry.entry(*k).changed_since_2020}
    log.info(f"legal: {len(found)} citations, {len(arts)} distinct articles, {len(changed)} changed since 2020")
    return env
