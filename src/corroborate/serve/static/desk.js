// Live story pages: ask every 15 s whether the story changed, and offer a reload (nothing typed is lost).
"use strict";
(function () {
  var live = document.getElementById("live");
  if (!live) return;
  var story = live.getAttribute("data-story");
  var seen = live.getAttribute("data-updated");
  function check() {
    fetch("/api/stories/" + encodeURIComponent(story) + "/version", { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (v) {
        if (v && v.updated && seen && Date.parse(v.updated) !== Date.parse(seen)) { live.hidden = false; }
      })
      .catch(function () {});
  }
  window.setInterval(check, 15000);
})();
