/* baspa charts: every chart is a static drawing made at build time; this small script turns one
   into the interactive ECharts chart when a reader reaches for it (hover, tap, keyboard focus, or
   the "explore" button). Only then are ECharts (~1 MB) and chart-prepare.js downloaded, with their
   integrity hashes. The live chart takes over the drawing's box: nothing on the page moves. */
(function () {
  'use strict';
  var d = document, me = d.currentScript;
  if (!me || !window.Promise) return;
  var FONT = 'DejaVu Sans, Arial, Helvetica, sans-serif';
  var cfg = {};
  try { cfg = JSON.parse(d.getElementById('baspa-locale').textContent); } catch (e) { /* defaults */ }
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
  function locale(s) {
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

  // ECharts and the shared adjustments, once, on demand.
  var loading = null;
  function script(src, integrity) {
    return new Promise(function (resolve, reject) {
      var s = d.createElement('script');
      s.src = src;
      if (integrity) s.integrity = integrity;
      s.onload = resolve;
      s.onerror = function () { reject(new Error('cannot load ' + src)); };
      d.head.appendChild(s);
    });
  }
  function load() {
    loading = loading || script(me.getAttribute('data-echarts'), me.getAttribute('data-echarts-integrity'))
      .then(function () { return script(me.getAttribute('data-prepare'), me.getAttribute('data-prepare-integrity')); })
      .then(function () {
        Object.keys(L).forEach(function (k) { window.echarts.registerLocale(k, locale(L[k])); });
        if (!L[LANG]) LANG = 'EN';
      });
    return loading;
  }

  var measure;
  function textWidth(s, size) {
    measure = measure || d.createElement('canvas').getContext('2d');
    if (!measure) return String(s).length * size * 0.6;
    measure.font = size + 'px ' + FONT;
    return measure.measureText(String(s)).width;
  }
  function mq(q) { return !!(window.matchMedia && matchMedia(q).matches); }
  function config(box, width, height) {
    return {
      decimal: cfg.decimal || '.', group: cfg.group == null ? ',' : cfg.group, percent: cfg.percent || '{n}%', minus: cfg.minus || '-',
      decimals: box.getAttribute('data-decimals'), unit: box.getAttribute('data-unit'),
      width: width, height: height, textWidth: textWidth, fontFamily: FONT,
      scheme: mq('(forced-colors: active)') || mq('(prefers-contrast: more)') ? 'contrast' : 'light',
      reducedMotion: mq('(prefers-reduced-motion: reduce)')
    };
  }

  window.baspaCharts = [];
  function start(box) {
    if (box.getAttribute('data-live')) return;
    box.setAttribute('data-live', 'loading');
    var img = box.querySelector('img');
    load().then(function () {
      var source = d.getElementById(box.getAttribute('data-chart')).textContent;
      var rect = img.getBoundingClientRect();
      // The live chart covers the drawing exactly, at its size: nothing moves.
      var live = d.createElement('div');
      live.className = 'chart-live';
      live.setAttribute('role', 'img');
      live.setAttribute('aria-label', img.alt);
      function place(r) {
        var b = box.getBoundingClientRect();
        live.style.left = (r.left - b.left) + 'px';
        live.style.top = (r.top - b.top) + 'px';
        live.style.width = r.width + 'px';
        live.style.height = r.height + 'px';
      }
      place(rect);
      box.appendChild(live);
      var chart = window.echarts.init(live, null, { renderer: 'svg', locale: LANG });
      chart.setOption(window.baspaPrepare(JSON.parse(source), config(box, rect.width, rect.height)));
      box.setAttribute('data-live', 'on');
      window.baspaCharts.push({ el: live, chart: chart });
      if (window.ResizeObserver) {
        new ResizeObserver(function () {
          var r = img.getBoundingClientRect();
          place(r);
          if (Math.abs(r.width - live.offsetWidth) < 1 && Math.abs(r.height - live.offsetHeight) < 1) return;
          chart.setOption(window.baspaPrepare(JSON.parse(source), config(box, r.width, r.height)), true);
          chart.resize();
        }).observe(img);
      }
    }).catch(function () {
      // The drawing stays: it is the whole chart, only not interactive.
      box.setAttribute('data-live', 'failed');
    });
  }

  d.querySelectorAll('.chart-box[data-chart]').forEach(function (box) {
    if (!d.getElementById(box.getAttribute('data-chart')) || !box.querySelector('img')) return;
    var button = box.querySelector('.chart-explore');
    var go = function () { start(box); };
    box.addEventListener('pointerenter', go);
    box.addEventListener('touchstart', go, { passive: true });
    box.addEventListener('focusin', go);
    if (button) {
      button.addEventListener('click', function () {
        start(box);
        loading.then(function () { var live = box.querySelector('.chart-live'); if (live) { live.tabIndex = -1; live.focus(); } });
      });
    }
  });
})();
