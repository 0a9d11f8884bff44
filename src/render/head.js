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
  d.addEventListener('submit', function (e) {
    var f = e.target, to = new URL(f.action, l.href);
    if (e.defaultPrevented || f.method !== 'get' || f.target || to.origin !== l.origin) return;
    e.preventDefault();
    to.search = new URLSearchParams(new FormData(f)).toString();
    l.replace(to.href);
  });
  addEventListener('pageshow', function (e) { if (e.persisted) { h.hidden = false; } });
})(document, location);
