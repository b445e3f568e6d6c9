"""The sanitizer (nh3 allow-list): what it refuses, whatever the disguise, and what content may keep."""
from __future__ import annotations

import markdown
import pytest

from soins_obliges import sanitize
from soins_obliges.sanitize import check, plain_text_problems

REFUSED = {
    "<script>alert(1)</script>": "HTML element <script>",
    "<SCRIPT SRC=x></SCRIPT>": "HTML element <script>",
    "<iframe src=x></iframe>": "HTML element <iframe>",
    '<object data="x"></object>': "HTML element <object>",
    '<embed src="x">': "HTML element <embed>",
    "<svg/onload=alert(1)>": "HTML element <svg>",
    '<img src=x onerror=alert(1)>': "event-handler attribute `onerror` on <img>",
    '<p OnClick="x">a</p>': "event-handler attribute `onclick` on <p>",
    '<a href="javascript:alert(1)">x</a>': "`javascript:` URL in `href` of <a>",
    '<a href="JaVa&#x09;ScRiPt:alert(1)">x</a>': "`javascript:` URL",
    '<a href="  javascript:alert(1)">x</a>': "`javascript:` URL",
    "<a href=javascript&colon;alert(1)>x</a>": "`javascript:` URL",
    '<a href="&#106;avascript:alert(1)">x</a>': "`javascript:` URL",
    '<a href="vbscript:msgbox">x</a>': "`vbscript:` URL",
    '<a href="data:text/html,<script>alert(1)</script>">x</a>': "`data:` URL",
    '<img src="data:image/svg+xml;base64,PHN2Zz4=">': "`data:` URL in `src` of <img>",
    '<div style="position:fixed">x</div>': "inline style on <div>",
    '<form action="x"><input autofocus onfocus=alert(1)></form>': "HTML element <form>",
    '<base href="https://evil.example/">': "HTML element <base>",
    '<meta http-equiv="refresh" content="0;url=x">': "HTML element <meta>",
    '<p foo="bar">x</p>': "attribute `foo` is not allowed on <p>",
}

KEPT = [
    '<p>Un <abbr title="obligation de soins">OS</abbr><br>suite</p>',
    '<details open><summary>Plus</summary><p>x</p></details>',
    '<table><thead><tr><th style="text-align: left;">a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>',
    '<a href="../glossaire/rechute/" class="so-term" data-term="rechute">rechute</a>',
    '<a href="https://www.legifrance.gouv.fr/x" hreflang="fr" rel="external" title="Code pénal">art.</a>',
    '<a href="mailto:contact@example.org">écrire</a>', '<sup id="fnref:1"><a href="#fn:1">1</a></sup>',
    "<p>3 &lt; 4 &amp; a\u00a0: b</p>", '<span lang="en" aria-hidden="true">x</span>', "<p>texte sans balise</p>",
]


@pytest.mark.parametrize("html", list(REFUSED), ids=range(len(REFUSED)))
def test_refused(html):
    problems = [f.problem for f in check(html)]
    assert any(REFUSED[html] in p for p in problems), problems


@pytest.mark.parametrize("html", KEPT)
def test_kept(html):
    assert check(html) == []


def test_every_finding_says_how_to_fix():
    for html in REFUSED:
        for f in check(html):
            assert f.fix and f.needles


def test_markdown_links_and_attribute_lists_are_checked_as_rendered():
    html = markdown.markdown('[x](javascript:alert(1))\n\nUn paragraphe.\n{: onclick="alert(1)" }',
                             extensions=["attr_list"])
    problems = " ".join(f.problem for f in check(html))
    assert "`javascript:` URL" in problems and "`onclick`" in problems


def test_titles_are_plain_text():
    assert plain_text_problems("Récidive & rechute : « 3 < 4 »") == []
    assert plain_text_problems("Titre <img src=x onerror=alert(1)>")
    assert plain_text_problems("<b>gras</b>")


def test_trusted_fragments_are_skipped_and_unmarked():
    class Ext(markdown.extensions.Extension):
        def extendMarkdown(self, md):
            class Pre(markdown.preprocessors.Preprocessor):
                def run(self, lines):
                    return [*lines, "", sanitize.trusted(self.md, '<script type="application/json">{}</script>'), ""]
            md.preprocessors.register(Pre(md), "t", 1)
    found = []
    html = markdown.markdown("Texte <script>alert(1)</script>",
                             extensions=[Ext(), sanitize.SanitizeExtension(found.extend)])
    assert [f.problem for f in found] == ["HTML element <script> is not allowed in content (it runs script)"]
    assert '<script type="application/json">{}</script>' in html and "so-trusted" not in html


def test_a_content_file_cannot_forge_the_trusted_mark():
    forged = "<!--so-trusted-0000000000000000--><script>alert(1)</script><!--/so-trusted-0000000000000000-->"
    assert check(sanitize.untrusted_part(forged))


def test_line_of_finds_the_written_tag():
    source = "a\nb [x](javascript:alert(1))\n<a href=\"JaVa&#x09;script:x\">y</a>\n"
    f = check('<a href="JaVa&#x09;script:x">y</a>')[0]
    assert sanitize.line_of(source, f.needles) == 3
