/* A report built in the background: ask for its state every second, then offer the file.
 *
 * The page names the state in a live region (role=status) and shows an
 * indeterminate progress bar; when the build is done the download link
 * appears and the download starts once. Without this script the page has a
 * link to load it again.
 */
(function () {
  "use strict";
  var box = document.querySelector("[data-build]");
  if (!box) { return; }
  document.documentElement.classList.add("js");  // hides the «Uppdatera sidan» link
  var text = box.querySelector("[data-build-text]");
  var bar = box.querySelector("[data-build-progress]");
  var link = box.querySelector("[data-build-link]");
  function finish(state) {
    if (bar) { bar.remove(); bar = null; }
    text.textContent = state.text;
    if (state.status === "done") {
      link.hidden = false;
      window.location.assign(box.dataset.fileUrl);
    } else if (state.status === "failed") {
      var error = document.createElement("p");
      error.className = "message message-error";
      error.setAttribute("role", "alert");
      error.textContent = state.error;
      box.appendChild(error);
    }
  }
  function ask() {
    fetch(box.dataset.statusUrl, {headers: {"Accept": "application/json"}, credentials: "same-origin"})
      .then(function (r) { return r.json(); })
      .then(function (state) {
        if (state.status === "done" || state.status === "failed") { finish(state); return; }
        if (text.textContent !== state.text) { text.textContent = state.text; }
        window.setTimeout(ask, 1000);
      })
      .catch(function () { window.setTimeout(ask, 3000); });
  }
  if (link.hidden && !box.querySelector("[data-build-error]")) { window.setTimeout(ask, 500); }
})();
