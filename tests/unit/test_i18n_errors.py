import pytest

from soins_obliges import i18n
from soins_obliges.errors import ContentError, ContentErrors, ErrorCollector


def test_french_fallback_is_marked_and_explained():
    html = '<main><article class="md-content__inner md-typeset"><h1>Titre</h1></article></main>'
    out = i18n.mark_french_fallback(html)
    assert '<article class="md-content__inner md-typeset" lang="fr">' in out
    assert 'lang="en"' in out and "Not yet translated" in out


def test_fallback_marking_fails_loudly_when_the_theme_changes():
    with pytest.raises(ValueError, match="theme changed"):
        i18n.mark_french_fallback("<main><div>no article</div></main>")


def test_error_format():
    assert str(ContentError("glossary/x.yml", 4, "unknown id `rechut`", "did you mean `rechute`?")) == \
        "glossary/x.yml:4: unknown id `rechut` → did you mean `rechute`?"
    assert str(ContentError("docs/a.md", None, "problem")) == "docs/a.md: problem"


def test_collector_raises_every_error_at_once():
    c = ErrorCollector()
    c.raise_if_any()
    c.add("a.md", 1, "one")
    c.add("b.md", 2, "two", "fix it")
    with pytest.raises(ContentErrors) as exc:
        c.raise_if_any()
    assert "2 content errors" in str(exc.value) and "b.md:2: two → fix it" in str(exc.value)


def test_permalink_title_follows_the_edition():
    cfg = {"toc": {"permalink": True, "permalink_title": "Lien vers cette section"}}
    i18n.localise_markdown_config(cfg, "en")
    assert cfg["toc"]["permalink_title"] == "Link to this section"
    i18n.localise_markdown_config(cfg, "fr")
    assert cfg["toc"]["permalink_title"] == "Lien vers cette section"
    bare = {}
    i18n.localise_markdown_config(bare, "en")
    assert "permalink_title" not in bare["toc"]           # no permalinks, nothing to title


def test_navigation_sections_get_a_name_and_no_empty_tabindex():
    from soins_obliges import a11y

    html = ('<label class="md-nav__link " for="__nav_4" id="__nav_4_label" tabindex=""> <span class="md-icon"></span> '
            '</label> <nav class="md-nav" data-md-level="1" aria-labelledby="__nav_4_label" aria-expanded="false"> '
            '<label class="md-nav__title" for="__nav_4"> <span class="md-icon"></span> 1. Addictions </label>'
            '<label class="md-nav__link" for="__nav_3" id="__nav_3_label" tabindex=""> <span>Préambule</span> </label>'
            ' <nav class="md-nav" data-md-level="1" aria-labelledby="__nav_3_label" aria-expanded="false"> '
            '<label class="md-nav__title" for="__nav_3"> Préambule </label>')
    out = a11y.fix_navigation(html)
    assert 'aria-labelledby="__nav_4_title"' in out and '<label class="md-nav__title" for="__nav_4" id="__nav_4_title">' in out
    assert 'aria-labelledby="__nav_3_label"' in out, "a toggle label that has the name is kept"
    assert 'tabindex=""' not in out and out.count("<label") == html.count("<label")


def test_toc_title_of_a_page_outside_the_navigation_loses_its_dangling_for():
    from soins_obliges import a11y

    html = '<nav class="md-nav md-nav--secondary"><label class="md-nav__title" for="__toc">Sur cette page</label>'
    assert '<label class="md-nav__title">Sur cette page</label>' in a11y.fix_navigation(html)
    kept = '<input type="checkbox" id="__toc">' + html
    assert 'for="__toc"' in a11y.fix_navigation(kept)
