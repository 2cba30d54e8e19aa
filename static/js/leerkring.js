// Small progressive enhancements only: every page works without this file.
(function () {
  "use strict";
  // Move focus to <main> after the skip link, also in browsers that do not do it themselves.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".skip-link");
    if (!link) return;
    var target = document.getElementById("inhoud");
    if (target) target.focus();
  });

  // "Lees voor": the browser's own speech synthesis. The button stays hidden where unsupported.
  function setupReadAloud(button) {
    var synth = window.speechSynthesis;
    var target = document.querySelector(button.getAttribute("data-read-target"));
    if (!target) return;
    var startLabel = button.getAttribute("data-label-start");
    var stopLabel = button.getAttribute("data-label-stop");
    function reset() {
      button.textContent = startLabel;
      button.setAttribute("aria-pressed", "false");
    }
    button.hidden = false;
    reset();
    button.addEventListener("click", function () {
      if (synth.speaking) {
        synth.cancel();
        reset();
        return;
      }
      var utterance = new window.SpeechSynthesisUtterance(target.innerText);
      utterance.lang = document.documentElement.lang === "en" ? "en-GB" : "nl-NL";
      utterance.rate = 0.9;
      utterance.onend = reset;
      utterance.onerror = reset;
      button.textContent = stopLabel;
      button.setAttribute("aria-pressed", "true");
      synth.speak(utterance);
    });
    window.addEventListener("pagehide", function () { synth.cancel(); });
  }

  function ready() {
    if ("speechSynthesis" in window && "SpeechSynthesisUtterance" in window) {
      document.querySelectorAll(".read-aloud").forEach(setupReadAloud);
    }
    document.querySelectorAll(".print-page").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
