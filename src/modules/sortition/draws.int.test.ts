/**
 * Draws by lot end to end: `pnyx assemblies draw` prints the engine's JSON plus the draw and its record,
 * the record (public on a transparent private assembly) names nobody and replays with
 * `pnyx sortition verify <record.json>` alone (a tampered one does not); the back office creates a draw
 * from uploaded files, takes the randomness, runs it through the job, publishes it and seats the panel
 * as members drawn by lot; a draft and a run asked to stop end cancelled.
 */
import { runCommand } from "../../test/command";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished, vi } from "vitest";
import { signedInClient } from "../../core/accounts/testing";
import { createSpace, setSpacePublished } from "../../core/spaces/service";
import { run as sortitionCli } from "../../engines/sortition/cli";
import { parseCsv } from "../../engines/sortition/csv";
import { syntheticPool } from "../../engines/sortition/synthetic";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { countQueries } from "../../test/queries";
import { run as assembliesCli } from "./cli";
import { demoPool } from "./demo-pool";
import { drawEngine, runDraw } from "./draw-run";
import { startDraw } from "./draw-service";
import { applyRetention } from "./retention";

let p: TestPlatform;
let admin: TestClient;
let adminId: number;
let spaceId: number;
let dir: string;
const SLUG = "draw-assembly";
const pool = demoPool(120, 12, "tests");

async function until<T>(f: () => Promise<T | undefined | null | false>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Runs a CLI entry point with its standard output and error captured. */
const capture = (run: (argv: string[]) => Promise<number>, argv: string[]) => runCommand(run, argv, p.deps.config.DATABASE_URL ?? "");

/** "Member N" in the admin's language. */
const ANONYMOUS = /^(Member|Membre|Lid|Mitglied) \d+$/;

const drawRow = async (id: number) =>
  (await p.deps.db.execute<{ status: string; error: string | null; result: { panel: number[] } | null; published_at: Date | null; seated_at: Date | null }>(sql`select status, error, result, published_at, seated_at from sortition_draws where id = ${id}`)).rows[0];

beforeAll(async () => {
  p = await createTestPlatform();
  ({ client: admin, userId: adminId } = await signedInClient(p, { isAdmin: true }));
  const actor = { id: adminId, ip: null };
  const created = await createSpace(
    p.deps.db,
    actor,
    "assembly",
    { slug: SLUG, title: { en: "Citizens' assembly" }, subtitle: {}, shortDescription: {}, description: {}, heroImage: undefined, heroImageAlt: {}, groupId: undefined, startDate: undefined, endDate: undefined, purpose: {}, composition: {}, isPrivate: true, isTransparent: true, promoted: false, weight: 0 },
    null,
  );
  if (!created.ok) throw new Error("space");
  spaceId = created.value.id;
  await setSpacePublished(p.deps.db, actor, spaceId, true);
  dir = await mkdtemp(path.join(tmpdir(), "pnyx-draws-"));
  await writeFile(path.join(dir, "people.csv"), pool.peopleCsv);
  await writeFile(path.join(dir, "categories.csv"), pool.quotasCsv);
}, 60_000);
afterAll(async () => {
  await p?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe("pnyx assemblies draw and the draw's record", () => {
  it("draws, records and publishes; the record names nobody, is public on the transparent private assembly and replays alone", async () => {
    const r = await capture(assembliesCli, ["draw", "--space", SLUG, "--people", path.join(dir, "people.csv"), "--categories", path.join(dir, "categories.csv"), "--k", "12", "--seed", "EuroMillions 2026-12-04: 3 17 22 38 45 + 4 9", "--household", "address", "--json"]);
    expect(r.err).not.toContain("Error");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as { algorithm: string; panel: string[]; probabilities: Record<string, number>; lottery: Array<{ panel: string[]; probability: number }>; ms: number; drawId: number; recordUrl: string };
    expect(out.algorithm).toBe("leximin");
    expect(out.panel).toHaveLength(12);
    // People are named as `pnyx sortition select` names them: the file's id column.
    expect(out.panel.every((id) => /^N\d{4}$/.test(id))).toBe(true);
    expect(Object.keys(out.probabilities)).toHaveLength(120);
    expect(out.lottery.length).toBeGreaterThan(0);
    expect(typeof out.ms).toBe("number");
    const components = await p.deps.db.execute<{ id: string }>(sql`select id from components where space_id = ${spaceId} and manifest = 'sortition'`);
    expect(components.rows).toHaveLength(1);
    expect(out.recordUrl).toBe(`/spaces/${SLUG}/c/${components.rows[0]?.id}/draws/${out.drawId}`);

    const visitor = p.client();
    const page = await visitor.get(out.recordUrl);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("EuroMillions 2026-12-04");
    // A fixed number of queries whatever the pool's size (120 people here: one query per person would show).
    expect((await countQueries(p.deps.pool, () => visitor.get(out.recordUrl))).count).toBeLessThanOrEqual(12);
    expect((await countQueries(p.deps.pool, () => visitor.get(`${out.recordUrl}.json`))).count).toBeLessThanOrEqual(12);
    const json = await visitor.get(`${out.recordUrl}.json`);
    expect(json.statusCode).toBe(200);
    expect(json.headers["content-type"]).toContain("application/json");
    const record = JSON.parse(json.body) as { panel: string[]; files: { people: string; categories: string }; inputs: { beacon: string; idColumn: string | null }; probabilities: number[] };
    // The panel as rows of the published pool file: the same people as the command's ids (N0001 is row 1).
    expect([...record.panel].sort()).toEqual(out.panel.map((id) => String(Number(id.slice(1)))).sort());
    expect(record.inputs.beacon).toBe("EuroMillions 2026-12-04: 3 17 22 38 45 + 4 9");
    expect(record.probabilities).toHaveLength(120);
    expect(record.files.people.split("\n")[0]).toBe("gender,age,neighbourhood,household");
    // Nothing personal: no name, email, address or id of the register.
    const firstPerson = parseCsv(pool.peopleCsv)[1] ?? [];
    for (const personal of [firstPerson[0], firstPerson[1], firstPerson[2], firstPerson[4], "@example.org", "Nancy", "N0001"]) expect(json.body).not.toContain(personal);

    const file = path.join(dir, "record.json");
    await writeFile(file, json.body);
    const verified = await capture(sortitionCli, ["verify", file, "--json"]);
    expect(verified.code).toBe(0);
    expect((JSON.parse(verified.out) as { verified: boolean }).verified).toBe(true);

    // Another panel, or another pool file, is not the draw.
    const tampered = { ...record, panel: [...record.panel.slice(1), record.panel.includes("1") ? "2" : "1"] };
    await writeFile(file, JSON.stringify(tampered));
    const refused = await capture(sortitionCli, ["verify", file]);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain("NOT verified");
    await writeFile(file, JSON.stringify({ ...record, files: { ...record.files, people: record.files.people.replace("woman", "man") } }));
    expect((await capture(sortitionCli, ["verify", file])).code).toBe(1);
  }, 120_000);

  it("refuses bad inputs with every problem and draws nothing", async () => {
    const count = async () => Number((await p.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from sortition_draws`)).rows[0]?.n);
    const before = await count();
    await writeFile(path.join(dir, "bad.csv"), "id,gender,age,neighbourhood\nx1,woman,16-29,Mars\n");
    const r = await capture(assembliesCli, ["draw", "--space", SLUG, "--people", path.join(dir, "bad.csv"), "--categories", path.join(dir, "categories.csv"), "--k", "1", "--json"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('value "Mars"');
    const missing = await capture(assembliesCli, ["draw", "--space", "nowhere", "--people", path.join(dir, "people.csv"), "--categories", path.join(dir, "categories.csv"), "--k", "12", "--json"]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('no space has the slug "nowhere"');
    expect(await count()).toBe(before);
  }, 60_000);
});

describe("the back office's draw", () => {
  it("creates a draw from files, takes the randomness, runs it in the job, publishes it and seats the panel", async () => {
    const componentId = Number((await p.deps.db.execute<{ id: string }>(sql`select id from components where space_id = ${spaceId} and manifest = 'sortition'`)).rows[0]?.id);
    const base = `/admin/spaces/${spaceId}/components/${componentId}/manage`;
    expect((await admin.get(base)).statusCode).toBe(200);
    const form = await admin.get(`${base}/new`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('enctype="multipart/form-data"');

    const fields = { title: "Spring draw", k: "12", algorithm: "leximin", household: "address", idColumn: "", commitment: "The EuroMillions numbers of Friday 11 December 2026", randomness: "", people: "", categories: "" };
    // A quota file that does not match the pool: the form comes back with the problem, nothing stored.
    const bad = await admin.postMultipart(`${base}/new`, { ...fields, peopleFile: { filename: "people.csv", type: "text/csv", data: Buffer.from(pool.peopleCsv) }, categoriesFile: { filename: "q.csv", type: "text/csv", data: Buffer.from("category,feature,min,max\ncolour,blue,1,2\n") } }, { formPage: `${base}/new` });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain("colour");
    const before = Number((await p.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from sortition_draws`)).rows[0]?.n);

    const created = await admin.postMultipart(`${base}/new`, { ...fields, peopleFile: { filename: "people.csv", type: "text/csv", data: Buffer.from(pool.peopleCsv) }, categoriesFile: { filename: "q.csv", type: "text/csv", data: Buffer.from(pool.quotasCsv) } }, { formPage: `${base}/new` });
    expect(created.statusCode).toBe(303);
    const drawPath = String(created.headers.location);
    const id = Number(drawPath.split("/").pop());
    expect(Number((await p.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from sortition_draws`)).rows[0]?.n)).toBe(before + 1);
    // Names and emails are kept apart from the categories.
    const contacts = await p.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from sortition_pool_contacts where draw_id = ${id} and email like '%@example.org'`);
    expect(contacts.rows[0]?.n).toBe(120);

    // The page shows the pool's composition against the quotas (women in the pool, one query).
    const women = (parseCsv(pool.peopleCsv).slice(1).filter((r) => r[5] === "woman")).length;
    const shownPage = await admin.get(drawPath);
    expect(shownPage.body).toContain("In the pool");
    expect(shownPage.body).toMatch(new RegExp(`<th scope="row">woman</th><td>\\d+</td><td>\\d+</td><td>${women}</td>`));
    // No randomness yet: the draw cannot run.
    const early = await admin.post(`${drawPath}/run`, {}, { formPage: drawPath });
    expect(early.statusCode).toBe(303);
    expect((await drawRow(id))?.status).toBe("draft");
    const empty = await admin.post(`${drawPath}/randomness`, { randomness: " " }, { formPage: drawPath });
    expect(empty.statusCode).toBe(422);
    expect((await admin.post(`${drawPath}/randomness`, { randomness: "7 12 23 31 44 + 3 11" }, { formPage: drawPath })).statusCode).toBe(303);

    expect((await admin.post(`${drawPath}/run`, {}, { formPage: drawPath })).statusCode).toBe(303);
    const done = await until(async () => {
      const d = await drawRow(id);
      return d && ["done", "failed", "cancelled"].includes(d.status) ? d : null;
    });
    expect(done.error).toBeNull();
    expect(done.status).toBe("done");
    expect(done.result?.panel).toHaveLength(12);
    const recordUrl = `/spaces/${SLUG}/c/${componentId}/draws/${id}`;
    // Not published yet: the public does not see the record.
    expect((await p.client().get(recordUrl)).statusCode).toBe(404);
    expect((await admin.post(`${drawPath}/publish`, {}, { formPage: drawPath })).statusCode).toBe(303);
    expect((await p.client().get(recordUrl)).statusCode).toBe(200);
    const index = await p.client().get(`/spaces/${SLUG}/c/${componentId}`);
    expect(index.body).toContain("Spring draw");

    const seated = await admin.post(`${drawPath}/seat`, {}, { formPage: drawPath });
    expect(seated.statusCode).toBe(303);
    const members = await p.deps.db.execute<{ name: string; designation: string }>(sql`select name, designation from assembly_members where space_id = ${spaceId} order by weight, id`);
    expect(members.rows).toHaveLength(12);
    expect(members.rows.every((m) => m.designation === "drawn")).toBe(true);
    // Each shows the name they agreed to show, else "Member N".
    const shown = await p.deps.db.execute<{ name: string | null; show_name: boolean }>(sql`
      select c.name, c.show_name from sortition_pool_contacts c where c.draw_id = ${id} and c.row = any(${sql.param(done.result?.panel ?? [])}::int[]) order by c.row`);
    const expected = shown.rows.filter((c) => c.show_name).map((c) => c.name).sort();
    expect(members.rows.filter((m) => !ANONYMOUS.test(m.name)).map((m) => m.name).sort()).toEqual(expected);
    expect(members.rows.filter((m) => ANONYMOUS.test(m.name))).toHaveLength(12 - expected.length);
    // Once only.
    await admin.post(`${drawPath}/seat`, {}, { formPage: drawPath });
    expect(Number((await p.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from assembly_members where space_id = ${spaceId}`)).rows[0]?.n)).toBe(12);
    const audited = await p.deps.db.execute<{ action: string }>(sql`select action from audit_log where resource_type = 'sortition_draw' and resource_id = ${String(id)} order by id`);
    expect(audited.rows.map((a) => a.action)).toEqual(["sortition.draw.create", "sortition.draw.randomness", "sortition.draw.start", "sortition.draw.publish", "sortition.draw.seat"]);

    // The pool's names and emails are kept the component's retention period (36 months by default) after
    // publication, then deleted by the retention job; the record and the members stay.
    const kept = (await p.deps.db.execute<{ months: number; until: Date }>(sql`
      select ((extract(year from retention_until) - extract(year from published_at)) * 12 + extract(month from retention_until) - extract(month from published_at))::int as months,
        retention_until as until from sortition_draws where id = ${id}`)).rows[0];
    expect(kept?.months).toBe(36);
    const end = new Date(kept?.until ?? 0).getTime();
    await applyRetention(p.deps.db, new Date(end - 86_400_000));
    expect(Number((await p.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from sortition_pool_contacts where draw_id = ${id}`)).rows[0]?.n)).toBe(120);
    await applyRetention(p.deps.db, new Date(end + 86_400_000));
    expect(Number((await p.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from sortition_pool_contacts where draw_id = ${id}`)).rows[0]?.n)).toBe(0);
    expect((await p.deps.db.execute<{ gone: boolean }>(sql`select personal_data_deleted_at is not null as gone from sortition_draws where id = ${id}`)).rows[0]?.gone).toBe(true);
    expect((await p.client().get(`${recordUrl}.json`)).statusCode).toBe(200);
  }, 120_000);

  // Whether the cancel stops the worker or the worker has just finished, a cancel the page accepted wins.
  it.each([
    ["stops a run from the page while the worker computes", true],
    ["keeps no result the worker delivers after a cancel was accepted", false],
  ])("%s", async (_name, stopWorker) => {
    const componentId = Number((await p.deps.db.execute<{ id: string }>(sql`select id from components where space_id = ${spaceId} and manifest = 'sortition'`)).rows[0]?.id);
    const base = `/admin/spaces/${spaceId}/components/${componentId}/manage`;
    // Large enough that LEXIMIN usually lasts longer than a cancel takes to reach it (as the engine's own
    // cancel test); its outcome is held until the cancel reaches the run all the same, so that a fast solver
    // cannot end the draw first. Without stopping the worker, its result arrives after the cancel.
    const big = syntheticPool({ people: 2000, k: 150, values: [2, 3, 4, 3, 5], margin: 2, seed: "cancel-test" });
    const real = drawEngine.select;
    drawEngine.select = (...args) => {
      const run = real(...args);
      let asked: () => void = () => undefined;
      const reached = new Promise<void>((resolve) => (asked = resolve));
      return {
        result: reached.then(() => run.result),
        cancel: () => {
          if (stopWorker) run.cancel();
          asked();
        },
      };
    };
    onTestFinished(() => void (drawEngine.select = real));
    const res = await admin.postMultipart(`${base}/new`, { title: "Large", k: "150", algorithm: "leximin", household: "", idColumn: "", commitment: "", randomness: "r", people: big.peopleCsv, categories: big.quotasCsv }, { formPage: `${base}/new` });
    expect(res.statusCode).toBe(303);
    const drawPath = String(res.headers.location);
    const id = Number(drawPath.split("/").pop());
    expect((await admin.post(`${drawPath}/run`, {}, { formPage: drawPath })).statusCode).toBe(303);
    // The worker's first progress report is on the row: it is computing.
    await until(async () => {
      const d = (await p.deps.db.execute<{ phase: string | null }>(sql`select progress->>'phase' as phase from sortition_draws where id = ${id}`)).rows[0];
      return d?.phase && d.phase !== "starting" ? d : null;
    });
    const running = await admin.get(drawPath);
    expect(running.body).toContain("Reload now");
    expect((await admin.post(`${drawPath}/cancel`, {}, { formPage: drawPath })).statusCode).toBe(303);
    const final = await until(async () => {
      const d = await drawRow(id);
      return d && d.status !== "running" ? d : null;
    });
    expect(final.status).toBe("cancelled");
    expect(final.result).toBeNull();
  }, 120_000);

  it("cancels a draft, and a run asked to stop before it begins", async () => {
    const componentId = Number((await p.deps.db.execute<{ id: string }>(sql`select id from components where space_id = ${spaceId} and manifest = 'sortition'`)).rows[0]?.id);
    const base = `/admin/spaces/${spaceId}/components/${componentId}/manage`;
    const make = async (randomness: string) => {
      const res = await admin.postMultipart(`${base}/new`, { title: "Another", k: "12", algorithm: "legacy", household: "", idColumn: "", commitment: "", randomness, people: pool.peopleCsv, categories: pool.quotasCsv }, { formPage: `${base}/new` });
      expect(res.statusCode).toBe(303);
      return String(res.headers.location);
    };
    const draft = await make("");
    expect((await admin.post(`${draft}/cancel`, {}, { formPage: draft })).statusCode).toBe(303);
    expect((await drawRow(Number(draft.split("/").pop())))?.status).toBe("cancelled");

    // Started without its job (as the command does before it runs), then stopped from the page.
    const other = await make("dice: 3 5 1 6");
    const id = Number(other.split("/").pop());
    expect((await startDraw(p.deps.db, { id: adminId, ip: null }, spaceId, id)).ok).toBe(true);
    const page = await admin.get(other);
    expect(page.headers.refresh).toBe("3");
    expect((await admin.post(`${other}/cancel`, {}, { formPage: other })).statusCode).toBe(303);
    const outcome = await runDraw(p.deps.db, id);
    // The sweep job may have claimed it first; either way it ends cancelled.
    const final = await until(async () => {
      const d = await drawRow(id);
      return d && d.status !== "running" ? d : null;
    });
    expect(outcome === null || outcome.status === "cancelled").toBe(true);
    expect(final.status).toBe("cancelled");
  }, 60_000);
});
