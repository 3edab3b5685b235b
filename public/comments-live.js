// Comments: new comments appear as they are posted, over Server-Sent Events. The page is complete
// without this script (a reload shows them); it fetches each new comment as the server renders it for
// this reader, puts it in its place when this view shows that place, and says so in a live region.
(function () {
  var section = document.querySelector("[data-comments-events]");
  if (!section || !window.EventSource || !window.fetch) return;
  var list = section.querySelector("[data-comments-list]");
  var announce = section.querySelector("[data-comments-announce]");
  var more = section.querySelector("[data-comments-more]");
  var empty = section.querySelector("[data-comments-empty]");
  var mode = section.getAttribute("data-comments-insert");
  var here = window.location.pathname + window.location.search;

  function child(el, selector) {
    for (var i = 0; i < el.children.length; i++) if (el.children[i].matches(selector)) return el.children[i];
    return null;
  }

  function say(item) {
    var author = item.querySelector(".comment-author");
    var template = announce && announce.getAttribute("data-template");
    if (author && template) announce.textContent = template.replace("{name}", author.textContent);
  }

  function place(html) {
    var holder = document.createElement("ol");
    holder.innerHTML = html;
    var item = holder.firstElementChild;
    if (!item || !item.id || document.getElementById(item.id)) return;
    var parentId = item.getAttribute("data-parent");
    if (parentId) {
      var parent = document.getElementById("comment-" + parentId);
      // The thread is not on this page: its own page shows the reply.
      if (!parent) return;
      var replies = child(parent, "ol.comment-replies");
      if (!replies) {
        replies = document.createElement("ol");
        replies.className = "comment-replies";
        replies.setAttribute("data-replies-of", parentId);
        parent.insertBefore(replies, child(parent, ".comment-more"));
      }
      replies.appendChild(item);
    } else if (mode === "top" || mode === "bottom") {
      // In the columns layout, the list of the comment's side.
      var side = item.getAttribute("data-alignment");
      var target = (side !== null && section.querySelector('[data-comments-list][data-alignment="' + side + '"]')) || list;
      if (mode === "top") target.insertBefore(item, target.firstChild);
      else target.appendChild(item);
      var column = target.closest("[data-comments-column]");
      var columnEmpty = column && column.querySelector("[data-comments-empty]");
      if (columnEmpty) columnEmpty.hidden = true;
    } else {
      if (more) more.hidden = false;
      return;
    }
    if (empty) empty.hidden = true;
    say(item);
  }

  var source = new EventSource(section.getAttribute("data-comments-events"));
  source.onmessage = function (event) {
    var data;
    try { data = JSON.parse(event.data); } catch { return; }
    if (!data || typeof data.id !== "number" || document.getElementById("comment-" + data.id)) return;
    fetch("/comments/" + data.id + "/fragment?return_to=" + encodeURIComponent(here), { credentials: "same-origin", headers: { accept: "text/html" } })
      .then(function (res) { return res.ok ? res.text() : null; })
      .then(function (html) { if (html) place(html); })
      .catch(function () {});
  };
})();
