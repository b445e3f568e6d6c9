"""MkDocs wiring of ``soins_obliges.offline``: after both editions are built (and their search pieces written),
write the service workers, their precache lists, the web app manifests and the icons into the output.

Events (static-i18n runs every event once per language):
- on_config: note the site name and description of the default edition;
- on_files: tell the templates (overrides/main.html) where the worker and the manifest are, and whether pages
  register the worker (not under ``manage.sh serve``: an author must see each edit at once, not a cached copy);
- on_post_build, after hooks/search.py (-200) and before hooks/guard.py (-1000) swaps the output in place:
  ``soins_obliges.offline.build`` on the staged output. A failure stops the build with what to do.
"""
from __future__ import annotations

import logging

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from soins_obliges import offline
from soins_obliges.offline import vendor
from soins_obliges.offline.config import editions

log = logging.getLogger("mkdocs.hooks.soins_obliges.offline")


def _i18n(config):
    return config["plugins"].get("i18n")


def _serving(config) -> bool:
    build = getattr(config, "_so_build", None)
    return bool(getattr(build, "incremental", False))


_first: dict = {}


def on_config(config):
    plugin = _i18n(config)
    if plugin is None or not getattr(plugin, "building", False):   # the default language's pass: its texts
        _first.update(site_name=config["site_name"], description=config.get("site_description") or "")
    return config


def on_files(files, config):
    """This pass's edition: its worker and manifest are at its root (``en/sw.js``); page URLs are relative to
    the site's root in every pass."""
    plugin = _i18n(config)
    lang = getattr(plugin, "current_language", None) or config["theme"]["language"]
    prefix = "" if plugin is None or lang == plugin.default_language else f"{lang}/"
    config["extra"]["so_offline"] = {"sw": prefix + "sw.js", "manifest": prefix + "manifest.webmanifest",
                                     "icons": offline.ICON_DIR, "lang": lang, "register": not _serving(config)}
    return files


@event_priority(-300)
def on_post_build(config):
    plugin = _i18n(config)
    if plugin is not None and getattr(plugin, "building", False):
        return
    if _serving(config) or getattr(config, "_so_report", None):
        return                       # serve: no worker; a failed build: guard.py stops it next
    languages = []
    if plugin is not None:
        for lang in plugin.config.languages:
            languages.append({"locale": lang.locale, "default": lang.locale == plugin.default_language,
                              "build": lang.build, "site_name": lang.site_name,
                              "site_description": getattr(lang, "site_description", None)})
    eds = editions(_first.get("site_name", config["site_name"]), _first.get("description", ""), languages,
                   config["theme"]["language"])
    try:
        result = offline.build(config["site_dir"], eds)
    except (vendor.VendorError, FileNotFoundError) as exc:
        raise PluginError(f"offline: {exc}") from exc
    for lang, entries in result.precache.items():
        size = sum(p.stat().st_size for p in result.files(config["site_dir"], lang))
        log.info(f"offline: {lang} worker precaches {len(entries)} files ({size // 1024} KB), version {result.version}")
