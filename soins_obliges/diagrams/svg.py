"""DOT → small, themable SVG with Graphviz's ``dot``; renders cached by content hash.

Post-processing of Graphviz's SVG:
- placeholder colours (``dot.PALETTE``) become CSS classes (``f-<role>`` fill, ``s-<role>`` stroke) with a plain
  fallback colour, so the site's light/dark palettes and print styles apply;
- no fonts, ids, per-element ``<title>``s, comments or background: the page's font (CSS) is used;
- text lines of boxes are centred on their cell, so a site font narrower than the layout font stays centred;
- ``xlink:href`` → ``href`` (SVG 2), link tooltips removed;
- the size is given in CSS pixels (1 Graphviz point = 1 px), so 14-pt labels are 14-px text.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from .dot import PALETTE

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)

INSTALL_HINT = ("install Graphviz: `apt-get install graphviz` on Debian/Ubuntu (`bash manage.sh install` does it), "
                "`brew install graphviz` on macOS; then check that `dot -V` works")
TITLE_ID, DESC_ID = "@SO-TITLE@", "@SO-DESC@"

_PH_ROLE = {ph.lower(): role for role, (ph, _) in PALETTE.items()}
_FALLBACK = {role: fb for role, (_, fb) in PALETTE.items()}
_NUM = re.compile(r"(-?\d+\.\d)\d+")
_PAIR = re.compile(r"(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)")
_DOT_LINE = re.compile(r"line (\d+)")


class RendererMissing(RuntimeError):
    """Graphviz's ``dot`` is not installed."""

    def __init__(self, detail: str = ""):
        super().__init__(f"Graphviz (`dot`) is needed to draw the diagrams but was not found{detail} → {INSTALL_HINT}")


class RenderError(RuntimeError):
    """Graphviz refused the diagram; ``dot_line`` is the DOT line it names, if any."""

    def __init__(self, message: str, dot_line: int | None = None):
        super().__init__(message)
        self.message, self.dot_line = message, dot_line


def _tag(el) -> str:
    return el.tag.rsplit("}", 1)[-1]


def _x_bounds(el) -> tuple[float, float] | None:
    xs = [float(m.group(1)) for m in _PAIR.finditer(el.get("points") or el.get("d") or "")]
    return (min(xs), max(xs)) if xs else None


def postprocess(svg: str | bytes) -> str:
    """Graphviz SVG → the site's SVG (see the module docstring). The root carries ``@SO-TITLE@``/``@SO-DESC@``
    placeholders for the ids of ``<title>``/``<desc>``, filled in per page."""
    root = ET.fromstring(svg if isinstance(svg, bytes) else svg.encode("utf-8"))
    vb = [float(v) for v in root.get("viewBox", "0 0 0 0").split()]
    width, height = round(vb[2]), round(vb[3])
    parents = {child: parent for parent in root.iter() for child in parent}

    for el in list(root.iter()):
        tag = _tag(el)
        if tag == "title":
            parents[el].remove(el)
            continue
        el.attrib.pop("id", None)
        el.attrib.pop("font-family", None)
        classes = (el.get("class") or "").split()
        for attr, prefix in (("fill", "f"), ("stroke", "s")):
            value = (el.get(attr) or "").lower()
            if value in _PH_ROLE:
                role = _PH_ROLE[value]
                classes.append(f"{prefix}-{role}")
                el.set(attr, _FALLBACK[role])
            elif value == "transparent" and attr == "stroke":
                del el.attrib[attr]
        if classes:
            el.set("class", " ".join(dict.fromkeys(classes)))
        if tag == "a":
            href = el.attrib.pop(f"{{{XLINK_NS}}}href", None)
            el.attrib.pop(f"{{{XLINK_NS}}}title", None)
            el.attrib.pop("target", None)
            if href:
                el.set("href", href)
        if el.get("font-size"):
            el.set("font-size", el.get("font-size").replace(".00", ""))
        for attr in ("points", "d"):
            if el.get(attr):
                el.set(attr, _NUM.sub(r"\1", el.get(attr)))
        if tag == "text":
            for attr in ("x", "y"):
                el.set(attr, _NUM.sub(r"\1", el.get(attr, "0")))

    # the graph's background polygon, and the scale/rotate no-ops of the top group
    graph = next((g for g in root if _tag(g) == "g"), None)
    if graph is not None:
        transform = graph.get("transform", "")
        m = re.search(r"translate\(([^)]*)\)", transform)
        if m:
            graph.set("transform", f"translate({m.group(1)})")
        for el in list(graph):
            if _tag(el) == "polygon" and el.get("fill") in ("transparent", "white", "none"):
                graph.remove(el)
                break

    # centre the text lines of table cells on their cell (Graphviz writes them left-anchored, placed for its font)
    for group in root.iter(f"{{{SVG_NS}}}g"):
        if "node" not in (group.get("class") or "").split():
            continue
        bounds = None
        for el in list(group.iter()):
            tag = _tag(el)
            cls = (el.get("class") or "").split()
            if tag in ("polygon", "path") and ("f-cell" in cls or "f-tint" in cls):
                bounds = _x_bounds(el)
                if "f-cell" in cls:
                    parent = parents[el]
                    if _tag(parent) == "a":       # keep it as the link's tap area
                        el.set("fill", "transparent")
                        el.attrib.pop("class", None)
                    else:
                        parent.remove(el)
            elif tag == "text" and el.get("text-anchor") == "start" and bounds:
                el.set("x", f"{(bounds[0] + bounds[1]) / 2:g}")
                el.set("text-anchor", "middle")

    for attr in ("width", "height", "viewBox", "preserveAspectRatio"):
        root.attrib.pop(attr, None)
    ordered = {"class": "so-diagram__svg", "width": str(width), "height": str(height),
               "viewBox": f"0 0 {width} {height}", "role": "group",
               "aria-labelledby": TITLE_ID, "aria-describedby": DESC_ID}
    rest = dict(root.attrib)
    root.attrib.clear()
    root.attrib.update(ordered)
    root.attrib.update(rest)
    out = ET.tostring(root, encoding="unicode")
    out = out.replace(' xmlns:xlink="http://www.w3.org/1999/xlink"', "")
    out = re.sub(r">\s+<", "><", out)
    return out


_dot_version: str | None = None


def dot_executable() -> str:
    exe = shutil.which("dot")
    if not exe:
        raise RendererMissing()
    return exe


def dot_version() -> str:
    """``dot -V`` (part of the cache key: a new Graphviz renders anew)."""
    global _dot_version
    if _dot_version is None:
        try:
            proc = subprocess.run([dot_executable(), "-V"], capture_output=True, text=True, timeout=30)
        except OSError as exc:
            raise RendererMissing(f" ({exc})") from None
        _dot_version = (proc.stderr or proc.stdout).strip()
    return _dot_version


def run_dot(dot_source: str, fmt: str = "svg") -> bytes:
    """Graphviz's output (SVG, or ``fmt``) for a DOT source. Any error or warning from ``dot`` raises RenderError."""
    try:
        proc = subprocess.run([dot_executable(), f"-T{fmt}"], input=dot_source.encode("utf-8"), capture_output=True,
                              timeout=120)
    except OSError as exc:
        raise RendererMissing(f" ({exc})") from None
    except subprocess.TimeoutExpired:
        raise RenderError("Graphviz took more than 120 s") from None
    message = proc.stderr.decode("utf-8", "replace").strip()
    if proc.returncode != 0 or message:
        m = _DOT_LINE.search(message)
        raise RenderError(message or f"dot exited with status {proc.returncode}", int(m.group(1)) if m else None)
    return proc.stdout


_CODE_HASH = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]


def cache_key(dot_source: str) -> str:
    h = hashlib.sha256()
    for part in (_CODE_HASH, dot_version(), dot_source):
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()[:24]


def measure_json(graphviz_json: bytes | str) -> dict:
    """Graphviz's ``-Tjson`` output → what the layout step needs: ``{"width": px, "height": px, "nodes":
    {name: [x, y, width]}}`` in CSS px (= points), ``x``/``y`` the box's centre, with the SVG's padding counted."""
    data = json.loads(graphviz_json)
    x0, y0, x1, y1 = (float(v) for v in data["bb"].split(","))
    pad = float(data.get("pad", 0.0555)) * 72        # Graphviz's default pad: 4 points
    nodes = {}
    for obj in data.get("objects", []):
        if "pos" in obj and "width" in obj:           # boxes (clusters have a "bb", no "pos")
            x, y = (float(v) for v in obj["pos"].split(","))
            nodes[obj["name"]] = [x, y, float(obj["width"]) * 72]
    return {"width": round(x1 - x0 + 2 * pad), "height": round(y1 - y0 + 2 * pad), "nodes": nodes}


class Renderer:
    """Renders DOT sources to post-processed SVG, with a memory cache and an optional disk cache
    (``cache_dir``): an unchanged diagram is read back, never drawn again. ``measure`` gives the size and the box
    positions of a layout (cached the same way), for ``soins_obliges.diagrams.fit``."""

    def __init__(self, cache_dir: Path | None = None):
        self.cache_dir = cache_dir
        self.memory: dict[str, str] = {}
        self.measured: dict[str, dict] = {}
        self.stats = {"rendered": 0, "disk": 0, "memory": 0}
        self.measure_stats = {"measured": 0, "disk": 0, "memory": 0}

    def _cached(self, key: str, suffix: str, stats: dict, compute, counter: str) -> str:
        path = self.cache_dir / f"{key}{suffix}" if self.cache_dir else None
        if path and path.exists():
            stats["disk"] += 1
            return path.read_text(encoding="utf-8")
        text = compute()
        stats[counter] += 1
        if path:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(tmp, path)
        return text

    def render(self, dot_source: str) -> str:
        key = cache_key(dot_source)
        if key in self.memory:
            self.stats["memory"] += 1
            return self.memory[key]
        svg = self._cached(key, ".svg", self.stats, lambda: postprocess(run_dot(dot_source)), "rendered")
        self.memory[key] = svg
        return svg

    def measure(self, dot_source: str) -> dict:
        """Size and box positions of the layout of ``dot_source`` (see ``measure_json``)."""
        key = cache_key(dot_source)
        if key in self.measured:
            self.measure_stats["memory"] += 1
            return self.measured[key]
        text = self._cached(key, ".layout.json", self.measure_stats,
                            lambda: json.dumps(measure_json(run_dot(dot_source, "json"))), "measured")
        self.measured[key] = json.loads(text)
        return self.measured[key]
