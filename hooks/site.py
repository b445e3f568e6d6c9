"""MkDocs wiring of the engine (``soins_obliges``). No logic of its own: it calls the engine's functions
at the right MkDocs events and turns content errors into a stopped build.

Events, in the order MkDocs calls them (static-i18n runs the whole sequence once per language):
- on_page_markdown: check the page's front matter (``source_pages``);
- on_page_content: add the source line under the title; French typography on French pages;
- (errors go to the build's report, ``config._so_report``: hooks/guard.py fails the build once, at the end);
- on_post_page: mark French pages shown in the English edition as French.
"""
from __future__ import annotations

import logging
import os
import re
import shutil
from pathlib import Path

from mkdocs.plugins import event_priority

from soins_obliges import a11y, concordance, i18n, provenance, typography
from soins_obliges.tables import TablesExtension
from soins_obliges.errors import ContentError
from soins_obliges.glossary import pages as glossary_pages
from soins_obliges.glossary.extension import GlossaryConfig, GlossaryExtension, PageContext
from soins_obliges.glossary.model import load_glossary

log = logging.getLogger("mkdocs.hooks.soins_obliges")

_state: dict = {}
_H1_END = re.compile(r"</h1>", re.I)


def _build_lang(config) -> str:
    plugin = config["plugins"].get("i18n")
    return getattr(plugin, "current_language", None) or config["theme"]["language"]


def _page_lang(page) -> str:
    return getattr(page.file, "locale", None) or "fr"


def _rel_href(target: str, from_src: str) -> str:
    from posixpath import dirname, relpath

    return relpath(target, dirname(from_src) or ".")


def on_config(config):
    """Load and validate the glossary, write its generated pages, register the Markdown extension. static-i18n
    calls this once per language on the same config object: the work is done once per build (``mkdocs serve``
    loads a new config object for each rebuild; the loads are cached on the files' modification times)."""
    i18n.localise_markdown_config(config["mdx_configs"], _build_lang(config))   # every edition's pass
    if getattr(config, "_so_site", None) is not None:
        return config
    config._so_site = True
    report = config._so_report
    root = Path(config["config_file_path"]).parent
    # SO_GLOSSARY_DIR: build with another glossary (e.g. tests/fixtures/glossary) while the real one is being edited
    glossary, errors = load_glossary(root / os.environ.get("SO_GLOSSARY_DIR", "glossary"))
    report.extend(errors)        # the build goes on with the valid concepts, and fails at the end
    written = glossary_pages.write_pages(glossary_pages.generate(glossary, Path(config["docs_dir"])),
                                         Path(config["docs_dir"]))
    log.info(f"glossary: {len(glossary.concepts)} concepts, {len(glossary.groups)} comparison groups, "
             f"{written} generated pages updated")

    docs = Path(config["docs_dir"])
    sources, errors = provenance.scan_docs(docs, skip=(glossary_pages.OUT_DIR,))
    sources = [s for s in sources if s.src_uri != concordance.PAGE_PATH]
    report.extend(errors)
    missing = concordance.uncovered_pages(sources)
    if missing and not errors:
        report.add(ContentError(
            "docs/", None, f"guide pages claimed by no site page: {concordance.describe_uncovered(missing)}",
            "add them to the `source_pages` of the page that restates them (see the outline's page map)"))
    for rel, text in concordance.generate(sources).items():
        path = docs / rel
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")

    def on_error(file, line, problem, fix):
        report.add(ContentError(file, line, problem, fix))

    cfg = GlossaryConfig(glossary=glossary,
                         href=lambda cid, src: _rel_href(f"{glossary_pages.OUT_DIR}/{cid}.md", src),
                         on_error=on_error)
    _state["glossary"], _state["glossary_cfg"] = glossary, cfg
    config["markdown_extensions"].append(GlossaryExtension(cfg))
    config["markdown_extensions"].append(TablesExtension(lang=lambda: cfg.page.lang))   # phone cards: data-label
    return config


def on_page_markdown(markdown, page, config, files):
    file = f"{Path(config['docs_dir']).name}/{page.file.src_uri}"      # the .en.md file on English pages
    text = Path(page.file.abs_src_path).read_text(encoding="utf-8") if page.file.abs_src_path else markdown
    _, lines, bad = provenance.read_front_matter(text, file)
    if bad:         # French pages' are reported by the scan in on_config; English ones here
        config._so_report.extend(bad)
        pages, errs = None, []
    else:
        pages, errs = provenance.check_page_meta(page.meta, lines, file)
    config._so_report.extend(errs)
    page.meta["_source_pages"] = pages
    cfg = _state.get("glossary_cfg")
    if cfg is not None:
        src_uri = page.file.src_uri
        if src_uri.endswith(".en.md"):  # links are written from the French file's place; static-i18n localises
            src_uri = src_uri[:-6] + ".md"
        gen = page.meta.get("generated_from")
        source = (Path(config["config_file_path"]).parent / gen).read_text(encoding="utf-8") if gen else ""
        cfg.page = PageContext(src_uri=src_uri, lang=_page_lang(page), file=gen or file, source=source,
                               own_concept=page.meta.get("glossary_concept"),
                               line_offset=0 if gen else provenance.body_offset(text),
                               autolink=page.meta.get("glossary_autolink", True) is not False)
    return markdown


def _concordance_url(page, config, pages) -> str | None:
    if not pages:
        return None
    url = page.url
    if _build_lang(config) != "fr" and url.startswith(_build_lang(config) + "/"):
        url = url[len(_build_lang(config)) + 1:]
    return "../" * url.count("/") + f"correspondance-guide/#p{pages[0]}"


def on_page_content(html, page, config, files):
    lang = _page_lang(page)
    pages = page.meta.get("_source_pages")
    line = provenance.source_line_html(pages, _build_lang(config), _concordance_url(page, config, pages))
    if line:
        html, n = _H1_END.subn("</h1>" + line, html, count=1)
        if not n:
            html = line + html
    if lang == "fr":
        html = typography.french_spacing(html)
    deps, cfg = getattr(config, "_so_deps", None), _state.get("glossary_cfg")
    if deps is not None and cfg is not None:     # hooks/serve.py: rebuild this page when a concept it shows changes
        deps.record(page.file.abs_dest_path, "concept", cfg.last_linked)
    return html


@event_priority(100)  # before static-i18n's own on_post_build, which starts the other languages' builds
def on_post_build(config):
    """static-i18n writes every language's theme 404 page to the same ``404.html`` at the site root, the last
    language winning. Keep the French one at the root and move each other language's to ``<lang>/404.html``."""
    i18n_plugin = config["plugins"].get("i18n")
    if i18n_plugin is None:
        return
    root_404 = os.path.join(config["site_dir"], "404.html")
    if not getattr(i18n_plugin, "building", False):  # outer pass: the default language
        if os.path.exists(root_404):
            _state["default_404"] = open(root_404, encoding="utf-8").read()
        return
    lang = _build_lang(config)
    if os.path.exists(root_404) and "default_404" in _state:
        os.makedirs(os.path.join(config["site_dir"], lang), exist_ok=True)
        os.replace(root_404, os.path.join(config["site_dir"], lang, "404.html"))
        with open(root_404, "w", encoding="utf-8") as fh:
            fh.write(_state["default_404"])
    # Material fetches <base>/sitemap.xml; English pages' base is /en/: give it the site's sitemap there too
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        src = os.path.join(config["site_dir"], name)
        if os.path.exists(src):
            shutil.copyfile(src, os.path.join(config["site_dir"], lang, name))


def on_post_template(output, template_name, config):
    """The theme's own pages (404.html) get the same navigation fixes as the content pages."""
    return a11y.fix_navigation(output) if template_name.endswith(".html") else output


def on_post_page(output, page, config):
    if _build_lang(config) != "fr" and _page_lang(page) == "fr":
        output = i18n.mark_french_fallback(output)
    return a11y.fix_navigation(output)
