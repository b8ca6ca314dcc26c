/* Copy buttons for conversation scripts (`!!! script "Label"` admonitions).
   Each script gets a "Copy" button that puts exactly its words on the clipboard:
   the body only (never the label), characters unchanged, spaces tidied. A visible
   status, also announced, says "Copied". Without the Clipboard API (or if it is
   refused) the words are selected and the status says which keys to press.
   The button and its status line come from window.siteButtons, at the top of share.js (loaded just before). */
(function () {
  "use strict";

  var ui = window.siteButtons;
  var MAC = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent || "");
  var SHOWN_MS = 6000;

  function selectWords(box) {
    var parts = ui.parts(box);
    var range = document.createRange();
    range.setStartBefore(parts[0]);
    range.setEndAfter(parts[parts.length - 1]);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function copy(box, status) {
    var fallback = function () {
      selectWords(box);
      ui.say(status, "Press " + (MAC ? "⌘C" : "Ctrl+C") + " to copy", SHOWN_MS);
    };
    if (!navigator.clipboard || !navigator.clipboard.writeText) return fallback();
    navigator.clipboard.writeText(ui.words(box)).then(function () { ui.say(status, "Copied", SHOWN_MS); }, fallback);
  }

  function init() {
    document.querySelectorAll(".admonition.script").forEach(function (box) {
      if (box.querySelector(".script-actions") || !ui.parts(box).length) return;
      var title = box.querySelector(".admonition-title");
      var made = ui.add(box, { actions: "script-actions", button: "script-copy", label: "Copy", status: "script-status" });
      if (title) made.button.setAttribute("aria-label", "Copy: " + title.textContent.trim());
      made.button.addEventListener("click", function () { copy(box, made.status); });
    });
  }

  if (ui) ui.ready(init);
})();
