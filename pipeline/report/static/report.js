/* peace-pipeline report: sortable and filterable tables, highlight toggles, the marked target span.
   Plain JavaScript, no library, nothing fetched; every page reads fine without it. */
(function () {
  "use strict";

  function cellKey(cell) {
    var v = cell.getAttribute("data-sort");
    return v !== null ? v : cell.textContent.trim();
  }

  function compare(a, b, numeric) {
    if (a === b) return 0;
    if (a === "") return 1; /* empty cells last, whichever the direction */
    if (b === "") return -1;
    if (numeric) {
      var x = parseFloat(a.replace(/,/g, "")), y = parseFloat(b.replace(/,/g, ""));
      if (!isNaN(x) && !isNaN(y)) return x - y;
    }
    return a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" });
  }

  function sortTable(table, index, th) {
    var body = table.tBodies[0];
    if (!body) return;
    var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
    Array.prototype.forEach.call(th.parentNode.cells, function (c) { c.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir);
    var numeric = th.getAttribute("data-type") === "number";
    var rows = Array.prototype.slice.call(body.rows).map(function (row, i) {
      return { row: row, key: row.cells[index] ? cellKey(row.cells[index]) : "", i: i };
    });
    rows.sort(function (r, s) {
      var c = compare(r.key, s.key, numeric);
      if (r.key !== "" && s.key !== "" && dir === "descending") c = -c;
      return c || r.i - s.i; /* stable */
    });
    rows.forEach(function (r) { body.appendChild(r.row); });
  }

  function makeSortable(table) {
    if (!table.tHead || !table.tHead.rows.length) return;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.title = "Sort by this column";
      button.addEventListener("click", function () { sortTable(table, index, th); });
    });
  }

  function makeFilter(input) {
    var table = document.getElementById(input.getAttribute("data-filter"));
    if (!table || !table.tBodies[0]) return;
    var status = document.querySelector('[data-filter-status="' + table.id + '"]');
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var texts = rows.map(function (r) { return r.textContent.toLowerCase(); });
    input.closest(".filter").hidden = false;
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean), shown = 0;
      rows.forEach(function (row, i) {
        var ok = words.every(function (w) { return texts[i].indexOf(w) >= 0; });
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      if (status) status.textContent = words.length ? shown + " of " + rows.length + " rows" : "";
    });
  }

  function makeToggles() {
    var body = document.getElementById("body");
    if (!body) return;
    document.querySelectorAll("[data-toggle]").forEach(function (box) {
      box.hidden = false;
      if (box.parentNode.hidden) box.parentNode.hidden = false;
      box.addEventListener("change", function () {
        body.classList.toggle("hide-" + box.getAttribute("data-toggle"), !box.checked);
      });
    });
  }

  /* The anchor of a span that crossed another is on its first piece: mark every piece. */
  function markTarget() {
    document.querySelectorAll(".current").forEach(function (el) { el.classList.remove("current"); });
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (!el) return;
    el.classList.add("current");
    var k = el.getAttribute("data-k"), i = el.getAttribute("data-i");
    if (k && i !== null) {
      document.querySelectorAll('.hl[data-k="' + k + '"][data-i="' + i + '"]').forEach(function (p) {
        p.classList.add("current");
      });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("table.sortable").forEach(makeSortable);
    document.querySelectorAll("input[data-filter]").forEach(makeFilter);
    makeToggles();
    markTarget();
    window.addEventListener("hashchange", markTarget);
  });
})();
