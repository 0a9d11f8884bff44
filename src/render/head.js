(function (d, l) {
  var h = d.documentElement, u = h.getAttribute('data-exit');
  h.className = h.className.replace('no-js', 'js');
  if (!u) return;
  function leave(e) {
    e.preventDefault();
    h.hidden = true;
    d.title = '';
    l.replace(u);
  }
  d.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' || e.key === 'Esc') leave(e);
  }, true);
  d.addEventListener('click', function (e) {
    var a = e.target.closest && e.target.closest('a[href]');
    if (!a || e.defaultPrevented || e.button || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    if (a.id === 'quick-exit') return leave(e);
    if (a.target || a.hasAttribute('download') || a.origin !== l.origin) return;
    e.preventDefault();
    l.replace(a.href);
  }, true);
  addEventListener('pageshow', function (e) { if (e.persisted) { h.hidden = false; } });
})(document, location);
