/* Wie helpt mij? - progressive enhancement only: every page works without this file.
   No storage, no cookies, no other origin. */
(function () {
  "use strict";
  var offline = document.getElementById("offline");

  function focusHeading() {
    var main = document.getElementById("main");
    var heading = main && main.querySelector("h1");
    (heading || main).focus({ preventScroll: false });
  }

  // After htmx swaps the main area: tell screen readers by moving focus to the new heading.
  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target && event.detail.target.id === "main") {
      if (offline) offline.hidden = true;
      focusHeading();
    }
  });

  // No connection: never a page that silently does nothing. Show the helplines instead.
  function showOffline() {
    if (!offline) return;
    offline.hidden = false;
    offline.setAttribute("tabindex", "-1");
    offline.focus();
  }
  document.body.addEventListener("htmx:sendError", showOffline);
  document.body.addEventListener("htmx:timeout", showOffline);
})();
