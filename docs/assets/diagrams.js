/* Diagrams: « Agrandir le schéma » opens the diagram full screen (a modal <dialog>), its wide drawing at its own
   size: pan it with a finger, the scroll bars or the arrow keys; zoom with a pinch (the browser's zoom) or − / +.
   Esc or « Fermer » closes it and focus returns to the button. The boxes' links work as on the page.
   Without JavaScript there is no button: the figure already fits its column (diagrams.css). Nodes are built and
   cloned, never parsed from strings. */
(function () {
  "use strict";
  var T = {
    fr: { enlarge: "Agrandir le schéma", close: "Fermer", zoomIn: "Zoom avant", zoomOut: "Zoom arrière",
          pane: "Schéma agrandi, déplaçable" },
    en: { enlarge: "Enlarge the diagram", close: "Close", zoomIn: "Zoom in", zoomOut: "Zoom out",
          pane: "Enlarged diagram, can be panned" }
  };
  var t = T[(document.documentElement.lang || "fr").slice(0, 2)] || T.fr;
  var LEVELS = [0.5, 0.67, 0.8, 1, 1.25, 1.5, 2, 3];
  var SVG_NS = "http://www.w3.org/2000/svg";
  var dialog = null, parts = null, opener = null, level = 3, natural = 0;

  function el(tag, cls, text) {
    var x = document.createElement(tag);
    if (cls) x.className = cls;
    if (text) x.textContent = text;
    return x;
  }

  function icon(d) {              // a small inline SVG icon, built node by node
    var s = document.createElementNS(SVG_NS, "svg"), p = document.createElementNS(SVG_NS, "path");
    s.setAttribute("viewBox", "0 0 24 24");
    s.setAttribute("aria-hidden", "true");
    s.setAttribute("focusable", "false");
    p.setAttribute("d", d);
    s.appendChild(p);
    return s;
  }

  function button(cls, label, text, iconPath) {
    var b = el("button", cls);
    b.type = "button";
    if (iconPath) b.appendChild(icon(iconPath));
    if (text) b.appendChild(document.createTextNode(text));
    else b.setAttribute("aria-label", label);
    if (!text && label) b.title = label;
    return b;
  }

  function setLevel(i) {
    level = Math.max(0, Math.min(LEVELS.length - 1, i));
    var svg = parts.pane.querySelector("svg");
    if (svg) svg.style.width = Math.round(natural * LEVELS[level]) + "px";
    parts.level.textContent = Math.round(LEVELS[level] * 100) + "\u00a0%";
    parts.zoomOut.disabled = level === 0;
    parts.zoomIn.disabled = level === LEVELS.length - 1;
  }

  function build() {
    dialog = el("dialog", "so-zoom");
    dialog.id = "so-zoom";
    dialog.setAttribute("aria-labelledby", "so-zoom-title");
    var bar = el("div", "so-zoom__bar");
    var title = el("p", "so-zoom__title");
    title.id = "so-zoom-title";
    var zoomOut = button("so-zoom__step so-zoom__out", t.zoomOut, "", "M5 11h14v2H5z");
    var lvl = el("span", "so-zoom__level");
    lvl.setAttribute("aria-live", "polite");
    lvl.setAttribute("role", "status");
    var zoomIn = button("so-zoom__step so-zoom__in", t.zoomIn, "", "M11 5h2v6h6v2h-6v6h-2v-6H5v-2h6z");
    var close = button("so-zoom__close", t.close, t.close,
      "M19 6.4 17.6 5 12 10.6 6.4 5 5 6.4 10.6 12 5 17.6 6.4 19 12 13.4 17.6 19 19 17.6 13.4 12z");
    var controls = el("div", "so-zoom__controls");
    controls.append(zoomOut, lvl, zoomIn, close);
    bar.append(title, controls);
    var pane = el("div", "so-diagram so-zoom__pane");
    pane.tabIndex = 0;                           // scrollable: reachable and scrollable with the keyboard
    pane.setAttribute("role", "region");
    pane.setAttribute("aria-label", t.pane);
    dialog.append(bar, pane);
    document.body.appendChild(dialog);
    parts = { title: title, pane: pane, level: lvl, zoomIn: zoomIn, zoomOut: zoomOut, close: close };

    zoomOut.addEventListener("click", function () { setLevel(level - 1); });
    zoomIn.addEventListener("click", function () { setLevel(level + 1); });
    close.addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("keydown", function (e) {
      if ((e.key === "+" || e.key === "=") && !e.ctrlKey && !e.metaKey) { setLevel(level + 1); e.preventDefault(); }
      else if (e.key === "-" && !e.ctrlKey && !e.metaKey) { setLevel(level - 1); e.preventDefault(); }
    });
    dialog.addEventListener("close", function () {
      pane.replaceChildren();
      if (opener && document.contains(opener)) opener.focus();
      opener = null;
    });
    pane.addEventListener("click", function (e) {   // a box link: leave the view, then follow it
      var a = e.target.closest && e.target.closest("a[href]");
      if (a) dialog.close();
    });
  }

  function open(figure, btn) {
    if (!dialog) build();
    var svg = figure.querySelector("svg.so-diagram__svg--wide") || figure.querySelector("svg.so-diagram__svg");
    if (!svg) return;
    var copy = svg.cloneNode(true);
    copy.classList.remove("so-diagram__svg--wide", "so-diagram__svg--narrow");
    copy.removeAttribute("style");
    copy.querySelectorAll("[id]").forEach(function (x) { x.id = x.id + "--zoom"; });   // ids stay unique
    ["aria-labelledby", "aria-describedby"].forEach(function (attr) {
      var v = copy.getAttribute(attr);
      if (v) copy.setAttribute(attr, v.split(/\s+/).map(function (id) { return id + "--zoom"; }).join(" "));
    });
    natural = parseFloat(svg.getAttribute("width")) || svg.getBoundingClientRect().width;
    var caption = figure.querySelector(".so-diagram__title");
    parts.title.textContent = caption ? caption.textContent : "";
    parts.pane.replaceChildren(copy);
    opener = btn;
    dialog.showModal();
    setLevel(LEVELS.indexOf(1));
    parts.pane.scrollTop = 0;
    parts.pane.scrollLeft = 0;
    parts.close.focus();
  }

  document.querySelectorAll("figure.so-diagram").forEach(function (figure) {
    var views = figure.querySelector(".so-diagram__views");
    if (!views || typeof HTMLDialogElement === "undefined") return;
    var tools = el("p", "so-diagram__tools");
    var b = button("so-diagram__enlarge", t.enlarge, t.enlarge,
      "M5 5h5v2H7v3H5zm9 0h5v5h-2V7h-3zM5 14h2v3h3v2H5zm12 0h2v5h-5v-2h3z");
    b.setAttribute("aria-haspopup", "dialog");
    b.addEventListener("click", function () { open(figure, b); });
    tools.appendChild(b);
    views.after(tools);
  });
})();
