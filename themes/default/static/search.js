/* folio's search: reads the index the build wrote under search/CODE/ (src/search.rs says its
   format) and shows results under every search box ([data-search]). theme.js loads this file
   the first time a box is used. Words are cut and stemmed as src/search/words.rs does them;
   tests/testsuite/search.rs runs both sides on the same texts. No other host is ever asked. */
(function (root) {
  "use strict";

  var WORD = /[\p{L}\p{M}\p{N}\p{Pc}]/u;
  var CONNECTOR = /\p{Pc}/u;
  var UPPER = /\p{Uppercase}/u;
  var LOWER = /\p{Lowercase}/u;
  var NUMBER = /\p{N}/u;
  var UNSPACED = /[\u3040-\u30FF\u31F0-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF66-\uFF9F\u{20000}-\u{2FA1F}]/u;
  var MAX_WORD_CHARS = 40;

  function lower(word) {
    var out = "";
    for (var c of word) out += c.toLowerCase();
    return out.replace(/ё/g, "е");
  }

  function identifierParts(word) {
    var parts = [];
    word.split(CONNECTOR).forEach(function (piece) {
      var chars = Array.from(piece), start = 0;
      for (var i = 1; i < chars.length; i++) {
        var c = chars[i], before = chars[i - 1];
        var afterLower = i + 1 < chars.length && LOWER.test(chars[i + 1]);
        if (UPPER.test(c) && (LOWER.test(before) || NUMBER.test(before) || (UPPER.test(before) && afterLower))) {
          parts.push(chars.slice(start, i).join(""));
          start = i;
        }
      }
      parts.push(chars.slice(start).join(""));
    });
    return parts.filter(function (p) { return p; });
  }

  function short(word) { return Array.from(word).length <= MAX_WORD_CHARS; }

  /* Calls each(word, whole) as words() of src/search/words.rs does. */
  function words(text, each) {
    var word = "";
    function flush() {
      if (!word) return;
      var parts = identifierParts(word);
      if (parts.length > 1) {
        var whole = lower(word);
        if (short(whole)) each(whole, true);
      }
      parts.forEach(function (part) {
        part = lower(part);
        if (part && short(part)) each(part, false);
      });
      word = "";
    }
    for (var c of text.normalize("NFC")) {
      if (UNSPACED.test(c)) { flush(); each(lower(c), false); }
      else if (WORD.test(c)) word += c;
      else flush();
    }
    flush();
  }

  /* Compares by code point, as Rust orders the index's terms. */
  function compare(a, b) {
    var ia = a[Symbol.iterator](), ib = b[Symbol.iterator]();
    for (;;) {
      var x = ia.next(), y = ib.next();
      if (x.done || y.done) return x.done === y.done ? 0 : x.done ? -1 : 1;
      var d = x.value.codePointAt(0) - y.value.codePointAt(0);
      if (d) return d;
    }
  }

  /* As russian_plural_verb of src/search/words.rs: учат -> уч, as Snowball makes учить. */
  function russianPluralVerb(stem) {
    var m = /^(.*[жчшщ])[ая]т$/.exec(stem);
    return m && /[аеиоуыэюя]/.test(m[1]) ? m[1] : stem;
  }

  /* The stemmer of `lang` as the index's Analyzer stems. */
  function stemmerFor(lang) {
    var stem = (root.folioStemmers || {})[lang];
    return lang === "ru" && stem ? function (w) { return russianPluralVerb(stem(w)); } : stem;
  }

  /* What query_terms of src/search/words.rs gives: every word's term in one language. */
  function queryTerms(text, lang) {
    var stem = stemmerFor(lang), out = [];
    words(text, function (w, whole) { out.push(whole || !stem ? w : stem(w)); });
    return out;
  }

  function gunzip(response) {
    if (!response.ok) throw new Error(response.status + " " + response.url);
    var stream = response.body.pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).arrayBuffer();
  }

  function loadScript(url) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = url; s.onload = resolve; s.onerror = reject;
      document.head.appendChild(s);
    });
  }

  /* One tree's index, at rootUrl; stems come from the stem/ scripts beside this one. */
  function Index(rootUrl, stemUrl, stem) {
    this.url = rootUrl;
    this.files = {};
    var self = this;
    // The stemmer of the tree's language loads beside the root, not after it.
    var early = stem ? loadScript(stemUrl(stem)).catch(function () {}) : null;
    this.ready = Promise.all([fetch(rootUrl).then(function (r) {
      if (!r.ok) throw new Error(r.status + " " + rootUrl);
      return r.json();
    }), early]).then(function (loaded) {
      var meta = loaded[0];
      self.meta = meta;
      var missing = meta.stem.filter(function (l) { return !(root.folioStemmers || {})[l]; });
      return Promise.all(missing.map(function (l) { return loadScript(stemUrl(l)); }));
    }).then(function () {
      self.stemmers = self.meta.stem.map(stemmerFor).filter(Boolean);
    });
  }

  Index.prototype.file = function (name, parse) {
    if (!this.files[name]) {
      this.files[name] = fetch(new URL(name, this.url)).then(gunzip).then(parse);
    }
    return this.files[name];
  };

  /* The chunk whose terms include `term`: the last starting at or before it. */
  Index.prototype.chunkOf = function (term) {
    var chunks = this.meta.chunks, lo = 0, hi = chunks.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (compare(chunks[mid][0], term) <= 0) lo = mid; else hi = mid - 1;
    }
    return lo;
  };

  /* Postings of the terms `want` accepts in chunk n: {term: [[page, result, weight, titleTerms]]}. */
  Index.prototype.postings = function (n, want) {
    return this.file(this.meta.chunks[n][1], function (buffer) { return new Uint8Array(buffer); })
      .then(function (bytes) { return decode(bytes, want); });
  };

  function decode(bytes, want) {
    var at = 0, found = {}, text = new TextDecoder();
    function varint() {
      var value = 0, shift = 0, b;
      do { b = bytes[at++]; value += (b & 0x7f) * Math.pow(2, shift); shift += 7; } while (b & 0x80);
      return value;
    }
    for (var terms = varint(); terms > 0; terms--) {
      var length = varint(), term = text.decode(bytes.subarray(at, at + length));
      at += length;
      var keep = want(term), list = keep ? [] : null, page = 0;
      for (var pages = varint(); pages > 0; pages--) {
        page += varint();
        for (var n = varint(); n > 0; n--) {
          var result = varint(), weight = bytes[at++], titleTerms = 0;
          if (weight & 0x80) titleTerms = bytes[at++];
          if (list) list.push([page, result, weight, titleTerms]);
        }
      }
      if (list) found[term] = list;
    }
    return found;
  }

  /* What each word of the query may be in the index: the word, its stems, and for the word
     being typed, every term it starts. */
  Index.prototype.query = function (text) {
    var stemmers = this.stemmers, parts = [];
    words(text, function (word, whole) {
      var terms = {};
      terms[word] = 0.7;
      if (!whole) stemmers.forEach(function (stem) { terms[stem(word)] = 1; });
      if (!whole && !stemmers.length) terms[word] = 1;
      parts.push({ word: word, terms: terms });
    });
    var typing = parts.length && !/[\s\p{P}]$/u.test(text) ? parts[parts.length - 1] : null;
    if (typing && Array.from(typing.word).length >= (UNSPACED.test(typing.word) ? 1 : 2)) typing.prefix = typing.word;
    return parts;
  };

  Index.prototype.search = function (text) {
    var self = this;
    return this.ready.then(function () {
      var parts = self.query(text);
      var lookups = parts.map(function (part) { return self.lookup(part); });
      return Promise.all(lookups).then(function (found) { return self.rank(parts, found); });
    });
  };

  var PREFIX_TERMS = 40;

  /* Postings of a query word's terms: [{term, factor, list}]. */
  Index.prototype.lookup = function (part) {
    var self = this, chunks = {};
    Object.keys(part.terms).forEach(function (t) { chunks[self.chunkOf(t)] = true; });
    if (part.prefix) {
      var first = this.chunkOf(part.prefix), all = this.meta.chunks;
      for (var n = first; n < all.length && n < first + 3; n++) {
        if (n > first && compare(all[n][0], part.prefix) > 0 && !all[n][0].startsWith(part.prefix)) break;
        chunks[n] = true;
      }
    }
    var prefixed = 0;
    function want(term) {
      if (term in part.terms) return true;
      if (part.prefix && term.startsWith(part.prefix) && prefixed < PREFIX_TERMS) { prefixed++; return true; }
      return false;
    }
    return Promise.all(Object.keys(chunks).map(function (n) { return self.postings(+n, want); }))
      .then(function (maps) {
        var out = [];
        maps.forEach(function (found) {
          Object.keys(found).forEach(function (term) {
            var factor = term in part.terms ? part.terms[term] : 0.6;
            out.push({ term: term, factor: factor, list: found[term] });
          });
        });
        return out;
      });
  };

  /* Results of every page, best first: exact titles, then results with every word, by score. */
  Index.prototype.rank = function (parts, found) {
    var total = this.meta.results, results = {}, used = 0;
    found.forEach(function (terms, i) {
      if (!terms.length) return; // a word the index leaves out (the, и) or never saw
      used++;
      terms.forEach(function (t) {
        var idf = Math.log(1 + (total - t.list.length + 0.5) / (t.list.length + 0.5));
        t.list.forEach(function (p) {
          var key = p[0] * 65536 + p[1];
          var r = results[key] || (results[key] = { page: p[0], result: p[1], score: 0, words: {}, title: {}, titleTerms: 0 });
          var s = idf * (p[2] & 0x7f) / 9 * t.factor;
          if (!(i in r.words) || r.words[i] < s) r.words[i] = s;
          if (p[2] & 0x80) { r.title[i] = true; r.titleTerms = p[3]; }
        });
      });
    });
    var distinct = {};
    parts.forEach(function (p, i) { if (found[i].length) distinct[p.word] = true; });
    var wanted = Object.keys(distinct).length;
    var list = Object.keys(results).map(function (k) {
      var r = results[k], n = Object.keys(r.words).length;
      r.score = Object.keys(r.words).reduce(function (s, i) { return s + r.words[i]; }, 0);
      r.all = n === used;
      r.exact = r.result === 0 && r.all && Object.keys(r.title).length === used && r.titleTerms === wanted;
      return r;
    });
    list.sort(function (a, b) {
      return (b.exact - a.exact) || (b.all - a.all) || (b.score - a.score) || (a.page - b.page) || (a.result - b.result);
    });
    var pages = [], byPage = {};
    list.forEach(function (r) {
      var page = byPage[r.page];
      if (!page) pages.push(page = byPage[r.page] = { page: r.page, results: [] });
      if (page.results.length < 3 && (page.results.length === 0 || r.all === page.results[0].all)) page.results.push(r);
    });
    return { pages: pages, parts: parts };
  };

  /* What the results list shows of `page` (its fragment's view of the page). */
  Index.prototype.view = function (page) {
    var group = this.meta.group, n = Math.floor(page / group);
    var name = "f-" + n + "-" + this.meta.fragments.substr(n * 8, 8) + ".bin";
    return this.file(name, function (buffer) { return JSON.parse(new TextDecoder().decode(buffer)); })
      .then(function (pages) {
        for (var i = 0; i < pages.length; i++) if (pages[i][0] === page % group) return pages[i][1];
        return null;
      });
  };

  /* Results as plain data, for other themes and tests: [{url, title, section, label, excerpt}]. */
  Index.prototype.results = function (text, count) {
    var self = this;
    return this.search(text).then(function (ranked) {
      return Promise.all(ranked.pages.slice(0, count || 10).map(function (hit) {
        return self.view(hit.page).then(function (view) { return view && described(self, view, hit.results[0]); });
      }));
    }).then(function (list) { return list.filter(Boolean); });
  };

  function described(index, view, hit) {
    var r = view.r[hit.result] || { k: "p", x: "" };
    return {
      url: view.u + (r.a ? "#" + r.a : ""),
      title: view.t,
      section: view.s,
      label: label(index.meta.words, r),
      excerpt: r.x
    };
  }

  function counted(samples, n, lang) {
    var rules = new Intl.PluralRules(lang), category = rules.select(n), pick = samples[samples.length - 1];
    for (var i = 0; i < samples.length; i++) if (rules.select(samples[i][0]) === category) { pick = samples[i]; break; }
    return pick[1].replace("{n}", n.toLocaleString(lang));
  }

  function label(w, r) {
    var kind = { q: w.question, a: w.answer, A: w.accepted, r: w.reply }[r.k];
    if (!kind) return r.h || "";
    var out = [kind];
    if (r.h) out.push(r.h);
    if (r.v !== undefined) out.push(counted(w.votes, r.v, w.lang));
    return out.join(" · ");
  }

  root.folioSearchCore = { words: words, queryTerms: queryTerms, Index: Index, compare: compare };
  if (typeof document === "undefined") return;

  /* The reader's side: a box, its results list and a live region. */
  var scriptUrl = document.currentScript && document.currentScript.src;
  var indexes = {};
  function indexAt(url, stem) {
    var stemUrl = function (lang) { return new URL("stem/" + lang + ".js", scriptUrl).href; };
    return indexes[url] || (indexes[url] = new Index(url, stemUrl, stem));
  }
  function boxIndex(box) {
    return indexAt(new URL(box.getAttribute("data-search-index"), location.href).href, box.getAttribute("data-search-stem"));
  }

  function marked(text, parts, into) {
    var terms = {};
    parts.forEach(function (p) { Object.keys(p.terms).forEach(function (t) { terms[t] = true; }); });
    var prefixes = parts.filter(function (p) { return p.prefix; }).map(function (p) { return p.prefix; });
    var stemmers = this.stemmers || [];
    var last = 0;
    text.replace(/[\p{L}\p{M}\p{N}\p{Pc}]+/gu, function (word, at) {
      var hit = false;
      words(word, function (w) {
        if (terms[w] || prefixes.some(function (p) { return w.startsWith(p); })) hit = true;
        stemmers.forEach(function (stem) { if (terms[stem(w)]) hit = true; });
      });
      if (!hit) return word;
      into.appendChild(document.createTextNode(text.slice(last, at)));
      var mark = document.createElement("mark");
      mark.textContent = word;
      into.appendChild(mark);
      last = at + word.length;
      return word;
    });
    into.appendChild(document.createTextNode(text.slice(last)));
  }

  function attach(box) {
    if (box.folioSearch) return;
    var input = box.querySelector("input[type=search]");
    var list = box.querySelector("[data-search-results]");
    var status = box.querySelector("[data-search-status]");
    var index = boxIndex(box);
    var seq = 0, timer = 0;
    box.folioSearch = true;

    function close() {
      list.hidden = true;
      list.textContent = "";
    }

    function show(text) {
      var mine = ++seq;
      if (!text.trim()) { close(); status.textContent = ""; return; }
      index.search(text).then(function (ranked) {
        var shown = ranked.pages.slice(0, 10);
        return Promise.all(shown.map(function (hit) { return index.view(hit.page); })).then(function (views) {
          if (mine !== seq) return;
          render(ranked, shown, views, text);
        });
      }).catch(function () {
        if (mine !== seq) return;
        list.textContent = "";
        var p = document.createElement("p");
        p.className = "search-message";
        p.textContent = index.meta ? index.meta.words.error : box.getAttribute("data-search-error");
        list.appendChild(p);
        list.hidden = false;
        status.textContent = p.textContent;
      });
    }

    function render(ranked, shown, views, text) {
      var w = index.meta.words;
      list.textContent = "";
      var count = ranked.pages.length;
      status.textContent = count ? counted(w.results, count, w.lang) : w.none.replace("{q}", text.trim());
      if (!count) {
        var none = document.createElement("p");
        none.className = "search-message";
        none.textContent = status.textContent;
        list.appendChild(none);
      } else {
        var summary = document.createElement("p");
        summary.className = "search-count";
        summary.textContent = status.textContent;
        list.appendChild(summary);
        var ol = document.createElement("ol");
        shown.forEach(function (hit, i) {
          var view = views[i];
          if (view) ol.appendChild(item(view, hit, ranked.parts));
        });
        list.appendChild(ol);
      }
      list.hidden = false;
    }

    function item(view, hit, parts) {
      var li = document.createElement("li");
      li.className = "search-result";
      hit.results.forEach(function (r, i) {
        var data = view.r[r.result];
        if (!data) return;
        var a = document.createElement("a");
        a.href = view.u + (data.a ? "#" + data.a : "");
        a.className = i === 0 ? "search-result-link" : "search-result-link search-subresult";
        if (i === 0) {
          var title = document.createElement("span");
          title.className = "search-result-title";
          marked.call(index, view.t, parts, title);
          a.appendChild(title);
          if (view.s) {
            var section = document.createElement("span");
            section.className = "search-result-section";
            section.textContent = view.s;
            a.appendChild(section);
          }
        }
        var what = label(index.meta.words, data);
        if (what && data.k !== "p") {
          var l = document.createElement("span");
          l.className = "search-result-label" + (data.k === "A" ? " search-result-accepted" : "");
          marked.call(index, what, parts, l);
          a.appendChild(l);
        }
        if (data.x) {
          var x = document.createElement("span");
          x.className = "search-result-excerpt";
          marked.call(index, data.x, parts, x);
          a.appendChild(x);
        }
        li.appendChild(a);
      });
      return li;
    }

    function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { show(input.value); }, 60);
    });
    box.addEventListener("keydown", function (e) {
      var all = links(), at = all.indexOf(document.activeElement);
      if (e.key === "ArrowDown" && all.length) {
        e.preventDefault();
        all[Math.min(at + 1, all.length - 1)].focus();
      } else if (e.key === "ArrowUp" && at >= 0) {
        e.preventDefault();
        (at === 0 ? input : all[at - 1]).focus();
      } else if (e.key === "Escape") {
        if (!list.hidden) { e.preventDefault(); close(); }
        input.focus();
      }
    });
    document.addEventListener("click", function (e) { if (!box.contains(e.target)) close(); });
    input.addEventListener("focus", function () { if (input.value.trim() && list.hidden) show(input.value); });
    if (input.value.trim()) show(input.value);
  }

  root.folioSearch = {
    attach: attach,
    /* The results of `text` in the index of the first search box: for tests and other themes. */
    search: function (text, count) {
      var box = document.querySelector("[data-search]");
      return boxIndex(box).results(text, count);
    }
  };
  Array.prototype.forEach.call(document.querySelectorAll("[data-search]"), attach);
})(self);
