"""Diagram sources: load ``diagrams/<id>.yml``, validate, expose nodes, edges, groups and links.

A diagram file is YAML (the format of the glossary: one file per item, reviewed in pull requests). Every
problem is reported as ``file:line: problem → how to fix``; nothing is dropped silently.
"""
from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import jsonschema

from .. import sanitize, sourcefiles, yamlload
from ..errors import ContentError
from ..provenance import SourcePagesError, parse_source_pages

LANGS = ("fr", "en")
KINDS = ("step", "start", "end", "decision", "measure", "note")
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_PAGE = re.compile(r"^(?P<path>[A-Za-z0-9_./-]+\.md)(?:#(?P<anchor>[A-Za-z0-9_-]+))?$")


@dataclass(frozen=True)
class Text:
    """A label in both languages."""

    fr: str
    en: str

    def get(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en


@dataclass(frozen=True)
class Link:
    """Where a box leads: a glossary concept, or a page of ``docs/`` with an optional heading anchor."""

    raw: str
    concept: str | None = None       # glossary concept id
    page: str | None = None          # docs-relative path, e.g. "02-reponse-penale-et-addictions/spip.md"
    anchor: str | None = None
    line: int = 1                    # line in the diagram file
    where: str = ""                  # what carries it, for error messages ("node `garde-a-vue`")


def parse_link(raw: str, line: int = 1, where: str = "") -> Link:
    """``obligation-de-soins`` → concept; ``path/page.md#anchor`` → page. Raises ValueError when neither."""
    raw = raw.strip()
    if _SLUG.match(raw):
        return Link(raw, concept=raw, line=line, where=where)
    m = _PAGE.match(raw)
    if not m or m.group("path").startswith("/") or ".." in m.group("path").split("/"):
        raise ValueError(raw)
    return Link(raw, page=m.group("path"), anchor=m.group("anchor"), line=line, where=where)


@dataclass
class Edge:
    to: str
    label: Text | None = None
    style: str = "solid"
    line: int = 1
    constraint: bool = True           # layout only: False = does not rank its target below its source


@dataclass
class Node:
    id: str
    label: Text
    kind: str = "step"
    detail: Text | None = None
    link: Link | None = None
    care: list[str] = field(default_factory=list)
    group: str | None = None
    next: list[Edge] = field(default_factory=list)
    after: str | None = None          # layout only: drawn below that node
    line: int = 1


@dataclass
class Group:
    id: str
    label: Text
    link: Link | None = None
    next: list[Edge] = field(default_factory=list)
    line: int = 1


@dataclass
class Care:
    """A care measure shown as a tag on the boxes where it can be ordered."""

    id: str
    label: Text
    link: Link | None = None
    line: int = 1


@dataclass
class Meta:
    title: str
    desc: str
    reconstruction: str = ""
    credit: str = ""


@dataclass
class Table:
    columns: list[str]
    rows: list[list[str]]
    caption: str = ""


@dataclass
class Diagram:
    id: str
    file: str                              # display path, e.g. "diagrams/f8-usage-stupefiants.yml"
    source_pages: list[int] | None
    source_pages_text: str
    meta: dict[str, Meta]
    nodes: list[Node]
    groups: dict[str, Group] = field(default_factory=dict)
    care: dict[str, Care] = field(default_factory=dict)
    direction: str = "TB"
    wrap: int = 22
    table: dict[str, Table] | None = None

    def node(self, node_id: str) -> Node:
        return next(n for n in self.nodes if n.id == node_id)

    def target(self, ident: str) -> Node | Group:
        """The node or group an arrow points to."""
        return self.groups[ident] if ident in self.groups else self.node(ident)

    def members(self, group_id: str) -> list[Node]:
        return [n for n in self.nodes if n.group == group_id]

    def links(self) -> list[Link]:
        """Every link the diagram carries (boxes, groups, care tags), in file order."""
        out = [n.link for n in self.nodes if n.link]
        out += [g.link for g in self.groups.values() if g.link]
        out += [c.link for c in self.care.values() if c.link]
        return sorted(out, key=lambda lk: lk.line)

    @property
    def reconstructed(self) -> bool:
        return bool(self.meta["fr"].reconstruction)


def _schema() -> dict:
    return json.loads(resources.files("soins_obliges.schemas").joinpath("diagram.schema.json").read_text(encoding="utf-8"))


def _schema_errors(data, node, file: str) -> list[ContentError]:
    out = []
    validator = jsonschema.Draft202012Validator(_schema())
    for err in sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]):
        path = list(err.absolute_path)
        line = yamlload.line_of(node, path)
        where = ".".join(str(p) for p in path) or "(top level)"
        if err.validator == "additionalProperties":
            allowed = list(err.schema.get("properties", {}))
            for key in [k for k in (err.instance or {}) if k not in allowed]:
                close = difflib.get_close_matches(key, allowed, n=1)
                out.append(ContentError(file, yamlload.line_of(node, [*path, key]),
                                        f"unknown key `{key}`" + (f" in `{where}`" if path else ""),
                                        f"did you mean `{close[0]}`?" if close else f"allowed keys: {', '.join(allowed)}"))
        elif err.validator == "required":
            missing = err.message.split("'")[1]
            fix = {"en": "add the English label under `en:`", "fr": "add the French label under `fr:`"}.get(
                missing, f"add `{missing}:`")
            out.append(ContentError(file, line, f"missing `{missing}`" + (f" in `{where}`" if path else ""), fix))
        elif err.validator == "dependentRequired":
            out.append(ContentError(file, line, f"`{where}`: {err.message}",
                                    "give an arrow label in both languages (`fr:` and `en:`) or in neither"))
        elif err.validator == "enum":
            out.append(ContentError(file, line, f"`{where}` is {err.instance!r}",
                                    "use one of: " + ", ".join(map(str, err.validator_value))))
        elif err.validator == "pattern" and path and path[-1] == "link":
            out.append(ContentError(file, line, f"`{where}`: cannot read the link {err.instance!r}",
                                    "write a glossary concept id (`obligation-de-soins`) or a page of docs/ "
                                    "(`02-reponse-penale-et-addictions/spip.md#anchor`)"))
        elif err.validator == "pattern":
            out.append(ContentError(file, line, f"`{where}` is {err.instance!r}: ids are lower-case ASCII words "
                                    "joined by hyphens", "e.g. `garde-a-vue`"))
        elif err.validator == "oneOf" and len(path) >= 2 and path[-2] == "next":
            if isinstance(err.instance, dict):
                extra = [k for k in err.instance if k not in ("to", "fr", "en", "style", "constraint")]
                problem = (f"`{where}`: unknown key(s) {', '.join(f'`{k}`' for k in extra)} in an arrow" if extra
                           else f"`{where}`: " + "; ".join(e.message for e in err.context if e.validator != "type"))
                out.append(ContentError(file, line, problem, "an arrow is {to, fr, en, style}; in a `{…}` mapping, "
                                        "quote a label that contains a comma: `fr: \"non respectée, même en partie\"`"))
            else:
                out.append(ContentError(file, line, f"`{where}`: an arrow is a node id or a mapping {{to, fr, en, style}}",
                                        "e.g. `- {to: poursuites, fr: refusée, en: refused}`"))
        elif err.validator in ("minLength", "minItems"):
            out.append(ContentError(file, line, f"`{where}` is empty", "write it, or remove the key"))
        else:
            out.append(ContentError(file, line, f"`{where}`: {err.message}",
                                    "see soins_obliges/schemas/diagram.schema.json"))
    return out


def _text(d: dict) -> Text:
    return Text(str(d["fr"]).strip(), str(d["en"]).strip())


def _markup_errors(data, node, display: str) -> list[ContentError]:
    """Every text of a diagram is plain text (labels are drawn by Graphviz, titles and the text version are HTML
    built by the engine): HTML written in one is refused, not escaped into visible tags or dropped."""
    out = []

    def walk(value, path):
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, [*path, k])
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, [*path, i])
        elif isinstance(value, str):
            for f in sanitize.plain_text_problems(value):
                where = ".".join(str(p) for p in path)
                out.append(ContentError(display, yamlload.line_of(node, path),
                                        f"`{where}`: HTML in a diagram text: « {f.needles[0]} »",
                                        "diagram texts are plain text: remove the < > markup"))
    walk(data, [])
    return out


def load_diagram(path: Path, display: str | None = None) -> tuple[Diagram | None, list[ContentError]]:
    """Read and check one diagram file."""
    display = display or path.as_posix()
    try:
        node = yamlload.load(path, display)
    except yamlload.YamlError as exc:
        return None, [exc.error]
    if not isinstance(node, dict):
        return None, [ContentError(display, 1, "a diagram file must be a YAML mapping (id, source_pages, fr, en, "
                                   "nodes…)", "start from an existing file in diagrams/")]
    data = yamlload.plain(node)
    errors = _schema_errors(data, node, display)
    if errors:
        return None, errors

    def line(*keys) -> int:
        return yamlload.line_of(node, list(keys))

    errors += _markup_errors(data, node, display)

    if data["id"] != path.stem:
        errors.append(ContentError(display, line("id"), f"id `{data['id']}` differs from the file name `{path.stem}`",
                                   f"rename the file to {data['id']}.yml or set `id: {path.stem}`"))
    try:
        pages = parse_source_pages(data["source_pages"])
    except SourcePagesError as exc:
        errors.append(ContentError(display, line("source_pages"), str(exc), 'write printed guide pages like "52" or "43-51"'))
        pages = None
    meta = {lang: Meta(**{k: str(v).strip() for k, v in data[lang].items()}) for lang in LANGS}
    for key in ("reconstruction", "credit"):
        has = [lang for lang in LANGS if getattr(meta[lang], key)]
        if len(has) == 1:
            other = "en" if has == ["fr"] else "fr"
            errors.append(ContentError(display, line(has[0], key), f"`{has[0]}.{key}` has no `{other}.{key}`",
                                       f"write it in both languages"))

    def link(raw, keys, where) -> Link | None:
        if raw is None:
            return None
        return parse_link(raw, line(*keys), where)  # the schema's pattern has already accepted it

    def edges(items, keys) -> list[Edge]:
        out = []
        for j, e in enumerate(items or []):
            e = {"to": e} if isinstance(e, str) else e
            out.append(Edge(e["to"], _text(e) if "fr" in e else None, e.get("style", "solid"), line(*keys, j),
                            bool(e.get("constraint", True))))
        return out

    care = {}
    for key, value in (data.get("care") or {}).items():
        care[key] = Care(key, _text(value), link(value.get("link"), ["care", key, "link"], f"care tag `{key}`"),
                         line("care", key))
    groups: dict[str, Group] = {}
    for i, g in enumerate(data.get("groups") or []):
        if g["id"] in groups:
            errors.append(ContentError(display, line("groups", i, "id"), f"group `{g['id']}` is defined twice",
                                       "give each group its own id"))
        groups[g["id"]] = Group(g["id"], _text(g), link(g.get("link"), ["groups", i, "link"], f"group `{g['id']}`"),
                                edges(g.get("next"), ["groups", i, "next"]), line("groups", i))

    nodes: list[Node] = []
    seen: dict[str, int] = {}
    for i, n in enumerate(data["nodes"]):
        nid = n["id"]
        if nid in seen:
            errors.append(ContentError(display, line("nodes", i, "id"), f"node `{nid}` is defined twice "
                                       f"(first at line {seen[nid]})", "give each node its own id"))
        seen.setdefault(nid, line("nodes", i))
        nodes.append(Node(
            id=nid, label=_text(n), kind=n.get("kind", "step"),
            detail=_text(n["detail"]) if n.get("detail") else None,
            link=link(n.get("link"), ["nodes", i, "link"], f"node `{nid}`"),
            care=list(n.get("care") or []), group=n.get("group"), next=edges(n.get("next"), ["nodes", i, "next"]),
            after=n.get("after"), line=line("nodes", i)))

    ids = [n.id for n in nodes]
    clash = set(ids) & set(groups)
    for c in sorted(clash):
        errors.append(ContentError(display, groups[c].line, f"`{c}` is both a node and a group",
                                   "give the group another id"))
    targets_ok = set(ids) | set(groups)

    def check_edges(owner: str, own_ids: set[str], items: list[Edge]):
        targets = set()
        for e in items:
            if e.to not in targets_ok:
                close = difflib.get_close_matches(e.to, sorted(targets_ok), n=1)
                errors.append(ContentError(display, e.line, f"{owner}: arrow to unknown node or group `{e.to}`",
                                           f"did you mean `{close[0]}`?" if close else "add the node, or fix the id"))
            elif e.to in own_ids:
                errors.append(ContentError(display, e.line, f"{owner}: arrow to itself", "remove it"))
            if e.to in targets:
                errors.append(ContentError(display, e.line, f"{owner}: two arrows to `{e.to}`",
                                           "keep one arrow and put both conditions in its label"))
            targets.add(e.to)

    for i, n in enumerate(nodes):
        for k, c in enumerate(n.care):
            if c not in care:
                close = difflib.get_close_matches(c, list(care), n=1)
                errors.append(ContentError(display, line("nodes", i, "care", k), f"node `{n.id}`: unknown care tag `{c}`",
                                           f"did you mean `{close[0]}`?" if close else
                                           f"define it under `care:` (known: {', '.join(care) or 'none'})"))
        if n.group and n.group not in groups:
            errors.append(ContentError(display, line("nodes", i, "group"), f"node `{n.id}`: unknown group `{n.group}`",
                                       f"define it under `groups:` (known: {', '.join(groups) or 'none'})"))
        if n.after and (n.after not in ids or n.after == n.id):
            errors.append(ContentError(display, line("nodes", i, "after"), f"node `{n.id}`: `after: {n.after}` "
                                       "is not another node", "name the node this box is drawn below, or remove `after`"))
        check_edges(f"node `{n.id}`", {n.id} | ({n.group} if n.group else set()), n.next)
        if n.kind == "decision" and len(n.next) < 2:
            errors.append(ContentError(display, n.line, f"node `{n.id}` is a decision with {len(n.next)} way out",
                                       "give it at least two arrows (`next:`), or make it a `step`"))
    runs = [n.group for k, n in enumerate(nodes) if n.group and (k == 0 or nodes[k - 1].group != n.group)]
    for gid in sorted({g for g in runs if runs.count(g) > 1}):
        first_gap = next(n for k, n in enumerate(nodes) if k and n.group == gid and nodes[k - 1].group != gid
                         and any(m.group == gid for m in nodes[:k]))
        errors.append(ContentError(display, first_gap.line, f"the nodes of group `{gid}` are not next to each other",
                                   "list a group's nodes one after the other (the text version follows the file)"))
    for g in groups.values():
        check_edges(f"group `{g.id}`", {g.id} | {n.id for n in nodes if n.group == g.id}, g.next)
    used_groups = {n.group for n in nodes}
    for g in groups.values():
        if g.id not in used_groups:
            errors.append(ContentError(display, g.line, f"group `{g.id}` has no node", "put nodes in it "
                                       "(`group: " + g.id + "`) or remove it"))
    used_care = {c for n in nodes for c in n.care}
    for c in care.values():
        if c.id not in used_care:
            errors.append(ContentError(display, c.line, f"care tag `{c.id}` is on no node", "tag a node with it "
                                       "(`care: [" + c.id + "]`) or remove it"))

    table = None
    if data.get("table"):
        table = {}
        for lang in LANGS:
            t = data["table"][lang]
            table[lang] = Table([str(c) for c in t["columns"]], [[str(c) for c in r] for r in t["rows"]],
                                str(t.get("caption") or ""))
            for r, row in enumerate(t["rows"]):
                if len(row) != len(t["columns"]):
                    errors.append(ContentError(display, line("table", lang, "rows", r),
                                               f"table `{lang}`: row {r + 1} has {len(row)} cells for "
                                               f"{len(t['columns'])} columns", "give every row one cell per column"))
        if len(table["fr"].rows) != len(table["en"].rows) or len(table["fr"].columns) != len(table["en"].columns):
            errors.append(ContentError(display, line("table"), "the French and English tables differ in shape",
                                       "give both languages the same columns and rows"))

    diagram = Diagram(id=data["id"], file=display, source_pages=pages, source_pages_text=str(data["source_pages"]),
                      meta=meta, nodes=nodes, groups=groups, care=care, direction=data.get("direction", "TB"),
                      wrap=int(data.get("wrap", 22)), table=table)
    return (None if errors else diagram), errors


_LOADED: dict = {}


def load_diagrams(folder: Path, root: Path | None = None) -> tuple[dict[str, Diagram], list[ContentError]]:
    """Every ``*.yml`` of ``folder``; errors of all files together. Remembered while the files stay the same
    (``mkdocs serve`` rebuilds after each edit)."""
    folder = Path(folder)
    stamp = (str(folder.resolve()), str(root), tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size)
                                                            for p in folder.glob("*.y*ml"))) if folder.is_dir() else ())
    if stamp not in _LOADED:
        _LOADED.clear()
        _LOADED[stamp] = _load_diagrams(folder, root)
    diagrams, errors = _LOADED[stamp]
    return dict(diagrams), list(errors)


def _load_diagrams(folder: Path, root: Path | None = None) -> tuple[dict[str, Diagram], list[ContentError]]:
    diagrams: dict[str, Diagram] = {}
    errors: list[ContentError] = []
    if not folder.is_dir():
        return diagrams, errors
    for path in sorted(folder.glob("*.y*ml")):
        if path.suffix not in (".yml", ".yaml"):
            continue
        display = path.relative_to(root).as_posix() if root else path.as_posix()
        bad_name = sourcefiles.name_error(path, display, "diagram")
        d, errs = load_diagram(path, display)
        if bad_name:   # said once, by name; the diagram is still used, so the pages showing it do not cascade
            errs = [bad_name, *(e for e in errs if "differs from the file name" not in e.problem)]
        errors += errs
        if d:
            diagrams[d.id] = d
    return diagrams, errors
