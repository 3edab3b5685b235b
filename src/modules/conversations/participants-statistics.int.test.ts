/**
 * The participants table's statistics follow a conversation that draws people in (ADR 48): once the
 * table more than doubled on disk since its statistics were taken, the path that adds participants
 * analyzes it, so that the statements planned once per connection on it (the vote statement's
 * participant lookup, PostgreSQL's foreign-key check of each new vote) are planned again on the grown
 * table instead of keeping the sequential scans a nearly empty table made cheap; the conversations table
 * with it (each new participant rewrites its conversation's row). An import of a large conversation
 * (one transaction, from the CLI) looks once it committed. Autovacuum is off on both tables here, so
 * only these paths can have analyzed them.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { analyzeCount } from "../../test/statistics";
import { until } from "../../test/until";
import { closeSharedWorker } from "./math";
import { conversationsComponent, seededConversation } from "./participant-testing";
import { importOpenData } from "./import";
import { castVoteAs, ensureParticipant, newAnonymousToken } from "./votes";

let p: TestPlatform;
let componentId = 0;
let conversationId = 0;
let tids: number[] = [];
let slug = "";
beforeAll(async () => {
  p = await createTestPlatform();
  const f = await conversationsComponent(p, "statistics");
  componentId = f.componentId;
  slug = /\/spaces\/([^/]+)\//.exec(f.base)?.[1] ?? "";
  const c = await seededConversation(p, f, ["More trees in the square", "A bus every ten minutes", "Longer library hours"], { anonymousAllowed: true });
  conversationId = c.id;
  tids = c.tids;
  for (const table of ["conversation_participants", "conversations"]) await p.deps.db.execute(sql`alter table ${sql.identifier(table)} set (autovacuum_enabled = false)`);
}, 60_000);
afterAll(async () => {
  await p.stop();
  await closeSharedWorker();
});

const known = async () => Number((await p.deps.db.execute<{ n: string }>(sql`select reltuples::bigint::text as n from pg_class where oid = 'conversation_participants'::regclass`)).rows[0]?.n);
const analyzes = (table: string) => analyzeCount(p.deps.db, table);

describe("the participants table's statistics", () => {
  it("are refreshed by the voting path once the participants outgrew them", async () => {
    await p.deps.db.execute(sql`analyze conversation_participants, conversations`);
    const before = Math.max(0, await known());
    // Anonymous people taking part and voting through the service, 50 at a time, until the statistics
    // know the grown table: the path looks every thousand participants (the first look finds some 12
    // pages where the statistics knew none) and analyzes in the background; never without the watch
    // (autovacuum is off here).
    let n = 0;
    while ((await known()) < before + 1_000 && n < 4_000) {
      const recorded = await Promise.all(
        Array.from({ length: 50 }, async () => {
          const token = newAnonymousToken();
          const tid = tids[n++ % tids.length]!;
          await ensureParticipant(p.deps.db, conversationId, { anonymousToken: token });
          return castVoteAs(p.deps.db, { componentId, conversationId }, { anonymousToken: token }, tid, 1);
        }),
      );
      expect(recorded.every(Boolean)).toBe(true);
    }
    expect(await known()).toBeGreaterThanOrEqual(before + 1_000);
    // The explicit analyze above and at least one by the voting path, of both tables (the counters are reported a moment later).
    expect(await until(async () => ((await analyzes("conversation_participants")) >= 2 && (await analyzes("conversations")) >= 2 ? true : null), 30_000)).toBe(true);
  }, 120_000);

  it("are brought up to date by the import of a large conversation, once it committed", async () => {
    await p.deps.db.execute(sql`analyze conversation_participants, conversations`);
    const before = await analyzes("conversation_participants");
    const pids = Array.from({ length: 20_000 }, (_, i) => i);
    const folder = {
      statements: [{ tid: 0, authorPid: 0, state: "accepted" as const, text: "Imported statement", created: Date.now() }],
      votes: { pid: Int32Array.from(pids), tid: new Int32Array(pids.length), value: new Int8Array(pids.length).fill(1), created: new Float64Array(pids.length).fill(Date.now()) },
      pids,
    };
    const outcome = await importOpenData(p.deps.db, "/nonexistent-import-folder", folder, slug);
    expect(outcome.ok).toBe(true);
    expect(await until(async () => ((await analyzes("conversation_participants")) > before ? true : null), 30_000)).toBe(true);
  }, 120_000);
});
