/* A button with a status line beside it, shared by copy.js (the Copy buttons on
   conversation scripts) and share.js (Share, and "Send this page to your partner").
   Loaded just before them (extra.page_assets in mkdocs.yml); it does nothing itself.
   window.siteButtons:
   - add(parent, {actions, button, label, status}): a container (class `actions`)
     appended to `parent`, holding a button (class `button`, text `label`) and a
     status line (class `status`) that is shown and announced (role=status, polite);
     returns {actions, button, status};
   - say(status, message, clearAfter): puts `message` in the status line, emptied
     first so that the same words are announced again; with `clearAfter` (ms), it
     empties it again after that long;
   - words(box): the text of a message box (a `script` admonition): its paragraphs,
     never its label or its buttons, spaces tidied, paragraphs apart;
   - parts(box): the elements those words come from;
   - ready(init): runs `init` once the page is ready, and again after each of
     Material's instant page changes. */
(function () {
  "use strict";

  var timers = new WeakMap();

  function parts(box) {
    return Array.prototype.filter.call(box.children, function (el) {
      return !el.matches(".admonition-title, .script-actions");
    });
  }

  function words(box) {
    return parts(box)
      .map(function (el) { return el.innerText.replace(/\s+/g, " ").trim(); })
      .filter(Boolean)
      .join("\n\n");
  }

  function add(parent, classes) {
    var actions = document.createElement(classes.tag || "div");
    actions.className = classes.actions;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button " + classes.button;
    button.textContent = classes.label;
    var status = document.createElement("span");
    status.className = classes.status;
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    actions.append(button, status);
    parent.appendChild(actions);
    return { actions: actions, button: button, status: status };
  }

  function say(status, message, clearAfter) {
    clearTimeout(timers.get(status));
    status.textContent = "";
    timers.set(status, setTimeout(function () {
      status.textContent = message;
      if (clearAfter) timers.set(status, setTimeout(function () { status.textContent = ""; }, clearAfter));
    }, 50));
  }

  function ready(init) {
    if (window.document$) window.document$.subscribe(init);
    else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
    else init();
  }

  window.siteButtons = { add: add, say: say, words: words, parts: parts, ready: ready };
})();
