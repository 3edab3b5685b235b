import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../seeds";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { englishClient } from "../accounts/testing";
import { DEMO_SPACES } from "../spaces/seeds";
import { spaces } from "../spaces/schema";

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
  await seedDemo(p.deps);
  await p.deps.db.insert(spaces).values([
    { type: "process", slug: "internal-planning", title: { en: "Internal planning" }, isPrivate: true, publishedAt: new Date() },
    { type: "process", slug: "not-yet", title: { en: "Not yet published" } },
  ]);
}, 120_000);
afterAll(() => p.stop());

describe("open data", () => {
  it("lists the core's and every component's datasets, linked from the footer", async () => {
    const c = await englishClient(p);
    const page = await c.get("/open-data");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/open-data/spaces.csv"');
    expect(page.body).toContain('href="/petitions.csv"');
    expect((await c.get("/")).body).toContain('<a href="/open-data">Open data</a>');
  });

  it("exports public spaces only, in every language, with the parent assembly, safe for spreadsheets", async () => {
    const res = await (await englishClient(p)).get("/open-data/spaces.csv");
    expect(res.headers["content-type"]).toContain("text/csv");
    const lines = res.body.trim().split("\r\n");
    expect(lines[0]).toBe("id,type,url,parent_url,title_fr,title_nl,title_en,title_de,short_description_fr,short_description_nl,short_description_en,short_description_de,start_date,end_date,published_at");
    expect(res.body).toContain(`/processes/${DEMO_SPACES.consultation},`);
    expect(res.body).toContain("Nationale raadpleging: beleid voor overheidsgegevens");
    const child = lines.find((l) => l.includes(`/assemblies/${DEMO_SPACES.assemblyWorkingGroup},`));
    expect(child).toContain(`/assemblies/${DEMO_SPACES.assembly}`);
    expect(res.body).not.toContain("internal-planning");
    expect(res.body).not.toContain("not-yet");
  });
});
