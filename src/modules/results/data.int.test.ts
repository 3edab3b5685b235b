/**
 * Results in and out: the back office's CSV import (translated errors per line, nothing half-imported,
 * creating and updating by external id, parents by external id) and export (a round trip changes
 * nothing it was not told to), GET /api/results (the documented shape, twenty a page, problems for an
 * unknown or private space), and the open-data CSV listed on /open-data.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishClient, signedInClient } from "../../core/accounts/testing";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { resultListResponse, resultResponse } from "./api-schemas";
import { resultsFixture, type ResultsFixture } from "./testing";

let p: TestPlatform;
let admin: TestClient;
let adminId = 0;

beforeAll(async () => {
  p = await createTestPlatform();
  const a = await signedInClient(p, { isAdmin: true });
  admin = a.client;
  adminId = a.userId;
});
afterAll(() => p.stop());

const count = async (f: ResultsFixture) => (await p.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from results where component_id = ${f.component.id}`)).rows[0]?.n;
const importCsv = (f: ResultsFixture, csv: string) => admin.post(`${f.adminBase}/import`, { csv }, { formPage: `${f.adminBase}/import` });

describe("results as CSV in the back office", () => {
  it("refuses a file with errors as a whole, naming each line in the reader's language", async () => {
    const f = await resultsFixture(p, adminId);
    const idea = await f.proposal("An idea");
    const csv = [
      "external_id,parent_external_id,title_en,status,progress,links",
      `A1,,A good row,done,,proposal:${idea}`,
      "A2,,,planned,,",
      "A3,,Too much,in_progress,140,",
      "A4,,Unknown status,finished,,",
      "A5,A9,Orphan,,,",
    ].join("\n");
    const res = await importCsv(f, csv);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("Line 3: a title is required in at least one language.");
    expect(res.body).toContain("Line 4: the progress “140” is not a number from 0 to 100.");
    expect(await count(f)).toBe(0);
    // Once the row-level errors are corrected, what rows name is checked, still all or nothing.
    const second = await importCsv(f, csv.replace("A2,,,", "A2,,A title,").replace(",140,", ",40,"));
    expect(second.statusCode).toBe(422);
    expect(second.body).toContain("Line 5: no status has the identifier “finished”");
    const third = await importCsv(f, csv.replace("A2,,,", "A2,,A title,").replace(",140,", ",40,").replace("finished", "done"));
    expect(third.statusCode).toBe(422);
    expect(third.body).toContain("Line 6: the parent result “A9” is neither in the file nor in this component.");
    expect(await count(f)).toBe(0);
    // In French.
    const fr = await signedInClient(p, { isAdmin: true });
    await fr.client.get("/locale/fr?return_to=/");
    const french = await fr.client.post(`${f.adminBase}/import`, { csv: "external_id,title_fr,progress\nX,Titre,abc" }, { formPage: `${f.adminBase}/import` });
    expect(french.body).toContain("Ligne 2 : l’avancement « abc » n’est pas un nombre de 0 à 100.");
  });

  it("creates and updates by external id, nests by parent, and round-trips its own export", async () => {
    const f = await resultsFixture(p, adminId);
    const idea = await f.proposal("An idea");
    const first = [
      "external_id,parent_external_id,title_en,title_fr,description_en,status,progress,start_date,end_date,links",
      "C1,P1,\"Child, one\",Enfant un,,,20,,,",
      `P1,,Parent,Parent,"A description\non two lines",in_progress,,2027-01-01,2027-06-30,proposal:${idea}`,
      "C2,P1,Child two,,,done,,,,",
    ].join("\n");
    const created = await importCsv(f, first);
    expect(created.statusCode).toBe(303);
    expect(await count(f)).toBe(3);
    const rows = await p.deps.db.execute<{ external_id: string; parent: string | null; progress: number | null; links: number }>(sql`
      select r.external_id, p.external_id as parent, r.progress, (select count(*)::int from result_links l where l.result_id = r.id) as links
      from results r left join results p on p.id = r.parent_id where r.component_id = ${f.component.id} order by r.external_id`);
    expect(rows.rows).toEqual([
      { external_id: "C1", parent: "P1", progress: 20, links: 0 },
      { external_id: "C2", parent: "P1", progress: 100, links: 0 },
      { external_id: "P1", parent: null, progress: 60, links: 1 },
    ]);
    const audited = await p.deps.db.execute<{ after: { created: number } }>(sql`select after from audit_log where action = 'result.import' and resource_id = ${String(f.component.id)}`);
    expect(audited.rows[0]?.after.created).toBe(3);

    const exported = await admin.get(`${f.adminBase}/export.csv`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers["content-type"]).toContain("text/csv");
    const again = await importCsv(f, exported.body);
    expect(again.statusCode).toBe(303);
    expect(await count(f)).toBe(3);
    expect((await admin.get(`${f.adminBase}/export.csv`)).body).toBe(exported.body);

    // An edited export: a renamed result, a new one under the parent.
    const header = (exported.body.split("\r\n")[0] ?? "").split(",");
    const added: Record<string, string> = { external_id: "C3", parent_external_id: "P1", title_en: "Child three" };
    const edited = `${exported.body.replace("Child two", "Child 2 renamed")}${header.map((c) => added[c] ?? "").join(",")}\r\n`;
    const updated = await importCsv(f, edited);
    expect(updated.statusCode, /<div class="error-summary"[^]*?<\/ul>/.exec(updated.body)?.[0]).toBe(303);
    expect(await count(f)).toBe(4);
    const titles = await p.deps.db.execute<{ t: string }>(sql`select title->>'en' as t from results where component_id = ${f.component.id} order by id`);
    expect(titles.rows.map((r) => r.t)).toEqual(["Child, one", "Parent", "Child 2 renamed", "Child three"]);

    // Another system's partial file: only its columns change; parents, links and other languages stay.
    expect((await importCsv(f, "external_id,title_en,progress\nC1,Child one,80\nP1,The parent,\n")).statusCode).toBe(303);
    const after = await p.deps.db.execute<{ external_id: string; title: Record<string, string>; parent: string | null; progress: number | null; links: number }>(sql`
      select r.external_id, r.title, p.external_id as parent, r.progress, (select count(*)::int from result_links l where l.result_id = r.id) as links
      from results r left join results p on p.id = r.parent_id where r.component_id = ${f.component.id} and r.external_id in ('C1', 'P1') order by r.external_id`);
    expect(after.rows).toEqual([
      { external_id: "C1", title: { en: "Child one", fr: "Enfant un" }, parent: "P1", progress: 80, links: 0 },
      { external_id: "P1", title: { en: "The parent", fr: "Parent" }, parent: null, progress: 90, links: 1 },
    ]);
  });
});

describe("the results API and open data", () => {
  it("lists a public space's results in the documented shape, twenty a page, and one result", async () => {
    const f = await resultsFixture(p, adminId);
    const idea = await f.proposal("An idea");
    const parent = await f.result("Parent", { statusToken: "in_progress", progress: 50 });
    await p.deps.db.execute(sql`insert into result_links (result_id, resource_type, resource_id) values (${parent}, 'proposal', ${idea})`);
    await f.result("Child", { parentId: parent, progress: 50 });
    for (let i = 0; i < 22; i++) await f.result(`Bulk ${i}`);
    const c = await englishClient(p);
    const res = await c.get(`/api/results?space=${f.space.slug}`);
    expect(res.statusCode).toBe(200);
    const body = resultListResponse.parse(res.json());
    expect(body.meta).toEqual({ total: 24, page: 1, pageSize: 20 });
    expect(body.data[0]).toMatchObject({ id: parent, parentId: null, title: { en: "Parent" }, status: { token: "in_progress", name: { en: "In progress" } }, progress: 50, links: [{ type: "proposal", id: idea }], componentId: f.component.id });
    expect(body.data[0]?.url).toBe(`http://pnyx.test${f.base}/${parent}`);
    const second = resultListResponse.parse((await c.get(`/api/results?space=${f.space.slug}&page=2`)).json());
    expect(second.data.length).toBe(4);
    expect(second.data.at(-1)?.parentId).toBe(parent);
    expect(resultResponse.parse((await c.get(`/api/results/${parent}`)).json()).data.id).toBe(parent);
    const doc = (await c.get("/api/openapi.json")).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/results", "/api/results/{id}"]));
  });

  it("answers problems for unknown or private spaces and results", async () => {
    const c = await englishClient(p);
    const hidden = await resultsFixture(p, adminId, { isPrivate: true });
    const secret = await hidden.result("Members only");
    for (const url of ["/api/results?space=no-such-space", `/api/results?space=${hidden.space.slug}`, `/api/results/${secret}`, "/api/results/999999"]) {
      const res = await c.get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers["content-type"]).toContain("application/problem+json");
    }
    expect((await c.get("/api/results")).statusCode).toBe(400);
  });

  it("offers the results of public spaces as open data (CSV), linked from /open-data", async () => {
    const f = await resultsFixture(p, adminId);
    const idea = await f.proposal("An idea");
    const r = await f.result("An open result", { statusToken: "done", progress: 100 });
    await p.deps.db.execute(sql`insert into result_links (result_id, resource_type, resource_id) values (${r}, 'proposal', ${idea})`);
    const hidden = await resultsFixture(p, adminId, { isPrivate: true });
    await hidden.result("A private result");
    const c = await englishClient(p);
    const listing = await c.get("/open-data");
    expect(listing.body).toContain('href="/open-data/results.csv"');
    const res = await c.get("/open-data/results.csv");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    const lines = res.body.trim().split("\r\n");
    expect(lines[0]).toBe("id,url,space,component_id,parent_id,title,description,category,scope,status,progress,start_date,end_date,links");
    expect(res.body).toContain(`An open result,,,,Done,100,,,proposal:${idea}`);
    expect(res.body).not.toContain("A private result");
  });
});
