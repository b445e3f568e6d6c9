"""MkDocs wiring of the build's guarantees (listed first in ``hooks:``). No logic of its own: the engine's
``output`` (staged, atomic output), ``errors.BuildReport`` (one report), ``sanitize`` (the allow-list),
``sourcefiles`` (encoding) and ``translations`` (parity) do the work.

- Atomic output: the build writes into a staging folder beside the output folder (``.site.partial``), which
  replaces it only when the whole build, both languages, succeeded. A failed build of any kind (content error,
  strict warning, exception, English pass) leaves the previous output as it was.
- One report: every area (glossary, front matter, citations, diagrams, links, raw HTML…) adds its errors to
  ``config._so_report``; the build goes on to find them all and fails once, at the end, with the report grouped
  by file (``file:line: problem → fix``). ``SO_REPORT=<path>`` also writes it as JSON (``manage.sh check``).
- MkDocs' own validation warnings (broken link or anchor, page not in the nav) are located: file, line, fix.
- Content is untrusted: every page body is checked by the sanitizer; page and navigation titles must be text.

Events (static-i18n runs the whole sequence once per language on the same config object; ``mkdocs serve`` loads
a new config object for every rebuild, while this module, like every hook, stays loaded):
- on_startup: note whether the build is incremental (``--dirtyreload``);
- on_config (first of all, once per build): report, encoding check, titles of the config, translation parity,
  staging folder, warning capture, the sanitizer extension;
- on_files: the files of this pass (to suggest anchors);
- on_page_markdown (first): which file the page comes from (for lines), its title;
- on_post_build (last of all, once per build): fail with the report, or put the staged site in place;
- on_build_error: drop the staging folder.
"""
from __future__ import annotations

import difflib
import json
import logging
import os
import shutil
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from soins_obliges import provenance, sanitize, sourcefiles, translations
from soins_obliges.errors import BuildReport, ContentError
from soins_obliges.output import StagedOutput

log = logging.getLogger("mkdocs.hooks.guard")

GENERATED = ("glossaire/", "correspondance-guide", "references-juridiques", "schemas")
_startup = {"dirty": False}
_current: dict = {}          # the build in progress (on_build_error gets no config)


class _Build:
    """What one build (both language passes) shares."""

    def __init__(self, config, root: Path):
        self.root = root
        self.docs = Path(config["docs_dir"])
        self.report = BuildReport()
        self.output = StagedOutput(config["site_dir"])
        self.warnings = 0
        self.files = None
        self.page = None         # (file shown in errors, its text) of the page being converted
        self.capture = _Capture(self)
        self.counter = _Counter(self)
        self.done = False
        self.incremental = _startup["dirty"]
        self.committed = False

    def add(self, file, line, problem, fix=""):
        self.report.add(ContentError(file, line, problem, fix))


class _Counter(logging.Handler):
    """Counts the warnings MkDocs would abort on in strict mode (those the capture did not turn into errors)."""

    def __init__(self, build: _Build):
        super().__init__(logging.WARNING)
        self.build = build

    def emit(self, record):
        self.build.warnings += 1


# ------------------------------------------------------------------------------ MkDocs' warnings, located

_LINK = re.compile(r"Doc file '(?P<src>[^']+)' contains a link '(?P<url>[^']*)', but the target(?: '(?P<target>[^']+)')? "
                   r"is not found among documentation files\.(?: Did you mean '(?P<suggest>[^']+)'\?)?")
_UNRECOGNIZED = re.compile(r"Doc file '(?P<src>[^']+)' contains an unrecognized relative link '(?P<url>[^']*)', "
                           r"it was left as is\.(?: Did you mean '(?P<suggest>[^']+)'\?)?")
_ABSOLUTE = re.compile(r"Doc file '(?P<src>[^']+)' contains an absolute link '(?P<url>[^']*)', it was left as is\."
                       r"(?: Did you mean '(?P<suggest>[^']+)'\?)?")
_ANCHOR = re.compile(r"Doc file '(?P<src>[^']+)' contains a link '(?P<url>[^']*)', but (?:the doc '(?P<doc>[^']+)' "
                     r"does not contain an anchor '#(?P<anchor>[^']+)'|(?P<self>there is no such anchor on this page))")
_NOT_IN_NAV = re.compile(r'The following pages exist in the docs directory, but are not included in the "nav" '
                         r"configuration:\n(?P<list>(?:  - .+\n?)+)")
_NAV_MISSING = re.compile(r"A (?:reference|relative path) to '(?P<path>[^']+)' is included in the 'nav' configuration, "
                          r"which is not found in the documentation files\.")


class _Capture(logging.Filter):
    """Turns MkDocs' validation warnings into located errors of the report (and keeps them from aborting a
    language pass early: the build fails at the end, with every error)."""

    def __init__(self, build: _Build):
        super().__init__()
        self.build = build

    def filter(self, record) -> bool:
        if record.levelno < logging.WARNING:
            return True
        try:
            errors = self.locate(record.getMessage())
        except Exception:  # never lose a warning because locating it failed
            return True
        if errors is None:
            return True
        self.build.report.extend(errors)
        return False

    # where a page's text comes from: docs/…md, or the YAML file a generated page is made from
    def origin(self, src_uri: str) -> tuple[str, str]:
        b = self.build
        f = b.files.get_file_from_path(src_uri) if b.files is not None else None
        meta = getattr(getattr(f, "page", None), "meta", None) or {}
        gen = meta.get("generated_from")
        if gen and (b.root / gen).is_file():
            return gen, (b.root / gen).read_text(encoding="utf-8")
        path = b.docs / src_uri
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        return f"{b.docs.name}/{src_uri}", text

    @staticmethod
    def link_line(text: str, url: str) -> int | None:
        exact = re.compile(rf"\]\({re.escape(url)}(?:\)|\s)|\]:\s*{re.escape(url)}(?:\s|$)|href=[\"']{re.escape(url)}[\"']",
                           re.M)
        m = exact.search(text)
        i = m.start() if m else text.find(url)
        return text.count("\n", 0, i) + 1 if i >= 0 else None

    def locate(self, msg: str) -> list[ContentError] | None:
        b = self.build
        if msg.startswith("A 'dirty' build is being performed"):
            # `manage.sh serve` rebuilds only what an edit touches; hooks/serve.py keeps the navigation, search and
            # the pages that depend on the edited file right (MkDocs' warning is about plain dirty builds)
            return [] if b.incremental else None
        m = _LINK.match(msg) or _UNRECOGNIZED.match(msg)
        if m:
            file, text = self.origin(m["src"])
            target = m.groupdict().get("target") or m["url"]
            if self._rejected_concept(target):
                return []          # the concept's own file is in the report
            fix = (f"did you mean « {m['suggest']} »?" if m["suggest"] else
                   "link to an existing Markdown file, relative to this page (e.g. `../glossaire/rechute.md`)")
            return [ContentError(file, self.link_line(text, m["url"]), f"broken link « {m['url']} »: no page "
                                 f"{target}", fix)]
        m = _ABSOLUTE.match(msg)
        if m:
            file, text = self.origin(m["src"])
            fix = (f"use a relative link to the Markdown file: « {m['suggest']} »" if m["suggest"]
                   else "use a relative link to the Markdown file (e.g. `../glossaire/rechute.md`)")
            return [ContentError(file, self.link_line(text, m["url"]), f"absolute link « {m['url']} »", fix)]
        m = _ANCHOR.match(msg)
        if m:
            file, text = self.origin(m["src"])
            doc = m["doc"] or m["src"]
            anchor = m["anchor"] or m["url"].split("#", 1)[-1]
            known = set()
            f = b.files.get_file_from_path(doc) if b.files is not None else None
            if f is not None and f.page is not None and f.page.present_anchor_ids:
                known = f.page.present_anchor_ids
            close = difflib.get_close_matches(anchor, sorted(known), n=3, cutoff=0.5)
            fix = (f"did you mean {' or '.join('#' + c for c in close)}?" if close else
                   f"link to a heading of {doc} (its anchor is the heading in lower case, words joined by hyphens)")
            where = "this page" if m["self"] else doc
            return [ContentError(file, self.link_line(text, m["url"]), f"link « {m['url']} »: {where} has no "
                                 f"heading or id `#{anchor}`", fix)]
        m = _NOT_IN_NAV.match(msg)
        if m:
            pages = [ln.strip()[2:].strip() for ln in m["list"].splitlines() if ln.strip()]
            return [ContentError(f"{b.docs.name}/{p}", 1, "page is not in the navigation",
                                 "add it to `nav:` in mkdocs.yml where readers should find it (or to `not_in_nav:`)")
                    for p in pages]
        m = _NAV_MISSING.match(msg)
        if m:
            cfg = (b.root / "mkdocs.yml").read_text(encoding="utf-8")
            line = self.link_line(cfg, m["path"])
            names = [p.relative_to(b.docs).as_posix() for p in b.docs.rglob("*.md") if not p.name.endswith(".en.md")]
            close = difflib.get_close_matches(m["path"], names, n=1)
            fix = f"did you mean {close[0]}?" if close else f"create {b.docs.name}/{m['path']} or remove the line"
            return [ContentError("mkdocs.yml", line, f"`nav:` names {m['path']}, which is not in {b.docs.name}/", fix)]
        return None

    def _rejected_concept(self, target: str) -> bool:
        m = re.match(r"(?:.*/)?glossaire/([^/]+?)(?:\.en)?\.md$", target or "")
        if not m:
            return False
        from soins_obliges.glossary.model import load_glossary

        glossary, _ = load_glossary(self.build.root / os.environ.get("SO_GLOSSARY_DIR", "glossary"))
        return m.group(1) in glossary.rejected


_CAPTURED = ("mkdocs.structure.pages", "mkdocs.structure.nav", "mkdocs.commands.build")


def _i18n_building(config) -> bool:
    plugin = config["plugins"].get("i18n")
    return bool(getattr(plugin, "building", False))


def on_startup(command, dirty):
    _startup["dirty"] = bool(dirty)


def _config_titles(config, root: Path, build: _Build) -> None:
    """Titles from mkdocs.yml (navigation sections, site name) reach every page as text: no HTML."""
    cfg_path = Path(config["config_file_path"])
    text = cfg_path.read_text(encoding="utf-8")

    def check(value, what):
        for f in sanitize.plain_text_problems(value):
            line = sanitize.line_of(text, f.needles)
            build.add(cfg_path.name, line, f"{what}: {f.problem}", f.fix)

    def walk(items):
        for item in items or []:
            if isinstance(item, dict):
                for title, value in item.items():
                    check(title, "`nav:` title")
                    walk(value if isinstance(value, list) else [])
    walk(config["nav"])
    check(config["site_name"], "`site_name`")
    check(config.get("copyright") or "", "`copyright`")
    plugin = config["plugins"].get("i18n")
    for lang in getattr(getattr(plugin, "config", None), "languages", []) or []:
        for key in ("site_name", "copyright"):
            check(getattr(lang, key, None) or "", f"`{key}` of the {lang.locale} edition")
        for src, dst in (getattr(lang, "nav_translations", None) or {}).items():
            check(dst, f"`nav_translations` of the {lang.locale} edition")


@event_priority(1000)   # before every other hook and plugin: nothing reads or writes before the checks and staging
def on_config(config):
    if getattr(config, "_so_report", None) is not None:      # a later language pass of the same build
        return config
    root = Path(config["config_file_path"]).parent
    build = _Build(config, root)
    config._so_report = build.report
    config._so_build = build
    _current["build"] = build
    # files that are not UTF-8 would stop the build with a traceback that never names them: stop now, by name
    glossary_dir = root / os.environ.get("SO_GLOSSARY_DIR", "glossary")
    bad = sourcefiles.utf8_errors([build.docs, glossary_dir, root / "diagrams", Path(config["config_file_path"]),
                                   root / "soins_obliges" / "data" / "legal"], root)
    if bad:
        build.report.extend(bad)
        _write_json(build)
        raise PluginError(build.report.render())
    _config_titles(config, root, build)
    build.report.extend(translations.parity_errors(build.docs, skip=GENERATED))
    config["site_dir"] = str(build.output.begin(keep_previous=_startup["dirty"]))
    for name in _CAPTURED:
        logging.getLogger(name).addFilter(build.capture)
    logging.getLogger("mkdocs").addHandler(build.counter)
    config["markdown_extensions"].append(sanitize.SanitizeExtension(lambda findings: _on_findings(build, findings)))
    return config


def _on_findings(build: _Build, findings) -> None:
    file, text, generated = build.page or ("(unknown page)", "", False)
    for f in findings:
        if generated and any(e.problem.endswith(f.problem) for e in build.report.errors):
            continue     # a generated page shows a field its YAML check already reported (at its line)
        build.add(file, sanitize.line_of(text, f.needles), f.problem, f.fix)


@event_priority(-1000)  # after static-i18n, which replaces the files of each language pass
def on_files(files, config):
    config._so_build.files = files
    return files


@event_priority(1000)
def on_page_markdown(markdown, page, config, files):
    build: _Build = config._so_build
    gen = page.meta.get("generated_from")
    if gen and (build.root / gen).is_file():
        file, text = gen, (build.root / gen).read_text(encoding="utf-8")
    else:
        file = f"{build.docs.name}/{page.file.src_uri}"
        text = Path(page.file.abs_src_path).read_text(encoding="utf-8") if page.file.abs_src_path else markdown
    build.page = (file, text, bool(gen))
    title = page.meta.get("title")
    if isinstance(title, str):
        _, lines = provenance.front_matter(text) if not gen else ({}, {})
        for f in sanitize.plain_text_problems(title):
            build.add(file, lines.get("title") or sanitize.line_of(text, f.needles), f"`title`: {f.problem}", f.fix)
    return markdown


@event_priority(-1000)
def on_page_content(html, page, config, files):
    """A title taken from the page's first heading (no ``title:`` in the front matter) is checked too."""
    build: _Build = config._so_build
    if not isinstance(page.meta.get("title"), str) and page.title:
        file, text, _ = build.page or ("", "", False)
        for f in sanitize.plain_text_problems(str(page.title)):
            build.add(file, sanitize.line_of(text, f.needles), f"title (first heading): {f.problem}", f.fix)
    return html


def _release(build: _Build) -> None:
    for name in _CAPTURED:
        logging.getLogger(name).removeFilter(build.capture)
    logging.getLogger("mkdocs").removeHandler(build.counter)


def _write_json(build: _Build) -> None:
    path = os.environ.get("SO_REPORT")
    if path:
        Path(path).write_text(json.dumps({"errors": build.report.to_json(), "warnings": build.warnings},
                                         ensure_ascii=False, indent=1), encoding="utf-8")


@event_priority(-1000)  # after static-i18n (-100) has built the other languages and hooks/search.py (-200)
def on_post_build(config):
    if _i18n_building(config):
        return
    build: _Build = config._so_build
    build.done = True
    _release(build)
    _write_json(build)
    if build.report:
        build.output.abort()
        raise PluginError(build.report.render() + "\n\nThe previous output was left as it was.")
    if build.warnings and config["strict"]:
        build.output.abort()       # MkDocs aborts next, naming the warnings above
        log.error("strict mode: the warnings above stop the build; the previous output was left as it was")
        return
    build.output.commit()
    build.committed = True       # hooks/serve.py: what this build recorded becomes the reference
    config["site_dir"] = str(build.output.final)


def on_build_error(error):
    build: _Build | None = _current.get("build")
    if build is None:
        return
    build.output.abort()
    _release(build)
    if build.report and not build.done:
        # the build stopped before the end (e.g. an exception in a language pass): show what was found so far
        build.done = True
        _write_json(build)
        log.error(build.report.render())


def on_shutdown():
    """``mkdocs serve`` stopped: remove the staging folder its incremental builds kept beside the output."""
    build: _Build | None = _current.get("build")
    if build is not None and build.output.keep:
        shutil.rmtree(build.output.staging, ignore_errors=True)
        build.output.kept.unlink(missing_ok=True)
