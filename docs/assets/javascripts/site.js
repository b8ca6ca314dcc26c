/* The site's shared script, on every page: loaded first (from the head, deferred), before every
   other script of ours (the order of extra.page_assets in mkdocs.yml).

   For every page (what Material keeps in memory instead of storing it, and the colour
   scheme before the first paint: overrides/partials/kept-in-memory.html):
   1. Scripts after the first paint. Material's bundle and the site's other scripts add
      behaviour, not words: every page reads in full without them. They wait in an inert
      <template id="__scripts"> (overrides/main.html: not fetched, not run) until the browser
      reports the first paint of text, then load in their order. Material starts its components
      when the document is ready (its document$); that moment has passed by then, so it is
      signalled in the task after the bundle has run. When the last script has run and
      Material has started, <html> gets data-scripts="ready" (the tests wait for it).
      Without JavaScript nothing changes.
   2. Search on demand. Material asks for the whole search index (every page's text) and starts
      its search worker on every page load. Both wait here until the reader opens search (the
      search button or field, or the "/", "s" and "f" keys); a link with ?q= or ?h= needs them
      at once. Zensical's search fetches its own index when the page loads: nothing is held
      back there, and the worker stand-in passes its answers on either way.
   3. Printing: one beforeprint and one afterprint listener, calling those of each feature.
   4. The share control at the top of every page ([data-share], overrides/partials/share.html):
      with the Web Share API (phones) it opens the share sheet; otherwise it reads "Copy link"
      and copies the page's canonical address (no query, no hash), saying so in its status
      line. It is part of every page, so it lives here rather than in a request of its own.

   window.site, for the other scripts:
   - ready(init): runs init once the page is ready, and again after each of Material's
     instant page changes;
   - status(className): a status line (a span, shown and announced: role=status, polite);
   - say(status, message, clearAfter, then): puts message in a status line, emptied first so
     that the same words are announced again; with clearAfter (ms), empties it again after
     that; then() runs once the message shows;
   - add(parent, {tag, actions, button, label, status}): a container (class `actions`) added
     to parent, holding a button (class `button`, text `label`) and a status line (class
     `status`); returns {actions, button, status};
   - parts(box), words(box): the elements of a message box (a `script` admonition) that hold
     its words (never its label or its buttons), and those words, spaces tidied, paragraphs
     apart;
   - copy({text, status, done, words, clearAfter}): puts text on the clipboard and says done.
     Where the clipboard is out of reach (no Clipboard API, or copying refused), the words on
     the page are selected instead (words: a text field or a list of elements; without them,
     the text is shown in the status line and selected there) and the status line says which
     keys copy them;
   - share(data, copying): the phone's share sheet with data ({title, text, url}) where there
     is one ("Shared." when done, nothing when the reader closes it); else, or when sharing
     fails, copy(copying);
   - onPrint(before, after): before runs when the page is about to print, after once it has;
   - address(href): href (by default this page's canonical address) without query or hash;
   - title(): this page's title as its link preview gives it;
   - t(key, values): the words for key, from overrides/strings/en.yml (the page holds those the
     scripts use: <script type="application/json" id="__strings">, partials/strings.html), each
     {name} in them filled with values[name]. No script has words of its own.
   Nothing is stored or sent anywhere. */
(function () {
  "use strict";

  /* 1. Scripts after the first paint. */
  function loadScripts() {
    var holder = document.getElementById("__scripts");
    if (!holder) return;
    var scripts = holder.content.querySelectorAll("script");
    var signalled = false;
    var unsettled = 2; /* the last script, and Material's start */
    function settle() {
      if (--unsettled === 0) document.documentElement.setAttribute("data-scripts", "ready");
    }
    /* Once, after the script that made Material's document$: in a task of its own, so that
       running the bundle and starting its components are two shorter tasks, not one long one. */
    function signalMaterial() {
      if (!signalled && window.document$) {
        signalled = true;
        setTimeout(function () {
          window.document$.next(document);
          settle();
        }, 0);
      }
    }
    function lastDone() {
      if (!signalled) unsettled--; /* no bundle came: nothing to start */
      settle();
    }
    Array.prototype.forEach.call(scripts, function (waitingScript, index) {
      var script = document.createElement("script");
      Array.prototype.forEach.call(waitingScript.attributes, function (attribute) {
        script.setAttribute(attribute.name, attribute.value);
      });
      script.async = false;
      script.addEventListener("load", signalMaterial);
      if (index === scripts.length - 1) {
        script.addEventListener("load", lastDone);
        script.addEventListener("error", lastDone);
      }
      document.body.append(script);
    });
  }

  /* Wait for the browser to report the first paint of text; where it cannot, for the first
     animation frame (which comes just before a paint) and a moment after it. Where it reports
     none (Firefox, opened at a #section on a small phone), a second after the page has loaded. */
  var started = false;
  function start() {
    if (!started) {
      started = true;
      loadScripts();
    }
  }
  if (window.PerformanceObserver && (PerformanceObserver.supportedEntryTypes || []).indexOf("paint") >= 0) {
    new PerformanceObserver(function (list) {
      if (list.getEntriesByName("first-contentful-paint").length) setTimeout(start, 0);
    }).observe({ type: "paint", buffered: true });
  } else {
    requestAnimationFrame(function () { setTimeout(start, 0); });
  }
  function startLate() { setTimeout(start, 1000); }
  if (document.readyState === "complete") startLate(); else window.addEventListener("load", startLate);

  /* 2. Search on demand. */
  var toggle = document.getElementById("__search");
  var config = document.getElementById("__config");
  var searchWorker = config ? JSON.parse(config.textContent).search : null;
  var waiting = [];
  var opened = /[?&][qh]=/.test(location.search);
  function release() {
    if (!opened) {
      opened = true;
      waiting.splice(0).forEach(function (go) { go(); });
    }
  }
  function whenOpened(go) {
    if (opened) go();
    else waiting.push(go);
  }
  if (toggle) toggle.addEventListener("change", function () { if (toggle.checked) release(); });
  document.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest("[data-md-component=search]")) release();
  });

  /* The index: Material asks for it with XMLHttpRequest; the request goes out once search opens. */
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.searchIndex = /\/search\/search_index\.json$/.test(new URL(url, location.href).pathname);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (!request.searchIndex) return send.apply(request, args);
    whenOpened(function () { send.apply(request, args); });
  };

  /* The worker: made when Material first writes to it, which is once the index has arrived. */
  var RealWorker = window.Worker;
  window.Worker = function (url, options) {
    if (!searchWorker || String(url) !== searchWorker) return new RealWorker(url, options);
    var standIn = new EventTarget();
    var worker = null;
    standIn.postMessage = function (data) {
      if (!worker) {
        worker = new RealWorker(url, options);
        ["message", "error", "messageerror"].forEach(function (type) {
          worker.addEventListener(type, function (event) {
            var copied = type === "error" ? new ErrorEvent("error", event) : new MessageEvent(type, { data: event.data });
            standIn.dispatchEvent(copied);
            /* as a Worker does: to its listeners and to its on<type> handler */
            if (typeof standIn["on" + type] === "function") standIn["on" + type](copied);
          });
        });
      }
      worker.postMessage(data);
    };
    standIn.terminate = function () { if (worker) worker.terminate(); };
    return standIn;
  };

  /* 3. Printing. */
  var printers = [];
  function onPrint(before, after) {
    printers.push({ before: before, after: after });
  }
  ["before", "after"].forEach(function (when) {
    window.addEventListener(when + "print", function () {
      printers.forEach(function (printer) { if (printer[when]) printer[when](); });
    });
  });

  /* The helpers. */
  var timers = new WeakMap();
  var strings = null;

  function t(key, values) {
    if (!strings) {
      var block = document.getElementById("__strings");
      strings = block ? JSON.parse(block.textContent) : {};
    }
    return String(strings[key] || key).replace(/\{(\w+)\}/g, function (whole, name) {
      return values && name in values ? values[name] : whole;
    });
  }

  /* "Press ⌘C to copy" on a Mac, iPhone or iPad, "Press Ctrl+C to copy" elsewhere. */
  function keys() {
    var apple = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent || "");
    return t("copy_press_keys", { keys: t(apple ? "copy_keys_apple" : "copy_keys_other") });
  }

  function ready(init) {
    if (window.document$) window.document$.subscribe(init);
    else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
    else init();
  }

  function status(className) {
    var line = document.createElement("span");
    line.className = className;
    line.setAttribute("role", "status");
    line.setAttribute("aria-live", "polite");
    return line;
  }

  function say(line, message, clearAfter, then) {
    clearTimeout(timers.get(line));
    line.textContent = "";
    timers.set(line, setTimeout(function () {
      line.textContent = message;
      if (then) then();
      if (clearAfter) timers.set(line, setTimeout(function () { line.textContent = ""; }, clearAfter));
    }, 50));
  }

  function add(parent, classes) {
    var actions = document.createElement(classes.tag || "div");
    actions.className = classes.actions;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button " + classes.button;
    button.textContent = classes.label;
    var line = status(classes.status);
    actions.append(button, line);
    parent.appendChild(actions);
    return { actions: actions, button: button, status: line };
  }

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

  /* A selection from the start of one node to the end of another (or within a text node). */
  function selectRange(first, last, startOffset) {
    var range = document.createRange();
    if (startOffset === undefined) {
      range.setStartBefore(first);
      range.setEndAfter(last);
    } else {
      range.setStart(first, startOffset);
      range.setEnd(first, first.length);
    }
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function copy(copying) {
    var line = copying.status;
    function byHand() {
      var field = copying.words;
      var press = keys();
      if (!field) {
        say(line, press + ": " + copying.text, 0, function () {
          selectRange(line.firstChild, null, press.length + 2);
        });
        return;
      }
      if (field.select) {
        field.focus();
        field.select();
      } else {
        selectRange(field[0], field[field.length - 1]);
      }
      say(line, press + ".", copying.clearAfter);
    }
    if (!navigator.clipboard || !navigator.clipboard.writeText) return byHand();
    navigator.clipboard.writeText(copying.text).then(function () {
      say(line, copying.done, copying.clearAfter);
    }, byHand);
  }

  function share(data, copying) {
    if (!navigator.share) return copy(copying);
    navigator.share(data).then(function () { say(copying.status, t("share_done")); }, function (error) {
      if (!error || error.name !== "AbortError") copy(copying); /* AbortError: the reader closed the sheet */
    });
  }

  function address(href) {
    var canonical = document.querySelector('link[rel="canonical"]');
    var url = new URL(href || (canonical ? canonical.href : location.href), location.href);
    url.search = "";
    url.hash = "";
    return url.href;
  }

  function title() {
    var meta = document.querySelector('meta[property="og:title"]');
    return (meta && meta.content) || document.title;
  }

  window.site = {
    ready: ready, status: status, say: say, add: add, parts: parts, words: words,
    copy: copy, share: share, onPrint: onPrint, address: address, title: title, t: t
  };

  /* 4. The share control. */
  function shareControl(box) {
    var line = box.querySelector("[data-share-status]");
    if (!navigator.share) {
      var more = document.createElement("span");
      more.className = "share__more";
      more.textContent = " " + t("share_copy_label_more");
      box.querySelector("[data-share-label]").replaceChildren(t("share_copy_label"), more);
    }
    box.querySelector("button").addEventListener("click", function () {
      var url = address();
      share({ title: title(), url: url }, { text: url, status: line, done: t("share_copied") });
    });
    box.hidden = false;
  }
  ready(function () {
    document.querySelectorAll("[data-share][hidden]").forEach(shareControl);
  });
})();
