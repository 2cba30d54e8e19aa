// The export status page without reloading: poll the JSON status, fill in the progress bar, show
// the download link when the file is ready. Without this file the page refreshes itself.
(function () {
  "use strict";
  var box = document.querySelector("[data-export-status]");
  if (!box || !window.fetch) return;
  var bar = box.querySelector("progress");
  var percent = box.querySelector("[data-export-percent]");
  var label = box.querySelector("[data-export-label]");
  var download = box.querySelector("[data-export-download]");
  var texts = box.querySelector("template[data-export-texts]");
  var lastStatus = null;
  function text(status) {
    var node = texts && texts.content.querySelector('[data-text="' + status + '"]');
    return node ? node.textContent : status;
  }
  function show(state) {
    bar.value = state.progress;
    bar.textContent = state.progress + "%";
    percent.textContent = state.progress + "%";
    // Only a change of status is announced (role=status), not every percent.
    if (state.status !== lastStatus) {
      label.textContent = text(state.status);
      lastStatus = state.status;
    }
    if (state.download_url) {
      download.hidden = false;
      download.querySelector("a").href = state.download_url;
    }
  }
  function poll() {
    fetch(box.getAttribute("data-export-status"), { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) {
        if (!state) return;
        show(state);
        if (state.status === "queued" || state.status === "running") setTimeout(poll, 1500);
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  poll();
})();
