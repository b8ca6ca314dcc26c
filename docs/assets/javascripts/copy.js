/* Copy buttons for conversation scripts (`!!! script "Label"` admonitions).
   Each script gets a "Copy" button that puts exactly its words on the clipboard:
   the body only (never the label), characters unchanged, spaces tidied. A visible
   status, also announced, says "Copied". Without the Clipboard API (or if it is
   refused) the words are selected and the status says which keys to press.
   The button, its status line and the copying come from site.js. */
(function () {
  "use strict";

  var site = window.site;
  if (!site) return;
  var SHOWN_MS = 6000;

  function init() {
    document.querySelectorAll(".admonition.script").forEach(function (box) {
      if (box.querySelector(".script-actions") || !site.parts(box).length) return;
      var title = box.querySelector(".admonition-title");
      var made = site.add(box, { actions: "script-actions", button: "script-copy", label: site.t("copy_button"), status: "script-status" });
      if (title) made.button.setAttribute("aria-label", site.t("copy_button_label", { title: title.textContent.trim() }));
      made.button.addEventListener("click", function () {
        site.copy({ text: site.words(box), status: made.status, done: site.t("copy_done"), words: site.parts(box), clearAfter: SHOWN_MS });
      });
    });
  }

  site.ready(init);
})();
