/*
 * Soins obligés — search worker. Loaded instead of Material's search worker (see overrides/main.html), it
 * loads Material's worker unchanged and adds four things around it:
 *   1. an index pipeline function: every token becomes a key (lower case, accents folded, stop words dropped,
 *      light stemming), so « recidive », « Récidives » and « récidive » meet;
 *   2. the query rewriting: what the reader types becomes keys with a prefix, an exact and a typo-tolerant
 *      clause, and a whole-query token (« Récidives » → "recidiv*^10 recidiv^10 recidiv~1 0recidiv^100
 *      0recidiv~1"), before Material's own query processing;
 *   3. the result tidying: the terms Material reports per result become the words actually highlighted
 *      (used for ?h= highlighting on the target page; no "missing" line with stemmed keys);
 *   4. the whole-query token is not counted as a "missing" term (see lunr.stopWordFilter below).
 * The analysis (soSearch below) mirrors soins_obliges/search/text.py line by line: change both together;
 * tests/browser/test_search.py compares them on the whole vocabulary. Parameters (stop words, boosts) come
 * from the index itself (config.so), written at build time by soins_obliges.search.index.
 */
(function (self) {
  "use strict";

  var COMBINING = /[\u0300-\u036f]/g;
  var NOT_ALNUM = /[^a-z0-9]/g;
  var ALPHA = /^[a-z]+$/;

  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(COMBINING, "")
      .replace(/œ/g, "oe").replace(/æ/g, "ae").replace(/ß/g, "ss");
  }

  function stemFr(w) {
    if (w.length < 4 || !ALPHA.test(w)) return w;
    if (w.length > 4 && w.slice(-3) === "aux" && w.slice(-4) !== "eaux") w = w.slice(0, -3) + "al";
    else if (w.slice(-1) === "s" || w.slice(-1) === "x") w = w.slice(0, -1);
    for (var i = 0; i < 2; i++)
      if (w.length > 3 && w.slice(-1) === "e") w = w.slice(0, -1);
    var last = w.slice(-1);
    if (w.length > 4 && last === w.slice(-2, -1) && "lnt".indexOf(last) >= 0) w = w.slice(0, -1);
    return w;
  }

  function stemEn(w) {
    if (w.length < 4 || !ALPHA.test(w)) return w;
    if (w.length > 4 && w.slice(-3) === "ies") return w.slice(0, -3) + "y";
    if (w.slice(-4) === "sses") return w.slice(0, -2);
    var end = w.slice(-2);
    if (end === "ss" || end === "us" || end === "is") return w;
    if (w.slice(-1) === "s") return w.slice(0, -1);
    return w;
  }

  var STEMMERS = { fr: stemFr, en: stemEn };

  /* cfg = index config.so: { lang, stopwords, separator, exact_boost, whole_boost, fuzzy } */
  function analyzer(cfg) {
    var stop = Object.create(null);
    cfg.stopwords.forEach(function (w) { stop[w] = true; });
    var stem = STEMMERS[cfg.lang];
    var separator = new RegExp(cfg.separator, "g");
    var querySplit = new RegExp(cfg.separator + "|[*+^~]+", "g");

    var memo = new Map();   /* the index repeats the same few thousand words: analyse each once */
    function key(token) {
      var k = memo.get(token);
      if (k === undefined) {
        var w = fold(token).replace(NOT_ALNUM, "");
        k = w.length < 2 || stop[w] ? null : stem(w);
        memo.set(token, k);
      }
      return k;
    }

    function fuzzyDistance(k) {
      if (!ALPHA.test(k)) return 0;
      var d = 0;
      cfg.fuzzy.forEach(function (rule) { if (k.length >= rule[0]) d = rule[1]; });
      return d;
    }

    function rewrite(query) {
      var words = query.split(querySplit).filter(function (w) { return w; });
      var found = [];
      words.forEach(function (w) {
        var k = key(w);
        if (k && found.indexOf(k) < 0) found.push(k);
      });
      var whole = found.length > 0;
      if (!found.length && words.length) {
        var last = fold(words[words.length - 1]).replace(NOT_ALNUM, "");
        if (last) found.push(last);
      }
      var clauses = [];
      found.forEach(function (k) {
        clauses.push(k + "*^" + cfg.exact_boost);
        clauses.push(k + "^" + cfg.exact_boost);
        var d = fuzzyDistance(k);
        if (d) clauses.push(k + "~" + d);
      });
      if (whole) {
        var token = "0" + found.join("");
        clauses.push(token + "^" + cfg.whole_boost);
        var dw = fuzzyDistance(token.slice(1));
        if (dw) clauses.push(token + "~" + dw);
      }
      return clauses.join(" ");
    }

    function tokens(text) {
      return text.split(separator).filter(function (t) { return t; }).map(function (t) { return t.toLowerCase(); });
    }

    return { key: key, rewrite: rewrite, tokens: tokens, fuzzyDistance: fuzzyDistance };
  }

  /* Result terms → the words highlighted in the result (Material builds ?h= from them) */
  var MARK = /<mark>([^<]*)<\/mark>/g;
  function tidy(result) {
    (result.items || []).forEach(function (group) {
      group.forEach(function (doc) {
        var terms = {};
        [doc.title, doc.text].forEach(function (html) {
          if (typeof html !== "string") return;
          html.replace(MARK, function (_, word) { terms[word.toLowerCase()] = true; return _; });
        });
        doc.terms = terms;
      });
    });
    return result;
  }

  self.soSearch = { fold: fold, stemFr: stemFr, stemEn: stemEn, analyzer: analyzer, tidy: tidy };

  /* Loaded in a page (tests): stop here. In the worker: wrap Material's worker. */
  if (typeof WorkerGlobalScope === "undefined" || !(self instanceof WorkerGlobalScope)) return;

  var SETUP = 0, QUERY = 2, RESULT = 3;   /* Material's SearchMessageType */
  var current = null;

  function pipelineKey(token) {
    var k = current.key(token.toString());
    return k === null ? undefined : token.update(function () { return k; });
  }

  /* Registered before Material's own listener, so it sees (and rewrites) each message first */
  addEventListener("message", function (ev) {
    var message = ev.data;
    if (!message) return;
    if (message.type === SETUP && message.data && message.data.config && message.data.config.so) {
      var so = message.data.config.so;
      so.separator = message.data.config.separator;
      current = analyzer(so);
    } else if (message.type === QUERY && current && typeof message.data === "string") {
      message.data = current.rewrite(message.data);
    }
  });

  var material = new URL(self.location.href).searchParams.get("material");
  if (!material || new URL(material, self.location.href).origin !== self.location.origin)
    throw new Error("soins-obliges search worker: missing or foreign ?material= worker URL");
  importScripts(new URL(material, self.location.href).href);

  var lunr = self.lunr;
  lunr.Pipeline.registerFunction(pipelineKey, "soKey");

  /* Material counts a query term that no result word starts with as "missing" (lowering the result's score),
     unless lunr.stopWordFilter drops it. The whole-form token is a ranking signal, not a word the reader
     typed: treat it as a stop word there. (Material removes this filter from the index pipeline.) */
  var stopWordFilter = lunr.stopWordFilter;
  lunr.stopWordFilter = function (token) {
    return String(token).charAt(0) === "0" ? undefined : stopWordFilter(token);
  };
  lunr.stopWordFilter.label = stopWordFilter.label;
  var add = lunr.Builder.prototype.add;
  lunr.Builder.prototype.add = function (doc, attributes) {
    if (current && !this.soKey) {
      this.soKey = true;
      this.pipeline.add(pipelineKey);
    }
    return add.call(this, doc, attributes);
  };

  var post = self.postMessage.bind(self);
  self.postMessage = function (message) {
    if (message && message.type === RESULT && message.data) tidy(message.data);
    return post.apply(null, arguments);
  };
})(self);
