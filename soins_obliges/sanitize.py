"""The one sanitizer: everything from the content that reaches HTML is checked against an allow-list.

The allow-list is applied by ``nh3`` (the Python bindings of ammonia, the Rust HTML sanitizer, which parses like
a browser with html5ever). A fragment is safe when the sanitizer keeps it as it is. To say *what* it would remove,
the fragment is cleaned twice by the same parser: once with the site's allow-list, once with a permissive policy
that keeps every element and attribute (so that it only normalises the markup); the elements and attributes the
first lacks are the findings: ``<script>``, ``<iframe>``, an ``onerror`` attribute, a ``javascript:`` link…
whatever the case, entities or spaces used to hide them.

Content is never silently rewritten: a finding stops the build with ``file:line: what → how to fix``
(``Finding.problem``/``fix``). Fragments the engine itself builds from checked data (diagram SVG, popover JSON)
are put on a page through ``trusted()``, which marks them with a per-process secret so the check skips exactly
them and nothing a content file could write.

- ``check(html)`` → findings, for one fragment (a definition, a title, a page body);
- ``SanitizeExtension(on_error)``: Python-Markdown extension that checks each converted page (last postprocessor);
- ``trusted(md, html)``: stash a fragment the engine built, exempt from the check;
- ``plain_text_problems(text)``: for fields that must be plain text (titles, names in the navigation).
"""
from __future__ import annotations

import difflib
import html as _html
import re
import secrets
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Callable

import nh3
from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor

# ------------------------------------------------------------------------------------------------ the allow-list

TAGS = {
    "a", "abbr", "b", "bdi", "blockquote", "br", "button", "caption", "cite", "code", "col", "colgroup", "dd", "del",
    "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i",
    "img", "ins", "kbd", "li", "mark", "nav", "ol", "p", "pre", "q", "s", "samp", "section", "small", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
    "var", "wbr",
}
ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir", "hidden", "role", "tabindex"},
    "a": {"href", "hreflang", "rel"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "style", "scope"},
    "col": {"span"}, "colgroup": {"span"},
    "ol": {"start", "type", "reversed"}, "li": {"value"},
    "details": {"open"}, "time": {"datetime"},
    "blockquote": {"cite"}, "q": {"cite"}, "del": {"cite", "datetime"}, "ins": {"cite", "datetime"},
    "button": {"type"},
}
PREFIXES = {"data-", "aria-"}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
STYLE_PROPERTIES = {"text-align"}     # what Markdown tables write on cells

_POLICY = nh3.Cleaner(tags=TAGS, attributes=ATTRIBUTES, generic_attribute_prefixes=PREFIXES, url_schemes=URL_SCHEMES,
                      link_rel=None, strip_comments=False, filter_style_properties=STYLE_PROPERTIES)

# The permissive policy knows every element and attribute a browser acts on, so that it only normalises.
_ALL_TAGS = TAGS | {
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "param", "base", "link", "meta",
    "form", "input", "textarea", "select", "option", "optgroup", "label", "fieldset", "legend", "output", "datalist",
    "svg", "math", "audio", "video", "source", "track", "picture", "canvas", "map", "area", "template", "slot",
    "dialog", "menu", "portal", "noscript", "noembed", "noframes", "xmp", "plaintext", "listing", "marquee", "blink",
    "title", "head", "body", "html", "main", "article", "aside", "header", "footer", "address", "hgroup", "search",
    "font", "center", "big", "tt", "strike", "nobr", "acronym", "data", "meter", "progress", "ruby", "rt", "rp", "bdo",
}
_EVENTS = {
    "onabort", "onafterprint", "onanimationend", "onanimationiteration", "onanimationstart", "onauxclick",
    "onbeforeinput", "onbeforeprint", "onbeforetoggle", "onbeforeunload", "onbegin", "onblur", "oncancel",
    "oncanplay", "oncanplaythrough", "onchange", "onclick", "onclose", "oncontextmenu", "oncopy", "oncuechange",
    "oncut", "ondblclick", "ondrag", "ondragend", "ondragenter", "ondragleave", "ondragover", "ondragstart", "ondrop",
    "ondurationchange", "onemptied", "onend", "onended", "onerror", "onfocus", "onfocusin", "onfocusout",
    "onformdata", "onfullscreenchange", "onhashchange", "oninput", "oninvalid", "onkeydown", "onkeypress", "onkeyup",
    "onlanguagechange", "onload", "onloadeddata", "onloadedmetadata", "onloadstart", "onmessage", "onmousedown",
    "onmouseenter", "onmouseleave", "onmousemove", "onmouseout", "onmouseover", "onmouseup", "onmousewheel",
    "onoffline", "ononline", "onpagehide", "onpageshow", "onpaste", "onpause", "onplay", "onplaying",
    "onpointercancel", "onpointerdown", "onpointerenter", "onpointerleave", "onpointermove", "onpointerout",
    "onpointerover", "onpointerup", "onpopstate", "onprogress", "onratechange", "onrepeat", "onreset", "onresize",
    "onscroll", "onscrollend", "onsearch", "onsecuritypolicyviolation", "onseeked", "onseeking", "onselect",
    "onselectionchange", "onselectstart", "onshow", "onslotchange", "onstalled", "onstorage", "onsubmit",
    "onsuspend", "ontimeupdate", "ontoggle", "ontouchcancel", "ontouchend", "ontouchmove", "ontouchstart",
    "ontransitionend", "onunload", "onvolumechange", "onwaiting", "onwheel",
}
_URL_ATTRS = {"href", "src", "xlink:href", "action", "formaction", "data", "poster", "cite", "background",
              "srcset", "codebase", "ping", "manifest", "longdesc", "lowsrc", "dynsrc", "usemap"}
_COMMON_ATTRS = {"style", "srcdoc", "target", "name", "value", "content", "http-equiv", "type", "xmlns", "is",
                 "form", "autofocus", "contenteditable", "draggable", "slot", "part", "nonce", "integrity",
                 "crossorigin", "referrerpolicy", "sandbox", "allow", "allowfullscreen", "download", "for"}
_ALL_SCHEMES = URL_SCHEMES | {"javascript", "vbscript", "data", "file", "ftp", "blob", "filesystem", "about",
                              "chrome", "view-source", "jar", "ws", "wss", "intent", "livescript", "mocha"}


def _permissive(attrs: set[str]) -> nh3.Cleaner:
    names = attrs | _EVENTS | _URL_ATTRS | _COMMON_ATTRS | set().union(*ATTRIBUTES.values())
    names = {n for n in names if not n.startswith(tuple(PREFIXES))}
    return nh3.Cleaner(tags=_ALL_TAGS, clean_content_tags=set(), attributes={"*": names},
                       generic_attribute_prefixes=PREFIXES, url_schemes=_ALL_SCHEMES, link_rel=None,
                       strip_comments=False)


# ------------------------------------------------------------------------------------------------ checking

@dataclass(frozen=True)
class Finding:
    """One thing the allow-list refuses. ``needles``: texts to look for in the source, to give its line (the first
    found wins: the exact value, then less precise ones)."""

    problem: str
    fix: str
    needles: tuple[str, ...]


class _Tags(HTMLParser):
    """Start tags in order, with their attributes: what the page asks the browser to build."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[tuple[str, str], ...]]] = []
        self.names: set[str] = set()
        self.raw: list[str] = []          # each start tag as written

    def handle_starttag(self, tag, attrs):
        self.names.update(a for a, _ in attrs)
        self.tags.append((tag, tuple(sorted((a, _style(v) if a == "style" else (v or "")) for a, v in attrs))))
        self.raw.append(self.get_starttag_text() or "")

    handle_startendtag = handle_starttag


def _style(value: str | None) -> str:
    """``text-align: left;`` and ``text-align:left`` are the same style."""
    pairs = [p.split(":", 1) for p in (value or "").split(";") if ":" in p]
    return ";".join(sorted(f"{k.strip().lower()}:{v.strip()}" for k, v in pairs))


def _tags(html: str) -> _Tags:
    p = _Tags()
    p.feed(html)
    p.close()
    return p


def _short(value: str, n: int = 60) -> str:
    value = " ".join(value.split())
    return value if len(value) <= n else value[: n - 1] + "…"


def _attr_finding(tag: str, name: str, value: str) -> Finding:
    if name.startswith("on"):
        return Finding(f"event-handler attribute `{name}` on <{tag}> (it runs script in readers' browsers)",
                       f"remove `{name}=…`: content cannot carry script", (f"{name}=", name))
    if name in _URL_ATTRS:
        scheme = re.sub(r"[\x00-\x20]", "", _html.unescape(value)).split(":", 1)[0].lower() if ":" in value else ""
        if scheme and scheme not in URL_SCHEMES:
            return Finding(f"`{scheme}:` URL in `{name}` of <{tag}>: « {_short(value)} »",
                           "link to a page of the site (relative path) or to an http(s) or mailto: address",
                           (value, value[:12], scheme[:4], f"{name}="))
        return Finding(f"URL not allowed in `{name}` of <{tag}>: « {_short(value)} »",
                       "use a relative path or an http(s) or mailto: address", (value, f"{name}="))
    if name == "style":
        return Finding(f"inline style on <{tag}>: « {_short(value)} »",
                       "remove `style=…`: presentation belongs to docs/assets/site.css", ("style=",))
    return Finding(f"attribute `{name}` is not allowed on <{tag}>",
                   f"remove `{name}=…` (allowed on every element: {', '.join(sorted(ATTRIBUTES['*']))}, data-*, aria-*)",
                   (f"{name}=", name))


def _tag_finding(tag: str) -> Finding:
    danger = {"script": "it runs script", "iframe": "it embeds another page", "object": "it embeds a plug-in",
              "embed": "it embeds a plug-in", "style": "it restyles the whole site", "form": "it posts data",
              "base": "it redirects every link", "meta": "it can redirect the page", "link": "it loads a resource"}
    why = f" ({danger[tag]})" if tag in danger else ""
    return Finding(f"HTML element <{tag}> is not allowed in content{why}",
                   f"remove the <{tag}> element; write Markdown, or HTML from the allowed list "
                   f"(e.g. <abbr>, <br>, <sup>, <details>)", (f"<{tag}",))


_ATTR_NAME = re.compile(r"[\s/\"']([^\s\"'<>/=]+)(?=\s*=|[\s/>])")
_START_TAG = re.compile(r"<[a-zA-Z][^>]*>")


def _attr_names(fragment: str) -> frozenset[str]:
    """Attribute names written in the fragment (so that the normalising pass keeps even unknown ones)."""
    names = set()
    for tag in _START_TAG.findall(fragment):
        names.update(n.lower() for n in _ATTR_NAME.findall(tag))
    return frozenset(names)


_PERMISSIVE: dict[frozenset, nh3.Cleaner] = {}


def check(fragment: str) -> list[Finding]:
    """What the allow-list would remove from ``fragment`` (HTML). Empty: the fragment is safe as it is."""
    if "<" not in fragment:
        return []
    names = _attr_names(fragment)
    if names not in _PERMISSIVE:
        _PERMISSIVE[names] = _permissive(set(names))
    normal_html, kept_html = _PERMISSIVE[names].clean(fragment), _POLICY.clean(fragment)
    if normal_html == kept_html:        # the usual case: nothing refused, no need to say what
        return []
    normal, kept = _tags(normal_html).tags, _tags(kept_html).tags
    original = _tags(fragment)

    def written(tag: str, name: str, value: str) -> tuple[str, ...]:
        """The start tag as the content wrote it (the best needle to find its line)."""
        for (t, attrs), raw in zip(original.tags, original.raw):
            if t == tag and (name, value) in attrs:
                return (raw,)
        return ()
    out: list[Finding] = []
    sm = difflib.SequenceMatcher(a=normal, b=kept, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        a, b = normal[i1:i2], kept[j1:j2]
        kept_by_tag: dict[str, list[dict]] = {}
        for tag, attrs in b:
            kept_by_tag.setdefault(tag, []).append(dict(attrs))
        for tag, attrs in a:
            if kept_by_tag.get(tag):
                left = kept_by_tag[tag].pop(0)
                for name, value in attrs:
                    if left.get(name) != value:
                        f = _attr_finding(tag, name, value)
                        out.append(Finding(f.problem, f.fix, written(tag, name, value) + f.needles))
            else:
                out.append(_tag_finding(tag))
    # the same finding once per fragment
    return list(dict.fromkeys(out))


def plain_text_problems(text: str) -> list[Finding]:
    """A field shown as plain text in the navigation and the page's <title> (page and section titles): no HTML."""
    if not isinstance(text, str):
        return []
    m = re.search(r"<\s*/?\s*[a-zA-Z!][^>]*>?", text)
    if m:
        return [Finding(f"HTML in a title: « {_short(m.group(0))} » (titles are shown as text in the navigation of "
                        "every page)", "write the title as plain text, without < >", (m.group(0),))]
    return []


# ------------------------------------------------------------------------------------------------ trusted fragments

_NONCE = secrets.token_hex(8)
_OPEN, _CLOSE = f"<!--so-trusted-{_NONCE}-->", f"<!--/so-trusted-{_NONCE}-->"
_TRUSTED = re.compile(re.escape(_OPEN) + ".*?" + re.escape(_CLOSE), re.S)


def trusted(md: Markdown, html: str) -> str:
    """Stash a fragment the engine built (from data it checked) so the page check skips it; returns the
    placeholder to put in the Markdown lines or the tree. The marks are removed after the check (or at the end,
    where no check is registered)."""
    if "so_sanitize_unmark" not in md.postprocessors:
        md.postprocessors.register(_Unmark(md), "so_sanitize_unmark", -101)
    return md.htmlStash.store(f"{_OPEN}{html}{_CLOSE}")


class _Unmark(Postprocessor):
    def run(self, text: str) -> str:
        return unmark(text)


def untrusted_part(html: str) -> str:
    """``html`` without the trusted fragments."""
    return _TRUSTED.sub("", html)


def unmark(html: str) -> str:
    return html.replace(_OPEN, "").replace(_CLOSE, "")


class _CheckPage(Postprocessor):
    def __init__(self, md, on_findings: Callable[[list[Finding]], None]):
        super().__init__(md)
        self.on_findings = on_findings

    def run(self, text: str) -> str:
        findings = check(untrusted_part(text))
        if findings:
            self.on_findings(findings)
        return text


class SanitizeExtension(Extension):
    """Checks every converted document; ``on_findings(findings)`` is called with what the allow-list refuses (the
    host knows the page and turns findings into errors at their line). The HTML is not rewritten: the build stops."""

    def __init__(self, on_findings: Callable[[list[Finding]], None], **kwargs):
        self.on_findings = on_findings
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown):
        # the last postprocessor: raw HTML, entities and every other extension's output are in place
        md.postprocessors.register(_CheckPage(md, self.on_findings), "so_sanitize_check", -100)
        md.registerExtension(self)


def line_of(source: str, needles, start: int = 0) -> int | None:
    """1-based line of the first of ``needles`` found in ``source`` (case-insensitive), searching from character
    ``start``, then from the beginning."""
    low = source.lower()
    for cand in needles:
        cand = (cand or "").strip().lower()
        if not cand:
            continue
        for frm in (start, 0):
            i = low.find(cand, frm)
            if i >= 0:
                return source.count("\n", 0, i) + 1
    return None
