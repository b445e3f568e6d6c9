"""The editions of the site, from the MkDocs configuration (``mkdocs.yml``, static-i18n's ``languages``)."""
from __future__ import annotations

from pathlib import Path

import yaml

from .manifest import Edition


class _Loose(yaml.SafeLoader):
    """mkdocs.yml may hold MkDocs' own tags (``!ENV``, ``!!python/name:``): read them as plain values."""


_Loose.add_multi_constructor("", lambda loader, suffix, node: None)
_Loose.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def short(name: str) -> str:
    """« Soins obligés — santé & justice » → « Soins obligés » (the home-screen label)."""
    return name.split(" — ")[0].strip()


def editions(site_name: str, description: str, languages: list[dict], default: str = "fr") -> list[Edition]:
    """``languages``: static-i18n's list (``locale``, ``default``, ``build``, optional ``site_name`` and
    ``site_description``). Without i18n, one edition in ``default``."""
    out = []
    for lang in languages or [{"locale": default, "default": True}]:
        if lang.get("build") is False:
            continue
        name = lang.get("site_name") or site_name
        prefix = "" if lang.get("default") else f"{lang['locale']}/"
        out.append(Edition(lang["locale"], prefix, name, short(name),
                           " ".join((lang.get("site_description") or description or "").split())))
    return sorted(out, key=lambda e: e.prefix)


def editions_from_mkdocs(path: Path) -> list[Edition]:
    cfg = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_Loose) or {}
    i18n = {}
    for plugin in cfg.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            i18n = plugin["i18n"] or {}
    lang = (cfg.get("theme") or {}).get("language", "fr")
    return editions(cfg.get("site_name", ""), cfg.get("site_description", ""), i18n.get("languages") or [], lang)
