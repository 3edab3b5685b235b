// Conversations: the opinion map updates live. The page is complete without this script; here, each
// time the conversation's math finishes a tick (Server-Sent Events), the map page is fetched again and
// its map, counts and table replace the old ones. Not a live region: a tick may come every second,
// and the table stays the content to read at one's pace.
(function () {
  var page = document.querySelector("[data-conversation-map]");
  if (!page || !window.EventSource || !window.fetch || !window.DOMParser) return;
  var note = document.getElementById("conversation-map-note");
  if (note) note.hidden = false;
  var loading = false;
  var again = false;

  function refresh() {
    if (loading) {
      again = true;
      return;
    }
    loading = true;
    fetch(window.location.href, { credentials: "same-origin" })
      .then(function (res) {
        return res.ok ? res.text() : null;
      })
      .then(function (html) {
        if (!html) return;
        var doc = new window.DOMParser().parseFromString(html, "text/html");
        var fresh = doc.getElementById("conversation-map-live");
        var old = document.getElementById("conversation-map-live");
        // Keep focus where it was if it is inside the part replaced (a group's link).
        var focused = document.activeElement && old && old.contains(document.activeElement) ? document.activeElement.getAttribute("href") : null;
        if (fresh && old) old.replaceWith(document.adoptNode(fresh));
        if (focused) {
          var link = document.querySelector('#conversation-map-live a[href="' + focused + '"]');
          if (link) link.focus();
        }
      })
      .catch(function () {})
      .then(function () {
        loading = false;
        if (again) {
          again = false;
          refresh();
        }
      });
  }

  var source = new EventSource(page.getAttribute("data-conversation-map"));
  source.onmessage = function (event) {
    var data;
    try {
      data = JSON.parse(event.data);
    } catch {
      return;
    }
    if (!data || typeof data.mathTick !== "number") return;
    var counts = document.querySelector("[data-math-tick]");
    if (counts && Number(counts.getAttribute("data-math-tick")) >= data.mathTick) return;
    refresh();
  };
})();
