/* baspa: folded parts opened for print. Loaded with defer on every page.
   The js class and the quick exit are not here: the inline script in <head>
   sets one and arms the other before the first paint. */
(function () {
  'use strict';
  var d = document;

  var opened = [];
  addEventListener('beforeprint', function () {
    d.querySelectorAll('details:not([open])').forEach(function (t) { t.open = true; opened.push(t); });
  });
  addEventListener('afterprint', function () {
    opened.forEach(function (t) { t.open = false; });
    opened = [];
  });
})();
