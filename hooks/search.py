"""MkDocs wiring of ``soins_obliges.search``: per-language search indexes, accent- and inflection-tolerant.

No logic of its own (see the engine's docstrings). Events (static-i18n runs the whole sequence once per language):
- on_config: check that every glossary search form (term, variants, acronyms, hidden) is searchable;
- on_files: tell the templates (overrides/main.html) which worker to load and where this edition's index is; the
  worker's source (docs/assets/search/worker.js) is not copied as it is: each edition gets its own copy;
- on_page_content: keep the « Source : guide … » line under each title out of the search index;
- on_page_context: note each page's edition and language (French fallback pages under /en/);
- on_post_build, last of all: split the one mixed index per language (keywords and aliases from the glossary),
  and write each edition's search/ as pieces (soins_obliges.search.sharded): search_index.json (configuration),
  so/lexicon.json, so/t/*.json (postings), so/d/*.json (snippets), so/index.json (the whole index, for
  tools and tests), and worker.js, the search worker. One copy per edition, inside it (``en/search/worker.js``):
  a worker script is controlled by the service worker whose scope holds the script's address, so only a copy
  inside ``en/`` is kept offline by the English edition's service worker (hooks/offline.py).
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from soins_obliges.glossary.model import load_glossary
from soins_obliges.search import index as search_index
from soins_obliges.search import sharded
from soins_obliges.search.html import exclude_source_line

log = logging.getLogger("mkdocs.hooks.soins_obliges.search")

WORKER = "assets/search/worker.js"   # its source, in docs/
EDITION_WORKER = "search/worker.js"  # its copy in each edition of the output
INDEX = "search/search_index.json"   # what Material's bundle fetches: now the configuration only
FULL = "so/index.json"                # the whole index, for tools and tests (the browser never loads it)
_pages: dict[str, search_index.PageInfo] = {}
_state: dict = {}
_store: dict[str, list[dict]] = {}     # page URL → its index entries, as last built (incremental rebuilds)
_rendered: set[str] = set()            # the pages rendered by this build


def _complete(docs: list[dict], ok: bool) -> list[dict]:
    """The index entries of every page. A full build renders them all; an incremental rebuild (``mkdocs serve``)
    renders the edited pages only, and the others keep the entries of the last build that succeeded."""
    groups: dict[str, list[dict]] = {}
    for doc in docs:
        groups.setdefault(search_index.page_path(doc["location"]), []).append(doc)
    store = dict(_store)
    for url in _rendered:
        store[url] = groups.get(url, [])
    for url, entries in groups.items():
        store.setdefault(url, entries)
    if ok:                       # a failed build changes nothing, like its output
        _store.clear()
        _store.update(store)
    return [d for entries in store.values() for d in entries]


def _i18n(config):
    return config["plugins"].get("i18n")


def _build_lang(config) -> str:
    plugin = _i18n(config)
    return getattr(plugin, "current_language", None) or config["theme"]["language"]


def _languages(config) -> tuple[str, dict[str, str]]:
    """Default language and the URL prefix of each other edition (``{"en": "en/"}``)."""
    plugin = _i18n(config)
    if plugin is None:
        return config["theme"]["language"], {}
    default = plugin.default_language
    prefixes = {lang.locale: f"{lang.locale}/" for lang in plugin.config.languages
                if lang.build and lang.locale != default}
    return default, prefixes


def _glossary(config):
    """The glossary (load_glossary is cached on the files' modification times: hooks/site.py's load is shared);
    None when it has errors, which hooks/site.py reports."""
    root = Path(config["config_file_path"]).parent
    glossary, errors = load_glossary(root / os.environ.get("SO_GLOSSARY_DIR", "glossary"))
    return None if errors else glossary


def on_config(config):
    if getattr(config, "_so_search", None) is not None:     # a later language pass of the same build
        return config
    config._so_search = True
    if not getattr(config, "_so_incremental", False):   # hooks/serve.py: a full build forgets the previous pages
        _pages.clear()
        _store.clear()
    _rendered.clear()
    glossary = _glossary(config)
    if glossary is not None:
        if _state.get("forms_of") is not glossary:     # checked once per loaded glossary
            _state["forms_of"], _state["forms_errors"] = glossary, search_index.check_forms(glossary)
        config._so_report.extend(_state["forms_errors"])
    worker = Path(config["docs_dir"]) / WORKER
    if not worker.exists():
        raise PluginError(f"search: {worker} is missing → restore docs/{WORKER} (the search worker)")
    _state["worker_version"] = hashlib.sha256(worker.read_bytes()).hexdigest()[:12]
    return config


def on_files(files, config):
    default, prefixes = _languages(config)
    lang = _build_lang(config)
    source = files.get_file_from_path(WORKER)
    if source is not None:
        files.remove(source)                      # written into each edition by on_post_build
    root = prefixes.get(lang, "") if lang != default else ""
    config["extra"]["so_search"] = {"worker": root + EDITION_WORKER, "version": _state.get("worker_version", ""),
                                    "root": root}
    return files


@event_priority(-50)  # after hooks/site.py has added the source line
def on_page_content(html, page, config, files):
    return exclude_source_line(html)


def on_page_context(context, page, config, nav):
    _rendered.add(page.url)
    _pages[page.url] = search_index.PageInfo(_build_lang(config), getattr(page.file, "locale", None)
                                             or _build_lang(config))
    return context


@event_priority(-200)  # after static-i18n's on_post_build (-100), which builds the other languages
def on_post_build(config):
    plugin = _i18n(config)
    if plugin is not None and getattr(plugin, "building", False):
        return
    site = Path(config["site_dir"])
    mixed_path = site / INDEX
    if not mixed_path.exists():
        raise PluginError(f"search: {mixed_path} was not written → is the `search` plugin listed in mkdocs.yml?")
    mixed = json.loads(mixed_path.read_text(encoding="utf-8"))
    mixed["docs"] = _complete(mixed.get("docs", []), ok=not config._so_report)
    default, prefixes = _languages(config)
    indexes, left_out = search_index.build_indexes(mixed, dict(_pages), prefixes, default, _glossary(config))
    for lang, index in indexes.items():
        folder = site / (prefixes[lang] if lang != default else "") / Path(INDEX).parent
        shutil.rmtree(folder / "so", ignore_errors=True)       # an incremental rebuild leaves no stale piece
        files = sharded.export(index).files()
        files[FULL] = json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        files[Path(EDITION_WORKER).name] = (Path(config["docs_dir"]) / WORKER).read_bytes()
        for rel, data in files.items():
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            (folder / rel).write_bytes(data)
        note = f", {len(left_out[lang])} French fallback pages left out" if left_out.get(lang) else ""
        log.info(f"search: {lang} index, {len(index['docs'])} entries in {len(files) - 2} files, "
                 f"{len(files['so/lexicon.json']) // 1024} KB lexicon{note}")
