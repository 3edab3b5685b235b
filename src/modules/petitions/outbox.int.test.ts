import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAIL_JOB } from "../../core/jobs/handlers";
import { pauseMailRelay, relayMailOutbox } from "../../core/mail/outbox";
import { createTestPlatform, type TestPlatform } from "../../test/platform";

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
  // This test relays by hand: the background job stays out of it.
  pauseMailRelay(true);
});
afterAll(async () => {
  pauseMailRelay(false);
  await p.stop();
});

describe("the mail outbox relay (petitions' confirmation mails go through the core's outbox)", () => {
  it("sends a mail once when a crash made it relay the same outbox rows again", async () => {
    const inserted = await p.deps.pool.query<{ id: string }>(
      `insert into mail_outbox ("to", subject, text) values ('twice@example.org', 'Confirm your signature', 'Open the link.'), ('once@example.org', 'Confirm your signature', 'Open the link.') returning id`,
    );
    expect(await relayMailOutbox(p.deps)).toBe(2);
    // The process died after queueing, before its transaction committed: the rows are back, same ids.
    for (const row of inserted.rows) {
      await p.deps.pool.query(`insert into mail_outbox (id, "to", subject, text) values ($1, $2, 'Confirm your signature', 'Open the link.')`, [
        row.id,
        row === inserted.rows[0] ? "twice@example.org" : "once@example.org",
      ]);
    }
    expect(await relayMailOutbox(p.deps)).toBe(2);

    const jobs = await p.deps.pool.query<{ to: string; state: string }>(
      `select data->>'to' as to, state from pnyx_jobs.job where name = $1 union all select data->>'to', state from pnyx_jobs.archive where name = $1`,
      [MAIL_JOB],
    );
    expect(jobs.rows.map((j) => j.to).sort()).toEqual(["once@example.org", "twice@example.org"]);
    // Once the jobs are done, one mail each arrived.
    await expect.poll(async () => (await p.deps.pool.query(`select 1 from pnyx_jobs.job where name = $1 and state <> 'completed'`, [MAIL_JOB])).rowCount, { timeout: 15_000 }).toBe(0);
    expect(p.smtp.messages.filter((m) => m.to.includes("twice@example.org"))).toHaveLength(1);
    expect(p.smtp.messages.filter((m) => m.to.includes("once@example.org"))).toHaveLength(1);
  });
});
