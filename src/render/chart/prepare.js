/* baspa: the adjustments to a chart's ECharts option that JSON cannot carry
 * (number formatters with the page's separators, line heights, room for end
 * labels, label wrapping for the chart's width) and the colours of each
 * scheme. ONE file, run in two places so that the static and the interactive
 * chart never disagree:
 *   - the build (src/render/chart/engine.rs) evaluates it in QuickJS after
 *     echarts.min.js and calls it for every static SVG;
 *   - the browser loads it (assets/chart-prepare.*.js) with ECharts when a
 *     reader reaches for a chart, and charts.js calls it the same way.
 * baspaPrepare(option, {decimal, group, percent, decimals, unit, width, height,
 *                       textWidth(text, px), scheme: 'light'|'contrast',
 *                       fontFamily, reducedMotion})
 * ES5 only, no DOM, no globals other than `baspaPrepare`.
 */
(function (root) {
  'use strict';

  function list(x) { return x == null ? [] : Array.isArray(x) ? x : [x]; }

  // The colours of each scheme. light: a colour-blind-safe palette (after
  // Okabe–Ito), dark enough on white for labels; dark pages show the light
  // chart through a CSS filter, so one drawing serves both. contrast (for
  // readers who ask for more contrast or forced colours): black and white,
  // series told apart by patterns.
  var SCHEMES = {
    light: {
      palette: ['#0b6fa4', '#c25e00', '#2e7d5b', '#a3467a', '#6b5d00', '#5a5a9c'],
      text: '#1b1f24', axis: '#4e5660', split: '#dde1e6', highlight: '#b3261e', hatch: 'rgba(255,255,255,0.7)', decals: false
    },
    contrast: {
      palette: ['#000000', '#5a5a5a', '#000000', '#5a5a5a', '#000000', '#5a5a5a'],
      text: '#000000', axis: '#000000', split: '#7a7a7a', highlight: '#000000', hatch: '#ffffff', decals: true
    }
  };
  // Patterns of the contrast scheme, one per series, white on the series' colour.
  var DECALS = [
    { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 5], rotation: Math.PI / 4 },
    { symbol: 'circle', symbolSize: 0.8, dashArrayX: [[6, 6], [0, 6, 6, 0]], dashArrayY: [6, 0] },
    { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [4, 3], rotation: -Math.PI / 4 },
    { symbol: 'rect', dashArrayX: [[8, 8], [0, 8, 8, 0]], dashArrayY: [6, 0] },
    { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 4], rotation: 0 },
    { symbol: 'triangle', symbolSize: 0.8, dashArrayX: [[6, 6], [0, 6, 6, 0]], dashArrayY: [6, 0] }
  ];

  // Colours, highlight and partial periods of the option's items, for one
  // scheme. The build marks items with `baspa: "highlight"` or `"partial"`.
  function paint(opt, sc) {
    opt.color = sc.palette.slice();
    opt.backgroundColor = 'transparent';
    opt.textStyle = assign(opt.textStyle, { color: sc.text });
    list(opt.xAxis).concat(list(opt.yAxis)).forEach(function (a) {
      a.axisLabel = assign(a.axisLabel, { color: sc.text });
      a.axisLine = assign(a.axisLine, { lineStyle: assign(a.axisLine && a.axisLine.lineStyle, { color: sc.axis }) });
      a.axisTick = assign(a.axisTick, { lineStyle: assign(a.axisTick && a.axisTick.lineStyle, { color: sc.axis }) });
      a.splitLine = assign(a.splitLine, { lineStyle: assign(a.splitLine && a.splitLine.lineStyle, { color: sc.split }) });
    });
    list(opt.legend).forEach(function (l) { l.textStyle = assign(l.textStyle, { color: sc.text }); });
    // Patterns are set on each series (each pie slice) rather than through
    // aria.decal, whose palette ECharts keeps across every chart it draws:
    // the build's engine draws many, and must draw each the same way.
    opt.aria = assign(opt.aria, { enabled: true, decal: { show: false } });
    function pattern(k) { return assign(DECALS[k % DECALS.length], { color: sc.hatch }); }
    list(opt.series).forEach(function (s, i) {
      var colour = sc.palette[i % sc.palette.length];
      if (sc.decals && s.type !== 'pie') s.itemStyle = assign(s.itemStyle, { decal: pattern(i) });
      if (sc.decals && s.type === 'pie') {
        s.data = (s.data || []).map(function (item, k) {
          item = item && typeof item === 'object' ? item : { value: item };
          return assign(item, { itemStyle: assign(item.itemStyle, { decal: pattern(k) }) });
        });
      }
      s.label = assign(s.label, { color: s.label && s.label.position === 'inside' ? '#fff' : sc.text });
      if (s.type === 'pie' && sc.decals) s.itemStyle = assign(s.itemStyle, { borderColor: '#fff', borderWidth: 2 });
      (s.data || []).forEach(function (item, k) {
        if (!item || typeof item !== 'object' || !item.baspa) return;
        var mark = item.baspa;
        delete item.baspa;
        var base = s.type === 'pie' ? sc.palette[k % sc.palette.length] : colour;
        if (mark === 'highlight') {
          item.itemStyle = assign(item.itemStyle, { color: sc.highlight });
        } else if (mark === 'partial') {
          // A part of a period (January–October) never reads as a whole one:
          // hatched, with an outline in the full colour (3:1 against the page).
          item.itemStyle = assign(item.itemStyle, {
            color: base, borderColor: sc.decals ? '#000' : base, borderWidth: 1.5,
            decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [3, 3], rotation: -Math.PI / 4, color: sc.hatch }
          });
          item.label = assign({ opacity: 1 }, item.label);
        }
      });
    });
  }
  function assign(a, b) { return Object.assign({}, a, b); }

  // Words joined into lines no wider than `width`. A word a little wider
  // than a line ("зарегистрированные") stays whole and overflows a bit; one
  // far wider (a URL, a formula) is cut between characters, or it would
  // push the plot off the chart.
  function wrapWords(text, width, size, textWidth) {
    var lines = [], line = '';
    String(text).split(/\s+/).forEach(function (w) {
      if (!w) return;
      var next = line ? line + ' ' + w : w;
      if (line && textWidth(next, size) > width) { lines.push(line); line = w; } else line = next;
      while (textWidth(line, size) > width * 1.5 && line.length > 1) {
        var cut = line.length - 1;
        while (cut > 1 && textWidth(line.slice(0, cut), size) > width) cut--;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    });
    if (line) lines.push(line);
    return lines.join('\n');
  }

  // The rows a legend takes in `width` (ECharts: 25 px symbol, 5 px, the
  // text, 10 px between items) and the height of one row.
  function legendRows(names, legend, width, textWidth) {
    var size = legend.textStyle.fontSize || 12, rows = 1, x = 0;
    names.forEach(function (name) {
      var w = 25 + 5 + textWidth(name, size) + 10;
      if (x > 0 && x + w > width - 10) { rows++; x = 0; }
      x += w;
    });
    return { rows: rows, height: Math.max(14, legend.textStyle.lineHeight || 0) };
  }

  // The largest magnitude a chart plots (for the width of its axis labels).
  function largest(opt) {
    var m = 0;
    list(opt.series).forEach(function (s) {
      (s.data || []).forEach(function (d) {
        var v = d && typeof d === 'object' && !Array.isArray(d) ? d.value : d;
        if (Array.isArray(v)) v = v[v.length - 1];
        if (typeof v === 'number' && isFinite(v)) m = Math.max(m, Math.abs(v));
      });
    });
    return m;
  }

  // The top of a value axis as ECharts rounds it: a multiple of a "nice"
  // interval (1, 2, 3, 5 × 10^n) for about `splits` ticks.
  function niceMax(m, splits) {
    if (!(m > 0)) return 1;
    var raw = m / (splits || 5), exp = Math.pow(10, Math.floor(Math.log(raw) / Math.LN10)), f = raw / exp;
    var step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 3 ? 3 : f <= 5 ? 5 : 10) * exp;
    return Math.ceil(m / step) * step;
  }

  // Numbers with the page's separators (toLocaleString formats kk like en,
  // and QuickJS has no Intl at all: the separators come from ICU4X in Rust).
  function num(v, n, c) {
    var a = Math.abs(v).toFixed(n), s = a.split('.');
    return (v < 0 && +a !== 0 ? c.minus || '-' : '') + s[0].replace(/\B(?=(\d{3})+(?!\d))/g, c.group) + (s[1] ? c.decimal + s[1] : '');
  }

  function formatter(c) {
    var n = Math.min(20, Math.max(0, parseInt(c.decimals, 10) || 0));
    var pct = c.unit === 'percent';
    return function (v, places) {
      if (v && typeof v === 'object' && !Array.isArray(v)) v = v.value;
      if (Array.isArray(v)) v = v[v.length - 1];
      if (typeof v === 'string' && v.trim() !== '') v = +v;
      if (typeof v !== 'number' || !isFinite(v)) return v == null || v !== v ? '\u2013' : String(v);
      var s = num(v, places == null ? n : places, c);
      return pct ? c.percent.replace('{n}', s) : s;
    };
  }

  // cfg: decimal, group, percent ('{n}%', '{n}\u00a0%'), decimals, unit
  // ('percent' | 'number'), width and height (the chart's size in px: the
  // browser's clientWidth/clientHeight, the build's layout size), textWidth(text, fontSizePx) -> px,
  // the colour scheme, the font family, and reducedMotion.
  // Vertical bars whose category labels cannot stand side by side on a
  // phone turn horizontal there (the build marks them: baspa.narrowFlip).
  function flip(opt, width) {
    var x = opt.xAxis, y = opt.yAxis;
    opt.xAxis = assign(y, { axisLabel: assign(y && y.axisLabel) });
    opt.yAxis = assign(x, { inverse: true, axisLabel: assign(x && x.axisLabel, { width: Math.floor(width * 0.42), overflow: 'break', rotate: 0 }) });
    list(opt.series).forEach(function (s) {
      if (s.label && s.label.position === 'top') s.label = assign(s.label, { position: 'right' });
    });
  }

  root.baspaPrepare = function (opt, cfg) {
    var marks = opt.baspa || {};
    delete opt.baspa;
    if (marks.narrowFlip && cfg.width && cfg.width < 480) flip(opt, cfg.width);
    paint(opt, SCHEMES[cfg.scheme] || SCHEMES.light);
    if (cfg.fontFamily) opt.textStyle = assign(opt.textStyle, { fontFamily: cfg.fontFamily });
    var c = {
      decimal: cfg.decimal || '.',
      group: cfg.group == null ? ',' : cfg.group,
      percent: cfg.percent || '{n}%',
      decimals: cfg.decimals,
      unit: cfg.unit
    };
    var textWidth = cfg.textWidth || function (s, size) { return String(s).length * size * 0.6; };
    var fmt = formatter(c);
    var dim = 'y';
    function axisFmt(v) { return fmt(v, v % 1 ? null : 0); }
    list(opt.xAxis).forEach(function (a) {
      if (a.type === 'value') {
        dim = 'x';
        a.axisLabel = assign(a.axisLabel, { formatter: axisFmt });
      }
    });
    list(opt.yAxis).forEach(function (a) {
      if ((a.type || 'value') === 'value') a.axisLabel = assign(a.axisLabel, { formatter: axisFmt });
    });
    // ECharts spaces the lines of a text by the width of the glyph '国': on a
    // system without a CJK font that is a narrow fallback box, and wrapped
    // labels are drawn on top of each other. Give every text a line height.
    function lh(style) {
      style = assign(style);
      if (style.lineHeight == null) style.lineHeight = Math.round((style.fontSize || 12) * 1.35);
      return style;
    }
    list(opt.xAxis).concat(list(opt.yAxis)).forEach(function (a) {
      a.axisLabel = lh(a.axisLabel);
      // Value labels (10 %, 20 %, …) crowd on a phone: drop the ones that would overlap.
      if ((a.type || 'value') === 'value' && a.axisLabel.hideOverlap == null) a.axisLabel.hideOverlap = true;
    });
    // Category labels under the plot that cannot stand side by side (twelve
    // months, or a phone's width) would overlap: first let them wrap to the
    // width of their slot; if a single word is still wider, turn them 45°.
    if (cfg.width) {
      list(opt.xAxis).forEach(function (a) {
        if (a.type !== 'category' || !Array.isArray(a.data) || !a.data.length || a.axisLabel.rotate != null) return;
        var size = a.axisLabel.fontSize || 12;
        // The plot is the chart less the grid's margins and the value axis'
        // labels (~40 px for "3 500"); a few px of air between labels.
        var g = list(opt.grid)[0] || {};
        var margins = (typeof g.left === 'number' ? g.left : 0) + (typeof g.right === 'number' ? g.right : 0);
        var slot = (cfg.width - margins - 40) / a.data.length - 4;
        var word = 0;
        a.data.forEach(function (d) {
          var text = String(d && typeof d === 'object' ? d.value : d);
          text.split(/\s+/).forEach(function (w) { word = Math.max(word, textWidth(w, size)); });
        });
        if (word > slot) a.axisLabel.rotate = 45;
        else if (a.axisLabel.overflow === 'break' && (a.axisLabel.width == null || a.axisLabel.width > slot)) a.axisLabel.width = Math.floor(slot);
      });
    }
    // ECharts' `overflow: 'break'` cuts a word that is wider than the label
    // ("зарегистрирован/ные") and may start a line with a comma: wrap
    // between words here instead, and let ECharts draw the lines as given.
    list(opt.xAxis).concat(list(opt.yAxis)).forEach(function (a) {
      var l = a.axisLabel;
      if (a.type !== 'category' || l.overflow !== 'break' || typeof l.width !== 'number' || l.rotate) return;
      var width = l.width, size = l.fontSize || 12;
      l.formatter = function (text) { return wrapWords(text, width, size, textWidth); };
      l.overflow = 'none';
      delete l.width;
    });
    list(opt.legend).forEach(function (l) { l.textStyle = lh(l.textStyle); });
    // A pie sits in the middle of the box by default, under a legend that
    // takes two or three rows on a narrow chart: count the legend's rows
    // (ECharts: 25 px symbol + 5 px + text, 10 px gaps) and put the pie
    // below them, with room for the outside labels.
    var legend = list(opt.legend)[0];
    if (cfg.width && cfg.height && legend && legend.show !== false) {
      list(opt.series).forEach(function (s) {
        if (s.type !== 'pie' || s.center != null) return;
        var names = (s.data || []).map(function (d) { return d && typeof d === 'object' ? d.name : ''; });
        var lr = legendRows(names, legend, cfg.width, textWidth);
        var top = (typeof legend.top === 'number' ? legend.top : 0) + 5 + lr.rows * lr.height + (lr.rows - 1) * 10 + 8;
        var h = cfg.height - top;
        // Outside labels need their text's width beside the pie, after the
        // two segments of their leader line (15 px each), 5 px before the
        // text and ECharts' 10 px bleed margin at the box's edge; it cuts
        // what does not fit ("5...").
        var labelRoom = 0;
        (s.data || []).forEach(function (d) { labelRoom = Math.max(labelRoom, textWidth(fmt(d), (s.label && s.label.fontSize) || 12)); });
        var r = Math.floor(Math.max(20, Math.min(cfg.width / 2 - labelRoom - 52, h / 2 - 28)));
        var radius = list(s.radius);
        var outer = parseFloat(radius[radius.length - 1]) || 68;
        s.radius = radius.length > 1 ? [Math.round(r * parseFloat(radius[0]) / outer), r] : r;
        s.center = ['50%', Math.round(top + h / 2)];
      });
    }
    // A legend of several rows (long series names on a phone) would run
    // into the plot: the grid starts below its last row.
    if (cfg.width && legend && legend.show !== false) {
      var names = list(opt.series).filter(function (s) { return s.type !== 'pie'; }).map(function (s) { return s.name || ''; });
      if (names.length) {
        var lr = legendRows(names, legend, cfg.width, textWidth);
        var below = (typeof legend.top === 'number' ? legend.top : 0) + 5 + lr.rows * lr.height + (lr.rows - 1) * 10 + 14;
        list(opt.grid).forEach(function (g) { if (typeof g.top !== 'number' || g.top < below) g.top = below; });
      }
    }
    // A line's points too close for their numbers side by side (twelve
    // months on a phone) keep the numbers a reader looks for: the first,
    // the last, the highest and the lowest (the table has every one).
    list(opt.series).forEach(function (s) {
      if (s.type !== 'line' || !cfg.width || !s.label || !s.label.show) return;
      var data = s.data || [], size = s.label.fontSize || 12, widest = 0, hi = -1, lo = -1;
      var value = function (d) { return d && typeof d === 'object' ? d.value : d; };
      data.forEach(function (d, k) {
        var v = value(d);
        if (typeof v !== 'number') return;
        widest = Math.max(widest, textWidth(fmt(v), size));
        if (hi < 0 || v > value(data[hi])) hi = k;
        if (lo < 0 || v < value(data[lo])) lo = k;
      });
      if (!data.length || (cfg.width - 60) / data.length >= widest + 6) return;
      s.data = data.map(function (d, k) {
        if (k === 0 || k === data.length - 1 || k === hi || k === lo) return d;
        var item = d && typeof d === 'object' ? d : { value: d };
        return assign(item, { label: assign(item.label, { show: false }) });
      });
    });
    // The plot's length along the value axis, estimated as ECharts lays it
    // out: the box less the grid's margins, the category labels beside
    // horizontal bars, the labels under vertical ones.
    function plotLength() {
      var g = list(opt.grid)[0] || {};
      var num = function (x, d) { return typeof x === 'number' ? x : d; };
      if (dim === 'x') {
        var cat = list(opt.yAxis)[0] || {}, lw = cat.axisLabel || {}, widest = 0;
        (cat.data || []).forEach(function (d) {
          var text = String(d && typeof d === 'object' ? d.value : d);
          widest = Math.max(widest, Math.min(textWidth(text, lw.fontSize || 12), typeof lw.width === 'number' ? lw.width : 150));
        });
        return cfg.width - num(g.left, 8) - num(g.right, 32) - widest - 8;
      }
      return (cfg.height || 320) - num(g.top, 16) - num(g.bottom, 8) - 40;
    }
    // Numbers inside the segments of stacked bars are dropped where the
    // segment is too small to hold them (the table and tooltip keep them):
    // otherwise "5" and "233" run together into "5233".
    var stacked = list(opt.series).filter(function (s) { return s.type === 'bar' && s.stack && s.label && s.label.show; });
    if (stacked.length && cfg.width) {
      var totals = [];
      stacked.forEach(function (s) {
        (s.data || []).forEach(function (d, k) {
          var v = d && typeof d === 'object' ? d.value : d;
          if (typeof v === 'number' && v > 0) totals[k] = (totals[k] || 0) + v;
        });
      });
      var top = niceMax(Math.max.apply(null, totals.concat([0])), 5), length = plotLength();
      var cats = (list(dim === 'x' ? opt.yAxis : opt.xAxis)[0] || {}).data || [];
      var thickness = dim === 'x' ? 0 : length && cats.length ? (cfg.width - 60) / cats.length * 0.6 : 0;
      stacked.forEach(function (s) {
        var size = s.label.fontSize || 12;
        s.data = (s.data || []).map(function (d) {
          var item = d && typeof d === 'object' ? d : { value: d };
          var v = item.value, px = typeof v === 'number' ? Math.abs(v) / top * length : 0;
          var text = textWidth(fmt(v), size);
          var fits = dim === 'x' ? px >= text + 6 : px >= size + 6 && thickness >= text + 4;
          return fits ? d : assign(item, { label: assign(item.label, { show: false }) });
        });
      });
    }
    var endLabel = 0;
    list(opt.series).forEach(function (s) {
      s.label = lh(assign(s.label, {
        formatter: function (p) {
          var v = p.value, e = p.encode && p.encode[dim];
          if (Array.isArray(v) && e) v = v[e[0]];
          return fmt(v);
        }
      }));
      (s.data || []).forEach(function (item) {
        // Labels right of horizontal bars need room inside the chart box.
        if (s.label.show && s.label.position === 'right' && dim === 'x') {
          endLabel = Math.max(endLabel, textWidth(fmt(item), s.label.fontSize || 12) + (s.label.distance == null ? 5 : s.label.distance));
        }
      });
    });
    if (endLabel) {
      list(opt.grid).forEach(function (g) {
        var right = typeof g.right === 'number' ? g.right : 0;
        g.right = Math.max(right, Math.ceil(endLabel) + 8);
      });
    }
    // Value labels with a space as the group separator ("1 500") must stand
    // well apart, or "0 500 1 500" reads as other numbers: on a horizontal
    // value axis, ask for as many ticks as fit the plot (not the whole box,
    // less the category labels and end labels) with two spaces' room between.
    if (cfg.width && dim === 'x') {
      list(opt.xAxis).forEach(function (a) {
        if (a.type !== 'value' || a.splitNumber != null) return;
        var widest = textWidth(axisFmt(niceMax(largest(opt), 5)), a.axisLabel.fontSize || 12);
        a.splitNumber = Math.max(1, Math.min(5, Math.floor(plotLength() / (widest + 24))));
      });
    }
    list(opt.tooltip).forEach(function (t) {
      t.valueFormatter = function (v) { return fmt(v); };
      // HTML tooltips write inline styles, which the CSP forbids.
      if (!t.renderMode) t.renderMode = 'richText';
      t.textStyle = lh(t.textStyle);
    });
    // Keep the page's own long description instead of ECharts' generated aria-label.
    opt.aria.label = assign(opt.aria.label, { enabled: false });
    if (cfg.reducedMotion) opt.animation = false;
    return opt;
  };
})(typeof globalThis !== 'undefined' ? globalThis : this);
