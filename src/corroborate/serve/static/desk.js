// Live story pages: ask every data-poll ms (15 s by default) whether the story changed, and offer a reload (nothing typed is lost).
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
  var every = parseInt(live.getAttribute("data-poll"), 10);
  window.setInterval(check, every >= 200 ? every : 15000);
})();
