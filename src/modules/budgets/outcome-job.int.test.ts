/**
 * The outcome end to end: the admin asks for an outcome (queued), the job computes it in a worker thread
 * (done, with the digest of the pabulib text it read), publication waits for voting to close, then the
 * API and the open-data file show it; before publication, and for a component the public cannot see,
 * the API is a 404 problem. A computation that cannot run fails with a readable error; one whose ballots
 * changed since cannot be published.
 */
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInClient } from "../../core/accounts/testing";
import { createSpace, setSpacePublished } from "../../core/spaces/service";
import { buildElection } from "../../engines/budgeting/election";
import { readPb } from "../../engines/budgeting/pb-read";
import { validatePb } from "../../engines/budgeting/pb-validate";
import { computeRule } from "../../engines/budgeting/rules";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { budgetResultsResponse } from "./api-routes";
import { requestOutcome, runOutcomeJob } from "./outcome-job";
import { importPabulib } from "./pabulib-import";

/** A small approval election where MES + Add1 and greedy differ: a majority bloc and a minority. */
function election(): string {
  const rows = ["META", "key;value", "description;School budget", "country;Belgium", "unit;Ixelles", "instance;2026", "num_projects;4", "num_votes;10", "budget;100", "vote_type;approval", "rule;greedy", "date_begin;2026", "date_end;2026", "currency;EUR"];
  rows.push("PROJECTS", "project_id;cost;votes;name", "a;50;6;Library", "b;50;6;Garden", "c;50;4;Music room", "d;30;2;Chess club");
  rows.push("VOTES", "voter_id;vote");
  for (let i = 1; i <= 6; i++) rows.push(`v${i};a,b`);
  for (let i = 7; i <= 8; i++) rows.push(`v${i};c,d`);
  for (let i = 9; i <= 10; i++) rows.push(`v${i};c`);
  return rows.map((r) => `${r}\r\n`).join("");
}

let p: TestPlatform;
let admin: TestClient;
let adminId: number;
let spaceId: number;
let componentId: number;
let budgetId: number;
let adminBase: string;

const sha256 = (t: string) => createHash("sha256").update(t, "utf8").digest("hex");
const outcome = async (id: number) => (await p.deps.db.execute<{ status: string; inputs_digest: string | null; result: { selected: string[]; projects: Array<{ id: string; round?: number; selected: boolean }> } | null; error: string | null; published_at: Date | null }>(sql`select status, inputs_digest, result, error, published_at from budget_outcomes where id = ${id}`)).rows[0];

async function until<T>(f: () => Promise<T | undefined | null | false>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  p = await createTestPlatform();
  ({ client: admin, userId: adminId } = await signedInClient(p, { isAdmin: true }));
  const actor = { id: adminId, ip: null };
  const created = await createSpace(
    p.deps.db,
    actor,
    "process",
    { slug: "outcome-job", title: { en: "School" }, subtitle: {}, shortDescription: {}, description: {}, heroImage: undefined, heroImageAlt: {}, groupId: undefined, startDate: undefined, endDate: undefined, purpose: {}, composition: {}, isPrivate: false, isTransparent: false, promoted: false, weight: 0 },
    null,
  );
  if (!created.ok) throw new Error("space");
  spaceId = created.value.id;
  await setSpacePublished(p.deps.db, actor, spaceId, true);
  const imported = await importPabulib(p.deps.db, election(), "outcome-job");
  if (!imported.ok) throw new Error("import");
  ({ componentId, budgetId } = imported);
  adminBase = `/admin/spaces/${spaceId}/components/${componentId}/manage`;
}, 60_000);
afterAll(async () => {
  await p?.stop();
});

describe("a budget's outcome", () => {
  it("is computed off the request path, published once voting closes, and served by the API and as open data", async () => {
    const api = `/api/budgets/${budgetId}/results`;
    const before = await p.client().get(api);
    expect(before.statusCode).toBe(404);
    expect(before.headers["content-type"]).toContain("application/problem+json");
    expect((await p.client().get(`/open-data/budgets/${budgetId}.pb`)).statusCode).toBe(404);

    const page = `${adminBase}/${budgetId}/outcome`;
    const shown = await admin.get(page);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain("Method of Equal Shares with Add1 completion");
    const asked = await admin.post(page, { rule: "mes-add1", threshold: "" });
    expect(asked.statusCode).toBe(303);
    const id = Number((await p.deps.db.execute<{ id: string }>(sql`select id from budget_outcomes where budget_id = ${budgetId} order by id desc limit 1`)).rows[0]?.id);
    const done = await until(async () => {
      const o = await outcome(id);
      return o?.status === "done" || o?.status === "failed" ? o : null;
    });
    expect(done.error).toBeNull();
    expect(done.status).toBe("done");

    // The engine's own answer on the file the computation read, whose digest is stored.
    const file = readPb(election()).file;
    const e = buildElection(file).election;
    const expected = computeRule(e, "mes-add1").selected.map((j) => e.projects[j]?.id);
    expect(done.result?.selected).toEqual(expected);
    expect(done.result?.selected).toContain("c");
    expect(done.result?.projects.find((x) => x.id === expected[0])?.round).toBe(1);

    // Voting is not closed: a preview, not publishable.
    const early = await admin.post(`${page}/${id}/publish`, {}, { formPage: page });
    expect(early.statusCode).toBe(303);
    expect((await outcome(id))?.published_at).toBeNull();
    expect((await p.client().get(api)).statusCode).toBe(404);

    await p.deps.db.execute(sql`update components set settings = jsonb_set(settings, '{defaultStep,votes}', '"finished"') where id = ${componentId}`);
    const published = await admin.post(`${page}/${id}/publish`, {}, { formPage: page });
    expect(published.statusCode).toBe(303);
    expect((await outcome(id))?.published_at).not.toBeNull();
    const events = await p.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from event_outbox where event = 'selected' and resource_type = 'budget_project'`);
    expect(events.rows[0]?.n).toBe(expected.length);
    const audited = await p.deps.db.execute<{ action: string }>(sql`select action from audit_log where action like 'budgets.outcome.%' order by id`);
    expect(audited.rows.map((r) => r.action)).toEqual(["budgets.outcome.compute", "budgets.outcome.publish"]);

    const res = await p.client().get(api);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { rule: string; selected: string[]; projects: Array<{ id: string; votes: number; selected: boolean }>; inputsDigest: string; file: string };
    expect(body.rule).toBe("mes-add1");
    expect(body.selected).toEqual(expected);
    expect(body.projects.map((x) => [x.id, x.votes, x.selected])).toEqual([
      ["a", 6, expected.includes("a")],
      ["b", 6, expected.includes("b")],
      ["c", 4, true],
      ["d", 2, expected.includes("d")],
    ]);
    expect(body.inputsDigest).toBe(done.inputs_digest);
    expect(budgetResultsResponse.safeParse(body).success).toBe(true);
    const doc = (await p.client().get("/api/openapi.json")).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain("/api/budgets/{budgetId}/results");
    const pb = await p.client().get(new URL(body.file).pathname);
    expect(pb.statusCode).toBe(200);
    expect(sha256(pb.body)).toBe(body.inputsDigest);
    expect(validatePb(pb.body)).toEqual([]);
    expect(pb.body).toContain("rule;equalshares/add1");
    const list = await p.client().get("/open-data/budgets.csv");
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`${budgetId},School,${componentId},School budget,100,EUR,mes-add1,${body.inputsDigest}`);
    expect(list.body).toContain(`http://pnyx.test/open-data/budgets/${budgetId}.pb`);

    // A newer outcome published replaces the earlier one.
    await admin.post(page, { rule: "greedy", threshold: "" });
    const second = Number((await p.deps.db.execute<{ id: string }>(sql`select id from budget_outcomes where budget_id = ${budgetId} order by id desc limit 1`)).rows[0]?.id);
    await until(async () => (await outcome(second))?.status === "done");
    await admin.post(`${page}/${second}/publish`, {}, { formPage: page });
    expect((await outcome(id))?.published_at).toBeNull();
    const greedy = (await p.client().get(api)).json() as { rule: string; selected: string[] };
    expect(greedy).toMatchObject({ rule: "greedy", selected: ["a", "b"] });

    // A component the public cannot see: 404.
    await p.deps.db.execute(sql`update components set published_at = null where id = ${componentId}`);
    expect((await p.client().get(api)).statusCode).toBe(404);
    await p.deps.db.execute(sql`update components set published_at = now() where id = ${componentId}`);
  });

  it("refuses a threshold that is not a number, and fails readably when a rule cannot be computed", async () => {
    const page = `${adminBase}/${budgetId}/outcome`;
    const bad = await admin.post(page, { rule: "greedy-threshold", threshold: "many" });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain("Give the threshold as a number of votes");
    const id = await requestOutcome(p.deps, { id: adminId, ip: null }, spaceId, budgetId, "greedy-threshold");
    await runOutcomeJob(p.deps.db, id);
    const failed = await until(async () => {
      const o = await outcome(id);
      return o?.status === "failed" ? o : null;
    });
    expect(failed.error).toMatch(/threshold/);
    expect((await admin.get(page)).body).toContain("The computation failed");
  });

  it("cannot be published once the counted ballots changed after it was computed", async () => {
    const page = `${adminBase}/${budgetId}/outcome`;
    const id = await requestOutcome(p.deps, { id: adminId, ip: null }, spaceId, budgetId, "greedy");
    await runOutcomeJob(p.deps.db, id);
    expect((await outcome(id))?.status).toBe("done");
    await p.deps.db.execute(sql`insert into budget_ballots (budget_id, channel, voter_ref, checked_out_at) values (${budgetId}, 'import', 'late-1', now() + interval '1 second')`);
    const refused = await admin.post(`${page}/${id}/publish`, {}, { formPage: page });
    expect(refused.statusCode).toBe(303);
    expect(String(refused.headers["set-cookie"])).toContain("compute%20it%20again");
    expect((await outcome(id))?.published_at).toBeNull();
  });
});
