/* Progressive enhancement for the survey pages.
 *
 * Without this script everything works: "Spara och visa följdfrågor" saves the
 * page and shows the follow-ups the server decides are asked. With it, every
 * change is sent to the page's autosave address (where a page may be changed;
 * else the "kontroll" address, which saves nothing): the same form as the
 * button's checks the page, saves it when nothing is wrong — field by field,
 * as the button does — and answers which follow-ups are asked and what is
 * wrong, so follow-ups, messages and the save status update in place.
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
  var said = document.getElementById("autosparat");
  var latest = 0;
  var timer = null;
  // With an autosave address the same request checks and saves: a page is saved as the
  // button saves it (the same checks, the same field-by-field merge), or not at all.
  var url = form.dataset.autosaveUrl || form.dataset.checkUrl;

  function say(text, link) {
    if (!said) { return; }
    said.textContent = text;
    if (link) {
      var a = document.createElement("a");
      a.href = link.href;
      a.textContent = link.text;
      said.appendChild(document.createTextNode(" "));
      said.appendChild(a);
    }
  }

  function snapshot() {
    return typeof form.keepValues === "function" ? form.keepValues() : null;
  }

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
    var sent = snapshot();
    var mine = ++latest;
    fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": body.get("csrfmiddlewaretoken"), "Accept": "application/json" }
    }).then(function (response) {
      var json = (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
      if (!json) {
        // logged out (the log-in page came back) or the form's token has expired
        if (mine === latest && form.dataset.autosaveUrl) {
          if (response.redirected || response.status === 200) {
            say("Du är utloggad, så sidan sparas inte. Det du skrivit finns kvar i den här fliken.",
                { href: "/konto/logga-in/?next=" + encodeURIComponent(location.pathname),
                  text: "Logga in igen, så fylls det i och sparas." });
          } else {
            say("Sidan har gått ut och sparas inte. Det du skrivit finns kvar: ladda om sidan, så fylls det i och sparas.");
          }
        }
        return null;
      }
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (result) {
      if (!result) { return; }
      var data = result.data;
      if (data.grund && form.elements.grund) {
        // what the page now counts as loaded, so the next save applies only later changes
        form.elements.grund.value = data.grund;
      }
      if (data.saved) {
        form.dispatchEvent(new CustomEvent("jamfor:saved", { detail: { values: sent, grund: data.grund } }));
      }
      if (mine !== latest) { return; }
      apply(data);
      if (form.dataset.autosaveUrl && (data.message || !result.ok)) { say(data.message); }
    }).catch(function () {
      if (mine === latest && form.dataset.autosaveUrl) {
        say("Sidan kunde inte sparas automatiskt. Det du skrivit finns kvar; använd knappen Spara.");
      }
    });
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
