"""The Nu HTML Checker (vnu.jar 26.9.27, from npm's ``vnu-jar``, sha512-pinned in vnu-lock.json, run with Java)
finds no error of our making on a sample of every page type in both editions. The errors that come from Material
for MkDocs itself are listed below with their upstream reference; any other error fails."""
from __future__ import annotations

import collections
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from soins_obliges.offline import vendor

LOCK = Path(__file__).with_name("vnu-lock.json")
SAMPLE = ["index.html", "404.html", "02-reponse-penale-et-addictions/spip/index.html",
          "02-reponse-penale-et-addictions/obligation-de-soins-injonction-therapeutique/index.html",
          "01-addictions-et-addictologie/index.html", "06-annexes/cycle-du-changement/index.html",
          "glossaire/index.html", "glossaire/rechute/index.html", "glossaire/faux-amis/recidive-rechute/index.html",
          "schemas/index.html", "references-juridiques/index.html", "correspondance-guide/index.html",
          "hors-ligne/index.html", "accessibilite/index.html", "a-propos/index.html", "livre/index.html"]
# Material for MkDocs 9.8.2's own markup, kept on purpose upstream
MATERIAL = {
    r"^Attribute “autocomplete” is only allowed when the input type is":
        "the drawer and search toggles (<input type=checkbox autocomplete=off>): squidfunk/mkdocs-material#1513, "
        "kept so that Firefox does not restore their state; validator/validator#1141",
}


# Ours, on purpose: the ARIA roles that soins_obliges.tables puts on tables shown as cards on a phone. A table
# restyled with `display: block` loses its table semantics in Safari and Chromium; explicit roles keep them for
# screen readers (A. Roselli, « Tables, CSS Display Properties, and ARIA »). The HTML standard calls such roles
# redundant on native table elements, hence the checker's error.
DELIBERATE = {
    r"^The “role” attribute must not be used on a “(?:tr|td|th|thead|tbody|tfoot)” element which has a “table” ancestor":
        "soins_obliges/tables.py: roles kept for tables shown as cards (display: block drops table semantics)",
}


def _jar() -> Path:
    (pkg,) = vendor.packages(LOCK)
    path = vendor.cache_dir() / f"vnu-{pkg.version}.jar"
    if not path.exists():
        data = vendor.extract(vendor.tarball(pkg), pkg.files)[pkg.files[0]]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.with_suffix(".part").write_bytes(data)
        path.with_suffix(".part").replace(path)
    return path


def test_no_html_error_of_our_making(site):
    java = shutil.which("java")
    if not java:
        pytest.fail("java not found: the Nu HTML Checker needs it → apt-get install default-jre-headless "
                    "(bash manage.sh test does it)")
    pages = [site / p for p in SAMPLE] + [site / "en" / p for p in SAMPLE]
    assert all(p.is_file() for p in pages), [str(p) for p in pages if not p.is_file()]
    proc = subprocess.run([java, "-Xss8m", "-jar", str(_jar()), "--errors-only", "--format", "json",
                           *map(str, pages)], capture_output=True, text=True, timeout=600)
    messages = json.loads(proc.stderr or proc.stdout)["messages"]
    errors = [m for m in messages if m.get("type") == "error"]
    ours = [m for m in errors if not any(re.search(rx, m["message"]) for rx in (*MATERIAL, *DELIBERATE))]
    deliberate = [m for m in errors if any(re.search(rx, m["message"]) for rx in DELIBERATE)]
    kinds = collections.Counter(re.sub(r"“[^”]*”", "…", m["message"])[:90] for m in errors)
    print(f"\nNu HTML Checker: {len(pages)} pages, {len(errors)} errors of {len(kinds)} kinds, "
          f"{len(errors) - len(ours) - len(deliberate)} from Material (listed upstream), {len(deliberate)} deliberate "
          f"(table roles), {len(ours)} other")
    assert not ours, "\n".join(f"{m['url'].split(str(site))[-1]}:{m.get('lastLine')}: {m['message']}"
                               for m in ours[:15])
    assert proc.returncode in (0, 1)


def test_the_checker_reports_an_error_of_ours(tmp_path):
    java = shutil.which("java")
    if not java:
        pytest.fail("java not found → apt-get install default-jre-headless")
    bad = tmp_path / "bad.html"
    bad.write_text('<!doctype html><html lang="fr"><head><title>t</title></head><body><p id="a"></p><p id="a">'
                   '</p><label tabindex="">x</label></body></html>', encoding="utf-8")
    proc = subprocess.run([java, "-Xss8m", "-jar", str(_jar()), "--errors-only", "--format", "json", str(bad)],
                          capture_output=True, text=True, timeout=120)
    messages = [m["message"] for m in json.loads(proc.stderr or proc.stdout)["messages"]]
    assert any("Duplicate ID" in m for m in messages) and any("tabindex" in m for m in messages)
