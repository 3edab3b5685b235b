import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../seeds";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { signedInClient } from "../accounts/testing";
import { auditLog } from "../audit/schema";
import { organizations } from "../organization/schema";
import { spaceRoles, spaces } from "../spaces/schema";
import { DEFAULT_THEME } from "./tokens";

let p: TestPlatform;
let admin: { client: TestClient; userId: number };
let spaceId: number;

beforeAll(async () => {
  p = await createTestPlatform();
  await seedDemo(p.deps);
  admin = await signedInClient(p, { isAdmin: true });
  const [space] = await p.deps.db.insert(spaces).values({ type: "process", slug: "parents-budget", title: { en: "Parents' budget" } }).returning({ id: spaces.id });
  spaceId = space?.id ?? 0;
});
afterAll(() => p.stop());

const fields = (theme: Record<string, string>) => ({ ...(DEFAULT_THEME as unknown as Record<string, string>), ...theme });

describe("organization theme", () => {
  it("refuses a theme below WCAG AA, naming each failing pair (422 with the error summary)", async () => {
    const before = await p.deps.db.select({ theme: organizations.theme }).from(organizations);
    const res = await admin.client.post("/admin/appearance", fields({ colorMuted: "#777", colorOnPrimary: "#ffffff", colorPrimary: "#8fa8c8" }));
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("There is a problem");
    expect(res.body).toContain("Muted text on background: the contrast is 4.48:1, below the 4.5:1 minimum.");
    expect(res.body).toMatch(/Text on primary colour: the contrast is \d\.\d\d:1, below the 4\.5:1 minimum\./);
    expect(res.body).toContain('href="#field-colorMuted"');
    expect(res.body).not.toContain("Text on background: the contrast");
    expect(await p.deps.db.select({ theme: organizations.theme }).from(organizations)).toEqual(before);
  });

  it("names both pairs when one colour fails on two backgrounds", async () => {
    const res = await admin.client.post("/admin/appearance", fields({ colorText: "#999999" }));
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("Text on background: the contrast is");
    expect(res.body).toContain("Text on surface: the contrast is");
  });

  it("refuses malformed colours and logo addresses", async () => {
    const res = await admin.client.post("/admin/appearance", fields({ colorText: "black", logoUrl: "javascript:alert(1)" }));
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("Enter a colour as # followed by 3 or 6 hexadecimal digits");
    expect(res.body).toContain("Enter an address starting with https://");
  });

  it("saves a readable theme, applies it at once and audits it", async () => {
    const res = await admin.client.post("/admin/appearance", fields({ colorPrimary: "#0B5A3A", fontFamily: "serif", logoUrl: "/assets/logo.svg" }));
    expect(res.statusCode).toBe(303);
    const home = await p.client().get("/");
    expect(home.body).toContain("--color-primary:#0b5a3a");
    expect(home.body).toContain("Georgia");
    const entries = await p.deps.db.select().from(auditLog).where(eq(auditLog.action, "theme.organization.update"));
    expect(entries).toHaveLength(1);
    expect(entries[0]?.actorId).toBe(admin.userId);
    expect(entries[0]?.before).toEqual({});
    expect(entries[0]?.after).toMatchObject({ colorPrimary: "#0b5a3a", fontFamily: "serif" });
  });

  it("is for administrators only", async () => {
    const someone = await signedInClient(p);
    expect((await someone.client.get("/admin/appearance")).statusCode).toBe(403);
    expect((await p.client().get("/admin/appearance")).statusCode).toBe(303);
  });
});

describe("space theme overrides", () => {
  const url = () => `/admin/appearance/spaces/${spaceId}`;

  it("checks the overrides on top of the organization theme", async () => {
    const res = await admin.client.post(url(), { colorBackground: "#1b1f24" });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("Text on background: the contrast is 1.00:1");
    expect(res.body).toContain("Links on background: the contrast is");
    const [row] = await p.deps.db.select({ theme: spaces.theme }).from(spaces).where(eq(spaces.id, spaceId));
    expect(row?.theme).toEqual({});
  });

  it("stores only the overrides and audits before/after", async () => {
    const res = await admin.client.post(url(), { colorPrimary: "#5a1a6e", colorSurface: "" });
    expect(res.statusCode).toBe(303);
    const [row] = await p.deps.db.select({ theme: spaces.theme }).from(spaces).where(eq(spaces.id, spaceId));
    expect(row?.theme).toEqual({ colorPrimary: "#5a1a6e" });
    const [entry] = await p.deps.db.select().from(auditLog).where(eq(auditLog.action, "theme.space.update"));
    expect(entry).toMatchObject({ resourceType: "space", resourceId: String(spaceId), spaceId, before: {}, after: { colorPrimary: "#5a1a6e" } });
    expect((await admin.client.get("/admin/audit?action=theme.space")).body).toContain(`in Parents' budget (space #${spaceId})`);
    const page = await admin.client.get(url());
    expect(page.body).toContain('value="#5a1a6e"');
    expect(page.body).toContain(".theme-preview{");
  });

  it("is open to the space's own administrators, not to other people", async () => {
    const someone = await signedInClient(p);
    expect((await someone.client.get(url())).statusCode).toBe(403);
    await p.deps.db.insert(spaceRoles).values({ spaceId, userId: someone.userId, role: "admin" });
    const page = await someone.client.get(url());
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Theme of Parents");
    // The back office's organization-wide navigation is for organization administrators only.
    expect(page.body).not.toContain('href="/admin/users"');
    expect((await admin.client.get(url())).body).toContain('href="/admin/users"');
    expect((await someone.client.get("/admin/appearance")).statusCode).toBe(403);
  });
});

describe("organization theme changes and space overrides", () => {
  it("points out the spaces whose overrides no longer reach AA on top of a new organization theme", async () => {
    // This space only overrides its primary colour; a dark "text on primary" would now clash with it.
    const [space] = await p.deps.db.insert(spaces).values({ type: "process", slug: "dark-primary", title: { en: "Dark primary" }, theme: { colorPrimary: "#1b1f24" } }).returning({ id: spaces.id });
    const res = await admin.client.post("/admin/appearance", fields({ colorPrimary: "#f2c94c", colorOnPrimary: "#1b1f24" }));
    expect(res.statusCode).toBe(303);
    const page = await admin.client.get("/admin/appearance");
    expect(page.body).toContain("Theme of Dark primary");
    expect(page.body).toContain("1 colour pair is below 4.5:1 with the current organization theme");
    expect((await admin.client.get(`/admin/appearance/spaces/${space?.id}`)).body).toContain("Too low");
  });
});

