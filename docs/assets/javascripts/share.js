/* A button with a status line beside it, shared by copy.js (the Copy buttons on
   conversation scripts) and share.js (Share, and "Send this page to your partner").
   It sits at the top of share.js, which every page loads before copy.js, checklist.js,
   print.js and the message builder (one request fewer than a file of its own); it does
   nothing itself. (whole-guide.js runs earlier, from the head, so it has its own start-up.)
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

/* Share a page: the control at the top of every page ([data-share]) and the
   "Send this page to your partner" block (.admonition.share-partner).
   With the Web Share API (phones) it opens the share sheet; otherwise it copies to
   the clipboard and says so in a visible, announced status. The address shared is
   the page's canonical one, with no query and no hash. Nothing is stored or sent.
   The partner block's button and its status line come from siteButtons above (loaded just
   before), as do the words of its message. */
(function () {
  "use strict";

  var ui = window.siteButtons;

  function clean(address) {
    var url = new URL(address, location.href);
    url.search = "";
    url.hash = "";
    return url.href;
  }

  function pageUrl() {
    var link = document.querySelector('link[rel="canonical"]');
    return clean(link ? link.href : location.href);
  }

  /* The partner block always sends /for-your-partner/, also inside the whole guide. */
  function partnerUrl() {
    var control = document.querySelector("[data-partner-url]");
    var value = control && control.getAttribute("data-partner-url");
    return value ? clean(value) : pageUrl();
  }

  function pageTitle() {
    var meta = document.querySelector('meta[property="og:title"]');
    return (meta && meta.content) || document.title;
  }

  function legacyCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    area.remove();
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copyText(text) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text).catch(function () { return legacyCopy(text); });
    }
    return legacyCopy(text);
  }

  function copyAndSay(text, url, status, done) {
    copyText(text).then(function () { ui.say(status, done); }, function () {
      ui.say(status, "Copying is blocked here. The link is " + url);
    });
  }

  /* The system share sheet if there is one; else copy `text` and confirm. */
  function share(data, text, status, done) {
    if (!navigator.share) return copyAndSay(text, data.url, status, done);
    navigator.share(data).then(function () { ui.say(status, "Shared."); }, function (error) {
      if (error && error.name === "AbortError") return; /* the reader closed the sheet */
      copyAndSay(text, data.url, status, done);
    });
  }

  function setUpControl(box) {
    var status = box.querySelector("[data-share-status]");
    if (!navigator.share) {
      box.querySelector("[data-share-label]").innerHTML =
        'Copy link<span class="share__more"> to this page</span>';
    }
    box.querySelector("button").addEventListener("click", function () {
      var url = pageUrl();
      share({ title: pageTitle(), url: url }, url, status, "Link copied. Paste it into a message.");
    });
    box.hidden = false;
  }

  function setUpPartnerBlock(block) {
    var message = block.querySelector(".admonition.script");
    if (!message || block.querySelector(".share-partner__actions")) return;
    var made = ui.add(block, {
      tag: "p", actions: "share-partner__actions", button: "share-partner__button", status: "share__status",
      label: navigator.share ? "Send the message and the link" : "Copy the message and the link"
    });
    message.after(made.actions);
    var status = made.status;
    made.button.addEventListener("click", function () {
      var words = ui.words(message);
      var url = partnerUrl();
      var data = { text: words, url: url };
      if (url === pageUrl()) data.title = pageTitle();
      share(data, words + "\n\n" + url, status, "Message and link copied. Paste them into a text or an email.");
    });
  }

  function init() {
    document.querySelectorAll("[data-share][hidden]").forEach(setUpControl);
    document.querySelectorAll(".admonition.share-partner").forEach(setUpPartnerBlock);
  }

  if (ui) ui.ready(init);
})();
