/* baspa charts: ECharts locales, number formats of the page language, lazy init. */
(function () {
  'use strict';
  var ec = window.echarts, d = document;
  if (!ec) return;
  var cfg = {};
  try { cfg = JSON.parse(d.getElementById('baspa-locale').textContent); } catch (e) { /* defaults */ }
  var DEC = cfg.decimal || '.', GRP = cfg.group == null ? ',' : cfg.group, PCT = cfg.percent || '{n}%';
  var LANG = String(cfg.locale || d.documentElement.lang || 'en').slice(0, 2).toUpperCase();

  // ECharts UI locales. Sections are separated by ~, items by | (order: see build()).
  var L = {
    EN: 'January|February|March|April|May|June|July|August|September|October|November|December~Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec~Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday~Sun|Mon|Tue|Wed|Thu|Fri|Sat~All|Inv~Box Select|Lasso Select|Horizontally Select|Vertically Select|Keep Selections|Clear Selections~Data View|Close|Refresh~Zoom|Zoom Reset~Switch to Line Chart|Switch to Bar Chart|Stack|Tile~Restore|Save as Image|Right Click to Save Image~Pie chart|Bar chart|Line chart|Scatter plot|Ripple scatter plot|Radar chart|Tree|Treemap|Boxplot|Candlestick|K line chart|Heat map|Map|Parallel coordinate map|Line graph|Relationship graph|Sankey diagram|Funnel chart|Gauge|Pictorial bar|Theme River Map|Sunburst|Custom chart|Chart~This is a chart about "{title}"|This is a chart~| with type {seriesType} named {seriesName}.| with type {seriesType}.~. It consists of {seriesCount} series count.| The {seriesId} series is a {seriesType} representing {seriesName}.| The {seriesId} series is a {seriesType}.||~The data is as follows: |The first {displayCnt} items are: |the data for {name} is {value}|{value}|, |. ',
    RU: 'Январь|Февраль|Март|Апрель|Май|Июнь|Июль|Август|Сентябрь|Октябрь|Ноябрь|Декабрь~Янв|Фев|Мар|Апр|Май|Июн|Июл|Авг|Сен|Окт|Ноя|Дек~Воскресенье|Понедельник|Вторник|Среда|Четверг|Пятница|Суббота~вс|пн|вт|ср|чт|пт|сб~Все|Обратить~Выделить область|Инструмент «Лассо»|Горизонтальное выделение|Вертикальное выделение|Оставить выбранное|Очистить выбранное~Данные|Закрыть|Обновить~Увеличить|Сбросить увеличение~Переключиться на линейный график|Переключиться на столбчатую диаграмму|Стопка|Плитка~Восстановить|Сохранить как изображение|Щёлкните правой кнопкой, чтобы сохранить изображение~Круговая диаграмма|Столбчатая диаграмма|Линейный график|Точечная диаграмма|Точечная диаграмма с волнами|Лепестковая диаграмма|Дерево|Плоское дерево|Ящик с усами|Свечной график|График K-линий|Тепловая карта|Карта|Диаграмма параллельных координат|Линейный граф|Граф отношений|Диаграмма Санкей|Воронкообразная диаграмма|Шкала|Столбец-картинка|Тематическая река|Солнечные лучи|Пользовательская диаграмма|Диаграмма~Это диаграмма «{title}»|Это диаграмма~| типа «{seriesType}» с названием «{seriesName}».| типа «{seriesType}».~. Она состоит из {seriesCount} рядов.| Ряд {seriesId}: {seriesType}, «{seriesName}».| Ряд {seriesId}: {seriesType}.||~Данные: |Первые {displayCnt} элементов: |{name}: {value}|{value}|; |. ',
    KK: 'Қаңтар|Ақпан|Наурыз|Сәуір|Мамыр|Маусым|Шілде|Тамыз|Қыркүйек|Қазан|Қараша|Желтоқсан~Қаң|Ақп|Нау|Сәу|Мам|Мау|Шіл|Там|Қыр|Қаз|Қар|Жел~Жексенбі|Дүйсенбі|Сейсенбі|Сәрсенбі|Бейсенбі|Жұма|Сенбі~Жс|Дс|Сс|Ср|Бс|Жм|Сб~Барлығы|Керісінше~Аумақты белгілеу|«Лассо» құралы|Көлденең белгілеу|Тік белгілеу|Белгіленгенді сақтау|Белгіленгенді тазарту~Деректер|Жабу|Жаңарту~Үлкейту|Масштабты қалпына келтіру~Сызықтық графикке ауысу|Бағаналы диаграммаға ауысу|Қабаттастыру|Қатар орналастыру~Қалпына келтіру|Сурет ретінде сақтау|Суретті сақтау үшін тінтуірдің оң жақ батырмасын басыңыз~Дөңгелек диаграмма|Бағаналы диаграмма|Сызықтық график|Нүктелік диаграмма|Толқынды нүктелік диаграмма|Радарлық диаграмма|Ағаш|Ағаш картасы|Мұртты жәшік|Шам графигі|K-сызықтар графигі|Жылу картасы|Карта|Параллель координаттар диаграммасы|Сызықтар графы|Байланыстар графы|Санкей диаграммасы|Құйғыш диаграмма|Өлшеуіш шкала|Суретті бағана|Тақырыптық өзен|Күн сәулесі диаграммасы|Пайдаланушылық диаграмма|Диаграмма~Бұл – «{title}» диаграммасы|Бұл – диаграмма~|, түрі: {seriesType}, атауы: «{seriesName}».|, түрі: {seriesType}.~. Ол {seriesCount} қатардан тұрады.| {seriesId}-қатар: {seriesType}, «{seriesName}».| {seriesId}-қатар: {seriesType}.||~Деректер: |Алғашқы {displayCnt} элемент: |{name}: {value}|{value}|; |. '
  };
  var TYPES = 'pie bar line scatter effectScatter radar tree treemap boxplot candlestick k heatmap map parallel lines graph sankey funnel gauge pictorialBar themeRiver sunburst custom chart';
  function z(keys, v) {
    var o = {};
    keys.split(' ').forEach(function (k, i) { o[k] = v[i]; });
    return o;
  }
  function build(s) {
    var p = s.split('~').map(function (x) { return x.split('|'); });
    var ad = z('allData partialData withName withoutName', p[14]);
    ad.separator = z('middle end', p[14].slice(4));
    var mu = z('prefix withName withoutName', p[13]);
    mu.separator = z('middle end', p[13].slice(3));
    return {
      time: { month: p[0], monthAbbr: p[1], dayOfWeek: p[2], dayOfWeekAbbr: p[3] },
      legend: { selector: z('all inverse', p[4]) },
      toolbox: {
        brush: { title: z('rect polygon lineX lineY keep clear', p[5]) },
        dataView: { title: p[6][0], lang: p[6] },
        dataZoom: { title: z('zoom back', p[7]) },
        magicType: { title: z('line bar stack tiled', p[8]) },
        restore: { title: p[9][0] },
        saveAsImage: { title: p[9][1], lang: [p[9][2]] }
      },
      series: { typeNames: z(TYPES, p[10]) },
      aria: {
        general: z('withTitle withoutTitle', p[11]),
        series: { single: z('prefix withName withoutName', p[12]), multiple: mu },
        data: ad
      }
    };
  }
  Object.keys(L).forEach(function (k) { ec.registerLocale(k, build(L[k])); });
  if (!L[LANG]) LANG = 'EN';

  // Numbers with the separators of #baspa-locale (toLocaleString formats kk like en).
  function num(v, n) {
    var a = Math.abs(v).toFixed(n), s = a.split('.');
    return (v < 0 && +a !== 0 ? '\u2212' : '') + s[0].replace(/\B(?=(\d{3})+(?!\d))/g, GRP) + (s[1] ? DEC + s[1] : '');
  }
  function formatter(el) {
    var n = Math.min(20, Math.max(0, parseInt(el.getAttribute('data-decimals'), 10) || 0));
    var pct = el.getAttribute('data-unit') === 'percent';
    return function (v, places) {
      if (v && typeof v === 'object' && !Array.isArray(v)) v = v.value;
      if (Array.isArray(v)) v = v[v.length - 1];
      if (typeof v === 'string' && v.trim() !== '') v = +v;
      if (typeof v !== 'number' || !isFinite(v)) return v == null || v !== v ? '–' : String(v);
      var s = num(v, places == null ? n : places);
      return pct ? PCT.replace('{n}', s) : s;
    };
  }
  function list(x) { return x == null ? [] : Array.isArray(x) ? x : [x]; }
  var measure;
  function textWidth(s, size) {
    measure = measure || d.createElement('canvas').getContext('2d');
    if (!measure) return String(s).length * size * 0.6;
    measure.font = size + 'px sans-serif'; // ECharts' default text font
    return measure.measureText(String(s)).width;
  }

  function prepare(el, opt) {
    var fmt = formatter(el);
    var dim = 'y';
    list(opt.xAxis).forEach(function (a) {
      if (a.type === 'value') {
        dim = 'x';
        a.axisLabel = Object.assign({}, a.axisLabel, { formatter: axisFmt });
      }
    });
    list(opt.yAxis).forEach(function (a) {
      if ((a.type || 'value') === 'value') a.axisLabel = Object.assign({}, a.axisLabel, { formatter: axisFmt });
    });
    function axisFmt(v) { return fmt(v, v % 1 ? null : 0); }
    // ECharts spaces the lines of a text by the width of the glyph '国': on a system without a
    // CJK font that is a narrow fallback box, and wrapped labels are drawn on top of each other.
    // Give every text an explicit line height.
    function lh(style) {
      style = Object.assign({}, style);
      if (style.lineHeight == null) style.lineHeight = Math.round((style.fontSize || 12) * 1.35);
      return style;
    }
    list(opt.xAxis).concat(list(opt.yAxis)).forEach(function (a) {
      a.axisLabel = lh(a.axisLabel);
      // Value labels (10 %, 20 %, …) crowd on a phone: drop the ones that would overlap.
      if ((a.type || 'value') === 'value' && a.axisLabel.hideOverlap == null) a.axisLabel.hideOverlap = true;
    });
    list(opt.legend).forEach(function (l) { l.textStyle = lh(l.textStyle); });
    var endLabel = 0;
    list(opt.series).forEach(function (s) {
      s.label = lh(Object.assign({}, s.label, {
        formatter: function (p) {
          var v = p.value, e = p.encode && p.encode[dim];
          if (Array.isArray(v) && e) v = v[e[0]];
          return fmt(v);
        }
      }));
      (s.data || []).forEach(function (item) {
        // A faded item (a partial period) keeps a label at full contrast.
        if (item && typeof item === 'object' && item.itemStyle && item.itemStyle.opacity < 1) {
          item.label = Object.assign({ opacity: 1 }, item.label);
        }
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
    if (opt.aria) opt.aria.label = Object.assign({}, opt.aria.label, { enabled: false });
    if (window.matchMedia && matchMedia('(prefers-reduced-motion: reduce)').matches) opt.animation = false;
    // Patterns on top of colour for readers who ask for more contrast or
    // forced colours (colour-blind readers among them); the option carries
    // them switched off so that default rendering stays calm.
    if (opt.aria && window.matchMedia && (matchMedia('(prefers-contrast: more)').matches || matchMedia('(forced-colors: active)').matches)) {
      opt.aria.decal = Object.assign({}, opt.aria.decal, { show: true });
    }
    return opt;
  }

  window.baspaCharts = [];
  function init(el) {
    var chart;
    try {
      var opt = JSON.parse(d.getElementById(el.getAttribute('data-chart')).textContent);
      chart = ec.init(el, null, { renderer: 'svg', locale: LANG });
      chart.setOption(prepare(el, opt));
    } catch (e) {
      // No chart: hide the empty box and show the data table instead.
      if (chart) chart.dispose();
      el.hidden = true;
      var t = el.closest('.chart');
      t = t && t.querySelector('details.chart-table');
      if (t) t.open = true;
      return;
    }
    window.baspaCharts.push({ el: el, chart: chart });
    if (window.ResizeObserver) new ResizeObserver(function () { chart.resize(); }).observe(el);
    else addEventListener('resize', function () { chart.resize(); });
  }

  var io = window.IntersectionObserver && new IntersectionObserver(function (entries) {
    entries.forEach(function (en) {
      if (en.isIntersecting) { io.unobserve(en.target); init(en.target); }
    });
  }, { rootMargin: '200px' });
  d.querySelectorAll('.chart-canvas[data-chart]').forEach(function (el) {
    if (!d.getElementById(el.getAttribute('data-chart'))) return;
    el.hidden = false;
    if (io) io.observe(el); else init(el);
  });
})();
