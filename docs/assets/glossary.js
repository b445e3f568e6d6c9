/* Glossary popovers (see popover.js): a tap, click or Enter on a glossary term opens its short definition,
   sector and "Voir la fiche". The definitions ride with the page
   (<script type="application/json" class="so-glossary-data">): no request per term. */
(function () {
  "use strict";
  var data = {}, lang = document.documentElement.lang || "fr";
  document.querySelectorAll("script.so-glossary-data").forEach(function (s) {
    try { var d = JSON.parse(s.textContent); lang = d.lang || lang;
      Object.keys(d.terms).forEach(function (k) { data[k] = d.terms[k]; }); } catch (e) { /* malformed: links still work */ }
  });
  var L = lang === "en" ? { more: "See the full entry", close: "Close" } : { more: "Voir la fiche", close: "Fermer" };

  function el(tag, cls, text) {
    var x = document.createElement(tag);
    x.className = cls;
    if (text) x.textContent = text;
    return x;
  }

  if (window.SoPopover) {
    window.SoPopover({
      id: "so-popover", className: "so-popover", closeLabel: L.close, selector: "a.so-term",
      has: function (a) { return !!data[a.dataset.term]; },
      fill: function (a, pop) {
        var t = data[a.dataset.term];
        var h = el("p", "so-popover__term", t.term); h.id = "so-popover-title";
        var d = el("p", "so-popover__def"); d.append(window.SoPopover.markup(t.definition));
        var m = el("a", "so-popover__more", L.more + " \u2192"); m.href = a.getAttribute("href");
        pop.append(h, el("span", "so-sector", t.sector), d, m);
        pop.setAttribute("aria-labelledby", "so-popover-title");
      }
    });
  }
  /* the glossary home's filters are in glossary-index.js */
})();
