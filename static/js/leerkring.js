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
})();
