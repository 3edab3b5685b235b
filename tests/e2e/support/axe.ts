/**
 * Accessibility scans with axe-core (WCAG 2.0/2.1 A and AA rules). Every page a story visits is scanned;
 * a violation fails the story with the rule, its impact and the offending nodes.
 */
import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext, Page } from "playwright-core";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

function describe(violations: Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"]): string {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(" ")}: ${n.failureSummary ?? ""}`).join("\n")}`)
    .join("\n");
}

/**
 * Scans the page as it is now. When the page's context has JavaScript disabled, axe cannot run in it,
 * so the same HTML (as the server sent it and the user saw it) is re-opened in a scanning context with
 * every script blocked, keeping the no-JavaScript rendering, and scanned there.
 */
export async function expectAccessible(page: Page, scanContext: BrowserContext, jsEnabled: boolean): Promise<void> {
  let target = page;
  let temp: Page | null = null;
  if (!jsEnabled) {
    const html = await page.content();
    const url = page.url();
    temp = await scanContext.newPage();
    await temp.route("**/*", (route) => {
      const req = route.request();
      if (req.url() === url && req.resourceType() === "document") return route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html });
      if (req.resourceType() === "script") return route.abort();
      return route.continue();
    });
    await temp.goto(url);
    target = temp;
  }
  try {
    const result = await new AxeBuilder({ page: target }).withTags(TAGS).analyze();
    if (result.violations.length > 0) {
      throw new Error(`accessibility violations on ${page.url()} (JavaScript ${jsEnabled ? "on" : "off"}):\n${describe(result.violations)}`);
    }
  } finally {
    if (temp) {
      await temp.close();
      // The scanning page opened in front of the story's page; a page left in the background may get no
      // animation frames, and Playwright's "stable" check before a click waits on them.
      await page.bringToFront();
    }
  }
}
