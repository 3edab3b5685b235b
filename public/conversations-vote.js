// Conversations: voting without a full reload. The page is complete without this script: each vote,
// skip and statement is a form post answered with a redirect to the conversation page. Here the same
// post is sent with fetch, the answer's parts marked data-swap replace the old ones, the live region
// (kept as the same node, so screen readers keep listening) says what happened and what comes next,
// and focus goes to the next statement's first button. Keyboard shortcuts A / D / P / S are announced
// on the page and only work outside text fields.
(function () {
  var page = document.querySelector("[data-conversation-page]");
  if (!page || !window.fetch || !window.DOMParser || !window.FormData || !window.URLSearchParams) return;
  var busy = false;
  var KEYS = { a: "agree", d: "disagree", p: "pass", s: "skip" };

  function enableShortcuts() {
    var hint = document.getElementById("conversation-shortcuts");
    var buttons = page.querySelectorAll(".conversation-vote button[data-key]");
    if (hint) hint.hidden = buttons.length === 0;
    Array.prototype.forEach.call(buttons, function (b) {
      b.setAttribute("aria-keyshortcuts", b.getAttribute("data-key").toUpperCase());
    });
  }

  function swap(doc) {
    var swapped = false;
    Array.prototype.forEach.call(page.querySelectorAll("[data-swap]"), function (old) {
      var fresh = doc.getElementById(old.id);
      if (fresh) {
        old.replaceWith(document.adoptNode(fresh));
        swapped = true;
      } else old.remove();
    });
    // Parts that were not on the page before (the first vote's "Your votes").
    Array.prototype.forEach.call(doc.querySelectorAll("[data-swap]"), function (fresh) {
      if (document.getElementById(fresh.id)) return;
      var live = document.getElementById("conversation-live");
      var anchor = document.getElementById("conversation-write") || live;
      if (anchor) anchor.parentNode.insertBefore(document.adoptNode(fresh), anchor.nextSibling);
    });
    var live = document.getElementById("conversation-live");
    var freshLive = doc.getElementById("conversation-live");
    if (live && freshLive) {
      live.textContent = "";
      // A tick apart, so the same words twice are said twice.
      setTimeout(function () {
        live.textContent = freshLive.textContent;
      }, 50);
    }
    var flash = doc.querySelector(".flash");
    var shownFlash = document.querySelector("main .flash");
    if (shownFlash) shownFlash.remove();
    if (flash) {
      var p = document.createElement("p");
      p.className = flash.className;
      p.textContent = flash.textContent.trim();
      var voting = document.getElementById("conversation-voting");
      if (voting) voting.insertBefore(p, voting.children[1] || null);
    }
    enableShortcuts();
    return swapped;
  }

  function focusAfter(form) {
    var errorSummary = page.querySelector(".error-summary");
    if (errorSummary) return errorSummary.focus();
    var target = form.classList.contains("conversation-write") ? page.querySelector(".conversation-write textarea") : page.querySelector(".conversation-vote button");
    if (!target) target = document.getElementById("conversation-vote-heading");
    if (target) target.focus();
  }

  page.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form || form.tagName !== "FORM" || !(form.classList.contains("conversation-vote") || form.classList.contains("conversation-write"))) return;
    event.preventDefault();
    if (busy) return;
    busy = true;
    form.setAttribute("aria-busy", "true");
    var body = new window.URLSearchParams(new window.FormData(form));
    var submitter = event.submitter;
    if (submitter && submitter.name) body.append(submitter.name, submitter.value);
    fetch(form.action, { method: "POST", body: body, credentials: "same-origin", redirect: "follow" })
      .then(function (res) {
        return res.text().then(function (html) {
          var doc = new window.DOMParser().parseFromString(html, "text/html");
          var sameSpot = res.url.split("?")[0] === window.location.href.split("?")[0].split("#")[0];
          // A 422 is the page again with the statement form's errors.
          if (((res.ok && sameSpot) || res.status === 422) && swap(doc)) {
            if (res.ok && res.url !== window.location.href && window.history.replaceState) window.history.replaceState(null, "", res.url);
            focusAfter(form);
          } else if (res.ok && !sameSpot) window.location.assign(res.url);
          else {
            // Refused (a 403 page says why): post the form as without the script.
            if (submitter && submitter.name) {
              var hidden = document.createElement("input");
              hidden.type = "hidden";
              hidden.name = submitter.name;
              hidden.value = submitter.value;
              form.appendChild(hidden);
            }
            form.submit();
          }
        });
      })
      .catch(function () {
        form.submit();
      })
      .then(function () {
        busy = false;
        form.removeAttribute("aria-busy");
      });
  });

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || busy) return;
    var t = event.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    var vote = KEYS[(event.key || "").toLowerCase()];
    if (!vote) return;
    var button = page.querySelector('.conversation-vote button[value="' + vote + '"]');
    if (!button) return;
    event.preventDefault();
    button.click();
  });

  enableShortcuts();
})();
