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

  // "Lees voor": the browser's own speech synthesis reads the main content (or the page's
  // text block). A separate Stop button and a status line; Escape stops too. The controls stay
  // hidden where speech synthesis is unsupported.
  function setupReadAloud(button) {
    var synth = window.speechSynthesis;
    var target = document.querySelector(button.getAttribute("data-read-target"));
    if (!target) return;
    var tools = button.parentNode;
    var stop = tools.querySelector(".read-aloud-stop");
    var status = tools.querySelector(".read-aloud-status");
    var speaking = false;
    function say(text) { if (status) status.textContent = text; }
    function finish(message) {
      speaking = false;
      button.setAttribute("aria-pressed", "false");
      if (stop) {
        if (document.activeElement === stop) button.focus();
        stop.hidden = true;
      }
      if (message) say(message);
    }
    function halt() {
      if (!speaking) return;
      synth.cancel();
      finish(button.getAttribute("data-status-stopped"));
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      if (speaking) { halt(); return; }
      synth.cancel();
      var utterance = new window.SpeechSynthesisUtterance(target.innerText);
      utterance.lang = document.documentElement.lang === "en" ? "en-GB" : "nl-NL";
      utterance.rate = 0.9;
      utterance.onend = function () { finish(""); };
      utterance.onerror = function () { finish(""); };
      speaking = true;
      button.setAttribute("aria-pressed", "true");
      if (stop) stop.hidden = false;
      say(button.getAttribute("data-status-started"));
      synth.speak(utterance);
    });
    if (stop) stop.addEventListener("click", halt);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") halt();
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
