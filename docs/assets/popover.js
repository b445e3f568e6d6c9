/* A small accessible popover shared by the glossary terms (glossary.js) and the legal citations (legal.js).
   The opener is always a real link, which works without JavaScript. With JavaScript, a tap, click or Enter opens
   the popover instead (Ctrl/Cmd/Shift/Alt-click still follows the link); Esc, the × button or a tap outside
   closes it and focus returns to the link; Tab stays inside while it is open. It is positioned over the text
   (absolute), so nothing moves on the page.

   SoPopover({id, className, label?, closeLabel, selector, has(a), fill(a, pop), onOpen?, onClose?}) */
(function () {
  "use strict";
  window.SoPopover = function (o) {
    var pop = null, opener = null;

    function close(restoreFocus) {
      if (!pop || pop.hidden) return;
      pop.hidden = true;
      if (o.onClose) o.onClose();
      if (opener) { opener.setAttribute("aria-expanded", "false"); if (restoreFocus) opener.focus(); }
      opener = null;
    }

    function build() {
      pop = document.createElement("div");
      pop.className = o.className;
      pop.id = o.id;
      pop.setAttribute("role", "dialog");
      if (o.label) pop.setAttribute("aria-label", o.label);
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
      if (!o.has(a)) return false;
      if (!pop) build();
      pop.innerHTML = "";
      var x = document.createElement("button");
      x.type = "button";
      x.className = "so-popover__close";
      x.setAttribute("aria-label", o.closeLabel);
      x.textContent = "\u00d7";
      x.addEventListener("click", function () { close(true); });
      pop.append(x);
      o.fill(a, pop);
      pop.hidden = false;
      if (o.onOpen) o.onOpen();
      var r = a.getBoundingClientRect(), w = pop.offsetWidth;
      var left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - w - 8));
      pop.style.left = left + "px";
      pop.style.top = (r.bottom + window.scrollY + 6) + "px";
      opener = a;
      a.setAttribute("aria-expanded", "true");
      x.focus();
      return true;
    }

    document.querySelectorAll(o.selector).forEach(function (a) {
      if (!o.has(a)) return;
      a.setAttribute("aria-haspopup", "dialog");
      a.setAttribute("aria-expanded", "false");
      a.setAttribute("aria-controls", o.id);
    });
    document.addEventListener("click", function (e) {
      var a = e.target.closest && e.target.closest(o.selector);
      if (a && !(pop && pop.contains(a)) && o.has(a) && !(e.ctrlKey || e.metaKey || e.shiftKey || e.altKey)) {
        if (opener === a && pop && !pop.hidden) { e.preventDefault(); close(true); return; }
        close(false);
        if (open(a)) e.preventDefault();
        return;
      }
      if (pop && !pop.hidden && !pop.contains(e.target)) close(false);
    });
    document.addEventListener("keydown", function (e) { if (e.key === "Escape") close(true); });
    return { open: open, close: close };
  };

  /* Markup for a popover, from a string the build has already checked with the site's sanitizer (nh3): never
     assigned to innerHTML. It is parsed in an inert document (DOMParser: no script runs, nothing loads), then
     rebuilt node by node, keeping only inline elements and safe attributes: a second fence, for no more than
     this small allow-list (a general sanitizer such as DOMPurify would add ~20 KB to every page on a phone). */
  var INLINE = { A: 1, ABBR: 1, B: 1, BR: 1, CITE: 1, CODE: 1, EM: 1, I: 1, SMALL: 1, SPAN: 1, STRONG: 1, SUB: 1, SUP: 1 };
  var SAFE_URL = /^(?:https?:|mailto:|[^:]*$)/i;   // http(s), mailto, or relative (no scheme before the first /?#)
  function copy(from, to) {
    from.childNodes.forEach(function (n) {
      if (n.nodeType === 3) { to.appendChild(document.createTextNode(n.nodeValue)); return; }
      if (n.nodeType !== 1) return;
      if (!INLINE[n.tagName]) { copy(n, to); return; }       // unknown element: keep its text only
      var el = document.createElement(n.tagName.toLowerCase());
      if (n.tagName === "A") {
        var href = (n.getAttribute("href") || "").replace(/[\u0000-\u0020]/g, "");
        if (SAFE_URL.test(href.split(/[/?#]/)[0])) el.setAttribute("href", n.getAttribute("href"));
      }
      if (n.tagName === "ABBR" && n.hasAttribute("title")) el.setAttribute("title", n.getAttribute("title"));
      if (n.hasAttribute("lang")) el.setAttribute("lang", n.getAttribute("lang"));
      copy(n, el);
      to.appendChild(el);
    });
    return to;
  }
  window.SoPopover.markup = function (html) {
    var doc = new DOMParser().parseFromString("<body>" + String(html || ""), "text/html");
    return copy(doc.body, document.createDocumentFragment());
  };
})();
