/* Legal references: each code article cited is a real link to Légifrance (works without JavaScript; the
   link's title is Material's tooltip on hover or focus). With JavaScript, a tap, click or Enter opens a small
   popover instead — code, article, summary, status, what changed since 2020, the date of the check — with
   "Lire sur Légifrance" (the outbound link) and "Toutes les références" (the site's references page), so the
   details are reachable on a phone, where there is no hover. Ctrl/Cmd/Shift-click still follows the link.
   The details ride with the page (<script type="application/json" class="so-legal-data">): no request. */
(function () {
  "use strict";
  var data = {}, labels = null, recod = "", lang = document.documentElement.lang || "fr";
  document.querySelectorAll("script.so-legal-data").forEach(function (s) {
    try {
      var d = JSON.parse(s.textContent);
      labels = d.labels; recod = d.recod; lang = d.lang || lang;
      Object.keys(d.cites).forEach(function (k) { data[k] = d.cites[k]; });
    } catch (e) { /* malformed: links still work */ }
  });
  if (!labels) return;
  var pop = null, opener = null;

  function close(restoreFocus) {
    if (!pop || pop.hidden) return;
    pop.hidden = true;
    document.body.classList.remove("so-legal-open");
    if (opener) { opener.setAttribute("aria-expanded", "false"); if (restoreFocus) opener.focus(); }
    opener = null;
  }

  function build() {
    pop = document.createElement("div");
    pop.className = "so-popover so-legal-popover";
    pop.id = "so-legal-popover";
    pop.setAttribute("role", "dialog");
    pop.setAttribute("aria-label", labels.dialog);
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

  function el(tag, cls, text) {
    var x = document.createElement(tag);
    if (cls) x.className = cls;
    if (text) x.textContent = text;
    return x;
  }

  function open(a) {
    var c = data[a.dataset.cite];
    if (!c) return false;
    if (!pop) build();
    pop.innerHTML = "";
    var h = el("p", "so-popover__term", c.title); h.id = "so-legal-popover-title";
    var st = el("span", "so-cite-badge so-cite-badge--" + c.statusKey, c.status);
    var sum = el("p", "so-popover__def", c.summary);
    pop.append(h, st, sum);
    if (c.changes) {
      var ch = el("p", "so-popover__changes");
      ch.append(el("strong", "", labels.changes + (lang === "fr" ? "\u00a0: " : ": ")), document.createTextNode(c.changes));
      pop.append(ch);
    }
    if (c.successors) pop.append(el("p", "so-popover__changes", labels.successor + (lang === "fr" ? "\u00a0: " : ": ") + c.successors));
    if (c.medium) pop.append(el("p", "so-popover__note", labels.medium));
    if (c.recod) pop.append(el("p", "so-popover__note", recod));
    pop.append(el("p", "so-popover__meta", c.verified));
    var go = el("a", "so-popover__more", labels.legifrance + " \u2197"); go.href = c.url; go.rel = "external"; go.hreflang = "fr";
    var all = el("a", "so-popover__more so-popover__refs", labels.refs); all.href = c.refs;
    var x = el("button", "so-popover__close", "\u00d7"); x.type = "button"; x.setAttribute("aria-label", labels.close);
    x.addEventListener("click", function () { close(true); });
    var links = el("p", "so-popover__links"); links.append(go, all);
    pop.append(links);
    pop.prepend(x);
    pop.setAttribute("aria-labelledby", "so-legal-popover-title");
    pop.hidden = false;
    document.body.classList.add("so-legal-open");   // hides Material's tooltip of the same link meanwhile
    var r = a.getBoundingClientRect(), w = pop.offsetWidth;
    var left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - w - 8));
    pop.style.left = left + "px";
    pop.style.top = (r.bottom + window.scrollY + 6) + "px";
    opener = a;
    a.setAttribute("aria-expanded", "true");
    x.focus();
    return true;
  }

  document.querySelectorAll("a.so-cite[data-cite]").forEach(function (a) {
    if (!data[a.dataset.cite]) return;
    a.setAttribute("aria-haspopup", "dialog");
    a.setAttribute("aria-expanded", "false");
    a.setAttribute("aria-controls", "so-legal-popover");
  });
  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a.so-cite[data-cite]");
    if (a && !(pop && pop.contains(a)) && data[a.dataset.cite] && !(e.ctrlKey || e.metaKey || e.shiftKey || e.altKey)) {
      if (opener === a && pop && !pop.hidden) { e.preventDefault(); close(true); return; }
      close(false);
      if (open(a)) e.preventDefault();
      return;
    }
    if (pop && !pop.hidden && !pop.contains(e.target)) close(false);
  });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") close(true); });
})();
