import pytest

from soins_obliges.typography import NBSP, NNBSP, french_spacing


@pytest.mark.parametrize("src, out", [
    ("<p>Pourquoi ?</p>", f"<p>Pourquoi{NNBSP}?</p>"),
    ("<p>Attention !</p>", f"<p>Attention{NNBSP}!</p>"),
    ("<p>a ; b</p>", f"<p>a{NNBSP}; b</p>"),
    ("<p>Définition : x</p>", f"<p>Définition{NBSP}: x</p>"),
    ("<p>« rechute »</p>", f"<p>«{NNBSP}rechute{NNBSP}»</p>"),
    ("<p>3 750 €</p>", f"<p>3{NNBSP}750{NBSP}€</p>"),
    ("<p>15 000 personnes</p>", f"<p>15{NNBSP}000 personnes</p>"),
    ("<p>50 %</p>", f"<p>50{NBSP}%</p>"),
])
def test_french_spacing(src, out):
    assert french_spacing(src) == out


def test_tags_attributes_and_code_are_untouched():
    src = '<a href="x?y=1" title="a : b">lien ?</a><code>a ? b : c</code><pre>x ; y</pre>'
    out = french_spacing(src)
    assert 'href="x?y=1"' in out and 'title="a : b"' in out
    assert "<code>a ? b : c</code>" in out and "<pre>x ; y</pre>" in out
    assert f"lien{NNBSP}?" in out


def test_years_and_article_numbers_are_not_grouped():
    assert french_spacing("<p>en 2020 1 personne</p>") == "<p>en 2020 1 personne</p>"
    assert french_spacing("<p>article 132-45</p>") == "<p>article 132-45</p>"


def test_idempotent():
    once = french_spacing("<p>« Oui » : 3 750 € ?</p>")
    assert french_spacing(once) == once
