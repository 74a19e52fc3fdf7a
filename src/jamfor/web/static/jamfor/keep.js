/* Nothing typed is lost: a form with data-keep="key" keeps what was typed in the tab.
 *
 * Every change is copied to the tab's sessionStorage (with the page's signed
 * snapshot "grund", the values the page was loaded with). When the page
 * opens again — after a reload, a link followed by mistake, a log-in after
 * the session expired, or the «Formuläret har gått ut» page — and the copy
 * differs from what the server shows, the copy is filled in again together
 * with its snapshot, so that saving it applies only what was typed here,
 * field by field, onto what is stored (someone else's change meanwhile is
 * kept and reported, never overwritten). The page says so.
 *
 * The copy is dropped when the server has the same values: after an
 * autosave (the page's script sends "jamfor:saved" with what it saved) or
 * when the page opens showing them. Leaving the page with changes not yet
 * saved asks first (beforeunload). Logging out empties the tab's copies.
 */
(function () {
  "use strict";
  var PREFIX = "jamfor:utkast:";

  function store() {
    try { return window.sessionStorage; } catch (e) { return null; }
  }

  function values(form) {
    var out = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === "csrfmiddlewaretoken" || el.name === "grund" || el.type === "submit" ||
          el.type === "button" || el.type === "file" || el.type === "hidden") { return; }
      if (el.type === "radio") {
        if (!(el.name in out)) { out[el.name] = ""; }
        if (el.checked) { out[el.name] = el.value; }
      } else if (el.type === "checkbox") {
        out[el.name + "=" + el.value] = el.checked ? "1" : "";
      } else {
        out[el.name] = el.value;
      }
    });
    return out;
  }

  function same(a, b) {
    var keys = Object.keys(a).concat(Object.keys(b));
    for (var i = 0; i < keys.length; i++) {
      if ((a[keys[i]] || "") !== (b[keys[i]] || "")) { return false; }
    }
    return true;
  }

  function fill(form, saved) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name) { return; }
      if (el.type === "radio") {
        if (el.name in saved) { el.checked = saved[el.name] === el.value; }
      } else if (el.type === "checkbox") {
        var key = el.name + "=" + el.value;
        if (key in saved) { el.checked = saved[key] === "1"; }
      } else if (el.name in saved && el.type !== "hidden" && el.type !== "file") {
        el.value = saved[el.name];
      }
    });
  }

  // The server says it saved what a form sent: that form's copy is no longer needed.
  (function () {
    var storage = store();
    if (!storage || !document.querySelector(".messages .message-success")) { return; }
    for (var i = storage.length - 1; i >= 0; i--) {
      var k = storage.key(i);
      if (!k || k.indexOf(PREFIX) !== 0) { continue; }
      try {
        if (JSON.parse(storage.getItem(k)).submitted) { storage.removeItem(k); }
      } catch (e) { storage.removeItem(k); }
    }
  })();

  document.querySelectorAll("form[data-keep]").forEach(function (form) {
    var storage = store();
    if (!storage) { return; }
    var key = PREFIX + form.dataset.keep;
    var note = form.querySelector("[data-keep-status]");
    var shown = values(form);
    var dirty = false;
    var sending = false;

    // a page shown again with its errors holds what was sent, not what is stored
    var refused = !!document.querySelector("[data-error-summary]");
    var kept = null;
    try { kept = JSON.parse(storage.getItem(key) || "null"); } catch (e) { kept = null; }
    if (refused) {
      dirty = true;
    } else if (kept && kept.values && !same(kept.values, shown)) {
      fill(form, kept.values);
      if (kept.grund && form.elements.grund) { form.elements.grund.value = kept.grund; }
      dirty = true;
      if (note) {
        note.hidden = false;
        note.textContent = "Det du skrev här men som inte hann sparas är ifyllt igen. " +
          (form.dataset.autosaveUrl ? "Det sparas nu." : "Spara för att behålla det.");
      }
      // the page's own script checks (and autosaves) the restored answers
      form.dispatchEvent(new Event("change", { bubbles: true }));
    } else if (kept) {
      storage.removeItem(key);
    }

    function remember() {
      var now = values(form);
      var entry = null;
      try { entry = JSON.parse(storage.getItem(key) || "null"); } catch (e) { entry = null; }
      storage.setItem(key, JSON.stringify({
        values: now,
        grund: entry && entry.grund ? entry.grund : (form.elements.grund ? form.elements.grund.value : "")
      }));
      dirty = true;
    }
    form.addEventListener("input", remember);
    form.addEventListener("change", remember);

    form.addEventListener("jamfor:saved", function (event) {
      var saved = event.detail && event.detail.values;
      if (saved && same(saved, values(form))) {
        storage.removeItem(key);
        dirty = false;
      } else if (event.detail && event.detail.grund) {
        // later changes are still to be saved; they now count from the new snapshot
        var entry = JSON.parse(storage.getItem(key) || "null");
        if (entry) { entry.grund = event.detail.grund; storage.setItem(key, JSON.stringify(entry)); }
      }
    });
    form.addEventListener("submit", function () {
      sending = true;
      var entry = null;
      try { entry = JSON.parse(storage.getItem(key) || "null"); } catch (e) { entry = null; }
      if (entry) { entry.submitted = true; storage.setItem(key, JSON.stringify(entry)); }
    });
    window.addEventListener("pageshow", function () { sending = false; });
    window.addEventListener("beforeunload", function (event) {
      if (dirty && !sending) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
    form.keepValues = function () { return values(form); };
  });

  document.querySelectorAll("form[action$='/konto/logga-ut/']").forEach(function (logout) {
    logout.addEventListener("submit", function () {
      var storage = store();
      if (!storage) { return; }
      for (var i = storage.length - 1; i >= 0; i--) {
        var k = storage.key(i);
        if (k && k.indexOf(PREFIX) === 0) { storage.removeItem(k); }
      }
    });
  });
})();
