// Texts: annotate a selected passage. The pages are complete without this script: a block's page has a
// form where one quotes the passage. Here, selecting words inside a block (on the text's page or on the
// block's page) shows an "Annotate the selected passage" button right after the block; it fills the
// block page's form with the quote and its offset in code points (on the text's page it opens the
// block's page with them), then moves the focus to the note. The server checks the quote against the
// block's Markdown source, so offsets that drifted from the rendered page only break ties.
//
// Markup it reads: the wording in an element with data-annotatable (or .text-block-wording on the
// text's page) inside the block's element (data-text-block, or .text-block), whose block page is its
// data-block-href or the href of its a[data-text-block] link; the button's label from the nearest
// data-annotate-label, else in the page's language.
(function () {
  if (!window.getSelection || !document.createRange) return;
  var button = null;
  var current = null;

  var LABELS = { en: "Annotate the selected passage", fr: "Annoter le passage sélectionné", nl: "De geselecteerde passage annoteren", de: "Die markierte Passage annotieren" };

  function labelFor(el) {
    var holder = el.closest("[data-annotate-label]") || document.querySelector("[data-annotate-label]");
    if (holder) return holder.getAttribute("data-annotate-label");
    return LABELS[(document.documentElement.lang || "en").slice(0, 2)] || LABELS.en;
  }

  function blockHref(block) {
    var href = block.getAttribute("data-block-href");
    if (href) return href;
    var link = block.querySelector("a[data-text-block]");
    return link ? link.getAttribute("href") : null;
  }

  // The text of a range without the annotation numbers (<sup> links) the page adds.
  function plain(range) {
    var frag = range.cloneContents();
    Array.prototype.forEach.call(frag.querySelectorAll(".text-annotation-ref, .visually-hidden"), function (n) {
      n.remove();
    });
    return frag.textContent || "";
  }

  function cpLength(s) {
    return Array.from(s).length;
  }

  function hide() {
    if (button) button.hidden = true;
    current = null;
  }

  function selectionInBlock() {
    var sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    var range = sel.getRangeAt(0);
    var start = range.startContainer.nodeType === 1 ? range.startContainer : range.startContainer.parentElement;
    var end = range.endContainer.nodeType === 1 ? range.endContainer : range.endContainer.parentElement;
    var WORDING = "[data-annotatable], .text-block-wording";
    var body = start && start.closest(WORDING);
    if (!body || !end || body !== end.closest(WORDING)) return null;
    var block = body.closest("[data-text-block]:not(a), .text-block");
    if (!block) return null;
    var exact = plain(range);
    if (!exact.trim()) return null;
    var before = document.createRange();
    before.selectNodeContents(body);
    before.setEnd(range.startContainer, range.startOffset);
    return { block: block, body: body, exact: exact, start: cpLength(plain(before)) };
  }

  function show(found) {
    current = found;
    if (!button) {
      button = document.createElement("button");
      button.type = "button";
      button.className = "button button-secondary text-annotate-button";
      button.addEventListener("click", annotate);
    }
    button.textContent = labelFor(found.block);
    if (button.previousElementSibling !== found.body) found.body.insertAdjacentElement("afterend", button);
    button.hidden = false;
  }

  function annotate() {
    if (!current) return;
    var form = current.block.querySelector(".text-annotation-form");
    if (form) {
      var exact = form.querySelector("[name=exact]");
      var start = form.querySelector("[name=start]");
      if (!start) {
        start = document.createElement("input");
        start.type = "hidden";
        start.name = "start";
        form.appendChild(start);
      }
      exact.value = current.exact;
      start.value = String(current.start);
      var note = form.querySelector("[name=note]");
      hide();
      (note || exact).focus();
      return;
    }
    var href = blockHref(current.block);
    if (!href) return;
    var url = href + "?exact=" + encodeURIComponent(current.exact) + "&start=" + current.start + "#annotate";
    window.location.assign(url);
  }

  document.addEventListener("selectionchange", function () {
    var found = selectionInBlock();
    if (found) show(found);
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") hide();
  });
})();
