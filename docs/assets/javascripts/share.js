/* Share a page: the control at the top of every page ([data-share], overrides/partials/share.html).
   With the Web Share API (phones) it opens the share sheet; otherwise it copies the link to
   the clipboard and says so in a visible, announced status (site.js: share, copy). The address
   shared is the page's canonical one, with no query and no hash. Nothing is stored or sent. */
(function () {
  "use strict";

  var site = window.site;
  if (!site) return;

  function setUp(box) {
    var status = box.querySelector("[data-share-status]");
    if (!navigator.share) {
      box.querySelector("[data-share-label]").innerHTML =
        'Copy link<span class="share__more"> to this page</span>';
    }
    box.querySelector("button").addEventListener("click", function () {
      var url = site.address();
      site.share({ title: site.title(), url: url }, { text: url, status: status, done: "Link copied. Paste it into a message." });
    });
    box.hidden = false;
  }

  site.ready(function () {
    document.querySelectorAll("[data-share][hidden]").forEach(setUp);
  });
})();
