/* baspa: the js class, folded parts opened for print. Loaded with defer on every page.
   Quick exit is not here: an inline script in <head> arms it from the page's first bytes. */
(function () {
  'use strict';
  var d = document, root = d.documentElement;
  if (!root.classList.replace('no-js', 'js')) root.classList.add('js');

  var opened = [];
  addEventListener('beforeprint', function () {
    d.querySelectorAll('details:not([open])').forEach(function (t) { t.open = true; opened.push(t); });
  });
  addEventListener('afterprint', function () {
    opened.forEach(function (t) { t.open = false; });
    opened = [];
  });
})();
