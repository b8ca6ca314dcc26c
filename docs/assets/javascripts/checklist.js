/* Readiness checklist: show a gentle reading at once as the reader ticks.
   Answers live only in the page: nothing is stored, sent or put in the address,
   and a reload clears them. The readings are the page's own "What your ticks may
   mean" sections (#reading-safety, #reading-0-1, #reading-2-3, #reading-4-plus: the
   paragraphs and lists under each heading), copied into a polite live region so a screen
   reader announces each change.
   The list has two groups (fieldsets, each with its legend):
   - the safety questions (data-group="safety": docs/snippets/fear-or-control.md, "Has any of
     this ever happened?"): any tick there gives the safety reading alone, whatever else is
     ticked: never a count, never a step to try with the partner;
   - the other signs, counted into a reading (0-1, 2-3, 4 or more), after the page's note that
     the readings are a rough guide, not a score (#reading-guide). One is marked "low-mood"
     (data-sign): when ticked, the crisis lines (#crisis-lines) are added to the reading. */
(function () {
  "use strict";

  var site = window.site;
  if (!site) return;
  var BANDS = [[4, "reading-4-plus"], [2, "reading-2-3"], [0, "reading-0-1"]];

  function readingFor(count) {
    for (var i = 0; i < BANDS.length; i++) {
      if (count >= BANDS[i][0]) return document.getElementById(BANDS[i][1]);
    }
    return null;
  }

  function paragraph(text, strong) {
    var p = document.createElement("p");
    var node = document.createElement(strong ? "strong" : "span");
    node.textContent = text;
    p.appendChild(node);
    return p;
  }

  function sectionAfter(heading) {
    var nodes = [];
    for (var el = heading && heading.nextElementSibling; el && /^(P|UL|OL)$/.test(el.tagName); el = el.nextElementSibling) {
      nodes.push(el.cloneNode(true));
    }
    return nodes;
  }

  function withoutIds(node) {
    var copy = node.cloneNode(true);
    copy.removeAttribute("id");
    copy.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
    return copy;
  }

  function signBox(boxes, sign) {
    return boxes.filter(function (box) {
      var item = box.closest("li");
      return item && item.querySelector('[data-sign="' + sign + '"]');
    })[0];
  }

  function init() {
    var list = document.querySelector(".readiness-checklist");
    if (!list || list.querySelector(".checklist-summary")) return;
    var boxes = Array.prototype.slice.call(list.querySelectorAll('input[type="checkbox"]'));
    if (!boxes.length) return;
    var safety = boxes.filter(function (box) { return box.closest('[data-group="safety"]'); });
    var signs = boxes.filter(function (box) { return safety.indexOf(box) < 0; });

    var summary = document.createElement("div");
    summary.className = "checklist-summary";
    summary.setAttribute("aria-live", "polite");
    summary.setAttribute("aria-atomic", "true");

    var clear = document.createElement("button");
    clear.type = "button";
    clear.className = "md-button checklist-clear";
    clear.textContent = site.t("checklist_clear");

    function show(nodes) {
      summary.replaceChildren.apply(summary, nodes);
    }

    function ticked(group) {
      return group.filter(function (box) { return box.checked; }).length;
    }

    var lowMood = signBox(signs, "low-mood");
    var guide = document.getElementById("reading-guide");
    var crisis = document.getElementById("crisis-lines");

    function update() {
      var afraid = ticked(safety) > 0;
      var count = ticked(signs);
      var nodes;
      if (afraid) nodes = sectionAfter(document.getElementById("reading-safety"));
      else {
        nodes = [paragraph(site.t("checklist_count", { count: count, total: signs.length }), true)];
        if (guide) nodes.push(withoutIds(guide));
        nodes = nodes.concat(sectionAfter(readingFor(count)));
      }
      if (lowMood && lowMood.checked && crisis) nodes.push(withoutIds(crisis));
      summary.toggleAttribute("data-safety", afraid);
      show(nodes);
    }

    /* The list is a form with autocomplete="off", so a browser brings back no old ticks
       after a reload. Ticks made before this script ran are the reader's own: keep them. */
    boxes.forEach(function (box) { box.disabled = false; });
    if (boxes.some(function (box) { return box.checked; })) update();
    else show([paragraph(site.t("checklist_waiting"))]);
    list.append(summary, clear);

    list.addEventListener("change", update);
    list.addEventListener("submit", function (event) { event.preventDefault(); });
    clear.addEventListener("click", function () {
      boxes.forEach(function (box) { box.checked = false; });
      summary.removeAttribute("data-safety");
      show([paragraph(site.t("checklist_cleared"))]);
    });
  }

  site.ready(init);
})();
