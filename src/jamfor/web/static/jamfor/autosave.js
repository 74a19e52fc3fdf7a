/* Autosave for drafts in the development work (answers, action plans).
 *
 * Without this script everything works: "Spara utkast" saves the draft and
 * "Skicka in" sends it in. With it, the draft is also saved a moment after
 * each change, through the form's autosave address, which runs the same form
 * and stores only the draft — never a new version. The message says when.
 * Each answer carries the page's signed snapshot ("grund"), so a save applies
 * only what changed here; a text someone else changed meanwhile is kept and
 * the message says so.
 */
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var form = document.querySelector("form[data-autosave-url]");
  if (!form) { return; }
  var status = document.getElementById("autosparat");
  var timer = null;
  var latest = 0;

  function say(text) { if (status) { status.textContent = text; } }

  function save() {
    var body = new FormData(form);
    var sent = typeof form.keepValues === "function" ? form.keepValues() : null;
    var mine = ++latest;
    fetch(form.dataset.autosaveUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": body.get("csrfmiddlewaretoken"), "Accept": "application/json" }
    }).then(function (response) {
      if ((response.headers.get("Content-Type") || "").indexOf("application/json") !== 0) {
        // logged out (the log-in page came back) or the form's token has expired
        return { ok: false, data: { message: response.redirected || response.status === 200
          ? "Du är utloggad, så utkastet sparas inte. Det du skrivit finns kvar i den här fliken: logga in igen och öppna sidan, så fylls det i."
          : "Sidan har gått ut. Det du skrivit finns kvar: ladda om sidan, så fylls det i." } };
      }
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (result) {
      if (result.data && result.data.grund && form.elements.grund) {
        // what this page now counts as loaded, so the next save applies only later changes
        form.elements.grund.value = result.data.grund;
      }
      if (result.ok && result.data && result.data.saved !== undefined && !result.data.conflict) {
        form.dispatchEvent(new CustomEvent("jamfor:saved", { detail: { values: sent, grund: result.data.grund } }));
      }
      if (mine !== latest) { return; }
      if (result.data && result.data.conflict) {
        say(result.data.message);
      } else if (!result.ok) {
        say((result.data && result.data.message ? result.data.message + " " : "") + "Använd knappen Spara utkast.");
      } else if (result.data.message) {
        say(result.data.message);
      }
    }).catch(function () {
      if (mine === latest) { say("Utkastet kunde inte sparas automatiskt. Använd knappen Spara utkast."); }
    });
  }

  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(save, 1200);
  }
  form.addEventListener("input", later);
  form.addEventListener("change", later);
})();
