import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../seeds";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { signedInClient } from "../accounts/testing";
import { auditLog } from "../audit/schema";
import { organizations } from "./schema";

let p: TestPlatform;
let admin: { client: TestClient; userId: number };

beforeAll(async () => {
  p = await createTestPlatform();
  await seedDemo(p.deps);
  admin = await signedInClient(p, { isAdmin: true });
});
afterAll(() => p.stop());

const valid = {
  name_fr: "Parlement des jeunes",
  name_nl: "Jongerenparlement",
  name_en: "Youth Parliament",
  name_de: "",
  description_fr: "Votre voix compte.",
  defaultLocale: "fr",
  availableLocales: ["fr", "nl", "en"],
  host: "participation.example.org",
};

describe("organization settings", () => {
  it("shows the current settings", async () => {
    const page = await admin.client.get("/admin/organization");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('value="Pnyx Demo"');
    expect(page.body).toContain("Languages offered");
  });

  it("refuses a default language that is not offered, no language at all, a bad host and a missing name", async () => {
    const res = await admin.client.post("/admin/organization", { ...valid, defaultLocale: "de", host: "not a host" });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("There is a problem");
    expect(res.body).toContain("The default language must be one of the languages offered.");
    expect(res.body).toContain("Enter a host name such as participation.example.org");

    const none = await admin.client.post("/admin/organization", { ...valid, availableLocales: [] });
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain("Offer at least one language.");

    const noName = await admin.client.post("/admin/organization", { ...valid, name_fr: "" });
    expect(noName.statusCode).toBe(422);
    expect(noName.body).toContain("Enter the name in the default language.");
    const [row] = await p.deps.db.select().from(organizations);
    expect(row?.host).toBe("localhost");
  });

  it("saves valid settings, serves them at once and audits before/after", async () => {
    const res = await admin.client.post("/admin/organization", valid);
    expect(res.statusCode).toBe(303);
    const [row] = await p.deps.db.select().from(organizations);
    expect(row).toMatchObject({ defaultLocale: "fr", availableLocales: ["fr", "nl", "en"], host: "participation.example.org" });
    expect(row?.name).toEqual({ fr: "Parlement des jeunes", nl: "Jongerenparlement", en: "Youth Parliament" });

    // The cache was invalidated: the next page shows the new name, and German is no longer offered.
    const home = await p.client().get("/", { "accept-language": "de" });
    expect(home.body).toContain('<html lang="fr">');
    expect(home.body).toContain("Parlement des jeunes");

    const [entry] = await p.deps.db.select().from(auditLog).where(eq(auditLog.action, "organization.update"));
    expect(entry?.actorId).toBe(admin.userId);
    expect(entry?.before).toMatchObject({ host: "localhost", availableLocales: ["fr", "nl", "en", "de"], name: { en: "Pnyx Demo" } });
    expect(entry?.after).toMatchObject({ host: "participation.example.org", availableLocales: ["fr", "nl", "en"] });

    const log = await admin.client.get("/admin/audit?action=organization.");
    expect(log.body).toContain("organization.update");
    expect(log.body).toContain("participation.example.org");
  });

  it("is for administrators only", async () => {
    const someone = await signedInClient(p);
    expect((await someone.client.get("/admin/organization")).statusCode).toBe(403);
  });
});

describe("terms of use", () => {
  it("publishes the demo terms at /terms, linked from registration and every page's footer", async () => {
    const terms = await p.client().get("/terms", { "accept-language": "en" });
    expect(terms.statusCode).toBe(200);
    expect(terms.body).toContain("<h1>Terms of use</h1>");
    const register = await p.client().get("/users/sign-up", { "accept-language": "en" });
    expect(register.body).toContain('<a href="/terms">Read the terms of use</a>');
    expect(register.body).toContain('<a href="/terms">Terms of use</a>');
  });

  it("renders the administrator's sanitised Markdown in the reader's language, with a note when it falls back", async () => {
    const res = await admin.client.post("/admin/organization", {
      ...valid,
      terms_fr: "## Règles\n\nSoyez **courtois**.<script>alert(1)</script>",
      terms_en: "## Rules\n\nBe **civil**.",
    });
    expect(res.statusCode).toBe(303);
    const en = await p.client().get("/terms", { "accept-language": "en" });
    expect(en.body).toContain("<strong>civil</strong>");
    const fr = await p.client().get("/terms", { "accept-language": "fr" });
    expect(fr.body).toContain("<strong>courtois</strong>");
    expect(fr.body).not.toContain("alert(1)");
    const nl = await p.client().get("/terms", { "accept-language": "nl" });
    expect(nl.body).toContain("<strong>courtois</strong>");
    expect(nl.body).toContain('lang="fr"');
    const [entry] = await p.deps.db.select().from(auditLog).where(eq(auditLog.action, "organization.update")).orderBy(auditLog.id).limit(1).offset(1);
    expect(entry?.after).toMatchObject({ termsOfUse: { en: "## Rules\n\nBe **civil**." } });
  });

  it("says so when the organization has no terms yet", async () => {
    await p.deps.db.update(organizations).set({ termsOfUse: {} });
    const { invalidateOrganization } = await import("./service");
    invalidateOrganization();
    const none = await p.client().get("/terms", { "accept-language": "en" });
    expect(none.body).toContain("The organization has not published its terms of use yet.");
  });
});
