/* Quick exit: "Leave this site quickly" (a.quick-exit) and the Esc key pressed
   twice within a second swap this page for the neutral site in its href, with
   location.replace, so the Back button does not return here. Without JavaScript
   the control is a plain link to the same site.
   The listeners sit on the document and look for the link when used, so they
   keep working after Material's instant navigation swaps the page. */
(function () {
  "use strict";

  var WINDOW_MS = 1000;
  var lastEscape = 0;

  function leave(url) {
    document.title = "";
    if (document.body) document.body.hidden = true;
    window.location.replace(url);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.quick-exit");
    if (!link) return;
    event.preventDefault();
    leave(link.href);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || event.repeat) return;
    var link = document.querySelector("a.quick-exit");
    if (!link) return;
    var now = Date.now();
    if (now - lastEscape <= WINDOW_MS) leave(link.href);
    else lastEscape = now;
  });
})();
