/* baspa: quick exit, folding of chart data tables, print. Loaded with defer on every page. */
(function () {
  'use strict';
  var d = document, root = d.documentElement;
  if (!root.classList.replace('no-js', 'js')) root.classList.add('js');

  var link = d.getElementById('quick-exit');
  function exitUrl() {
    if (link) return link.getAttribute('data-exit-url') || link.href;
    try { return JSON.parse(d.getElementById('baspa-locale').textContent).exitUrl; } catch (e) { return ''; }
  }
  function leave(e) {
    var url = exitUrl();
    if (!url) return;
    e.preventDefault();
    d.body.hidden = true;
    // Do not tell the next site where the reader came from.
    var m = d.createElement('meta');
    m.name = 'referrer';
    m.content = 'no-referrer';
    d.head.appendChild(m);
    // replace(): this page does not stay as the previous history entry.
    location.replace(url);
  }
  if (link) link.addEventListener('click', leave);
  d.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' || e.key === 'Esc') leave(e);
  });
  // Coming back through the back/forward cache: show the page again.
  addEventListener('pageshow', function (e) { if (e.persisted) d.body.hidden = false; });

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
