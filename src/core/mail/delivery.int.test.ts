import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { MAIL_JOB } from "../jobs/handlers";
import { jobIdForKey } from "../jobs/queue";
import type { MailMessage } from "./mailer";
import { mailOutboxKey } from "./outbox";

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(() => p.stop());

const received = (address: string) => p.smtp.messages.filter((m) => m.to.includes(address)).length;

/** Queues one mail per address as the mail outbox's relay does (one key per outbox row). */
const queue = (tag: string, addresses: string[]) =>
  p.deps.jobs.sendMany<MailMessage>(
    MAIL_JOB,
    addresses.map((to, i) => ({ data: { to, subject: `${tag} ${i}`, text: `Mail ${i} of ${tag}` }, key: mailOutboxKey(`${tag}-${i}`) })),
  );

const untilTrue = async (check: () => boolean | Promise<boolean>, timeoutMs: number) => {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
};

const states = async (tag: string, count: number) => {
  const ids = Array.from({ length: count }, (_, i) => jobIdForKey(MAIL_JOB, mailOutboxKey(`${tag}-${i}`)));
  const r = await p.deps.pool.query<{ id: string; state: string }>("select id, state from pnyx_jobs.job where name = $1 and id = any($2::uuid[])", [MAIL_JOB, ids]);
  const byId = new Map(r.rows.map((row) => [row.id, row.state]));
  return ids.map((id) => byId.get(id));
};

describe("the mail queue", () => {
  it("delivers a hundred mails queued at once, each exactly once", async () => {
    const addresses = Array.from({ length: 100 }, (_, i) => `follower${i}@example.org`);
    const started = Date.now();
    await queue("burst", addresses);
    await untilTrue(() => addresses.every((a) => received(a) > 0), 120_000);
    // Throughput is the benchmarks' business (bench:comments' mail phase), never a timed test's; this says it on the side.
    const seconds = (Date.now() - started) / 1000;
    console.log(`mail queue: 100 mails in ${seconds.toFixed(2)} s (${(100 / seconds).toFixed(0)} mails/s)`);
    await untilTrue(async () => (await states("burst", 100)).every((s) => s === "completed"), 30_000);
    // Sending the same keys again (a relay that crashed before deleting its rows) adds nothing.
    await queue("burst", addresses);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(addresses.map(received)).toEqual(addresses.map(() => 1));
  });

  it("retries only the mail the server refused, never the others of its batch", async () => {
    const addresses = Array.from({ length: 30 }, (_, i) => `reader${i}@example.org`);
    const refused = "reader17@example.org";
    p.smtp.rejectedRecipients.add(refused);
    try {
      await queue("refusal", addresses);
      const others = addresses.filter((a) => a !== refused);
      await untilTrue(() => others.every((a) => received(a) > 0), 15_000);
      // The refused mail's job waits for its retry; the others are done (a job is marked complete in its own
      // statement after its mail went, so wait for the states rather than read them once).
      await untilTrue(async () => {
        const now = await states("refusal", 30);
        return now[17] === "retry" && now.filter((x, i) => i !== 17 && x === "completed").length === 29;
      }, 30_000);
      const s = await states("refusal", 30);
      expect(s.filter((x, i) => i !== 17 && x === "completed")).toHaveLength(29);
      const failed = await p.deps.pool.query<{ retry_count: number; output: { message?: string } }>("select retry_count, output from pnyx_jobs.job where id = $1", [jobIdForKey(MAIL_JOB, mailOutboxKey("refusal-17"))]);
      expect(failed.rows[0]?.output.message).toMatch(/550|rejected/i);
      await new Promise((r) => setTimeout(r, 1_500));
      expect(received(refused)).toBe(0);
      expect(others.map(received)).toEqual(others.map(() => 1));
    } finally {
      p.smtp.rejectedRecipients.delete(refused);
    }
  });
});
