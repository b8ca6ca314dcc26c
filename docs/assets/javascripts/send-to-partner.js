/* "Send this page to your partner" (.admonition.share-partner, docs/snippets/send-to-partner.md):
   a button under its suggested message sends the message and the link to the partner page
   (data-partner-url on the share control: /for-your-partner/, wherever the block is) with the
   phone's share sheet, or copies them and says so in a visible, announced status (site.js:
   add, words, share, copy). Nothing is stored or sent. */
(function () {
  "use strict";

  var site = window.site;
  if (!site) return;

  function partnerUrl() {
    var control = document.querySelector("[data-partner-url]");
    return site.address(control && control.getAttribute("data-partner-url"));
  }

  function setUp(block) {
    var message = block.querySelector(".admonition.script");
    if (!message || block.querySelector(".share-partner__actions")) return;
    var made = site.add(block, {
      tag: "p", actions: "share-partner__actions", button: "share-partner__button", status: "share__status",
      label: site.t(navigator.share ? "partner_send" : "partner_copy")
    });
    message.after(made.actions);
    made.button.addEventListener("click", function () {
      var words = site.words(message);
      var url = partnerUrl();
      var data = { text: words, url: url };
      if (url === site.address()) data.title = site.title();
      site.share(data, { text: words + "\n\n" + url, status: made.status,
        done: site.t("partner_copied") });
    });
  }

  site.ready(function () {
    document.querySelectorAll(".admonition.share-partner").forEach(setUp);
  });
})();
