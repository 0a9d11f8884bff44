// Live reload for `baspa serve`: reloads the page when the site is rebuilt.
// Served at /__baspa/livereload.js and added to pages only by `baspa serve`;
// never part of a built site. Same-origin script and EventSource, so the
// pages' Content-Security-Policy (script-src 'self'; connect-src 'self') holds.
(function () {
  "use strict";
  if (!window.EventSource) return;
  var script = document.currentScript;
  var built = script && script.getAttribute("data-generation");
  var events = new EventSource("/__baspa/events");
  // On every (re)connection the server says which build it serves: a page
  // that missed a reload, or a server that restarted, shows up here.
  events.addEventListener("hello", function (e) {
    if (built && e.data !== built) location.reload();
  });
  events.addEventListener("reload", function () {
    location.reload();
  });
})();
