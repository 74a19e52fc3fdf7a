/* Sorting a result table in place, the progressive enhancement of its header buttons.
 *
 * Without this script each header's button submits the table's GET form
 * (?sortera=tabell:kolumn:stigande) and the server sorts. With it the same
 * button sorts the municipality rows (tr.unit) in the page by each cell's
 * data-sort value — numbers by value, words in Swedish order, a missing value
 * always last — and keeps Snitt, change and reference rows below them. The
 * header gets aria-sort, the others lose it, the change is said in a live
 * region, and the address is updated so a reload shows the same order.
 */
(function () {
  "use strict";
  var collator = new Intl.Collator("sv");
  var status = null;

  function say(text) {
    if (!status) {
      status = document.createElement("p");
      status.className = "visually-hidden";
      status.setAttribute("role", "status");
      document.body.appendChild(status);
    }
    status.textContent = text;
  }

  function compare(a, b) {
    var x = a.value, y = b.value;
    var nx = x === "" ? NaN : Number(x), ny = y === "" ? NaN : Number(y);
    if (!isNaN(nx) && !isNaN(ny)) return nx - ny;
    if (!isNaN(nx)) return -1;
    if (!isNaN(ny)) return 1;
    return collator.compare(x, y) || collator.compare(a.name, b.name);
  }

  document.querySelectorAll("table.sortable").forEach(function (table) {
    var figure = table.closest("figure");
    table.querySelectorAll("thead button.sort").forEach(function (button) {
      button.addEventListener("click", function (event) {
        event.preventDefault();
        var th = button.closest("th");
        var column = Number(button.dataset.column);
        var descending = th.getAttribute("aria-sort") === "ascending";
        var body = table.tBodies[0];
        var units = Array.prototype.filter.call(body.rows, function (r) {
          return r.classList.contains("unit");
        });
        var present = [], missing = [];
        units.forEach(function (row) {
          var cell = row.cells[column];
          var item = {row: row, value: cell.dataset.sort || "", name: row.cells[0].textContent};
          (item.value === "" ? missing : present).push(item);
        });
        present.sort(compare);
        if (descending) present.reverse();
        var anchor = Array.prototype.find.call(body.rows, function (r) {
          return !r.classList.contains("unit");
        }) || null;
        present.concat(missing).forEach(function (item) { body.insertBefore(item.row, anchor); });
        table.querySelectorAll("thead th[aria-sort]").forEach(function (other) {
          other.removeAttribute("aria-sort");
          var mark = other.querySelector(".sort-mark");
          if (mark) mark.textContent = "↕";
        });
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        th.querySelector(".sort-mark").textContent = descending ? "▼" : "▲";
        var way = descending ? "fallande" : "stigande";
        var params = new URLSearchParams(window.location.search);
        params.set("sortera", figure.id + ":" + column + ":" + way);
        history.replaceState(null, "", "?" + params.toString() + "#" + figure.id);
        say("Sorterad efter " + button.firstChild.textContent.trim() + ", " + way + ".");
      });
    });
  });
})();
