/* baspa: folding of chart data tables, print. Loaded with defer on every page.
   Quick exit is not here: an inline script in <head> arms it from the page's first bytes. */
(function () {
  'use strict';
  var d = document, root = d.documentElement;
  if (!root.classList.replace('no-js', 'js')) root.classList.add('js');

  // Fold a data table only when its chart is really shown (charts.js unhides the canvas).
  // Without JS, or if the chart scripts fail, the tables stay open.
  d.addEventListener('DOMContentLoaded', function () {
    d.querySelectorAll('details.chart-table').forEach(function (t) {
      var f = t.closest('.chart');
      if (f && f.querySelector('.chart-canvas:not([hidden])')) t.open = false;
    });
  });

  var opened = [];
  addEventListener('beforeprint', function () {
    d.querySelectorAll('details:not([open])').forEach(function (t) { t.open = true; opened.push(t); });
  });
  addEventListener('afterprint', function () {
    opened.forEach(function (t) { t.open = false; });
    opened = [];
  });
})();
