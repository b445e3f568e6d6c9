"""Shared fixtures: the real site built once per session (strict), a local server, Debian's Chromium."""
from __future__ import annotations

import functools
import hashlib
import http.server
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
SITE_PARTS = ("mkdocs.yml", "docs", "glossary", "hooks", "overrides", "diagrams", "data")


LAYERS = ("unit", "build", "browser")


def layer_of(path) -> str | None:
    """The folder of a test is its layer: tests/unit, tests/build, tests/browser."""
    parts = Path(str(path)).resolve().relative_to(ROOT / "tests").parts
    return parts[0] if parts and parts[0] in LAYERS else None


def pytest_collection_modifyitems(config, items):
    for item in items:
        layer = layer_of(item.fspath)
        if layer:
            item.add_marker(getattr(pytest.mark, layer))


def is_full_run(config) -> bool:
    """The README's test command: no -m, no -k, no path narrower than tests/."""
    if config.option.markexpr or config.option.keyword:
        return False
    args = [a.split("::")[0] for a in config.args if not a.startswith("-")]
    return all(Path(config.invocation_params.dir, a).resolve() == ROOT / "tests" for a in args)


def pytest_collection_finish(session):
    """Guard: a full run must collect every layer. pytest once skipped tests/build/ silently (its default
    norecursedirs holds `build`), and CI stayed green while a whole layer never ran."""
    counts = {layer: 0 for layer in LAYERS}
    for item in session.items:
        layer = layer_of(item.fspath)
        if layer:
            counts[layer] += 1
    session.config._so_layer_counts = counts
    empty = [layer for layer, n in counts.items() if n == 0]
    if empty and is_full_run(session.config):
        raise pytest.UsageError(
            f"test layer(s) collected no test: {', '.join(empty)} (tests/{empty[0]}/) → check `norecursedirs` "
            f"and `testpaths` in pyproject.toml, and that the folder's files are named test_*.py")


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """How many tests ran in each layer, so that a layer that did not run shows."""
    counts = getattr(config, "_so_layer_counts", None)
    if counts is None:
        return
    outcomes: dict[str, dict[str, int]] = {layer: {} for layer in LAYERS}
    for outcome in ("passed", "failed", "skipped", "error", "xfailed", "xpassed"):
        for rep in terminalreporter.stats.get(outcome, []):
            if getattr(rep, "when", "call") != "call" and outcome == "passed":
                continue
            layer = layer_of(ROOT / rep.nodeid.split("::")[0]) if hasattr(rep, "nodeid") else None
            if layer:
                outcomes[layer][outcome] = outcomes[layer].get(outcome, 0) + 1
    terminalreporter.section("tests per layer")
    for layer in LAYERS:
        got = ", ".join(f"{n} {k}" for k, n in outcomes[layer].items()) or "none ran"
        terminalreporter.write_line(f"{layer:8} {counts[layer]:4} collected · {got}")


def run_build(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([*MKDOCS, "build", "--strict", "-d", str(site_dir)], cwd=project,
                          capture_output=True, text=True, env=env, timeout=900)


def copy_project(dest: Path) -> Path:
    """A throw-away copy of everything the build reads, to break on purpose."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in SITE_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("glossaire", ".cache"))
        elif src.exists():
            shutil.copy2(src, dest / part)
    return dest


MINI = ROOT / "tests" / "fixtures" / "mini"


def replace(path: Path, old: str, new: str, count: int = 1) -> None:
    """Edit a file of a throw-away project (the text must be there)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def snapshot(folder: Path) -> dict[str, str]:
    """Every file of a folder and the hash of its bytes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def make_mini(dest: Path) -> Path:
    """A small site built like the real one (its mkdocs.yml with a shorter nav, its hooks, theme overrides and
    assets) from tests/fixtures/mini and the test glossary: a build takes seconds. For tests that break a build."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "hooks", dest / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    shutil.copytree(MINI / "docs", dest / "docs")
    shutil.copytree(ROOT / "docs" / "assets", dest / "docs" / "assets")
    for page in ("hors-ligne.md", "hors-ligne.en.md"):   # the offline fallback page every edition's worker needs
        shutil.copy2(ROOT / "docs" / page, dest / "docs" / page)
    shutil.copytree(MINI / "diagrams", dest / "diagrams")
    shutil.copytree(ROOT / "tests" / "fixtures" / "glossary", dest / "glossary")
    cfg = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    start, end = cfg.index("\nnav:\n"), cfg.index("\ntheme:\n")
    nav = ("\nnav:\n  - Accueil: index.md\n  - chapitre.md\n  - Glossaire: glossaire/index.md\n  - Schémas: schemas.md\n"
           "  - references-juridiques.md\n  - Correspondance avec le guide: correspondance-guide.md\n")
    (dest / "mkdocs.yml").write_text(cfg[:start] + nav + cfg[end:], encoding="utf-8")
    return dest


# What a built page may execute: the theme's and overrides' inline scripts, and these files (tests/build/test_safety.py)
INLINE_SCRIPTS = ('(function(){var d=document.querySelector(\'[data-md-component="search"]',   # overrides/main.html
                  "(function(){var open=false,wait=[];",                                   # main.html: lazy search
                  "var target=document.getElementById(location.hash", "var palette=__md_get(",  # Material
                  "__md_scope=new URL(")
SCRIPT_FILES = re.compile(r"^(?:\.\./|/)*assets/(?:popover|glossary|glossary-index|legal|diagrams|offline)\.js$"
                          r"|^(?:\.\./|/)*assets/javascripts/bundle\.[0-9a-f]+\.min\.js$")


def audit_html(text: str) -> list[str]:
    """Everything in a built page that could run script and is not the theme's: event-handler attributes,
    javascript:/vbscript:/data: URLs, unknown inline scripts or script files, iframes, objects, embeds."""
    from html.parser import HTMLParser

    problems: list[str] = []

    class P(HTMLParser):
        inline = None

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            for k, v in attrs:
                if k.startswith("on"):
                    problems.append(f"<{tag} {k}=…>")
                if v and re.sub(r"[\x00-\x20]", "", v).lower().startswith(("javascript:", "vbscript:", "data:text")):
                    problems.append(f"<{tag} {k}={v[:40]!r}>")
            if tag in ("iframe", "object", "embed", "frame", "base"):
                problems.append(f"<{tag}>")
            if tag == "script":
                if a.get("src"):
                    if not SCRIPT_FILES.match(a["src"]):
                        problems.append(f"<script src={a['src']!r}>")
                elif (a.get("type") or "text/javascript") in ("text/javascript", "module", "application/javascript"):
                    self.inline = ""

        def handle_data(self, data):
            if self.inline is not None:
                self.inline += data

        def handle_endtag(self, tag):
            if tag == "script" and self.inline is not None:
                if not self.inline.strip().startswith(INLINE_SCRIPTS):
                    problems.append(f"inline <script>{self.inline.strip()[:60]!r}")
                self.inline = None

    P(convert_charrefs=True).feed(text)
    return problems


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once per test session with ``mkdocs build --strict``. SO_TEST_SITE=<folder> reuses a
    site built beforehand (while iterating on browser tests; CI always builds)."""
    if os.environ.get("SO_TEST_SITE") and not os.environ.get("CI"):
        return Path(os.environ["SO_TEST_SITE"])
    out = tmp_path_factory.mktemp("site")
    proc = run_build(ROOT, out)
    if proc.returncode != 0:
        pytest.fail(f"strict build failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-8000:]}")
    return out


@pytest.fixture
def project_copy(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def server(site):
    """Serve the built site on 127.0.0.1 at a free port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (bash manage.sh test does it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield _NoWorkers(b)
        b.close()


class _NoWorkers:
    """The browser, whose new pages and contexts block service workers unless a test asks for them
    (``service_workers="allow"``, tests/browser/test_offline.py): each page would otherwise download the offline
    copy (the whole glossary and search, ≈ 1,000 files) in the background of tests about something else."""

    def __init__(self, browser):
        self._browser = browser

    def new_page(self, **kw):
        kw.setdefault("service_workers", "block")
        return self._browser.new_page(**kw)

    def new_context(self, **kw):
        kw.setdefault("service_workers", "block")
        return self._browser.new_context(**kw)

    def __getattr__(self, name):
        return getattr(self._browser, name)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
