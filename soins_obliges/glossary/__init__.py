"""The bilingual glossary: concept data (``model``), term matching (``matcher``), the Python-Markdown
extension that links terms (``extension``) and the generated pages (``pages``)."""
