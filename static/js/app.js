/* Wie helpt mij? - progressive enhancement only: every page works without this file.
   No storage, no cookies, no other origin. */
(function () {
  "use strict";
  var offline = document.getElementById("offline");
  var exitStatus = document.getElementById("exit-status");
  var exitLink = document.querySelector("a.exit");
  var SHIFT_WINDOW_MS = 5000;

  /* htmx 2.0.11 writes the current path (never an answer) to sessionStorage when it loads,
     whatever its config says. We keep nothing on the phone: remove it. We never push URLs, so
     htmx does not write it again (tests/browser/test_journey_browser.py checks storage). */
  try {
    window.sessionStorage.removeItem("htmx-current-path-for-history");
  } catch (e) {
    /* storage blocked: nothing was written either */
  }

  /* Quick exit: blank the page at once, stop any speech, then leave without a history entry. */
  function leave(href) {
    document.documentElement.classList.add("leaving");
    if (window.speechSynthesis) window.speechSynthesis.cancel();
    window.location.replace(href);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-exit]");
    if (!link) return;
    event.preventDefault();
    leave(link.href);
  });

  /* Shift pressed three times, each within 5 s of the last. A Shift used with another key
     (a capital letter) does not count, and resets the count. */
  var presses = 0;
  var lastPress = 0;
  var otherKey = false;
  document.addEventListener("keydown", function (event) {
    if (event.key === "Shift") {
      if (!event.repeat) otherKey = false;
      return;
    }
    otherKey = true;
    presses = 0;
  });
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") return;
    if (otherKey) {
      otherKey = false;
      return;
    }
    var now = Date.now();
    if (now - lastPress > SHIFT_WINDOW_MS) presses = 0;
    presses += 1;
    lastPress = now;
    if (presses >= 3 && exitLink) {
      presses = 0;
      leave(exitLink.href);
    } else if (exitStatus) {
      exitStatus.textContent = presses === 1 ? exitStatus.dataset.two : exitStatus.dataset.one;
    }
  });

  /* Back after leaving (for a helpline site) must show nothing the child answered: empty the
     main area when the page is hidden, and start over when it comes back from the cache. */
  window.addEventListener("pagehide", function () {
    stopReading();
    var main = document.getElementById("main");
    if (main && document.querySelector("[data-service], form input[type=hidden]")) {
      main.replaceChildren();
    }
  });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) window.location.replace(document.body.dataset.start);
  });

  /* Read aloud ("Lees voor"): the browser's speech synthesis with an on-device voice only
     (voice.localService), so the text never leaves the phone. Without such a voice for the
     page's language the button stays hidden. */
  var reader = document.getElementById("read-aloud");
  var readButton = reader && reader.querySelector("button");
  var speech = window.speechSynthesis;

  function localVoice() {
    var lang = document.documentElement.lang;
    var voices = speech.getVoices() || [];
    for (var i = 0; i < voices.length; i += 1) {
      var voiceLang = (voices[i].lang || "").toLowerCase().split(/[-_]/)[0];
      if (voices[i].localService === true && voiceLang === lang) return voices[i];
    }
    return null;
  }
  function showReadButton() {
    reader.hidden = !localVoice();
  }
  function readLabel(speaking) {
    readButton.textContent = speaking ? readButton.dataset.stop : readButton.dataset.start;
  }
  function stopReading() {
    if (speech && readButton) {
      speech.cancel();
      readLabel(false);
    }
  }
  if (reader && readButton && speech && window.SpeechSynthesisUtterance) {
    showReadButton();
    speech.addEventListener("voiceschanged", showReadButton);
    readButton.addEventListener("click", function () {
      if (speech.speaking) {
        stopReading();
        return;
      }
      var voice = localVoice();
      var main = document.getElementById("main");
      if (!voice || !main) return;
      var utterance = new window.SpeechSynthesisUtterance(main.innerText);
      utterance.voice = voice;
      utterance.lang = voice.lang;
      utterance.onend = function () { readLabel(false); };
      utterance.onerror = utterance.onend;
      speech.speak(utterance);
      readLabel(true);
    });
  }

  /* The service worker keeps only the offline emergency card and the static files. */
  if ("serviceWorker" in navigator && document.body.dataset.sw) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register(document.body.dataset.sw, { scope: "/" }).catch(function () {
        /* not available (private mode, some browsers): the site works without it */
      });
    });
  }

  function focusHeading() {
    var main = document.getElementById("main");
    var heading = main && main.querySelector("h1");
    (heading || main).focus({ preventScroll: false });
  }

  // After htmx swaps the main area: tell screen readers by moving focus to the new heading.
  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target && event.detail.target.id === "main") {
      if (offline) offline.hidden = true;
      stopReading();
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
