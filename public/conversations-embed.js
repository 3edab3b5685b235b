// Conversations, embedded in another site as Pol.is's embed code does. Served at /embed.js. Two roles:
//
// 1. On the embedding page: <div class="polis" data-conversation_id="12" data-xid="..." data-ui_lang="fr"></div>
//    <script async src="https://<platform>/embed.js"></script> — each such div gets an iframe of
//    /conversations/<id>/embed (the platform's id, or the Pol.is id an import kept), which grows to its
//    content's height: the framed page posts {name: "resize", height} and this script sets the height.
// 2. In the embedded page itself (<html data-polis-embed>): post the page's height to the parent
//    whenever it changes.
(function (window, document) {
  "use strict";
  var root = document.documentElement;

  function postHeight() {
    var last = -1;
    function post() {
      var height = Math.ceil(root.scrollHeight || (document.body && document.body.scrollHeight) || 0);
      if (height === last) return;
      last = height;
      window.parent.postMessage({ name: "resize", height: height }, "*");
    }
    window.addEventListener("load", post);
    window.addEventListener("resize", post);
    if (window.ResizeObserver && document.body) new window.ResizeObserver(post).observe(document.body);
    post();
  }

  if (root.hasAttribute("data-polis-embed")) {
    if (window.parent && window.parent !== window) postHeight();
    return;
  }

  // The platform's address: this script's own origin.
  var script = document.currentScript;
  var origin = script && script.src ? script.src.replace(/^(https?:\/\/[^/]+).*$/, "$1") : window.location.origin;
  var ID = /^[A-Za-z0-9_-]{1,64}$/;

  // The iframe's address for a div's data- attributes (null when the conversation id is missing or malformed).
  function frameSrc(base, conversationId, xid, uiLang) {
    if (!conversationId || !ID.test(conversationId)) return null;
    var query = [];
    if (xid) query.push("xid=" + encodeURIComponent(xid));
    if (uiLang) query.push("ui_lang=" + encodeURIComponent(uiLang));
    return base + "/conversations/" + conversationId + "/embed" + (query.length ? "?" + query.join("&") : "");
  }

  var frames = [];

  function open(div) {
    if (div.getAttribute("data-polis-embedded") === "true") return;
    var src = frameSrc(origin, div.getAttribute("data-conversation_id"), div.getAttribute("data-xid"), div.getAttribute("data-ui_lang"));
    if (!src) return;
    div.setAttribute("data-polis-embedded", "true");
    var iframe = document.createElement("iframe");
    iframe.setAttribute("src", src);
    iframe.setAttribute("title", div.getAttribute("data-title") || "Conversation");
    iframe.setAttribute("loading", "lazy");
    iframe.setAttribute("scrolling", "no");
    iframe.style.width = "100%";
    iframe.style.height = (div.getAttribute("data-height") || "600") + "px";
    iframe.style.border = "0";
    div.appendChild(iframe);
    frames.push(iframe);
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (event.origin !== origin || !data || data.name !== "resize" || typeof data.height !== "number" || !(data.height > 0)) return;
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) frames[i].style.height = Math.min(Math.ceil(data.height), 20000) + "px";
    }
  });

  function scan() {
    var divs = document.querySelectorAll("div.polis");
    for (var i = 0; i < divs.length; i++) open(divs[i]);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan);
  else scan();
})(window, document);
