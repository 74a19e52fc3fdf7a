/* Feedback while a form's work takes seconds (an upload read and checked, say).
 *
 * A form with data-busy="text" gets, when sent: its submit buttons disabled
 * (so a second click does not send the file again), the text in its
 * [data-busy-status] live region, and an indeterminate progress bar. The
 * buttons are disabled a moment after the submit event, so the browser still
 * sends the pressed button's name and value. Without this script the form
 * works as before, without the feedback.
 */
(function () {
  "use strict";
  document.querySelectorAll("form[data-busy]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.sending === "1") { event.preventDefault(); return; }
      form.dataset.sending = "1";
      form.setAttribute("aria-busy", "true");
      var status = form.querySelector("[data-busy-status]");
      if (status) {
        status.textContent = form.dataset.busy;
        var bar = document.createElement("progress");
        bar.setAttribute("aria-label", form.dataset.busy);
        status.appendChild(document.createElement("br"));
        status.appendChild(bar);
      }
      window.setTimeout(function () {
        form.querySelectorAll("button[type=submit], input[type=submit]").forEach(function (b) {
          b.disabled = true;
        });
      }, 0);
    });
  });
  // Back from the next page (bfcache): the form is usable again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-busy]").forEach(function (form) {
      form.dataset.sending = "";
      form.removeAttribute("aria-busy");
      form.querySelectorAll("button[type=submit], input[type=submit]").forEach(function (b) { b.disabled = false; });
      var status = form.querySelector("[data-busy-status]");
      if (status) { status.textContent = ""; }
    });
  });
})();
