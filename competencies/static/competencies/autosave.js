// Saves each answer as it is given; warns before leaving while an answer is not saved.
// Progressive enhancement: without this file the "Volgende" button saves the screen.
(function () {
  "use strict";

  function setup(form) {
    var url = form.getAttribute("data-autosave-url");
    var status = form.querySelector("[data-save-status]");
    var tokenInput = form.querySelector("input[name=csrfmiddlewaretoken]");
    var progress = document.querySelector("[data-progress]");
    var answered = document.querySelector("[data-answered]");
    var note = form.querySelector("[data-autosave-note]");
    var unsaved = {}; // statement field name -> true while its latest value is not saved
    var submitting = false;

    function say(key) {
      if (status) status.textContent = form.getAttribute("data-msg-" + key) || "";
      if (status) status.className = "save-status save-status-" + key;
    }
    function pending() {
      return Object.keys(unsaved).some(function (name) { return unsaved[name]; });
    }

    if (!url || !window.fetch || !window.FormData) {
      // Cannot save on the fly: remember that something changed and warn before leaving.
      form.addEventListener("change", function (event) {
        if (event.target.type === "radio") unsaved[event.target.name] = true;
      });
    } else {
      if (note) note.hidden = false;
      // One request at a time, in order, always with a field's latest value: two quick clicks on
      // the same statement can never be stored in the wrong order.
      var latest = {}; // field name -> latest value chosen
      var queue = []; // field names waiting to be sent
      var busy = false;
      var whenIdle = []; // run once nothing is waiting or on its way

      var pump = function () {
        if (busy) return;
        var name = queue.shift();
        if (!name) {
          var done = whenIdle;
          whenIdle = [];
          done.forEach(function (run) { run(); });
          return;
        }
        busy = true;
        var value = latest[name];
        var body = new FormData();
        body.append(name, value);
        window.fetch(url, {
          method: "POST",
          body: body,
          credentials: "same-origin",
          headers: { "X-CSRFToken": tokenInput ? tokenInput.value : "", "Accept": "application/json" }
        }).then(function (response) {
          return response.json().then(function (data) { return { ok: response.ok, data: data }; });
        }).then(function (result) {
          if (!result.ok || !result.data.saved) {
            say("failed");
            if (result.data && result.data.message && status) {
              status.textContent = result.data.message + " " + form.getAttribute("data-msg-failed");
            }
            return;
          }
          if (latest[name] === value) unsaved[name] = false;
          if (progress && typeof result.data.answered === "number") progress.value = result.data.answered;
          if (answered && result.data.answered_text) answered.textContent = result.data.answered_text;
          say(pending() ? "saving" : "saved");
        }).catch(function () {
          say("failed");
        }).then(function () {
          busy = false;
          pump();
        });
      };

      form.addEventListener("change", function (event) {
        var input = event.target;
        if (input.type !== "radio" || !input.checked) return;
        latest[input.name] = input.value;
        unsaved[input.name] = true;
        if (queue.indexOf(input.name) < 0) queue.push(input.name);
        say("saving");
        pump();
      });

      // "Volgende" while a save is on its way: wait for it, so the screen's own post comes last.
      form.addEventListener("submit", function (event) {
        if (!busy && !queue.length) return;
        event.preventDefault();
        var submitter = event.submitter || null;
        whenIdle.push(function () {
          if (form.requestSubmit) form.requestSubmit(submitter); else form.submit();
        });
      });
    }

    form.addEventListener("submit", function (event) {
      if (!event.defaultPrevented) submitting = true;
    });
    window.addEventListener("beforeunload", function (event) {
      if (submitting || !pending()) return undefined;
      event.preventDefault();
      event.returnValue = "";
      return "";
    });
  }

  function ready() {
    document.querySelectorAll("form[data-autosave-url]").forEach(setup);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
