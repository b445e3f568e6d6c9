/*
 * Soins obligés — search worker. Started by Material's search (see overrides/main.html) in place of Material's
 * own worker, it answers the same messages (SETUP → READY, QUERY → RESULT) from an index cut in pieces, so that
 * a query downloads what it needs (soins_obliges/search/sharded.py writes the pieces and explains them):
 *   - on SETUP, the lexicon (every indexed word, each entry's page, each page's address and title);
 *   - per query, the postings of the words the query reaches, then the snippets of the first results.
 * The analysis (fold, stems, keys, query rewriting) mirrors soins_obliges/search/text.py, and the search mirrors
 * ShardedSearch in soins_obliges/search/sharded.py (lunr 2.3.9's scoring, then Material's boost and grouping):
 * change both together; tests/browser/test_search.py compares them on the whole vocabulary and the golden set.
 * Parameters (stop words, boosts, fields) come from the index configuration (config.so), written at build time.
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

  /* ------------------------------------------------------------------ the index in pieces, and the search */

  function frontDecode(data) {
    var out = [], prev = "";
    if (data) data.split("\n").forEach(function (line) {
      prev = prev.slice(0, line.charCodeAt(0) - 48) + line.slice(1);
      out.push(prev);
    });
    return out;
  }

  function osaWithin(a, b, d) {   /* optimal string alignment distance ≤ d (as sharded.osa_within) */
    if (Math.abs(a.length - b.length) > d) return false;
    if (a === b) return true;
    var prev2 = null, prev = [], i, j;
    for (j = 0; j <= b.length; j++) prev.push(j);
    for (i = 1; i <= a.length; i++) {
      var cur = [i], low = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (i > 1 && j > 1 && prev2 !== null && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
          v = Math.min(v, prev2[j - 2] + 1);
        cur.push(v);
        if (v < low) low = v;
      }
      if (low > d) return false;
      prev2 = prev; prev = cur;
    }
    return prev[b.length] <= d;
  }

  function lowerBound(list, x) {
    var lo = 0, hi = list.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (list[mid] < x) lo = mid + 1; else hi = mid; }
    return lo;
  }

  var ESC = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
  function escape(s) { return s.replace(/[&<>"']/g, function (c) { return ESC[c]; }); }

  /* The LUNR_EN_STOP_WORDS of sharded.py (lunr's English stop word list, which Material's "missing" test uses) */
  var LUNR_STOP = {};
  ("a able about across after all almost also am among an and any are as at be because been but by can cannot " +
   "could dear did do does either else ever every for from get got had has have he her hers him his how however " +
   "i if in into is it its just least let like likely may me might most must my neither no nor not of off often " +
   "on only or other our own rather said say says she should since so some than that the their them then there " +
   "these they this tis to too twas us wants was we were what when where which while who whom why will with " +
   "would yet you your").split(" ").forEach(function (w) { LUNR_STOP[w] = true; });

  /* Engine(cfg, base, fetchJSON): cfg = config.so (+ separator); fetchJSON(path) → Promise of the parsed file */
  function Engine(cfg, fetchJSON) {
    var an = analyzer(cfg), terms = null, parents = null, pages = null, shards = {}, snippets = {};
    var prefix = cfg.shard_prefix, textGroups = cfg.text_groups;
    var separator = new RegExp("(" + cfg.separator + ")");
    var self = { loaded: [] };

    function load(path, memo, key) {
      if (!(key in memo)) {
        self.loaded.push(path);
        memo[key] = fetchJSON(path).catch(function (err) { delete memo[key]; throw err; });
      }
      return memo[key];
    }

    self.ready = fetchJSON("so/lexicon.json").then(function (lx) {
      terms = frontDecode(lx.terms);
      parents = lx.parents;
      pages = {};
      lx.pages.forEach(function (p) { pages[p[0]] = [p[1], p[2]]; });
    });

    function clauses(query) {
      return an.rewrite(query).split(" ").filter(function (p) { return p; }).map(function (part) {
        if (part.indexOf("~") >= 0) {
          var f = part.split("~");
          return { term: f[0], kind: "fuzzy", boost: 1, distance: parseInt(f[1], 10) };
        }
        var b = part.split("^"), t = b[0];
        var pre = t.slice(-1) === "*";
        return { term: pre ? t.slice(0, -1) : t, kind: pre ? "prefix" : "exact", boost: parseFloat(b[1]) };
      });
    }

    function expand(c) {
      var i;
      if (c.kind === "exact" || (c.kind === "prefix" && c.term.length < prefix)) {
        i = lowerBound(terms, c.term);
        return i < terms.length && terms[i] === c.term ? [c.term] : [];
      }
      if (c.kind === "prefix") {
        var out = [];
        for (i = lowerBound(terms, c.term); i < terms.length && terms[i].lastIndexOf(c.term, 0) === 0; i++)
          out.push(terms[i]);
        return out;
      }
      return terms.filter(function (t) { return osaWithin(c.term, t, c.distance); });
    }

    function mark(value, words) {
      return value.split(separator).map(function (part, i) {
        if (i % 2) return escape(part);
        var k = an.key(part);
        return k !== null && words.indexOf(k) >= 0 ? "<mark>" + escape(part) + "</mark>" : escape(part);
      }).join("");
    }

    /* → Promise of Material's SearchResult {items: [[page and sections]]}; groups: the titles, for tests */
    self.search = function (query) {
      var cl = clauses(query);
      if (!cl.length) return Promise.resolve({ items: [] });
      var qvec = new Map(), order = [];
      cl.forEach(function (c) {
        expand(c).forEach(function (t) {
          if (!qvec.has(t)) { qvec.set(t, 0); order.push(t); }
          qvec.set(t, qvec.get(t) + c.boost);
        });
      });
      var needed = [];
      order.forEach(function (t) { var p = t.slice(0, prefix); if (needed.indexOf(p) < 0) needed.push(p); });
      return Promise.all(needed.map(function (p) { return load("so/t/" + p + ".json", shards, p); }))
        .then(function (loaded) {
          var post = {};
          needed.forEach(function (p, i) { post[p] = loaded[i]; });
          var norm = 0;
          qvec.forEach(function (v) { norm += v * v; });
          norm = Math.sqrt(norm);
          var scores = new Map(), matched = new Map();
          order.forEach(function (t) {
            var flat = post[t.slice(0, prefix)][t] || [], q = qvec.get(t);
            for (var k = 0; k < flat.length; k += 3) {
              var d = flat[k + 1];
              scores.set(d, (scores.has(d) ? scores.get(d) : 0) + q * flat[k + 2]);
              var m = matched.get(d);
              if (!m) { m = []; matched.set(d, m); }
              if (m.indexOf(t) < 0) m.push(t);
            }
          });
          var clauseTerms = [];
          cl.forEach(function (c) { if (clauseTerms.indexOf(c.term) < 0) clauseTerms.push(c.term); });
          var ranked = Array.from(scores.keys()).sort(function (a, b) { return scores.get(b) - scores.get(a); });
          var found = ranked.map(function (d) {
            var termsOf = {}, remaining = clauseTerms.slice();
            matched.get(d).forEach(function (t) {
              remaining.slice().forEach(function (c) {
                if (t.lastIndexOf(c, 0) === 0 && remaining.indexOf(c) >= 0) {
                  termsOf[c] = true;
                  remaining.splice(remaining.indexOf(c), 1);
                }
              });
            });
            remaining.forEach(function (c) { if (!LUNR_STOP[c] && c.charAt(0) !== "0") termsOf[c] = false; });
            var keys = Object.keys(termsOf), hit = keys.filter(function (c) { return termsOf[c]; }).length;
            var boost = (parents[d] === -1 ? 1 : 0) + (keys.length ? hit / keys.length : NaN);
            var score = (scores.get(d) / norm) * (1 + boost * boost);
            return { d: d, score: isNaN(score) ? 0 : score, terms: termsOf };
          });
          found.sort(function (a, b) { return b.score - a.score; });
          var groups = new Map();
          found.forEach(function (r) {
            var page = parents[r.d] === -1 ? r.d : parents[r.d];
            if (!groups.has(page)) groups.set(page, []);
            groups.get(page).push(r);
          });
          var list = Array.from(groups.entries());
          var shown = list.slice(0, textGroups);
          return Promise.all(shown.map(function (g) { return load("so/d/" + g[0] + ".json", snippets, g[0]); }))
            .then(function (texts) {
              var items = list.map(function (g, n) {
                var page = g[0], members = g[1], p = pages[page];
                if (n >= textGroups) {       /* further down: the page alone, its title unmarked */
                  var own = members.filter(function (r) { return r.d === page; })[0];
                  return [{ location: p[0], title: escape(p[1]), text: "", score: own ? own.score : 0,
                            terms: own ? own.terms : {} }];
                }
                var t = texts[n];
                var item = function (r) {
                  var e = t[String(r.d)], words = matched.get(r.d) || [];
                  return { location: r.d === page ? p[0] : p[0] + e[0], title: mark(e[1], words),
                           text: mark(e[2], words), score: r.score, terms: r.terms };
                };
                var out = members.map(item);
                if (!members.some(function (r) { return r.d === page; }))
                  out.push({ location: p[0], title: escape(t[String(page)][1]), text: "", score: 0, terms: {} });
                return out;
              });
              return tidy({ items: items });
            });
        });
    };
    return self;
  }

  self.soSearch = { fold: fold, stemFr: stemFr, stemEn: stemEn, analyzer: analyzer, tidy: tidy, Engine: Engine,
                    osaWithin: osaWithin, frontDecode: frontDecode };

  /* Loaded in a page (tests): stop here. In the worker: answer Material's messages. */
  if (typeof WorkerGlobalScope === "undefined" || !(self instanceof WorkerGlobalScope)) return;

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;   /* Material's SearchMessageType */
  var params = new URL(self.location.href).searchParams;
  var base = params.get("index");
  if (!base || new URL(base, self.location.href).origin !== self.location.origin)
    throw new Error("soins-obliges search worker: missing or foreign ?index= URL");
  base = new URL(base, self.location.href);
  var engine = null, latest = 0;

  addEventListener("message", function (ev) {
    var message = ev.data;
    if (!message) return;
    if (message.type === SETUP) {
      var config = message.data.config, cfg = config.so;
      cfg.separator = config.separator;
      engine = Engine(cfg, function (path) {
        var url = new URL(path, base);
        url.searchParams.set("v", cfg.version || "");
        return fetch(url.href).then(function (r) {
          if (!r.ok) throw new Error(url.pathname + ": HTTP " + r.status);
          return r.json();
        });
      });
      engine.ready.then(function () { postMessage({ type: READY }); }, function (err) {
        console.warn("search: the index could not be loaded", err);
      });
    } else if (message.type === QUERY && engine) {
      var id = ++latest, query = String(message.data || "");
      engine.ready.then(function () { return engine.search(query); }).then(function (result) {
        if (id === latest) postMessage({ type: RESULT, data: result });
      }, function (err) {
        console.warn("search: " + query, err);
        if (id === latest) postMessage({ type: RESULT, data: { items: [] } });
      });
    }
  });
})(self);
