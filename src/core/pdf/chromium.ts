/**
 * HTML printed to PDF by the system Chromium (never a downloaded browser) through playwright-core:
 * headless, JavaScript off, nothing fetched from outside the document. `htmlToPdf` prints one document
 * (cached by its digest; callers asking for the same one at once share one print); `openPrinter` keeps
 * one browser open for a series of documents (the letters of a recruitment, 1,000 pages per PDF).
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import type { Browser } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Thrown when the system Chromium is missing: the message says how to install it. */
export class ChromiumMissing extends Error {
  constructor() {
    super(`Chromium not found at ${CHROMIUM_PATH}. Install it with: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
}

export interface PrintOptions {
  /** Tagged PDF (structure for assistive technologies) with the headings as the outline (bookmarks). */
  tagged?: boolean;
}

async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new ChromiumMissing();
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
  });
}

async function printOn(browser: Browser, html: string, options: PrintOptions): Promise<Buffer> {
  const page = await browser.newPage({ javaScriptEnabled: false });
  try {
    // Nothing outside the document: printed documents have no images or links to fetch.
    await page.route("**/*", (route) => (route.request().url().startsWith("data:") ? route.continue() : route.abort()));
    await page.setContent(html, { waitUntil: "load" });
    const tagged = options.tagged ?? true;
    return await page.pdf({ format: "A4", printBackground: true, tagged, outline: tagged, preferCSSPageSize: true });
  } finally {
    await page.close();
  }
}

/** A browser kept open for several prints; `close` it when done. */
export interface Printer {
  print: (html: string, options?: PrintOptions) => Promise<Buffer>;
  close: () => Promise<void>;
}

/** Launches the system Chromium once for a series of prints (throws ChromiumMissing when it is not installed). */
export async function openPrinter(): Promise<Printer> {
  const browser = await launch();
  return { print: (html, options = {}) => printOn(browser, html, options), close: () => browser.close() };
}

const pdfCache = new Map<string, Buffer>();
const PDF_CACHE_SIZE = 24;
const printing = new Map<string, Promise<Buffer>>();

/**
 * One HTML document printed to PDF (A4, tagged, outlined by default). Cached by the HTML's digest, so
 * a document is printed once until the server restarts; the same document asked for at once is
 * printed once (and one browser launched).
 */
export async function htmlToPdf(html: string, options: PrintOptions = {}): Promise<Buffer> {
  const key = createHash("sha256").update(JSON.stringify(options)).update(html).digest("hex");
  const cached = pdfCache.get(key);
  if (cached) return cached;
  const running = printing.get(key);
  if (running) return running;
  const job = printOnce(key, html, options).finally(() => printing.delete(key));
  printing.set(key, job);
  return job;
}

async function printOnce(key: string, html: string, options: PrintOptions): Promise<Buffer> {
  const printer = await openPrinter();
  try {
    const pdf = await printer.print(html, options);
    if (pdfCache.size >= PDF_CACHE_SIZE) pdfCache.delete(pdfCache.keys().next().value as string);
    pdfCache.set(key, pdf);
    return pdf;
  } finally {
    await printer.close();
  }
}
