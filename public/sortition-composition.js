// Sortition: the pool's composition against the targets, kept current over Server-Sent Events. The
// page is complete without this script (its tables and a reload link); it only updates the counts in
// place as people register: each event is one person added ({delta, features}) to the pool.
(function () {
  var section = document.querySelector("[data-live]");
  if (!section || !window.EventSource) return;
  var format = new Intl.NumberFormat(document.documentElement.lang || undefined);
  var total = section.querySelector("[data-total]");
  var totalCount = total ? Number(total.textContent.replace(/\D/g, "")) || 0 : 0;
  function row(category, value) {
    var tables = section.querySelectorAll("table[data-category]");
    for (var i = 0; i < tables.length; i++) {
      if (tables[i].getAttribute("data-category") !== category) continue;
      var rows = tables[i].querySelectorAll("tr[data-value]");
      for (var j = 0; j < rows.length; j++) if (rows[j].getAttribute("data-value") === value) return rows[j];
    }
    return null;
  }
  var source = new EventSource(section.getAttribute("data-live"));
  source.onopen = function () { section.setAttribute("data-connected", ""); };
  source.onmessage = function (event) {
    var data;
    try { data = JSON.parse(event.data); } catch { return; }
    if (!data || typeof data.delta !== "number" || !data.features) return;
    totalCount += data.delta;
    if (total) total.textContent = format.format(totalCount);
    Object.keys(data.features).forEach(function (category) {
      var tr = row(category, data.features[category]);
      if (!tr) return;
      var cell = tr.querySelector("[data-registered]");
      var needed = tr.querySelector("[data-needed]");
      var n = (Number(tr.getAttribute("data-count")) || Number(cell.textContent.replace(/\D/g, "")) || 0) + data.delta;
      tr.setAttribute("data-count", String(n));
      cell.textContent = format.format(n);
      if (needed) needed.textContent = format.format(Math.max(0, Number(tr.getAttribute("data-min")) - n));
    });
  };
})();
