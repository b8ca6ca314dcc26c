/* Quick exit, on every page: "Leave this site quickly" (a.quick-exit, in the safety bar at
   the top) and the Esc key pressed twice within a second swap this page for the neutral page
   in the link's href with location.replace. That replaces this page in the browser's history:
   Back does not return to it, but pages of this guide opened before it can still be there (the
   safety page says so, and how to clear them). Without JavaScript the control is a plain link.
   Loaded at once in the head (deferred), so it works before Material's bundle has arrived. The
   Esc listener sits on the window in the capture phase, so it hears the key first, even while
   the search box has the focus. */
(function () {
  "use strict";

  var WINDOW_MS = 1000;
  var lastEscape = -Infinity;

  function leave(url) {
    document.title = "";
    if (document.body) document.body.hidden = true;
    window.location.replace(url);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.quick-exit");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    leave(link.href);
  });

  window.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || event.repeat) return;
    var link = document.querySelector("a.quick-exit");
    if (!link) return;
    var now = Date.now();
    if (now - lastEscape <= WINDOW_MS) leave(link.href);
    else lastEscape = now;
  }, true);
})();
