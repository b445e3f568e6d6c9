"""Engine of the site « Soins obligés — santé & justice ».

Plain functions and Python-Markdown extensions, independent of MkDocs:
- ``errors``: located content errors (``file:line: problem → fix``);
- ``provenance``: the ``source_pages`` model (which guide pages a page restates) and the concordance;
- ``typography``: French non-breaking spaces in rendered HTML;
- ``i18n``: marking French fallback content shown in the English edition;
- ``glossary``: concept data, validation, generated pages, automatic cross-links, popovers;
- ``legal``: detection, checking and linking of code article citations.

``hooks/site.py`` wires these into MkDocs; another host only needs to call the same functions.
"""

__all__ = ["errors", "provenance", "typography", "i18n"]
