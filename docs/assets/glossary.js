/* Glossary popovers. Each glossary term is a real link (works without JavaScript); with JavaScript a tap,
   click or Enter opens a popover with the short definition, the sector and "Voir la fiche".
   Esc or a tap outside closes it and focus returns to the term. The definitions ride with the page
   (<script type="application/json" class="so-glossary-data">): no request per term. */
(function () {
  "use strict";
  var data = {}, lang = document.documentElement.lang || "fr";
  document.querySelectorAll("script.so-glossary-data").forEach(function (s) {
    try { var d = JSON.parse(s.textContent); lang = d.lang || lang;
      Object.keys(d.terms).forEach(function (k) { data[k] = d.terms[k]; }); } catch (e) { /* malformed: links still work */ }
  });
  var L = lang === "en" ? { more: "See the full entry", close: "Close" } : { more: "Voir la fiche", close: "Fermer" };
  var pop = null, opener = null;

  function close(restoreFocus) {
    if (!pop || pop.hidden) return;
    pop.hidden = true;
    if (opener) { opener.setAttribute("aria-expanded", "false"); if (restoreFocus) opener.focus(); }
    opener = null;
  }

  function build() {
    pop = document.createElement("div");
    pop.className = "so-popover";
    pop.id = "so-popover";
    pop.setAttribute("role", "dialog");
    pop.hidden = true;
    pop.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { e.preventDefault(); close(true); }
      if (e.key === "Tab") {  // keep focus inside the small dialog
        var f = pop.querySelectorAll("a, button"), first = f[0], last = f[f.length - 1];
        if (e.shiftKey && document.activeElement === first) { e.preventDefault(); last.focus(); }
        else if (!e.shiftKey && document.activeElement === last) { e.preventDefault(); first.focus(); }
      }
    });
    document.body.appendChild(pop);
  }

  function open(a) {
    var t = data[a.dataset.term];
    if (!t) return false;
    if (!pop) build();
    pop.innerHTML = "";
    var h = document.createElement("p"); h.className = "so-popover__term"; h.id = "so-popover-title"; h.textContent = t.term;
    var s = document.createElement("span"); s.className = "so-sector"; s.textContent = t.sector;
    var d = document.createElement("p"); d.className = "so-popover__def"; d.innerHTML = t.definition;
    var m = document.createElement("a"); m.className = "so-popover__more"; m.href = a.getAttribute("href"); m.textContent = L.more + " \u2192";
    var c = document.createElement("button"); c.type = "button"; c.className = "so-popover__close"; c.setAttribute("aria-label", L.close); c.textContent = "\u00d7";
    c.addEventListener("click", function () { close(true); });
    pop.append(c, h, s, d, m);
    pop.setAttribute("aria-labelledby", "so-popover-title");
    pop.hidden = false;
    var r = a.getBoundingClientRect(), w = pop.offsetWidth;
    var left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - w - 8));
    pop.style.left = left + "px";
    pop.style.top = (r.bottom + window.scrollY + 6) + "px";
    opener = a;
    a.setAttribute("aria-expanded", "true");
    c.focus();
    return true;
  }

  document.querySelectorAll("a.so-term").forEach(function (a) {
    if (!data[a.dataset.term]) return;
    a.setAttribute("aria-haspopup", "dialog");
    a.setAttribute("aria-expanded", "false");
    a.setAttribute("aria-controls", "so-popover");
  });
  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a.so-term");
    if (a && data[a.dataset.term] && !(e.ctrlKey || e.metaKey || e.shiftKey)) {
      if (opener === a && pop && !pop.hidden) { e.preventDefault(); close(true); return; }
      close(false);
      if (open(a)) e.preventDefault();
      return;
    }
    if (pop && !pop.hidden && !pop.contains(e.target)) close(false);
  });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") close(true); });

  /* glossary home: filter by sector */
  var filter = document.querySelector(".so-filter");
  if (filter) {
    filter.hidden = false;
    filter.addEventListener("click", function (e) {
      var b = e.target.closest("button"); if (!b) return;
      filter.querySelectorAll("button").forEach(function (x) { x.setAttribute("aria-pressed", String(x === b)); });
      var sector = b.dataset.sector;
      document.querySelectorAll(".so-az a[data-sector]").forEach(function (a) {
        a.closest("li").hidden = !!sector && a.dataset.sector !== sector;
      });
      document.querySelectorAll(".so-az h3").forEach(function (h) {
        var ul = h.nextElementSibling;
        h.hidden = !!ul && !ul.querySelector("li:not([hidden])");
      });
    });
  }
})();
