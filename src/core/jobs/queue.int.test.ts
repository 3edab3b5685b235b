import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { jobIdForKey } from "./queue";
import { scrubPersonalJobs } from "./scrub";

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(() => p.stop());

const count = async (table: "job" | "archive", name: string) =>
  Number((await p.deps.pool.query<{ n: string }>(`select count(*) as n from pnyx_jobs.${table} where name = $1`, [name])).rows[0]?.n);

/** What pg-boss's maintenance does to finished jobs, done now. */
const archive = (name: string) =>
  p.deps.pool.query(`with moved as (delete from pnyx_jobs.job where name = $1 returning *) insert into pnyx_jobs.archive select *, now() from moved`, [name]);

describe("jobs sent with a key", () => {
  it("are stored once, whether the first is queued or already archived", async () => {
    // No worker listens on these queues: jobs stay where they are put.
    await p.deps.jobs.send("test.keyed", { n: 1 }, { key: "row:1" });
    await p.deps.jobs.send("test.keyed", { n: 1 }, { key: "row:1" });
    expect(await count("job", "test.keyed")).toBe(1);
    const [row] = (await p.deps.pool.query<{ id: string }>("select id from pnyx_jobs.job where name = 'test.keyed'")).rows;
    expect(row?.id).toBe(jobIdForKey("test.keyed", "row:1"));

    await archive("test.keyed");
    await p.deps.jobs.send("test.keyed", { n: 1 }, { key: "row:1" });
    expect(await count("job", "test.keyed")).toBe(0);
    expect(await count("archive", "test.keyed")).toBe(1);

    // Another key, another queue, or no key at all: separate jobs.
    await p.deps.jobs.send("test.keyed", { n: 2 }, { key: "row:2" });
    await p.deps.jobs.send("test.keyed.other", { n: 1 }, { key: "row:1" });
    await p.deps.jobs.send("test.keyed", { n: 3 });
    await p.deps.jobs.send("test.keyed", { n: 3 });
    expect(await count("job", "test.keyed")).toBe(3);
    expect(await count("job", "test.keyed.other")).toBe(1);
  });
});

describe("jobs sent many at once with their keys", () => {
  it("store each key once, whether it is queued, archived or repeated later", async () => {
    const q = "test.keyed.many";
    await p.deps.jobs.sendMany(q, [
      { data: { n: 1 }, key: "row:1" },
      { data: { n: 2 }, key: "row:2" },
    ]);
    await archive(q);
    await p.deps.jobs.sendMany(q, [
      { data: { n: 1 }, key: "row:1" },
      { data: { n: 3 }, key: "row:3" },
    ]);
    await p.deps.jobs.sendMany(q, [
      { data: { n: 3 }, key: "row:3" },
      { data: { n: 4 }, key: "row:4" },
    ]);
    const ids = await p.deps.pool.query<{ id: string; where: string }>(`select id, 'job' as where from pnyx_jobs.job where name = $1 union all select id, 'archive' from pnyx_jobs.archive where name = $1 order by 1`, [q]);
    expect(ids.rows.map((r) => [r.id, r.where]).sort()).toEqual(
      [
        [jobIdForKey(q, "row:1"), "archive"],
        [jobIdForKey(q, "row:2"), "archive"],
        [jobIdForKey(q, "row:3"), "job"],
        [jobIdForKey(q, "row:4"), "job"],
      ].sort(),
    );
  });
});

describe("scrubPersonalJobs", () => {
  it("deletes queued and archived jobs mentioning the address, whatever its case, and keeps the rest", async () => {
    const q = "test.scrub";
    await p.deps.jobs.send(q, { to: "Erased_Person@Example.org", subject: "Old mail", text: "..." });
    await archive(q);
    await p.deps.jobs.send(q, { to: "erased_person@example.org", subject: "Queued mail", text: "..." });
    await p.deps.jobs.send(q, { to: "kept@example.org", subject: "Not about them", text: "..." });
    // "_" is not a wildcard: this address differs by one character.
    await p.deps.jobs.send(q, { to: "erasedXperson@example.org", subject: "Someone else", text: "..." });
    await p.deps.jobs.send(q, { to: "other@example.org", subject: "Failed", text: "..." });
    await p.deps.pool.query(`update pnyx_jobs.job set output = '{"message":"550 erased_person@example.org rejected"}'::jsonb where name = $1 and data->>'to' = 'other@example.org'`, [q]);

    expect(await scrubPersonalJobs(p.deps.db, " ERASED_PERSON@example.org ")).toBe(3);
    const left = await p.deps.pool.query<{ to: string }>(
      `select data->>'to' as to from pnyx_jobs.job where name = $1 union all select data->>'to' from pnyx_jobs.archive where name = $1 order by 1`,
      [q],
    );
    expect(left.rows.map((r) => r.to)).toEqual(["erasedXperson@example.org", "kept@example.org"]);
    const anywhere = await p.deps.pool.query(`select 1 from pnyx_jobs.job where data::text ilike '%erased\\_person%' union all select 1 from pnyx_jobs.archive where data::text ilike '%erased\\_person%'`);
    expect(anywhere.rowCount).toBe(0);
    expect(await scrubPersonalJobs(p.deps.db, "erased_person@example.org")).toBe(0);
  });
});
