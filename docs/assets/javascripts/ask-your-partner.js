/* "Ask your partner for one small step" (/ask-your-partner/): a private message builder.
   Without JavaScript the page lists every ask (.ask[data-ask-key]) with its example
   messages (.ask-text, .ask-letter, .ask-talk) and the link to send. This script builds,
   in [data-ask-builder], a short form from those same words:
   1. the safety question first (fear or control, in the page's own words:
      [data-fear-or-control]): "Yes" or "I'm not sure" shows the safety
      help (.ask-unsafe) and builds nothing (any message already built is cleared); only
      "No, none of these" goes on;
   2. the ask, 3. the form (text, letter, points to say in person);
   4. the message in a text box to edit, the link for the partner (the partner page, its
      address worked out from this page's canonical link, plus #ask=<key> and nothing
      else), the page's sentence on the safety link every page carries ([data-sender-note]),
      and Copy, Share (only where the phone has a share sheet) and Print.
   Nothing is stored or sent anywhere: the words stay in this tab, and never go in a link.
   ask-your-partner.css hides the static list while scripts can run (no layout shift);
   print.css prints the message alone on one sheet while <html> has data-ask-print. */
(function () {
  "use strict";

  var site = window.site;
  if (!site) return;
  var FORMS = ["text", "letter", "talk"];

  function make(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text) node.textContent = text;
    return node;
  }

  function squash(text) {
    return text.replace(/\s+/g, " ").trim();
  }

  /* One example message as the page shows it: paragraphs apart, one line per list item. */
  function messageText(block) {
    return Array.prototype.map.call(block.children, function (child) {
      if (child.matches("summary, .admonition-title")) return "";
      if (child.matches("ul, ol")) {
        return Array.prototype.map.call(child.children, function (item) {
          return "- " + squash(item.textContent);
        }).join("\n");
      }
      return squash(child.textContent);
    }).filter(Boolean).join("\n\n");
  }

  /* The partner page's address for this ask: the static link's target, read against this
     page's canonical address (so it is the published site's, wherever the page is opened). */
  function partnerLink(section) {
    var link = section.querySelector('a[href*="#ask="]');
    var canonical = document.querySelector('link[rel="canonical"]');
    var url = new URL(link.getAttribute("href"), canonical ? canonical.href : location.href);
    url.search = "";
    url.hash = "ask=" + section.getAttribute("data-ask-key");
    return url.href;
  }

  function choice(legend, name, options) {
    var set = make("fieldset", { "class": "ask-choice" });
    set.appendChild(make("legend", null, legend));
    options.forEach(function (option) {
      var label = make("label", { "class": "ask-option" });
      label.append(make("input", { type: "radio", name: name, value: option[0] }), make("span", null, option[1]));
      set.appendChild(label);
    });
    return set;
  }

  function chosen(root, name) {
    var input = root.querySelector('input[name="' + name + '"]:checked');
    return input ? input.value : "";
  }

  function button(label) {
    return make("button", { type: "button", "class": "md-button ask-button" }, label);
  }

  function init() {
    var slot = document.querySelector("[data-ask-builder]");
    var unsafe = document.querySelector(".ask-unsafe");
    var fearOrControl = document.querySelector("[data-fear-or-control]");
    if (!slot || slot.firstChild || !fearOrControl) return;
    var sections = {};
    var asks = [];
    document.querySelectorAll(".ask[data-ask-key]").forEach(function (section) {
      var key = section.getAttribute("data-ask-key");
      var heading = section.querySelector("h2, h3");
      if (!heading || !section.querySelector('a[href*="#ask="]')) return;
      sections[key] = section;
      asks.push([key, squash(heading.textContent)]);
    });
    var first = sections[asks.length ? asks[0][0] : ""];
    if (!first) return;
    var forms = FORMS.map(function (form) {
      var title = first.querySelector(".ask-" + form + " > summary, .ask-" + form + " > .admonition-title");
      return [form, title ? squash(title.textContent) : form];
    });

    /* Safety: the page's own questions, what happens, not what to call it (docs/snippets/
       fear-or-control.md, the words of the "Only if you feel safe" note) as the legend. Only
       "No, none of these" goes on; "Yes" and "I'm not sure" build nothing. */
    var gate = choice("", "ask-safe",
      [["none", site.t("ask_safe_none")], ["yes", site.t("ask_safe_yes")], ["unsure", site.t("ask_safe_unsure")]]);
    var questions = fearOrControl.cloneNode(true);  /* each question on its line, as on the page */
    questions.removeAttribute("data-fear-or-control");
    gate.firstChild.appendChild(questions);
    var steps = make("div", { "class": "ask-steps", hidden: "" });
    var about = make("div", { "class": "ask-about" });
    var result = make("div", { "class": "ask-result", hidden: "" });
    var area = make("textarea", { id: "ask-message", "class": "ask-message", rows: "6", spellcheck: "true" });
    /* The link always has an address (a link without one is no link to a crawler or a screen
       reader): the partner page itself until an ask is chosen, then that page with the ask. */
    var partnerPage = partnerLink(first).split("#")[0];
    var link = make("a", { "class": "ask-link", target: "_blank", rel: "noopener", href: partnerPage });
    var linkLine = make("p", { "class": "ask-link-line" }, site.t("ask_link") + " ");
    var actions = make("div", { "class": "ask-actions" });
    var copyButton = button(site.t("ask_copy"));
    var shareButton = navigator.share ? button(site.t("ask_share")) : null;
    var printButton = typeof window.print === "function" ? button(site.t("ask_print")) : null;
    var status = site.status("ask-status");
    var printout = make("div", { "class": "ask-printout", hidden: "" });

    linkLine.appendChild(link);
    [copyButton, shareButton, printButton, status].forEach(function (node) { if (node) actions.appendChild(node); });
    /* Before the buttons, the page's sentence about the safety link on every page
       (docs/snippets/sender-note.md, [data-sender-note]). */
    var sender = document.querySelector("[data-sender-note]");
    result.append(make("label", { "for": "ask-message", "class": "ask-message-label" },
      site.t("ask_message_label")), area, linkLine);
    if (sender) result.append(make("p", null, squash(sender.textContent)));
    result.append(actions);
    steps.append(choice(site.t("ask_which"), "ask-key", asks), about,
      choice(site.t("ask_how"), "ask-form", forms), result);
    slot.append(gate, steps, printout);

    function built() {
      return !result.hidden && area.value !== "";
    }

    function clear() {
      steps.querySelectorAll("input").forEach(function (input) { input.checked = false; });
      area.value = "";
      link.href = partnerPage;
      link.textContent = "";
      about.textContent = "";
      status.textContent = "";
      result.hidden = true;
    }

    function update(event) {
      var safe = chosen(gate, "ask-safe");
      if (unsafe) unsafe.classList.toggle("ask-unsafe--shown", safe === "yes" || safe === "unsure");
      steps.hidden = safe !== "none";
      if (safe !== "none") return clear();
      var name = event && event.target && event.target.name;
      var section = sections[chosen(steps, "ask-key")];
      var form = chosen(steps, "ask-form");
      if (name === "ask-key") {
        about.textContent = "";
        Array.prototype.forEach.call(section.children, function (child) {
          if (child.matches("p") && !child.querySelector('a[href*="#ask="]')) about.appendChild(child.cloneNode(true));
        });
      }
      if (!section || !form) return;
      if (name === "ask-key" || name === "ask-form") {
        area.value = messageText(section.querySelector(".ask-" + form));
        area.rows = Math.min(18, Math.max(4, Math.ceil(area.value.length / 42) + area.value.split("\n").length));
        link.href = link.textContent = partnerLink(section);
        status.textContent = "";
        result.hidden = false;
      }
    }

    function whole() {
      return area.value.replace(/\s+$/, "") + "\n\n" + link.href;
    }

    /* Where the clipboard is out of reach, the message is selected in its box (site.js: copy). */
    function copying() {
      return { text: whole(), status: status, done: site.t("ask_copied"), words: area };
    }

    function letter(on) {
      if (!on) return document.documentElement.removeAttribute("data-ask-print");
      printout.textContent = "";
      printout.append(make("p", { "class": "ask-printout__words" }, area.value.trim()),
        make("p", { "class": "ask-printout__link" }, link.href));
      document.documentElement.setAttribute("data-ask-print", "");
    }

    gate.addEventListener("change", update);
    steps.addEventListener("change", update);
    copyButton.addEventListener("click", function () { site.copy(copying()); });
    if (shareButton) {
      shareButton.addEventListener("click", function () {
        site.share({ text: area.value, url: link.href }, copying());
      });
    }
    if (printButton) {
      printButton.addEventListener("click", function () {
        letter(true);
        window.print();
      });
    }
    /* The browser's own Print prints the message too, once one is built. */
    site.onPrint(function () { if (built()) letter(true); }, function () { letter(false); });
  }

  site.ready(init);
})();
