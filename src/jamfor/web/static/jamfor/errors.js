/* The error summary after a failed save (templates/error_summary.html).
 *
 * Loaded by every page. When a page opens with an error summary, the focus
 * moves to it, so a screen reader reads the problems at once and the next
 * Tab goes on from there (the summary also has the autofocus attribute, for
 * browsers without this script). Following one of its links puts the cursor
 * in the field and scrolls the field's label or legend into view with it,
 * where the browser alone would hide the label above the top of the window.
 */
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) { return; }
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) { return; }
    var field = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!field || field.disabled) { return; }
    event.preventDefault();
    var group = field.closest("fieldset");
    var label = (group && group.querySelector("legend")) ||
      document.querySelector("label[for='" + field.id + "']") || field;
    label.scrollIntoView();
    field.focus({ preventScroll: true });
  });
})();
