/* Glossary home (soins_obliges.glossary.pages.index_page): a filter field and the sector buttons over the static
   A-Z list. Without JavaScript the whole list shows, the A-Z bar is plain links, and neither the field nor the
   buttons exist. The field matches the words of each entry's term and variants (data-keys) and acronyms
   (data-acronyms), folded at build time the way the site's search folds (lower case, accents and ligatures
   removed); the sector is kept in the URL (?secteur= / ?sector=), so the back button restores it. Every text is
   set with textContent. */
(function () {
  "use strict";
  var wrap = document.querySelector(".so-az-wrap");
  if (!wrap) return;
  var tools = wrap.querySelector(".so-az-tools");
  var filter = wrap.querySelector(".so-filter");
  var list = wrap.querySelector(".so-az");
  var bar = wrap.querySelector(".so-azbar");
  if (!tools || !list) return;

  var en = (document.documentElement.lang || "fr").slice(0, 2) === "en";
  var L = en ? {
    label: "Filter the glossary", all: function (n) { return n + (n === 1 ? " term" : " terms"); },
    some: function (n) { return n + (n === 1 ? " term matches" : " terms match"); },
    none: "No term matches.",
    empty: function (q, s) {
      return "No term matches" + (q ? " \u201c" + q + "\u201d" : "") + (s ? " in the sector \u201c" + s + "\u201d" : "") +
        ". Check the spelling, try a shorter word, or choose \u201cAll\u201d.";
    }
  } : {
    label: "Filtrer le glossaire", all: function (n) { return n + (n === 1 ? " terme" : " termes"); },
    some: function (n) { return n + (n === 1 ? " terme correspond" : " termes correspondent"); },
    none: "Aucun terme ne correspond.",
    empty: function (q, s) {
      return "Aucun terme ne correspond" + (q ? " \u00e0 \u00ab\u00a0" + q + "\u00a0\u00bb" : "") +
        (s ? " dans le secteur \u00ab\u00a0" + s + "\u00a0\u00bb" : "") +
        ". V\u00e9rifiez l\u2019orthographe, essayez un mot plus court ou choisissez \u00ab\u00a0Tous\u00a0\u00bb.";
    }
  };
  var param = tools.getAttribute("data-param") || "secteur";

  /* the same folding as assets/search/worker.js and soins_obliges/search/text.py */
  var COMBINING = /[\u0300-\u036f]/g;
  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(COMBINING, "")
      .replace(/œ/g, "oe").replace(/æ/g, "ae").replace(/ß/g, "ss");
  }
  function words(text) { return fold(text).split(/[^a-z0-9]+/).filter(Boolean); }

  /* the entries, and for each letter its heading, its list and its link in the bar */
  var entries = [];
  list.querySelectorAll("li").forEach(function (li) {
    var a = li.querySelector("a[data-sector]");
    if (!a) return;
    entries.push({ li: li, sector: fold(a.getAttribute("data-sector") || ""),
                   keys: " " + (a.getAttribute("data-keys") || words(a.textContent).join(" ")) + " | " +
                         (a.getAttribute("data-acronyms") || "") });
  });
  var groups = [];
  list.querySelectorAll("h3[id]").forEach(function (h) {
    var ul = h.nextElementSibling;
    if (!ul || ul.tagName !== "UL") return;
    var link = bar ? bar.querySelector('a[href="#' + h.id + '"]') : null;
    if (link) link.setAttribute("data-href", link.getAttribute("href"));
    groups.push({ h: h, ul: ul, link: link });
  });

  /* the field and the count, created here (no field without JavaScript) */
  var box = document.createElement("div");
  box.className = "so-find";
  var label = document.createElement("label");
  label.htmlFor = "so-find-input";
  label.textContent = L.label;
  var input = document.createElement("input");
  input.type = "search";
  input.id = "so-find-input";
  input.autocomplete = "off";
  input.spellcheck = false;
  input.setAttribute("autocapitalize", "off");
  input.setAttribute("enterkeyhint", "search");
  input.setAttribute("aria-describedby", "so-find-status");
  var status = document.createElement("p");
  status.className = "so-find-status";
  status.id = "so-find-status";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  box.append(label, input, status);
  tools.insertBefore(box, tools.firstChild);
  var empty = document.createElement("p");
  empty.className = "so-find-empty";
  empty.hidden = true;
  list.after(empty);

  var sector = "";
  var buttons = filter ? Array.prototype.slice.call(filter.querySelectorAll("button[data-key]")) : [];
  function sectorName(key) {
    for (var i = 0; i < buttons.length; i++)
      if (buttons[i].getAttribute("data-key") === key) return buttons[i].textContent;
    return "";
  }

  function apply() {
    var q = words(input.value), shown = 0;
    entries.forEach(function (e) {
      var ok = (!sector || e.sector === sector) && q.every(function (w) { return e.keys.indexOf(" " + w) >= 0; });
      e.li.hidden = !ok;
      if (ok) shown++;
    });
    groups.forEach(function (g) {
      var any = !!g.ul.querySelector("li:not([hidden])");
      g.h.hidden = g.ul.hidden = !any;
      if (!g.link) return;
      if (any) {
        g.link.setAttribute("href", g.link.getAttribute("data-href"));
        g.link.removeAttribute("aria-disabled");
        g.link.removeAttribute("role");
      } else {
        g.link.removeAttribute("href");
        g.link.setAttribute("role", "link");
        g.link.setAttribute("aria-disabled", "true");
      }
    });
    var filtered = q.length > 0 || !!sector;
    status.textContent = !filtered ? L.all(shown) : shown ? L.some(shown) : L.none;
    empty.hidden = shown > 0;
    empty.textContent = shown ? "" : L.empty(input.value.trim(), sectorName(sector));
  }

  function setSector(key, push) {
    if (!buttons.some(function (b) { return b.getAttribute("data-key") === key; })) key = "";
    sector = key;
    buttons.forEach(function (b) { b.setAttribute("aria-pressed", String(b.getAttribute("data-key") === key)); });
    if (push) {
      var url = new URL(location.href);
      if (key) url.searchParams.set(param, key); else url.searchParams.delete(param);
      if (url.href !== location.href) history.pushState({ soSector: key }, "", url.href);
    }
    apply();
  }
  function fromUrl() { return fold(new URL(location.href).searchParams.get(param) || ""); }

  if (filter) {
    filter.hidden = false;
    filter.addEventListener("click", function (e) {
      var b = e.target.closest("button[data-key]");
      if (b) setSector(b.getAttribute("data-key"), true);
    });
  }
  window.addEventListener("popstate", function () { setSector(fromUrl(), false); });
  input.addEventListener("input", apply);
  input.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && input.value) { input.value = ""; apply(); }
  });
  setSector(fromUrl(), false);
})();
