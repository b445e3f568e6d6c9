/* A small accessible popover shared by the glossary terms (glossary.js) and the legal citations (legal.js).
   The opener is always a real link, which works without JavaScript. With JavaScript, a tap, click or Enter opens
   the popover instead (Ctrl/Cmd/Shift/Alt-click still follows the link); Esc, the × button or a tap outside
   closes it and focus returns to the link; Tab stays inside while it is open.
   On a phone (≤ 600 px wide) it opens as a bottom sheet (fixed, at most 70 % of the viewport's height, scrolling
   inside, its close button and links always in view: site.css), and the phone's Back closes it (one history entry
   while it is open). Elsewhere it is positioned over the text (absolute, nothing moves on the page), below the
   link, or above it when there is no room below, shifted left or right to stay inside the viewport.

   SoPopover({id, className, label?, closeLabel, selector, has(a), fill(a, pop), onOpen?, onClose?}) */
(function () {
  "use strict";
  var SHEET = window.matchMedia("(max-width: 600px)"), GAP = 6, EDGE = 8;
  /* the one history entry of an open sheet, shared by every popover of the page (opening another keeps it) */
  var H = { entry: false, owner: null }, closers = {};
  function takeBack() {
    if (H.entry && !H.owner) { H.entry = false; history.back(); }
  }
  window.addEventListener("popstate", function () {
    if (!H.entry) return;
    H.entry = false;
    var owner = H.owner; H.owner = null;
    if (owner && closers[owner]) closers[owner](true, "popped");
  });

  window.SoPopover = function (o) {
    var pop = null, opener = null;

    /* how: undefined → the sheet's history entry is taken back (unless another popover opens at once);
       "popped" → Back already took it */
    function close(restoreFocus, how) {
      if (!pop || pop.hidden) return;
      pop.hidden = true;
      if (o.onClose) o.onClose();
      if (opener) { opener.setAttribute("aria-expanded", "false"); if (restoreFocus) opener.focus({ preventScroll: how === "popped" }); }
      opener = null;
      if (H.owner === o.id) { H.owner = null; if (how !== "popped") setTimeout(takeBack, 0); }
    }
    closers[o.id] = close;

    /* a bottom sheet on a phone; elsewhere below the link (above it when there is no room below), inside the
       viewport, scrolling inside itself only if it is taller than the room on either side */
    function place(a) {
      pop.style.left = pop.style.top = pop.style.maxHeight = "";
      if (SHEET.matches) { pop.classList.add("so-popover--sheet"); return; }
      pop.classList.remove("so-popover--sheet");
      var r = a.getBoundingClientRect(), vw = document.documentElement.clientWidth, vh = window.innerHeight;
      var below = vh - r.bottom - GAP - EDGE, above = r.top - GAP - EDGE, h = pop.offsetHeight;
      var up = h > below && above > below;
      if (h > (up ? above : below)) { pop.style.maxHeight = Math.max(up ? above : below, 120) + "px"; h = pop.offsetHeight; }
      var w = pop.offsetWidth;
      pop.style.left = (window.scrollX + Math.max(EDGE, Math.min(r.left, vw - w - EDGE))) + "px";
      pop.style.top = (window.scrollY + (up ? r.top - GAP - h : r.bottom + GAP)) + "px";
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
      pop.addEventListener("click", function (e) {   // a link in the sheet replaces its entry: no stale entry
        var l = e.target.closest && e.target.closest("a[href]");
        if (!l || !H.entry || e.defaultPrevented || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        H.entry = false; H.owner = null; location.replace(l.href);
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
      place(a);
      pop.scrollTop = 0;
      opener = a;
      a.setAttribute("aria-expanded", "true");
      if (SHEET.matches) {            // the phone's Back closes the sheet
        if (!H.entry) { history.pushState({ soPopover: 1 }, ""); H.entry = true; }
        H.owner = o.id;
      }
      x.focus({ preventScroll: true });
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
      if (!pop || pop.hidden || pop.contains(e.target)) return;
      var l = e.target.closest && e.target.closest("a[href]");
      if (l && H.owner === o.id && !e.defaultPrevented && !(e.ctrlKey || e.metaKey || e.shiftKey || e.altKey)) {
        e.preventDefault();             // another link while the sheet is open: it replaces the sheet's entry
        close(false, "popped");
        H.entry = false; location.replace(l.href);
        return;
      }
      close(false);
    });
    document.addEventListener("keydown", function (e) { if (e.key === "Escape") close(true); });
    window.addEventListener("pagehide", function () { close(false, "popped"); });
    window.addEventListener("resize", function () { if (pop && !pop.hidden && opener) place(opener); });
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
