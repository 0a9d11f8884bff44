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

  // Words joined into lines no wider than `width`; a word is never cut.
  function wrapWords(text, width, size, textWidth) {
    var lines = [], line = '';
    String(text).split(/\s+/).forEach(function (w) {
      if (!w) return;
      var next = line ? line + ' ' + w : w;
      if (line && textWidth(next, size) > width) { lines.push(line); line = w; } else line = next;
    });
    if (line) lines.push(line);
    return lines.join('\n');
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
    // Value labels with a space as the group separator ("1 500") must stand
    // well apart, or "0 500 1 500" reads as other numbers: on a horizontal
    // value axis, ask for as many ticks as fit with two spaces' room between.
    if (cfg.width) {
      list(opt.xAxis).forEach(function (a) {
        if (a.type !== 'value' || a.splitNumber != null) return;
        var widest = textWidth(axisFmt(largest(opt)), a.axisLabel.fontSize || 12);
        a.splitNumber = Math.max(2, Math.min(5, Math.floor((cfg.width - 80) / (widest + 24))));
      });
    }
    list(opt.legend).forEach(function (l) { l.textStyle = lh(l.textStyle); });
    // A pie sits in the middle of the box by default, under a legend that
    // takes two or three rows on a narrow chart: count the legend's rows
    // (ECharts: 25 px symbol + 5 px + text, 10 px gaps) and put the pie
    // below them, with room for the outside labels.
    var legend = list(opt.legend)[0];
    if (cfg.width && cfg.height && legend && legend.show !== false) {
      list(opt.series).forEach(function (s) {
        if (s.type !== 'pie' || s.center != null) return;
        var size = legend.textStyle.fontSize || 12, row = Math.max(14, legend.textStyle.lineHeight || 0);
        var rows = 1, x = 0, avail = cfg.width - 10;
        (s.data || []).forEach(function (d) {
          var w = 25 + 5 + textWidth(d && typeof d === 'object' ? d.name : '', size) + 10;
          if (x > 0 && x + w > avail) { rows++; x = 0; }
          x += w;
        });
        var top = (typeof legend.top === 'number' ? legend.top : 0) + 5 + rows * row + (rows - 1) * 10 + 8;
        var h = cfg.height - top;
        var r = Math.floor(Math.max(20, Math.min(cfg.width / 2 - 70, h / 2 - 28)));
        var radius = list(s.radius);
        var outer = parseFloat(radius[radius.length - 1]) || 68;
        s.radius = radius.length > 1 ? [Math.round(r * parseFloat(radius[0]) / outer), r] : r;
        s.center = ['50%', Math.round(top + h / 2)];
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
