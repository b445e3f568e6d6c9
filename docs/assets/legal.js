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
  if (!labels || !window.SoPopover) return;

  function el(tag, cls, text) {
    var x = document.createElement(tag);
    if (cls) x.className = cls;
    if (text) x.textContent = text;
    return x;
  }

  window.SoPopover({
    id: "so-legal-popover", className: "so-popover so-legal-popover", label: labels.dialog, closeLabel: labels.close,
    selector: "a.so-cite[data-cite]",
    has: function (a) { return !!data[a.dataset.cite]; },
    onOpen: function () { document.body.classList.add("so-legal-open"); },   // hides Material's tooltip meanwhile
    onClose: function () { document.body.classList.remove("so-legal-open"); },
    fill: function (a, pop) {
      var c = data[a.dataset.cite];
      var h = el("p", "so-popover__term", c.title); h.id = "so-legal-popover-title";
      pop.append(h, el("span", "so-cite-badge so-cite-badge--" + c.statusKey, c.status), el("p", "so-popover__def", c.summary));
      var colon = lang === "fr" ? "\u00a0: " : ": ";
      if (c.changes) {
        var ch = el("p", "so-popover__changes");
        ch.append(el("strong", "", labels.changes + colon), document.createTextNode(c.changes));
        pop.append(ch);
      }
      if (c.successors) pop.append(el("p", "so-popover__changes", labels.successor + colon + c.successors));
      if (c.medium) pop.append(el("p", "so-popover__note", labels.medium));
      if (c.recod) pop.append(el("p", "so-popover__note", recod));
      pop.append(el("p", "so-popover__meta", c.verified));
      /* c.more: « Lire l'article… » (verified id) or « Chercher l'article… » (a search for its number) */
      var go = el("a", "so-popover__more", (c.more || labels.legifrance) + " \u2197"); go.href = c.url; go.rel = "external"; go.hreflang = "fr";
      var all = el("a", "so-popover__more so-popover__refs", labels.refs); all.href = c.refs;
      var links = el("p", "so-popover__links"); links.append(go, all);
      pop.append(links);
      pop.setAttribute("aria-labelledby", "so-legal-popover-title");
    }
  });
})();
