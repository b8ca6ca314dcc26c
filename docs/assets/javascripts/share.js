/* Share a page: the control at the top of every page ([data-share]) and the
   "Send this page to your partner" block (.admonition.share-partner).
   With the Web Share API (phones) it opens the share sheet; otherwise it copies to
   the clipboard and says so in a visible, announced status (site.js: share, copy). The address
   shared is the page's canonical one, with no query and no hash. Nothing is stored or sent. */
(function () {
  "use strict";

  var site = window.site;
  if (!site) return;

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

  function setUpControl(box) {
    var status = box.querySelector("[data-share-status]");
    if (!navigator.share) {
      box.querySelector("[data-share-label]").innerHTML =
        'Copy link<span class="share__more"> to this page</span>';
    }
    box.querySelector("button").addEventListener("click", function () {
      var url = pageUrl();
      site.share({ title: pageTitle(), url: url }, { text: url, status: status, done: "Link copied. Paste it into a message." });
    });
    box.hidden = false;
  }

  function setUpPartnerBlock(block) {
    var message = block.querySelector(".admonition.script");
    if (!message || block.querySelector(".share-partner__actions")) return;
    var made = site.add(block, {
      tag: "p", actions: "share-partner__actions", button: "share-partner__button", status: "share__status",
      label: navigator.share ? "Send the message and the link" : "Copy the message and the link"
    });
    message.after(made.actions);
    var status = made.status;
    made.button.addEventListener("click", function () {
      var words = site.words(message);
      var url = partnerUrl();
      var data = { text: words, url: url };
      if (url === pageUrl()) data.title = pageTitle();
      site.share(data, { text: words + "\n\n" + url, status: status,
        done: "Message and link copied. Paste them into a text or an email." });
    });
  }

  function init() {
    document.querySelectorAll("[data-share][hidden]").forEach(setUpControl);
    document.querySelectorAll(".admonition.share-partner").forEach(setUpPartnerBlock);
  }

  site.ready(init);
})();
