// Budgets: the ballot's forms without a full reload. The page is complete without this script: each
// add / remove / points / rank is a form post answered with the budget page. Here the same post is sent
// with fetch, and the answer's ballot panel and project controls replace the old ones; the message and
// the new total are said in the panel's live region, and focus stays on the project's control.
(function () {
  var page = document.querySelector("[data-budget-page]");
  if (!page || !window.fetch || !window.DOMParser || !window.FormData || !window.URLSearchParams) return;
  var busy = false;

  function controlOf(form) {
    return form.hasAttribute("data-ballot-control") ? form.id : null;
  }

  function swap(doc, focusId) {
    var fresh = doc.querySelector("[data-ballot-panel]");
    var panel = page.querySelector("[data-ballot-panel]");
    if (!fresh || !panel) return false;
    // The live region stays the same node, so screen readers keep listening to it.
    var live = document.getElementById("ballot-live");
    var freshLive = fresh.querySelector("#ballot-live");
    fresh = document.adoptNode(fresh);
    if (live && freshLive) freshLive.replaceWith(live);
    panel.replaceWith(fresh);
    Array.prototype.forEach.call(page.querySelectorAll("[data-ballot-control]"), function (old) {
      var next = doc.getElementById(old.id);
      if (next) old.replaceWith(document.adoptNode(next));
    });
    var flash = doc.querySelector(".flash");
    var progress = document.getElementById("ballot-progress-text");
    var message = flash ? flash.textContent.trim() : "";
    if (message) {
      var shown = document.createElement("p");
      shown.className = flash.className;
      shown.textContent = message;
      fresh.insertBefore(shown, fresh.children[1] || null);
    }
    if (live) {
      live.textContent = "";
      // A tick apart, so the same words twice are said twice.
      setTimeout(function () {
        live.textContent = (message ? message + " " : "") + (progress ? progress.textContent : "");
      }, 50);
    }
    var target = focusId && document.getElementById(focusId);
    var control = target && target.querySelector("button, input:not([type=hidden]), select");
    if (control) control.focus();
    else {
      var heading = document.getElementById("ballot-heading");
      if (heading) {
        heading.setAttribute("tabindex", "-1");
        heading.focus();
      }
    }
    return true;
  }

  page.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form || form.tagName !== "FORM" || !form.hasAttribute("data-ballot-form")) return;
    event.preventDefault();
    if (busy) return;
    busy = true;
    form.setAttribute("aria-busy", "true");
    var focusId = controlOf(form);
    fetch(form.action, {
      method: "POST",
      body: new window.URLSearchParams(new window.FormData(form)),
      credentials: "same-origin",
      redirect: "follow",
    })
      .then(function (res) {
        return res.text().then(function (html) {
          var doc = new window.DOMParser().parseFromString(html, "text/html");
          // Refused: post the form as without the script (the page says why). Another page (sign in,
          // verify): go there.
          if (!res.ok) form.submit();
          else if (!swap(doc, focusId)) window.location.assign(res.url);
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
})();
