/**
 * A user story's world: a fresh Pnyx (its own database, real SMTP capture) listening on loopback, the
 * system Chromium, and a page that is scanned by axe after every navigation. Each story runs twice:
 * with JavaScript enabled and with it disabled.
 */
import type { AddressInfo } from "node:net";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { createTestPlatform, type TestPlatform } from "../../../src/test/platform";
import { expectAccessible } from "./axe";
import { launchBrowser } from "./browser";

export interface Story {
  platform: TestPlatform;
  baseUrl: string;
  page: Page;
  jsEnabled: boolean;
  /** Scans the current page for WCAG 2.1 AA violations (throws with the list). */
  checkA11y: () => Promise<void>;
  /** Goes to a path and scans the page. */
  visit: (path: string) => Promise<void>;
  /**
   * Signs out (clears the cookies), then signs in through the sign-in page (scanned), coming back to
   * `returnTo` when given; resolves once the page it leads to has loaded.
   */
  signIn: (email: string, password: string, opts?: { returnTo?: string }) => Promise<void>;
  /** Every URL scanned so far. */
  scanned: string[];
  close: () => Promise<void>;
}

export async function openStory(opts: { jsEnabled: boolean; locale?: string; seed?: (p: TestPlatform) => Promise<void> }): Promise<Story> {
  const platform = await createTestPlatform({ PUBLIC_URL: "http://127.0.0.1:0" });
  await platform.app.listen({ port: 0, host: "127.0.0.1" });
  const port = (platform.app.server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;
  // Links in mails must point at this server.
  platform.deps.config.PUBLIC_URL = baseUrl;
  await opts.seed?.(platform);
  const browser: Browser = await launchBrowser();
  const context: BrowserContext = await browser.newContext({ javaScriptEnabled: opts.jsEnabled, locale: opts.locale ?? "en-GB", baseURL: baseUrl, viewport: { width: 390, height: 844 } });
  const scanContext = await browser.newContext({ locale: opts.locale ?? "en-GB", viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const scanned: string[] = [];
  const checkA11y = async () => {
    await expectAccessible(page, scanContext, opts.jsEnabled);
    scanned.push(page.url());
  };
  const visit = async (path: string) => {
    await page.goto(path);
    await checkA11y();
  };
  return {
    platform,
    baseUrl,
    page,
    jsEnabled: opts.jsEnabled,
    checkA11y,
    visit,
    signIn: async (email, password, { returnTo } = {}) => {
      await context.clearCookies();
      await visit(returnTo ? `/users/sign-in?return_to=${encodeURIComponent(returnTo)}` : "/users/sign-in");
      await page.locator('input[name="email"]').fill(email);
      await page.locator('input[name="password"]').fill(password);
      await page.getByRole("button", { name: "Sign in" }).last().click();
      await page.waitForLoadState();
    },
    scanned,
    close: async () => {
      await browser.close();
      await platform.stop();
    },
  };
}
