// Petitions: live counts over Server-Sent Events. The page is complete without this script; it only
// updates the numbers and bars in place when signatures are counted.
(function () {
  var section = document.querySelector("[data-live]");
  if (!section || !window.EventSource) return;
  var note = section.querySelector(".petition-live-note");
  if (note) note.hidden = false;
  var format = new Intl.NumberFormat(document.documentElement.lang || undefined);
  var source = new EventSource(section.getAttribute("data-live"));
  source.onmessage = function (event) {
    var data;
    try { data = JSON.parse(event.data); } catch { return; }
    if (data.kind === "state") { source.close(); return; }
    if (data.kind !== "counts" || !data.quotas) return;
    data.quotas.forEach(function (q) {
      var bar = section.querySelector('[data-quota="' + (q.region === null ? "total" : q.region) + '"]');
      if (!bar) return;
      var n = bar.querySelector("[data-n]");
      if (n) n.textContent = format.format(q.count);
      var progress = bar.querySelector("progress");
      if (progress) progress.value = Math.min(q.count, q.needed);
    });
  };
})();
