/* Progressive enhancement for the survey pages.
 *
 * Without this script everything works: "Spara och visa följdfrågor" saves the
 * page and shows the follow-ups the server decides are asked. With it, every
 * change asks the server the same question (the page's "kontroll" address runs
 * the same form and saves nothing) and follow-ups and messages update in place.
 * What changed is also said in the page's live region (WCAG 4.1.3): follow-ups
 * that appear or go, and each new message beside a field, so a screen reader
 * hears "Svaret på fråga 4a (10) kan inte vara större …" without looking for it.
 * The script never decides a jump or a rule itself.
 */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });

  var form = document.getElementById("enkatsida");
  if (!form || !form.dataset.checkUrl) { return; }
  var live = document.getElementById("uppdatering");
  var latest = 0;
  var timer = null;

  function setInvalid(name, invalid) {
    form.querySelectorAll("[name='" + name + "']").forEach(function (el) {
      if (invalid) { el.setAttribute("aria-invalid", "true"); } else { el.removeAttribute("aria-invalid"); }
    });
  }

  function apply(data) {
    var shown = [];
    var hidden = [];
    form.querySelectorAll("fieldset[data-question]").forEach(function (fieldset) {
      var id = fieldset.dataset.question;
      if (!(id in data.asked)) { return; }
      var asked = data.asked[id];
      if (asked === !fieldset.hidden) { return; }
      fieldset.hidden = !asked;
      fieldset.querySelectorAll("input, textarea, select").forEach(function (el) { el.disabled = !asked; });
      (asked ? shown : hidden).push(id);
    });
    var news = [];
    if (shown.length) { news.push((shown.length > 1 ? "Följdfrågorna " : "Följdfråga ") + shown.join(", ") + " visas."); }
    if (hidden.length) { news.push((hidden.length > 1 ? "Följdfrågorna " : "Följdfråga ") + hidden.join(", ") + " ställs inte längre."); }
    form.querySelectorAll("[data-error-for]").forEach(function (p) {
      var name = p.dataset.errorFor;
      var text = (data.errors[name] || []).join(" ");
      if (text && text !== p.textContent) { news.push(text); }
      p.textContent = text;
      setInvalid(name, text !== "");
    });
    if (news.length && live) { live.textContent = news.join(" "); }
  }

  function check() {
    var body = new FormData(form);
    var mine = ++latest;
    fetch(form.dataset.checkUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": body.get("csrfmiddlewaretoken"), "Accept": "application/json" }
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (data) {
      if (data && mine === latest) { apply(data); }
    }).catch(function () { /* offline: the buttons still save and check */ });
  }

  form.addEventListener("change", function () {
    window.clearTimeout(timer);
    check();
  });
  form.addEventListener("input", function (event) {
    if (event.target.type === "radio") { return; }
    window.clearTimeout(timer);
    timer = window.setTimeout(check, 500);
  });
})();
