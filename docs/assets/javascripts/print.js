/* "Print this page": shows the button (it is `hidden` in the page, so without
   JavaScript there is no button that does nothing) and opens the browser's print
   dialog. Also opens every collapsed block while printing and closes it again
   afterwards, for browsers where print.css cannot show a closed block's content. */
(function () {
  "use strict";

  var site = window.site;
  if (!site) return;
  var opened = [];

  function openAll() {
    document.querySelectorAll("article details:not([open])").forEach(function (details) {
      details.setAttribute("open", "");
      opened.push(details);
    });
  }

  function restore() {
    opened.forEach(function (details) { details.removeAttribute("open"); });
    opened = [];
  }

  function init() {
    document.querySelectorAll(".print-page[hidden]").forEach(function (block) {
      var button = block.querySelector("button");
      if (!button || typeof window.print !== "function") return;
      button.addEventListener("click", function () { window.print(); });
      block.removeAttribute("hidden");
    });
  }

  site.onPrint(openAll, restore);
  site.ready(init);
})();
