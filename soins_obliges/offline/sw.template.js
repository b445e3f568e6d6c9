/* Service worker of one edition of « Soins obligés — santé & justice » (written by soins_obliges.offline at build
   time; do not edit the copy in the site). Workbox 7.4.1, served from this site (assets/offline/workbox/).
   - precached (see soins_obliges/offline/manifest.py): the shell, the home, offline and 404 pages, the glossary
     and the search pieces of this edition; a new deploy replaces them (revisions), old copies are deleted;
   - pages read (and the first page, which asks for it: CACHE_URLS, Workbox's router): network first (a copy answers after NETWORK_TIMEOUT seconds or offline), kept 30 days at most;
   - other files of the site (images…): the copy at once, refreshed in the background;
   - a page that was never read, offline: the offline page of the edition.
   The new version waits until the reader accepts the « nouvelle version » notice (message SKIP_WAITING). */
"use strict";
const SO = __SO_CONFIG__;
importScripts(SO.workbox + "workbox-sw.js");
workbox.setConfig({ debug: false, modulePathPrefix: SO.workbox });
const { core, precaching, routing, strategies, expiration } = workbox;

core.setCacheNameDetails({ prefix: "soins-obliges", suffix: SO.lang });
core.clientsClaim();
self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "SKIP_WAITING") self.skipWaiting();
});

precaching.cleanupOutdatedCaches();
// The search worker reads its ?index= from its own address (self.location), and a worker's address is that of the
// response: a precached copy carries the cache key (…/worker.js?__WB_REVISION__=…). Answered with a new Response
// (no URL of its own), the worker keeps the address it was started with.
routing.registerRoute(({ url }) => url.origin === self.location.origin && url.pathname.endsWith("/search/worker.js"),
  async ({ request, url }) => {
    const copy = await precaching.matchPrecache(url.pathname) || await fetch(request);
    return new Response(await copy.blob(), { status: copy.status, statusText: copy.statusText, headers: copy.headers });
  });
precaching.precacheAndRoute(SO.manifest, {
  // the search worker is loaded with ?v=&index=, result pages with ?h= (highlight), the offline page with
  // ?page=: same files
  ignoreURLParametersMatching: [/^v$/, /^index$/, /^h$/, /^q$/, /^page$/, /^utm_/],
  directoryIndex: "index.html",
});

const days = (n) => n * 24 * 60 * 60;
const scope = new URL(self.registration.scope);
const pages = new strategies.NetworkFirst({
  cacheName: "soins-obliges-pages-" + SO.lang,
  networkTimeoutSeconds: SO.networkTimeout,
  matchOptions: { ignoreSearch: true },
  plugins: [new expiration.ExpirationPlugin({ maxEntries: 400, maxAgeSeconds: days(30) })],
});
// A page is a navigation, or a page's address (…/ or ….html) that a page asks to keep (CACHE_URLS: the first page
// read, which loaded before this worker was there).
const isPage = ({ request, url }) => url.origin === scope.origin && url.pathname.startsWith(scope.pathname) &&
  (request.mode === "navigate" || url.pathname.endsWith("/") || url.pathname.endsWith(".html"));
routing.registerRoute(isPage, pages);
routing.registerRoute(({ request, url }) => url.origin === self.location.origin && !isPage({ request, url }),
  new strategies.StaleWhileRevalidate({
    cacheName: "soins-obliges-files-" + SO.lang,
    plugins: [new expiration.ExpirationPlugin({ maxEntries: 400, maxAgeSeconds: days(30) })],
  }));

// Offline and never read: send the reader to the offline page (a redirect, so that its relative links work).
routing.setCatchHandler(async ({ request, url }) => {
  if (request.mode === "navigate") {
    const here = url.href.slice(new URL("./", self.location.href).href.length);
    const [, page] = SO.offline.find(([prefix]) => here.startsWith(prefix)) || SO.offline[SO.offline.length - 1];
    const offline = new URL(page, self.location.href);
    offline.searchParams.set("page", url.pathname + url.search);
    return Response.redirect(offline.href, 302);
  }
  return Response.error();
});
