/* The whole guide (/whole-guide/): puts every page of the guide on this page when the
   reader asks for it ("Show the whole guide here", "Print the whole guide") or prints
   with the browser's own Print. The page itself holds only a contents list of links to
   each page, so it stays small and works without JavaScript; the chapters come from
   chapters.json, written at build time by hooks/whole_guide.py. The buttons are
   `hidden` in the page, so without JavaScript there is no button that does nothing.
   Printing with the keyboard (Ctrl+P, ⌘P) loads the chapters first, then prints. The
   browser's menu gives a page no time to load anything before it prints: if the chapters
   are not in yet, that copy is the list of pages (each with its address), and the chapters
   load then, so printing again prints them all. */
(function () {
  "use strict";

  var site = window.site;
  if (!site) return;
  var guide = null; // {src, show, status, contents, loaded, loading}

  function say(message) {
    site.say(guide.status, message);
  }

  /* Put the chapters after the contents list and make its links point to them.
     Returns false, changing nothing, if the data is not what it should be. */
  function insert(data) {
    if (guide.loaded) return true;
    var holder = document.createElement("div");
    holder.className = "whole-guide__chapters";
    holder.innerHTML = data && typeof data.html === "string" ? data.html : "";
    var count = holder.querySelectorAll(".whole-guide__chapter").length;
    if (!count) return false;
    guide.contents.parentNode.insertBefore(holder, guide.contents.nextSibling);
    /* Within the page now, so print.css prints no address after them. */
    guide.contents.querySelectorAll("a[data-chapter]").forEach(function (link) {
      link.setAttribute("href", "#" + link.getAttribute("data-chapter"));
    });
    guide.loaded = true;
    guide.show.remove(); // its work is done, and so is the line about opening each page
    var line = document.querySelector("[data-whole-guide-one]");
    if (line) line.remove();
    say(site.t("whole_guide_loaded", { count: count }));
    return true;
  }

  /* Fetch and insert the chapters once; resolves to true when they are in. */
  function load() {
    if (guide.loaded) return Promise.resolve(true);
    if (!guide.loading) {
      say(site.t("whole_guide_loading"));
      guide.loading = fetch(guide.src, { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(insert)
        .catch(function () { return false; })
        .then(function (ok) {
          guide.loading = null;
          if (!ok && !guide.loaded) say(site.t("whole_guide_failed"));
          return ok || guide.loaded;
        });
    }
    return guide.loading;
  }

  function printAll() {
    load().then(function (ok) { if (ok) window.print(); });
  }

  /* Ctrl+P or ⌘P before the chapters are in: load them, then print. */
  function printKey(event) {
    if (!guide || guide.loaded || !(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey ||
        (event.key !== "p" && event.key !== "P")) return;
    event.preventDefault();
    printAll();
  }

  /* The browser's menu: the chapters that are in print; if they are not, they load now. */
  function beforePrint() {
    if (guide && !guide.loaded) load();
  }

  function focusFirstChapter() {
    var heading = document.querySelector(".whole-guide__chapter h2");
    if (!heading) return;
    heading.setAttribute("tabindex", "-1");
    heading.focus();
  }

  function init() {
    var block = document.querySelector("[data-whole-guide][hidden]");
    var contents = document.querySelector(".whole-guide__contents");
    if (!block || !contents || typeof window.fetch !== "function") return;
    guide = {
      src: block.getAttribute("data-whole-guide"),
      show: block.querySelector("[data-whole-guide-show]"),
      status: block.querySelector("[role=status]"),
      contents: contents,
      loaded: false,
      loading: null
    };
    var print = block.querySelector("[data-whole-guide-print]");
    guide.show.addEventListener("click", function () {
      load().then(function (ok) { if (ok) focusFirstChapter(); });
    });
    if (typeof window.print === "function") {
      print.addEventListener("click", printAll);
    } else {
      print.remove();
    }
    block.removeAttribute("hidden");
  }

  window.addEventListener("keydown", printKey, true);
  site.onPrint(beforePrint);
  site.ready(init);
})();
