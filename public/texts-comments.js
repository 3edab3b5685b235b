// Texts: a block's counts link opens the block's discussion right under it, without leaving the text
// (the comments section of the block's own page, fetched). Without JavaScript, or if the fetch fails,
// the link leads to the block's page. A second click closes the panel.
(() => {
  const body = document.querySelector(".text-body");
  if (!body) return;
  const relink = (root, prefix) => {
    const ids = new Map();
    for (const el of root.querySelectorAll("[id]")) {
      ids.set(el.id, `${prefix}${el.id}`);
      el.id = `${prefix}${el.id}`;
    }
    const swap = (value) => value.split(/\s+/).map((v) => ids.get(v) ?? v).join(" ");
    for (const attr of ["for", "aria-labelledby", "aria-describedby", "aria-controls"]) {
      for (const el of root.querySelectorAll(`[${attr}]`)) el.setAttribute(attr, swap(el.getAttribute(attr) ?? ""));
    }
    for (const a of root.querySelectorAll('a[href^="#"]')) {
      const target = ids.get(a.getAttribute("href").slice(1));
      if (target) a.setAttribute("href", `#${target}`);
    }
  };
  body.addEventListener("click", async (event) => {
    const link = event.target instanceof window.Element ? event.target.closest("a[data-text-block]") : null;
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const block = link.closest(".text-block");
    if (!block) return;
    event.preventDefault();
    const open = block.querySelector(":scope > .text-inline-comments");
    if (open) {
      open.remove();
      link.setAttribute("aria-expanded", "false");
      return;
    }
    const panel = document.createElement("div");
    panel.className = "text-inline-comments";
    panel.setAttribute("aria-live", "polite");
    panel.setAttribute("aria-busy", "true");
    block.appendChild(panel);
    link.setAttribute("aria-expanded", "true");
    try {
      const res = await fetch(link.href, { credentials: "same-origin", headers: { accept: "text/html" } });
      if (!res.ok) throw new Error(String(res.status));
      const doc = new window.DOMParser().parseFromString(await res.text(), "text/html");
      const section = doc.getElementById("comments");
      if (!section) throw new Error("no discussion");
      relink(section, `b${link.dataset.textBlock}-`);
      panel.replaceChildren(document.adoptNode(section));
      panel.removeAttribute("aria-busy");
    } catch {
      window.location.assign(link.href);
    }
  });
})();
