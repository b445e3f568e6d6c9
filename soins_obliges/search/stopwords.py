"""Stop words of the search, shipped with the engine (no download at run time).

``FR`` is the list that lunr-languages' ``lunr.fr`` embeds (the one Material for MkDocs bundles in
``assets/javascripts/lunr/min/lunr.fr.min.js``), plus the elided forms that an apostrophe leaves behind
(« jusqu'à », « lorsqu'il »). ``EN`` is lunr.js's English list (``lunr.stopWordFilter``).
The lists are written into each language's search index (``config.so.stopwords``), so the browser and the
Python evaluation use the same words; tests/unit/test_search_text.py checks ``FR`` against Material's file.
"""
from __future__ import annotations

FR_LUNR = (
    "ai aie aient aies ait as au aura aurai auraient aurais aurait auras aurez auriez aurions aurons auront aux "
    "avaient avais avait avec avez aviez avions avons ayant ayez ayons c ce ceci celà ces cet cette d dans de des "
    "du elle en es est et eu eue eues eurent eus eusse eussent eusses eussiez eussions eut eux eûmes eût eûtes "
    "furent fus fusse fussent fusses fussiez fussions fut fûmes fût fûtes ici il ils j je l la le les leur leurs "
    "lui m ma mais me mes moi mon même n ne nos notre nous on ont ou par pas pour qu que quel quelle quelles quels "
    "qui s sa sans se sera serai seraient serais serait seras serez seriez serions serons seront ses soi soient "
    "sois soit sommes son sont soyez soyons suis sur t ta te tes toi ton tu un une vos votre vous y à étaient "
    "étais était étant étiez étions été étée étées étés êtes"
).split()

FR_ELISIONS = ["jusqu", "lorsqu", "puisqu", "quoiqu", "quelqu"]

EN_LUNR = (
    "a able about across after all almost also am among an and any are as at be because been but by can cannot "
    "could dear did do does either else ever every for from get got had has have he her hers him his how however "
    "i if in into is it its just least let like likely may me might most must my neither no nor not of off often "
    "on only or other our own rather said say says she should since so some than that the their them then there "
    "these they this tis to too twas us wants was we were what when where which while who whom why will with "
    "would yet you your"
).split()

BASE = {"fr": FR_LUNR + FR_ELISIONS, "en": EN_LUNR}
