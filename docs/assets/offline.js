/* Offline reading (soins_obliges.offline): registers this edition's service worker after the page has loaded,
   shows « Hors ligne » while the device has no network, and « Nouvelle version » when a deploy has been fetched
   (the reader chooses when to reload). Fills the offline page's « page demandée ». Texts are built as DOM nodes. */
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="so-offline"]');
  if (!meta) return;
  var lang = meta.getAttribute("data-lang") === "en" ? "en" : "fr";
  var T = {
    fr: { offline: "Hors ligne", offlineTitle: "Pas de réseau : les pages déjà lues, le glossaire et la recherche restent disponibles",
          update: "Une nouvelle version du site est disponible.", reload: "Recharger", later: "Plus tard" },
    en: { offline: "Offline", offlineTitle: "No network: pages already read, the glossary and search are still available",
          update: "A new version of the site is available.", reload: "Reload", later: "Later" }
  }[lang];

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  /* « Hors ligne » badge in the header */
  var badge = el("span", "so-offline-badge", T.offline);
  badge.setAttribute("role", "status");
  badge.title = T.offlineTitle;
  function network() { badge.hidden = navigator.onLine !== false; }
  function placeBadge() {
    var header = document.querySelector(".md-header__inner");
    if (!header) return;
    var search = header.querySelector(".md-search") || header.querySelector('label[for="__search"]');
    header.insertBefore(badge, search || null);
    network();
  }
  window.addEventListener("online", network);
  window.addEventListener("offline", network);

  /* the offline page: which page was asked for */
  function offlinePage() {
    var slot = document.querySelector("[data-so-offline-page]");
    if (!slot) return;
    var asked = new URLSearchParams(location.search).get("page");
    if (!asked || asked.charAt(0) !== "/" || asked.charAt(1) === "/") return;   // same site only
    slot.textContent = asked;
    var p = slot.closest(".so-offline-asked");
    if (p) p.hidden = false;
    var retry = document.querySelector("[data-so-offline-retry]");
    if (retry) retry.href = asked;
  }

  function notice(wb) {
    if (document.querySelector(".so-update")) return;
    var box = el("div", "so-update");
    box.setAttribute("role", "status");
    box.setAttribute("aria-live", "polite");
    box.appendChild(el("span", "so-update__text", T.update));
    var reload = el("button", "md-button md-button--primary so-update__reload", T.reload);
    reload.type = "button";
    var later = el("button", "md-button so-update__later", T.later);
    later.type = "button";
    reload.addEventListener("click", function () {
      reload.disabled = true;
      wb.addEventListener("controlling", function () { location.reload(); });
      wb.messageSkipWaiting();
    });
    later.addEventListener("click", function () { box.remove(); });
    box.appendChild(reload);
    box.appendChild(later);
    document.body.appendChild(box);
  }

  function register() {
    if (!("serviceWorker" in navigator)) return;
    if (meta.getAttribute("data-register") !== "yes") {
      /* manage.sh serve: an author must see each edit; a worker left by an earlier build would show old copies */
      navigator.serviceWorker.getRegistrations().then(function (rs) { rs.forEach(function (r) { r.unregister(); }); });
      return;
    }
    var s = document.createElement("script");
    s.src = meta.getAttribute("data-workbox");
    s.onload = function () {
      var wb = new window.workbox.Workbox(meta.content);
      var controlled = !!navigator.serviceWorker.controller;
      if (controlled) window.__soOfflineReady = true;
      wb.addEventListener("waiting", function () { notice(wb); });
      wb.addEventListener("controlling", function (e) {
        if (controlled || e.isUpdate) return;
        controlled = true;   /* this page loaded before the worker: ask it to keep this page too */
        wb.messageSW({ type: "CACHE_URLS", payload: { urlsToCache: [location.href] } })
          .then(function () { window.__soOfflineReady = true; });
      });
      window.__soOffline = wb;
      wb.register().then(function (reg) { window.__soOfflineRegistration = reg; })
        .catch(function () { /* no service worker here (blocked, private mode): the site works online as usual */ });
    };
    document.head.appendChild(s);
  }

  /* The offline copy (a few MB, once) downloads in the background, after the page has loaded and the browser is
     idle, so that it never competes with the page being read; not at all when the reader asked to save data. */
  function later() {
    var c = navigator.connection;
    if (c && c.saveData) return;
    var idle = window.requestIdleCallback || function (f) { return setTimeout(f, 1); };
    setTimeout(function () { idle(register, { timeout: 10000 }); }, DELAY);
  }
  var DELAY = 2000;

  function start() { placeBadge(); offlinePage(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
  if (document.readyState === "complete") later(); else window.addEventListener("load", later);
})();
