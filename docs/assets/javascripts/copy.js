/* Copy buttons for conversation scripts (`!!! script "Label"` admonitions).
   Each script gets a "Copy" button that puts exactly its words on the clipboard:
   the body only (never the label), characters unchanged, spaces tidied. A visible
   status, also announced, says "Copied". Without the Clipboard API (or if it is
   refused) the words are selected and the status says which keys to press. */
(function () {
  "use strict";

  var MAC = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent || "");
  var timers = new WeakMap();

  function bodyParts(box) {
    return Array.prototype.filter.call(box.children, function (el) {
      return !el.matches(".admonition-title, .script-actions");
    });
  }

  function scriptText(box) {
    return bodyParts(box)
      .map(function (el) { return el.innerText.replace(/\s+/g, " ").trim(); })
      .filter(Boolean)
      .join("\n\n");
  }

  function say(status, message) {
    clearTimeout(timers.get(status));
    status.textContent = "";
    timers.set(status, setTimeout(function () {
      status.textContent = message;
      timers.set(status, setTimeout(function () { status.textContent = ""; }, 6000));
    }, 50));
  }

  function selectWords(box) {
    var parts = bodyParts(box);
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
      say(status, "Press " + (MAC ? "⌘C" : "Ctrl+C") + " to copy");
    };
    if (!navigator.clipboard || !navigator.clipboard.writeText) return fallback();
    navigator.clipboard.writeText(scriptText(box)).then(function () { say(status, "Copied"); }, fallback);
  }

  function init() {
    document.querySelectorAll(".admonition.script").forEach(function (box) {
      if (box.querySelector(".script-actions") || !bodyParts(box).length) return;
      var title = box.querySelector(".admonition-title");
      var actions = document.createElement("div");
      actions.className = "script-actions";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button script-copy";
      button.textContent = "Copy";
      if (title) button.setAttribute("aria-label", "Copy: " + title.textContent.trim());
      var status = document.createElement("span");
      status.className = "script-status";
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      actions.append(button, status);
      box.appendChild(actions);
      button.addEventListener("click", function () { copy(box, status); });
    });
  }

  if (window.document$) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
