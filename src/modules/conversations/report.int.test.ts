/**
 * The report: its numbers are the latest tick's (group sizes, each group's votes on each statement,
 * in the page and in report.csv), participation per day from the votes, and its audience: public, or
 * the space's organizers only (the public gets a 403, the CSV a 404).
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishClient, signedInClient } from "../../core/accounts/testing";
import { getComponentManifest } from "../../core/components/registry";
import { addComponent } from "../../core/components/service";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { publishedProcess } from "../../test/spaces";
import { closeSharedWorker } from "./math";
import { tickFromEveryVote } from "./participant-testing";
import { addStatement, createConversation } from "./service";
import { castVote, ensureParticipant, newAnonymousToken, type VoteValue } from "./votes";

let p: TestPlatform;
let admin: TestClient;
let adminId = 0;

beforeAll(async () => {
  p = await createTestPlatform();
  const a = await signedInClient(p, { isAdmin: true });
  admin = a.client;
  adminId = a.userId;
}, 60_000);
afterAll(async () => {
  await p.stop();
  await closeSharedWorker();
});

/** Two camps of 12 who disagree on statements 0-3 and agree on 4-5, one of whose votes is from yesterday. */
async function polarized() {
  const space = await publishedProcess(p, adminId, { prefix: "talk-report" });
  const manifest = getComponentManifest("conversations");
  if (!manifest) throw new Error("conversations not registered");
  const component = await addComponent(p.deps.db, { id: adminId, ip: null }, space.id, manifest, { en: "Talk" }, { published: true });
  const id = await createConversation(p.deps.db, component.id, { topic: { en: "Bikes or cars?" }, published: true });
  const texts = ["More bike lanes", "Fewer parking spaces", "Car-free Sundays", "Lower speed limits", "Safer crossings near schools", "Better street lighting"];
  for (const text of texts) await addStatement(p.deps.db, id, { text, state: "accepted", isSeed: true });
  for (let i = 0; i < 24; i++) {
    const pid = await ensureParticipant(p.deps.db, id, { anonymousToken: newAnonymousToken() });
    const camp = i % 2 === 0 ? 1 : -1;
    for (let tid = 0; tid < 6; tid++) {
      const value: VoteValue = tid < 4 ? (tid === (i % 4) && i % 3 === 0 ? 0 : camp) : 1;
      await castVote(p.deps.db, id, pid, tid, value);
    }
  }
  await p.deps.db.execute(sql`update conversation_votes set created_at = created_at - interval '1 day' where conversation_id = ${id} and pid = 0 and tid = 0`);
  await tickFromEveryVote(p, id);
  return { id, url: `/spaces/${space.slug}/c/${component.id}/conversations/${id}/report` };
}

type GroupVotes = Record<string, { "n-members": number; votes: Record<string, { A: number; D: number; S: number }> }>;

describe("conversation report", () => {
  it("shows the tick's groups and each group's votes, the same in report.csv, and participation per day", async () => {
    const c = await polarized();
    const blob = (await p.deps.db.execute<{ gv: GroupVotes; groups: Array<{ id: number }> }>(sql`select pca2->'group-votes' as gv, pca2->'group-clusters' as groups from conversation_math where conversation_id = ${c.id}`)).rows[0];
    const groupIds = (blob?.groups ?? []).map((g) => g.id).sort();
    expect(groupIds.length).toBeGreaterThanOrEqual(2);
    const visitor = await englishClient(p);
    const page = await visitor.get(c.url);
    expect(page.statusCode).toBe(200);
    for (const gid of groupIds) {
      const n = blob?.gv[String(gid)]?.["n-members"];
      expect(page.body).toContain(`Group ${String.fromCharCode(65 + gid)} — ${n} participants`);
    }
    expect(page.body).toContain('role="img"');
    expect(page.body).toContain("Votes and participants per day (UTC)");
    // Two days: yesterday's one vote, today's others.
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect(page.body).toContain(`<th scope="row">${yesterday}</th><td>1</td><td>1</td><td>1</td>`);
    expect(page.body).toContain("/conversations/" + c.id + "/export/report.csv");

    const csv = await visitor.get(`/conversations/${c.id}/export/report.csv`);
    expect(csv.statusCode).toBe(200);
    const [header, ...rows] = csv.body.trim().split("\n").map((l) => l.split(","));
    expect(header?.slice(0, 7)).toEqual(["comment-id", "comment-body", "moderated", "meta", "agrees", "disagrees", "passes"]);
    expect(rows).toHaveLength(6);
    for (const row of rows) {
      const tid = row[0]!;
      groupIds.forEach((gid, i) => {
        const v = blob?.gv[String(gid)]?.votes[tid];
        expect(row.slice(7 + i * 3, 10 + i * 3).map(Number)).toEqual([v?.A, v?.D, (v?.S ?? 0) - (v?.A ?? 0) - (v?.D ?? 0)]);
      });
      // The groups' votes add up to everyone's (every participant is in a group here).
      expect(groupIds.reduce((a, _, i) => a + Number(row[7 + i * 3]), 0)).toBe(Number(row[4]));
    }
  });

  it("keeps an organizers-only report from the public", async () => {
    const c = await polarized();
    await p.deps.db.execute(sql`update conversations set report_public = false where id = ${c.id}`);
    const visitor = await englishClient(p);
    expect((await visitor.get(c.url)).statusCode).toBe(403);
    expect((await visitor.get(`/conversations/${c.id}/export/report.csv`)).statusCode).toBe(404);
    const someone = await signedInClient(p);
    expect((await someone.client.get(c.url)).statusCode).toBe(403);
    const mine = await admin.get(c.url);
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain("visible to the space’s organizers only");
    expect(mine.body).not.toContain("export/report.csv");
    // An unpublished conversation's report does not exist for the public.
    await p.deps.db.execute(sql`update conversations set report_public = true, published_at = null where id = ${c.id}`);
    expect((await visitor.get(c.url)).statusCode).toBe(404);
    expect((await admin.get(c.url)).statusCode).toBe(200);
  });
});
