/**
 * The hostile-input corpus (src/security/hostile/corpus.ts) through every form a participant and an
 * organization admin reach in the demo, every POST route no form reached, and the JSON API, checked
 * three ways: no script runs in Chromium (a function the page calls if a payload runs, and dialogs; the
 * browser ignores the CSP so escaping must hold by itself), no stored markup comes back unescaped in any
 * HTML response (htmlparser2, src/security/hostile/scan.ts), and no response is a 5xx. Uploaded SVG and
 * HTML files are never served as documents that could run script. Coverage figures are printed.
 */
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { APIRequestContext, APIResponse, Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { users } from "../../src/core/accounts/schema";
import { createUser } from "../../src/core/accounts/users";
import { components, spaces } from "../../src/core/spaces/schema";
import { everyRoute } from "../../src/core/http/route-registry";
import { fill, resolveParams } from "../../src/security/authorization/params";
import { CLASSES, CORPUS, hostileFiles, type Payload } from "../../src/security/hostile/corpus";
import { extractForms, extractLinks, shapeOf, TEXT_TYPES, type PostForm } from "../../src/security/hostile/forms";
import { OWNED_ROUTES } from "../../src/security/hostile/owned-routes";
import { findLeaks, type Leak } from "../../src/security/hostile/scan";
import { DEMO_ADMIN, seedDemo } from "../../src/seeds";
import { createTestPlatform, type TestPlatform } from "../../src/test/platform";
import { until } from "../../src/test/until";
import { launchBrowser } from "./support/browser";

const PARTICIPANT = { email: "mallory@hostile.example", name: "Mallory Participant", password: "mallory-hostile-pass" };

/** Never followed: leaving the session, files, streams, and what would take the crawl's world away. */
const SKIP_GET = /sign-out|\/export|download|\.csv|\.ics|\.json|\/events$|\/attachments\/|\/uploads\/|\/api\//;
const SKIP_POST = /sign-out|sign-in|\/delete|destroy|erase|\/remove|password|\/leave|unsubscribe|\/lang|locale|\/withdraw|unpublish|archive|\/block|grant-admin|\/hide/;
/** Forms that get the whole corpus (the rest get a rotation, every class at least once across them). */
const KEY_FORM = /petitions(\/new)?$|comments|proposals(\/new)?$|\/account|profile|nickname|\/pages|newsletters/;
const PAGES_PER_ROLE = { participant: 160, admin: 300 } as Record<string, number>;
/** A page's shape for the crawl, keeping the component (each kind of component has its own pages and forms). */
const crawlShape = (path: string) => shapeOf(path.replace(/\/(components|c)\/(\d+)(?=\/|$)/, "/$1/k$2"));
/** The corpus in few submissions (rate limits allow about ten a minute): storable payloads four to a field, the long one and those the platform may refuse alone. */
const STORABLE = CORPUS.filter((p) => !p.refusable && p.kind !== "long");
const BUNDLES: Payload[][] = [
  ...Array.from({ length: Math.ceil(STORABLE.length / 4) }, (_, i) => STORABLE.slice(i * 4, i * 4 + 4)),
  ...CORPUS.filter((p) => p.refusable || p.kind === "long").map((p) => [p]),
];
const SAMPLES_PER_SHAPE = 2;

interface Finding {
  kind: "5xx" | "leak" | "executed" | "dialog" | "upload";
  where: string;
  detail: string;
}

describe("hostile inputs through every form and JSON endpoint", () => {
  let platform: TestPlatform;
  let dataDir = "";
  let browser: Browser;
  let baseUrl: string;
  const findings: Finding[] = [];
  const executed: { marker: string; url: string }[] = [];
  let cspViolations = 0;
  /** Every path crawled (GET), per role. */
  const seen = new Set<string>();
  /** Forms submitted, keyed by action shape + field names. */
  const submitted = new Map<string, PostForm>();
  const postedPaths = new Set<string>();
  const usedClasses = new Set<string>();
  /** Form shapes that received the whole corpus. */
  const fullCorpus = new Set<string>();
  /** Files the pages link to or show (attachments, uploaded images). */
  const fileUrls = new Set<string>();
  /** Uploads sent: the form, the file's name, the answer's status. */
  const uploads: { action: string; file: string; status: number }[] = [];
  let fileTurn = 0;
  let contexts: BrowserContext[] = [];

  const record = (kind: Finding["kind"], where: string, detail: string) => findings.push({ kind, where, detail: detail.slice(0, 300) });
  const checkLeaks = (where: string, html: string) => {
    for (const l of findLeaks(html) as Leak[]) record("leak", where, `${l.where} on <${l.element}> (${l.marker ?? "no marker"}): ${l.snippet}`);
  };
  const statuses = new Map<number, number>();
  const check = async (res: APIResponse, where: string, payload?: string): Promise<string> => {
    statuses.set(res.status(), (statuses.get(res.status()) ?? 0) + 1);
    if (process.env.HOSTILE_DEBUG && where.startsWith("POST")) console.log(res.status(), where, res.url());
    if (res.status() >= 500) record("5xx", where, `${res.status()} with ${payload ?? "-"}`);
    const type = res.headers()["content-type"] ?? "";
    if (!type.includes("text/html")) return "";
    const html = await res.text();
    checkLeaks(where, html);
    for (const m of html.matchAll(/(?:href|src)="(\/(?:attachments|uploads)\/[^"]+)"/g)) if (m[1]) fileUrls.add(m[1]);
    return html;
  };

  async function newContext(opts: { bypassCSP: boolean }): Promise<BrowserContext> {
    const context = await browser.newContext({ baseURL: baseUrl, locale: "en-GB", bypassCSP: opts.bypassCSP, javaScriptEnabled: true });
    await context.exposeBinding("__pnyxXss", (source, marker: unknown) => {
      executed.push({ marker: String(marker), url: source.page.url() });
    });
    context.on("page", (p) => watch(p));
    contexts.push(context);
    return context;
  }
  function watch(p: Page): void {
    p.on("dialog", (d) => {
      record("dialog", p.url(), `${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    p.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations++;
    });
  }

  async function signIn(context: BrowserContext, email: string, password: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto("/users/sign-in");
    await page.locator('input[name="email"]').fill(email);
    await page.locator('input[name="password"]').fill(password);
    await page.getByRole("button", { name: "Sign in" }).last().click();
    await page.waitForLoadState();
    return page;
  }

  /** Breadth-first over same-site links from `starts`, at most SAMPLES_PER_SHAPE pages of each shape. */
  async function crawl(request: APIRequestContext, starts: string[], role: string): Promise<{ path: string; html: string }[]> {
    const queue = [...starts];
    const visited = new Set<string>();
    const perShape = new Map<string, number>();
    const pages: { path: string; html: string }[] = [];
    const limit = PAGES_PER_ROLE[role] ?? 120;
    while (queue.length > 0 && pages.length < limit) {
      const path = queue.shift() ?? "/";
      if (visited.has(path) || SKIP_GET.test(path)) continue;
      visited.add(path);
      const shape = crawlShape(path);
      if ((perShape.get(shape) ?? 0) >= SAMPLES_PER_SHAPE) continue;
      perShape.set(shape, (perShape.get(shape) ?? 0) + 1);
      const res = await request.get(path, { timeout: 15_000, maxRedirects: 3 });
      const html = await check(res, `GET ${path} (${role})`);
      seen.add(path);
      if (!html) continue;
      pages.push({ path, html });
      for (const link of extractLinks(html, `${baseUrl}${path}`)) if (!visited.has(link)) queue.push(link);
    }
    return pages;
  }

  /** Components by id (their manifest), to find a proposal's or a page's form among the components'. */
  const manifestOf = new Map<string, string>();
  /** The key form an action belongs to (it gets the whole corpus once), or null. */
  const keyOf = (action: string): string | null => {
    const shape = shapeOf(action);
    if (KEY_FORM.test(shape)) return shape;
    const m = /\/(?:c|components)\/(\d+)(?:\/manage)?\/(new|\d+\/edit)$/.exec(action.split("?")[0] ?? "");
    const manifest = m?.[1] ? manifestOf.get(m[1]) : undefined;
    return manifest === "proposals" || manifest === "pages" || manifest === "debates" ? `${manifest} ${action.startsWith("/admin") ? "admin " : ""}${m?.[2] === "new" ? "new" : "edit"}` : null;
  };
  const textFields = (f: PostForm) => f.fields.filter((x) => TEXT_TYPES.has(x.type));

  /** What a browser would send for `form` with `pick(fieldIndex)` in each text field. */
  function values(form: PostForm, pick: (i: number) => Payload[], password: string, tame: boolean): { fields: Record<string, string>; payloads: Payload[] } {
    const fields: Record<string, string> = {};
    const payloads: Payload[] = [];
    let i = 0;
    for (const f of form.fields) {
      if (TEXT_TYPES.has(f.type)) {
        const ps = pick(i++);
        const marker = ps[0]?.marker ?? "pnyxq00";
        // A second try keeps the payloads where free text goes and gives fields with a format a valid value.
        if (tame && (f.type === "email" || /email/i.test(f.name))) fields[f.name] = `${marker}@hostile.example`;
        else if (tame && (f.type === "url" || /slug|host|domain|url|colou?r|code|handle|date|time|year|amount|budget|cost|price|seats|quota|number|count|min|max|threshold/i.test(f.name))) {
          fields[f.name] = /url/i.test(f.name) || f.type === "url" ? `https://example.org/${marker}` : f.value || `${marker}`;
        } else {
          payloads.push(...ps);
          for (const p of ps) usedClasses.add(p.kind);
          fields[f.name] = ps.map((p) => p.value).join("\n\n");
        }
      } else if (f.type === "password") fields[f.name] = password;
      else if (f.type === "checkbox" || f.type === "radio") {
        if (f.checked || !(f.name in fields)) fields[f.name] = f.value;
      } else if (f.type === "number" || f.type === "range") fields[f.name] = f.value || "1";
      else if (f.type === "date") fields[f.name] = f.value || "2027-01-15";
      else if (f.type === "datetime-local") fields[f.name] = f.value || "2027-01-15T10:00";
      else if (f.type === "file") continue;
      else if (!(f.name in fields)) fields[f.name] = f.value;
    }
    return { fields, payloads };
  }

  async function submit(request: APIRequestContext, form: PostForm, pick: (i: number) => Payload[], password: string, role: string, tame = false): Promise<void> {
    const { fields, payloads } = values(form, pick, password, tame);
    const files = form.fields.filter((f) => f.type === "file");
    let res: APIResponse;
    if (form.multipart || files.length > 0) {
      const multipart: Record<string, string | { name: string; mimeType: string; buffer: Buffer }> = { ...fields };
      const hostile = hostileFiles(payloads[0]?.marker ?? "pnyxq00");
      files.forEach((f, i) => {
        const file = hostile[(fileTurn + i) % hostile.length];
        if (file) multipart[f.name] = file;
      });
      fileTurn++;
      res = await request.post(form.action, { multipart, timeout: 30_000 });
      for (const [i, f] of files.entries()) uploads.push({ action: form.action, file: String((multipart[f.name] as { name?: string } | undefined)?.name ?? i), status: res.status() });
    } else {
      res = await request.post(form.action, { form: fields, timeout: 30_000 });
    }
    postedPaths.add(form.action.split("?")[0] ?? form.action);
    await check(res, `POST ${form.action} (${role})`, payloads.map((p) => p.marker).join(","));
    if (!tame && (res.status() === 400 || res.status() === 422) && !payloads.some((p) => p.refusable)) {
      // Refused for a field with a format: again with valid values there, so the free text gets stored.
      const fresh = extractForms(await (await request.get(form.page)).text(), `${baseUrl}${form.page}`).find((f) => f.action === form.action) ?? form;
      await submit(request, fresh, pick, password, role, true);
    }
  }

  /** Crawls as one role and submits each form shape once (the key forms once per payload). */
  async function attack(context: BrowserContext, role: string, password: string, starts: string[]): Promise<void> {
    const pages = await crawl(context.request, starts, role);
    let rotation = 0;
    for (const { path, html } of pages) {
      for (const form of extractForms(html, `${baseUrl}${path}`)) {
        if (SKIP_POST.test(form.action)) continue;
        const key = `${crawlShape(form.action)} ${form.fields.map((f) => f.name).sort().join(",")}`;
        if (submitted.has(key)) continue;
        submitted.set(key, form);
        // The page again: a token or a hidden value may have changed since the crawl.
        const fresh = extractForms((await (await context.request.get(path)).text()) || html, `${baseUrl}${path}`).find((f) => f.action === form.action) ?? form;
        if (textFields(fresh).length === 0 && !fresh.fields.some((f) => f.type === "file")) {
          await submit(context.request, fresh, () => [STORABLE[0] as Payload], password, role);
          continue;
        }
        const shape = keyOf(form.action);
        if (shape && !fullCorpus.has(shape)) {
          fullCorpus.add(shape);
          for (const bundle of BUNDLES) await submit(context.request, fresh, () => bundle, password, role);
        } else {
          const start = rotation;
          rotation += textFields(fresh).length || 1;
          await submit(context.request, fresh, (i) => [STORABLE[(start + i) % STORABLE.length] as Payload], password, role);
        }
      }
    }
  }

  beforeAll(async () => {
    // Uploads go to a temporary data folder, so the test leaves nothing behind.
    dataDir = await mkdtemp(path.join(tmpdir(), "pnyx-hostile-"));
    platform = await createTestPlatform({ PUBLIC_URL: "http://127.0.0.1:0", PNYX_DATA_DIR: dataDir });
    await platform.app.listen({ port: 0, host: "127.0.0.1" });
    baseUrl = `http://127.0.0.1:${(platform.app.server.address() as AddressInfo).port}`;
    platform.deps.config.PUBLIC_URL = baseUrl;
    await seedDemo(platform.deps);
    const participantId = await createUser(platform.deps.db, { ...PARTICIPANT, confirmed: true, locale: "en" });
    // Subscribed, so the newsletters written with the corpus reach a mailbox the test reads.
    await platform.deps.db.update(users).set({ newsletterOptIn: true }).where(eq(users.id, participantId));
    for (const c of await platform.deps.db.select({ id: components.id, manifest: components.manifest }).from(components)) manifestOf.set(String(c.id), c.manifest);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    contexts = [];
    await browser?.close();
    await platform?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("takes the corpus through every form a participant and an org admin reach: no 5xx, no markup stored unescaped", async () => {
    const participant = await newContext({ bypassCSP: true });
    await signIn(participant, PARTICIPANT.email, PARTICIPANT.password);
    await attack(participant, "participant", PARTICIPANT.password, ["/", "/account", "/notifications", "/search?q=budget"]);
    const admin = await newContext({ bypassCSP: true });
    await signIn(admin, DEMO_ADMIN.email, DEMO_ADMIN.password);
    await attack(admin, "admin", DEMO_ADMIN.password, ["/admin", "/"]);
    console.log(`hostile: forms submitted ${submitted.size}, pages crawled ${seen.size}, classes used ${[...usedClasses].sort().join(",")}`);
    console.log(`hostile: whole corpus on ${[...fullCorpus].join(", ")}`);
    expect(submitted.size).toBeGreaterThan(20);
    expect([...CLASSES].filter((c) => !usedClasses.has(c))).toEqual([]);
    expect(findings.filter((f) => f.kind === "5xx" || f.kind === "leak")).toEqual([]);
  }, 230_000);

  it("drives the key forms in Chromium: typed payloads submitted by the browser run nothing", async () => {
    const participant = contexts[0] as BrowserContext;
    const page = await participant.newPage();
    let driven = 0;
    for (const form of submitted.values()) {
      if (!keyOf(form.action) || SKIP_POST.test(form.action) || textFields(form).length === 0 || form.action.startsWith("/admin")) continue;
      for (const bundle of [BUNDLES[0], BUNDLES[1]] as Payload[][]) {
        const res = await page.goto(form.page);
        if ((res?.status() ?? 0) >= 400) break;
        // The first such form a person can see (a page may hold hidden reply forms with the same action).
        const el = page.locator(`form[action="${form.action}"]`).filter({ has: page.locator('button[type="submit"]:visible, button:not([type]):visible, input[type="submit"]:visible') }).first();
        if ((await el.count()) === 0) break;
        for (const f of textFields(form)) {
          const input = el.locator(`[name="${f.name}"]`).first();
          if (await input.isVisible()) await input.fill(bundle.map((p) => p.value).join("\n"));
        }
        // The server must hold without the browser's own checks (type=email, maxlength, required).
        await el.evaluate((f) => {
          (f as HTMLFormElement).noValidate = true;
        });
        const navigated = page.waitForEvent("framenavigated", { timeout: 15_000 }).then(
          () => true,
          () => false,
        );
        await el.locator('button[type="submit"]:visible, button:not([type]):visible, input[type="submit"]:visible').first().click();
        if (!(await navigated)) {
          record("leak", `browser POST ${form.action}`, "the browser's submission did not reach the server");
          break;
        }
        await page.waitForLoadState("load");
        checkLeaks(`browser POST ${form.action}`, await page.content());
        driven++;
      }
    }
    console.log(`hostile: key forms driven in the browser ${driven}`);
    expect(driven).toBeGreaterThan(3);
    expect(executed).toEqual([]);
  }, 120_000);

  it("shows the stored content (public pages, admin lists, search, notifications) escaped, and Chromium runs none of it", async () => {
    const anonymous = await newContext({ bypassCSP: true });
    const [participant, admin] = contexts as [BrowserContext, BrowserContext];
    // The watch works: markup that does run reaches the function (so 0 below means none ran).
    const probe = await anonymous.newPage();
    await probe.setContent(`<img src="x" onerror="window.__pnyxXss('canary')">`);
    await until(async () => executed.some((e) => e.marker === "canary"));
    executed.splice(0, executed.length);
    await probe.close();
    const showing: { context: BrowserContext; path: string }[] = [];
    for (const [context, role, starts] of [
      [anonymous, "anonymous", ["/", "/search?q=pnyxq", "/petitions"]],
      [participant, "participant", ["/notifications", "/account", "/search?q=pnyxq01", "/"]],
      [admin, "admin", ["/admin", "/admin/newsletters", "/admin/moderation", "/notifications"]],
    ] as const) {
      for (const { path, html } of await crawl(context.request, [...starts], `${role}, after`)) if (html.includes("pnyxq")) showing.push({ context, path });
    }
    // Open data: CSV files carry the text as data, never served as HTML.
    for (const path of [...seen].filter((p) => /\.csv$|open-data/.test(p))) {
      const res = await anonymous.request.get(path);
      await check(res, `GET ${path} (open data)`);
    }
    const pages = new Map<string, Page>();
    let loaded = 0;
    const perShape = new Map<string, number>();
    for (const { context, path } of showing) {
      const shape = shapeOf(path);
      if ((perShape.get(shape) ?? 0) >= 2 || loaded >= 60) continue;
      perShape.set(shape, (perShape.get(shape) ?? 0) + 1);
      const page = pages.get(String(contexts.indexOf(context))) ?? (await context.newPage());
      pages.set(String(contexts.indexOf(context)), page);
      await page.goto(path, { waitUntil: "load" });
      loaded++;
      // Links, forms and frames whose address is a script: clicked, so a javascript: URL would run.
      const bad = await page.evaluate(() => {
        const out: string[] = [];
        for (const a of Array.from(document.querySelectorAll<HTMLAnchorElement>("a[href], area[href]"))) {
          if (!["http:", "https:", "mailto:", "tel:"].includes(a.protocol)) {
            out.push(a.href.slice(0, 120));
            a.click();
          }
        }
        for (const f of Array.from(document.querySelectorAll<HTMLIFrameElement>("iframe"))) out.push(`iframe ${f.src || f.srcdoc}`.slice(0, 120));
        return out;
      });
      for (const b of bad) record("leak", `browser ${path}`, b);
    }
    const cspContext = await newContext({ bypassCSP: false });
    const cspPage = await cspContext.newPage();
    for (const { path } of showing.slice(0, 10)) await cspPage.goto(path, { waitUntil: "load" });
    console.log(`hostile: pages showing payloads ${showing.length}, opened in Chromium ${loaded}, CSP violations ${cspViolations}, executed ${executed.length}`);
    expect(showing.length).toBeGreaterThan(10);
    expect(executed).toEqual([]);
    expect(cspViolations).toBe(0);
    expect(findings).toEqual([]);
  }, 180_000);

  it("never serves an uploaded SVG or HTML file as a document that could run script", async () => {
    const [, admin] = contexts as [BrowserContext, BrowserContext];
    console.log(`hostile: uploads sent ${uploads.length} (${[...new Set(uploads.map((u) => `${u.action} ${u.status}`))].join("; ")}), files linked ${fileUrls.size}`);
    expect(uploads.length).toBeGreaterThan(0);
    for (const path of fileUrls) {
      const res = await admin.request.get(path);
      const h = res.headers();
      const type = (h["content-type"] ?? "").toLowerCase();
      if (res.status() >= 500) record("5xx", `GET ${path}`, String(res.status()));
      if (res.status() !== 200) continue;
      const body = (await res.body()).toString("latin1");
      const where = `GET ${path} (${type})`;
      if (h["x-content-type-options"] !== "nosniff") record("upload", where, "no X-Content-Type-Options: nosniff");
      if (/svg|html|xml|javascript/.test(type) && !/sandbox/.test(h["content-security-policy"] ?? "") && !/^attachment/.test(h["content-disposition"] ?? "")) record("upload", where, "an active type served inline without a CSP sandbox");
      if (/pnyxq\d\d/.test(body) && !/^image\/(png|jpeg|gif|webp)$/.test(type) && !/^attachment/.test(h["content-disposition"] ?? "")) record("upload", where, `a hostile upload served inline as ${type}`);
    }
    expect(findings.filter((f) => f.kind === "upload" || f.kind === "5xx")).toEqual([]);
  }, 60_000);

  it("answers the JSON API's hostile parameters and bodies with a problem document, never a 5xx", async () => {
    const anonymous = contexts[2] as BrowserContext;
    const doc = (await (await anonymous.request.get("/api/openapi.json")).json()) as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> } }>>;
    };
    const storable = STORABLE.map((p) => p.value);
    let requests = 0;
    let operations = 0;
    for (const [template, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        if (!["get", "post", "put", "patch", "delete"].includes(method)) continue;
        operations++;
        for (const [i, value] of [...storable.slice(0, 6), "1' OR '1'='1", "-1", "99999999999999999999", "%00", "ab\ud800"].entries()) {
          const path = template.replace(/\{[^}]+\}/g, () => (i % 2 === 0 ? "1" : encodeURIComponent(value)));
          const query = new URLSearchParams();
          for (const p of op.parameters ?? []) if (p.in === "query") query.set(p.name, value);
          for (const name of ["limit", "offset", "page", "q", "locale", "cursor", "since"]) if (!query.has(name)) query.set(name, value);
          const props = Object.keys(op.requestBody?.content?.["application/json"]?.schema?.properties ?? { body: 1, title: 1 });
          const url = `${path}?${query.toString()}`;
          const res = method === "get" ? await anonymous.request.get(url) : await anonymous.request.fetch(url, { method: method.toUpperCase(), headers: { "content-type": "application/json" }, data: JSON.stringify(Object.fromEntries(props.map((k) => [k, value]))) });
          requests++;
          const where = `${method.toUpperCase()} ${template} (${value.slice(0, 30)})`;
          if (res.status() >= 500) record("5xx", where, String(res.status()));
          if (res.status() >= 400 && !(res.headers()["content-type"] ?? "").includes("application/problem+json")) record("5xx", where, `a ${res.status()} without a problem document (${res.headers()["content-type"]})`);
        }
      }
    }
    console.log(`hostile: JSON API operations ${operations}, requests ${requests}`);
    expect(operations).toBeGreaterThan(3);
    expect(findings.filter((f) => f.kind === "5xx")).toEqual([]);
  }, 120_000);

  it("mails the stored payloads (newsletters, notifications) with no markup unescaped in their HTML", async () => {
    const admin = contexts[1] as BrowserContext;
    const list = await (await admin.request.get("/admin/newsletters")).text();
    const ids = [...new Set([...list.matchAll(/href="\/admin\/newsletters\/(\d+)"/g)].map((m) => m[1]))].slice(0, 4);
    expect(ids.length).toBeGreaterThan(0);
    let sent = 0;
    for (const id of ids) {
      const token = /name="_csrf" value="([^"]+)"/.exec(await (await admin.request.get(`/admin/newsletters/${id}`)).text())?.[1] ?? "";
      const res = await admin.request.post(`/admin/newsletters/${id}/send`, { form: { _csrf: token, audience: "all", confirm: "yes" } });
      await check(res, `POST /admin/newsletters/${id}/send`);
      if (res.status() < 400) sent++;
    }
    expect(sent).toBeGreaterThan(0);
    const toParticipant = () => platform.smtp.messages.filter((m) => m.to.includes(PARTICIPANT.email) && /pnyxq\d\d/.test(m.subject + m.text));
    await until(async () => toParticipant().length >= sent);
    for (const m of platform.smtp.messages) if (m.html) checkLeaks(`mail "${m.subject.slice(0, 60)}" to ${m.to.join(",")}`, m.html);
    for (const m of platform.smtp.messages) if (/[\r\n]/.test(m.subject)) record("leak", `mail to ${m.to.join(",")}`, `a line break in the subject: ${m.subject.slice(0, 80)}`);
    console.log(`hostile: mails checked ${platform.smtp.messages.length} (newsletters with payloads received ${toParticipant().length})`);
    expect(findings.filter((f) => f.kind === "leak")).toEqual([]);
  }, 120_000);

  it("sends the corpus to every state-changing route no form reached, in every field the forms use: no 5xx", async () => {
    const admin = contexts[1] as BrowserContext;
    const routes = everyRoute(platform.app).filter((r) => ["POST", "PUT", "PATCH", "DELETE"].includes(r.method));
    const toRegex = (url: string) => new RegExp(`^${url.replace(/[.+?^$()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/:[A-Za-z_]+/g, "[^/]+")}$`);
    const reached = routes.filter((r) => [...postedPaths].some((p) => toRegex(r.url).test(p)));
    const known = [...seen, ...postedPaths].map((k) => k.split("?")[0] ?? k);
    // A component's routes answer only under a component of that kind: their bases come from the database.
    const bases = await platform.deps.db
      .select({ spaceId: components.spaceId, componentId: components.id, manifest: components.manifest, slug: spaces.slug })
      .from(components)
      .innerJoin(spaces, eq(spaces.id, components.spaceId));
    /** A concrete path for a pattern: parameters taken from a crawled address sharing its beginning, else 1. */
    const concrete = (r: { url: string; component?: string }): string => {
      const parts = r.url.split("/");
      let best: string[] = [];
      const candidates = r.component
        ? bases.filter((b) => b.manifest === r.component).flatMap((b) => {
            const base = r.url.startsWith("/admin") ? `/admin/spaces/${b.spaceId}/components/${b.componentId}/manage` : `/spaces/${b.slug}/c/${b.componentId}`;
            const under = known.filter((k) => k.startsWith(`${base}/`));
            return under.length > 0 ? under : [base];
          })
        : known;
      for (const k of candidates) {
        const ks = k.split("/");
        const bound: string[] = [];
        for (let i = 0; i < parts.length && i < ks.length; i++) {
          const want = parts[i] ?? "";
          const got = ks[i] ?? "";
          const param = want.startsWith(":") ? want.slice(1) : null;
          if (param ? !(/^\d+$/.test(got) || (/^(slug|ref|token|type|action|criterion|batch)$/.test(param) && got !== "" && got !== "new")) : want !== got) break;
          bound.push(got);
        }
        if (bound.length > best.length) best = bound;
      }
      return parts.map((p, i) => best[i] ?? (p.startsWith(":") ? "1" : p === "*" ? "x" : p)).join("/");
    };
    const names = new Set<string>(["body", "title", "name", "description", "text", "email", "reason", "message", "content", "q", "label", "summary", "answer", "note", "url", "nickname"]);
    for (const f of submitted.values()) for (const x of f.fields) if (x.name !== "_csrf") names.add(x.name);
    // What takes the world away goes last: deletions, then the admin's own session.
    const rank = (url: string) => (/sign-out/.test(url) ? 2 : /delete|destroy/.test(url) ? 1 : 0);
    const unreached = routes.filter((r) => !reached.includes(r)).sort((a, b) => rank(a.url) - rank(b.url));
    const token = /name="_csrf" value="([^"]+)"/.exec(await (await admin.request.get("/account")).text())?.[1] ?? "";
    expect(token).not.toBe("");
    const participant = contexts[0] as BrowserContext;
    const participantToken = /name="_csrf" value="([^"]+)"/.exec(await (await participant.request.get("/account")).text())?.[1] ?? "";
    expect(participantToken).not.toBe("");
    let sent = 0;
    const notFoundDirect: string[] = [];
    for (const [i, r] of unreached.entries()) {
      // Real objects where the database has one (the authorization matrix's parameter queries), so the
      // request reaches the handler; else a crawled address sharing the route's beginning.
      const bound = await resolveParams(platform.deps.db, r).catch(() => null);
      const path = bound ? fill(r.url, bound) : concrete(r);
      const value = STORABLE[i % STORABLE.length] as Payload;
      const form: Record<string, string> = { _csrf: token };
      for (const n of names) form[n] = value.value;
      const res = await admin.request.fetch(path, { method: r.method, form, headers: { "x-csrf-token": token }, timeout: 30_000 });
      sent++;
      await check(res, `${r.method} ${r.url} as ${path} (direct)`, value.marker);
      if (res.status() !== 404) continue;
      // 404 to the admin: often an author's own route (a draft, a comment), answered 404 to everyone else.
      // The participant wrote such things through the forms: their crawled addresses fill the route.
      const own = concrete(r);
      const res2 = await participant.request.fetch(own, { method: r.method, form: { ...form, _csrf: participantToken }, headers: { "x-csrf-token": participantToken }, timeout: 30_000 });
      await check(res2, `${r.method} ${r.url} as ${own} (direct, as the participant)`, value.marker);
      if (res2.status() === 404) notFoundDirect.push(`${r.method} ${r.url}`);
    }
    const covered = reached.length + sent;
    console.log(`hostile: state-changing routes ${routes.length}: through forms ${reached.length}, direct ${sent}, total exercised ${covered}/${routes.length}`);
    console.log(`hostile: not reached by a form: ${unreached.map((r) => `${r.method} ${r.url}`).join(", ")}`);
    console.log(`hostile: direct requests answered 404 to the admin and the participant (no such object, or not theirs; owned-routes.int.test.ts sends the corpus there as their owners): ${notFoundDirect.length}: ${notFoundDirect.join(", ")}`);
    expect(covered).toBe(routes.length);
    // Those only an owner or a link's token opens get the corpus in src/security/hostile/owned-routes.int.test.ts.
    expect(notFoundDirect.filter((r) => !OWNED_ROUTES.includes(r))).toEqual([]);
    expect(findings.filter((f) => f.kind === "5xx" || f.kind === "leak")).toEqual([]);
  }, 180_000);
});
