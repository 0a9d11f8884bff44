/* baspa search: answers a query on the search page from the index the build wrote
   beside it (index.json, t*.json, p<N>.json). There is no stemmer here: the index maps
   every word form of the text to its stem, so the Rust code stays the one source of
   truth. A form the text never uses matches through the longest indexed form or stem
   it begins with; a short or unfinished word also matches the stems that begin with it.
   Text is normalised and split exactly as src/search/text.rs does.
   Esc is not handled here: where quick exit is on, the safety script leaves the site
   on Esc from anywhere, this box included (reader safety first). */
(function () {
  'use strict';
  var d = document;
  var script = d.currentScript;
  var input = d.getElementById('search-input');
  var status = d.getElementById('search-status');
  var list = d.getElementById('search-results');
  var more = d.getElementById('search-more');
  var plain = d.getElementById('search-index');
  if (!script || !input || !status || !list || !more) return;
  var base = new URL(script.getAttribute('data-index'), location.href);
  var S = readJson('search-strings');
  var group = readJson('baspa-locale').group || ',';
  var MAX_QUERY = 200, MAX_WORDS = 8, MAX_WORD = 48, PER_PAGE = 10, MIN_PREFIX = 3, MAX_EXPANSIONS = 8;
  var WORD = /[\p{Alphabetic}\p{N}]+/gu;
  var WORD_IN_TEXT = /[\p{Alphabetic}\p{N}\u00ad\u200b-\u200d\u2060\ufeff\u0300-\u036f]+/gu;
  var IGNORABLE = /[\u00ad\u200b-\u200d\u2060\ufeff\u0300-\u036f]/g;

  var files = {}, shards = {}, manifest = null, starts = null, current = 0, shown = null;

  function readJson(id) {
    var el = d.getElementById(id);
    try { return el ? JSON.parse(el.textContent) : {}; } catch (e) { return {}; }
  }

  function normalise(s) {
    return s.normalize('NFC').toLowerCase().replace(IGNORABLE, '').replace(/ё/g, 'е');
  }

  function words(q) {
    var seen = {}, out = [];
    (normalise(q).match(WORD) || []).forEach(function (w) {
      var n = Array.from(w).length;
      if ((n > 1 || /\p{N}/u.test(w)) && n <= MAX_WORD && !seen[w] && out.length < MAX_WORDS) {
        seen[w] = true;
        out.push(w);
      }
    });
    return out;
  }

  function get(name) {
    if (!files[name]) {
      files[name] = fetch(new URL(name, base), { credentials: 'same-origin' }).then(function (r) {
        if (!r.ok) throw new Error(name + ': ' + r.status);
        return r.json();
      });
    }
    return files[name];
  }

  function loadManifest() {
    if (manifest) return Promise.resolve(manifest);
    return get(base.pathname.split('/').pop()).then(function (m) {
      var sum = 0;
      starts = m.n.map(function (n) { var s = sum; sum += n; return s; });
      m.keys = new Set(m.shards);
      manifest = m;
      return m;
    });
  }

  function keyOf(w) { return Array.from(w).slice(0, manifest.k).join(''); }

  /* The shard a word or stem sits in, as Maps (no prototype keys), or null. */
  function shard(w) {
    var key = keyOf(w);
    if (!manifest.keys.has(key)) return Promise.resolve(null);
    if (shards[key]) return Promise.resolve(shards[key]);
    var name = key ? 't-' + Array.from(key).map(function (c) { return c.codePointAt(0).toString(16); }).join('-') + '.json' : 't.json';
    return get(name).then(function (t) {
      /* f: stem → "ending ending =form": the forms of the text, back to form → stem. */
      var forms = new Map();
      Object.keys(t.f).forEach(function (stem) {
        t.f[stem].split(' ').forEach(function (e) { forms.set(e.charAt(0) === '=' ? e.slice(1) : stem + e, stem); });
      });
      shards[key] = { f: forms, s: new Map(Object.entries(t.s)), postings: new Map(), name: name };
      return shards[key];
    });
  }

  function loadedShard(w) { return manifest ? shards[keyOf(w)] || null : null; }

  /* The stems a query word matches, each with a factor: a form of the text or a stem (1);
     else the stems that begin with it, as a word still being typed (`зорл` → зорлық, 0.75);
     else the longest form or stem it begins with, as a form the text never uses
     (`топтарының` → топтары → топ, 1). */
  function resolve(w) {
    return shard(w).then(function (sh) {
      var found = new Map();
      if (!sh) return found;
      var stem = sh.f.get(w) || (sh.s.has(w) ? w : null);
      if (stem !== null) return found.set(stem, 1);
      var chars = Array.from(w);
      if (chars.length >= MIN_PREFIX) {
        var begins = [];
        sh.s.forEach(function (_, s) { if (s.indexOf(w) === 0) begins.push(s); });
        begins.sort(function (a, b) { return a.length - b.length || (a < b ? -1 : 1); });
        begins.slice(0, MAX_EXPANSIONS).forEach(function (s) { found.set(s, 0.75); });
        if (found.size) return found;
      }
      for (var n = chars.length - 1; stem === null && n >= MIN_PREFIX; n--) {
        var p = chars.slice(0, n).join('');
        stem = sh.f.get(p) || (sh.s.has(p) ? p : null);
      }
      if (stem !== null) found.set(stem, 1);
      return found;
    });
  }

  /* A stem's postings as Map(section id → weight); the stem may live in another shard, and
     long postings in a file of their own (the shard then holds its number). */
  function postings(stem) {
    return shard(stem).then(function (sh) {
      if (!sh || !sh.s.has(stem)) return new Map();
      if (sh.postings.has(stem)) return sh.postings.get(stem);
      var v = sh.s.get(stem);
      var list = typeof v === 'number' ? get(sh.name.replace(/\.json$/, '.' + v + '.json')) : Promise.resolve(v);
      return list.then(function (flat) {
        var map = new Map(), id = 0;
        for (var i = 0; i + 1 < flat.length; i += 2) { id += flat[i]; map.set(id, flat[i + 1]); }
        sh.postings.set(stem, map);
        return map;
      });
    });
  }

  function scoreWord(stems) {
    var pairs = Array.from(stems);
    return Promise.all(pairs.map(function (p) { return postings(p[0]); })).then(function (lists) {
      var best = new Map();
      lists.forEach(function (list, i) {
        list.forEach(function (weight, id) {
          var v = weight * pairs[i][1];
          if (!(best.get(id) >= v)) best.set(id, v);
        });
      });
      return best;
    });
  }

  function run(query) {
    var ws = words(query.slice(0, MAX_QUERY));
    if (!ws.length) return Promise.resolve({ words: ws, results: [], stems: new Map() });
    return loadManifest().then(function () {
      return Promise.all(ws.map(resolve));
    }).then(function (perWord) {
      var stems = new Map();
      perWord.forEach(function (m) { m.forEach(function (f, s) { stems.set(s, Math.max(f, stems.get(s) || 0)); }); });
      return Promise.all(perWord.map(scoreWord)).then(function (perWordScores) {
        var total = new Map();
        perWordScores.forEach(function (best) {
          best.forEach(function (v, id) {
            var e = total.get(id) || { id: id, hits: 0, score: 0 };
            e.hits++;
            e.score += v;
            total.set(id, e);
          });
        });
        var all = Array.from(total.values());
        var every = all.filter(function (e) { return e.hits === ws.length; });
        var results = every.length ? every : all;
        results.sort(function (a, b) { return b.hits - a.hits || b.score - a.score || a.id - b.id; });
        return { words: ws, results: results, stems: stems };
      });
    });
  }

  function pageOf(id) {
    var lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= id) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  function isMatch(found, w) {
    if (found.stems.has(w)) return true;
    var sh = loadedShard(w);
    var stem = sh && sh.f.get(w);
    if (stem && found.stems.has(stem)) return true;
    var hit = false;
    found.words.forEach(function (q) { if (Array.from(q).length >= MIN_PREFIX && w.indexOf(q) === 0) hit = true; });
    found.stems.forEach(function (f, s) { if (f < 1 && w.indexOf(s) === 0) hit = true; });
    return hit;
  }

  /* About 200 characters of `text` around its first match, matched words in <mark>. */
  function excerpt(found, text) {
    var hits = [], m;
    WORD_IN_TEXT.lastIndex = 0;
    while ((m = WORD_IN_TEXT.exec(text)) && hits.length < 50) {
      if (isMatch(found, normalise(m[0]))) hits.push([m.index, m.index + m[0].length]);
    }
    var start = hits.length ? Math.max(0, hits[0][0] - 60) : 0;
    if (start > 0) start = text.indexOf(' ', start) + 1 || start;
    var end = Math.min(text.length, start + 220);
    if (end < text.length) end = Math.max(text.lastIndexOf(' ', end), hits.length ? hits[0][1] : start + 1);
    var p = d.createElement('p'), at = start;
    p.className = 'result-excerpt';
    if (start > 0) p.append('… ');
    hits.forEach(function (h) {
      if (h[0] < at || h[1] > end) return;
      p.append(text.slice(at, h[0]));
      var mark = d.createElement('mark');
      mark.textContent = text.slice(h[0], h[1]);
      p.append(mark);
      at = h[1];
    });
    p.append(text.slice(at, end));
    if (end < text.length) p.append(' …');
    return p;
  }

  function item(found, page, section) {
    var li = d.createElement('li'), a = d.createElement('a');
    var heading = section[0], anchor = section[1], text = section[2] || section[0];
    a.href = page.u + (anchor ? '#' + encodeURIComponent(anchor) : '');
    if (heading) {
      var where = d.createElement('span');
      where.className = 'result-page';
      where.textContent = page.t;
      a.append(where);
    }
    var title = d.createElement('span');
    title.className = 'result-section';
    title.textContent = heading || page.t;
    a.append(title);
    li.append(a, excerpt(found, text));
    return li;
  }

  function count(n) {
    var category = 'other';
    try { category = new Intl.PluralRules(S.locale).select(n); } catch (e) { /* 'other' */ }
    var form = (S.results || {})[category] || (S.results || {}).other || '{n}';
    return form.replace('{n}', String(n).replace(/\B(?=(\d{3})+(?!\d))/g, group));
  }

  function showMore(found, ticket) {
    var from = list.children.length, slice = found.results.slice(from, from + PER_PAGE);
    return Promise.all(slice.map(function (e) { return get('p' + Math.floor(pageOf(e.id) / manifest.c) + '.json'); })).then(function (texts) {
      if (ticket !== current) return;
      slice.forEach(function (e, i) {
        var n = pageOf(e.id), page = texts[i][n % manifest.c], section = page && page.s[e.id - starts[n]];
        if (section) list.append(item(found, page, section));
      });
      more.hidden = list.children.length >= found.results.length;
    });
  }

  function search(query) {
    var ticket = ++current;
    var trimmed = query.trim();
    if (!trimmed) {
      show(null, '');
      return;
    }
    run(trimmed).then(function (found) {
      if (ticket !== current) return;
      if (!found.words.length) return show(null, S.empty || '');
      list.textContent = '';
      shown = found;
      return showMore(found, ticket).then(function () {
        if (ticket !== current) return;
        show(found, found.results.length ? count(found.results.length) : S.none || '');
      });
    }).catch(function () {
      if (ticket === current) show(null, S.failed || '');
    });
  }

  function show(found, message) {
    if (!found) {
      list.textContent = '';
      more.hidden = true;
      shown = null;
    }
    list.hidden = !found || !found.results.length;
    if (plain) plain.hidden = !!(found && found.results.length);
    status.textContent = message;
  }

  var timer = 0;
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { search(input.value); }, 150);
  });
  input.form.addEventListener('submit', function (e) {
    e.preventDefault();
    clearTimeout(timer);
    search(input.value);
  });
  more.textContent = S.more || '';
  more.addEventListener('click', function () {
    var first = list.children.length;
    if (shown) showMore(shown, current).then(function () {
      var next = list.children[first] && list.children[first].querySelector('a');
      if (next) next.focus();
    });
  });
  /* Arrow keys: from the box into the results, and between them; Enter follows a link. */
  input.addEventListener('keydown', function (e) {
    var first = list.querySelector('a');
    if (e.key === 'ArrowDown' && first && !list.hidden) { e.preventDefault(); first.focus(); }
  });
  list.addEventListener('keydown', function (e) {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    var links = Array.prototype.slice.call(list.querySelectorAll('a'));
    var i = links.indexOf(d.activeElement);
    if (i < 0) return;
    e.preventDefault();
    var j = i + (e.key === 'ArrowDown' ? 1 : -1);
    if (j < 0) input.focus(); else if (j < links.length) links[j].focus();
  });

  var q = new URLSearchParams(location.search).get('q') || '';
  input.value = q.slice(0, MAX_QUERY);
  if (input.value) search(input.value);
})();
