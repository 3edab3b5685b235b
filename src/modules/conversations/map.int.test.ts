/**
 * The opinion map and group pages from the latest tick: one hull per group and the participant's own
 * marker in the SVG (an image with a title and description), the table alternative with each group's
 * size and the participant's group marked, statements' projections on request, a group's page whose
 * percentages are the tick's repness, and the live event (SSE) when a tick is stored.
 */
import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestPlatform, csrfFrom, type TestPlatform } from "../../test/platform";
import { closeSharedWorker, runConversationTick } from "./math";
import { groupLabel } from "./map-model";
import { conversationsComponent, seededConversation, tickFromEveryVote, type ConversationsFixture } from "./participant-testing";
import { castVote, ensureParticipant, newAnonymousToken } from "./votes";

let p: TestPlatform;
let f: ConversationsFixture;

beforeAll(async () => {
  p = await createTestPlatform();
  f = await conversationsComponent(p, "map");
}, 60_000);
afterAll(async () => {
  await p.stop();
  await closeSharedWorker();
});

/**
 * Two camps over statements 0..7 (even participants agree with even statements), everyone agreeing with
 * statement 8; the odd camp passes on statement 7, so that the camps' difference is not orthogonal to the
 * all-ones vector that starts Pol.is's power iteration (it would then find no axis: one group).
 */
const camp = (i: number, s: number): 1 | 0 | -1 => (s === 8 ? 1 : s === 7 && i % 2 === 1 ? 0 : (i + s) % 2 === 0 ? 1 : -1);
const STATEMENTS = Array.from({ length: 9 }, (_, i) => `Statement number ${i}`);

type Blob = {
  "group-clusters": Array<{ id: number; members: number[] }>;
  "base-clusters": { id: number[]; members: number[][]; count: number[] };
  repness: Record<string, Array<{ tid: number; "n-success": number; "n-trials": number; "repful-for": string }>>;
  consensus: { agree: Array<{ tid: number; "n-success": number; "n-trials": number }> };
  tids: number[];
};

async function mappedConversation() {
  const c = await seededConversation(p, f, STATEMENTS);
  for (let i = 1; i <= 30; i++) {
    const pid = await ensureParticipant(p.deps.db, c.id, { anonymousToken: newAnonymousToken() });
    for (let s = 0; s < STATEMENTS.length; s++) await castVote(p.deps.db, c.id, pid, c.tids[s]!, camp(i, s));
  }
  // A visitor votes like the even camp through the page.
  const visitor = p.client({ headers: { "accept-language": "en" } });
  for (let s = 0; s < STATEMENTS.length; s++) {
    const page = await visitor.get(`${c.url}?statement=${c.tids[s]}`);
    const res = await visitor.post(`${c.url}/vote`, { tid: String(c.tids[s]), vote: camp(0, s) === 1 ? "agree" : "disagree", skip: "" }, { csrf: csrfFrom(page.body) });
    expect(res.statusCode).toBe(303);
  }
  await tickFromEveryVote(p, c.id);
  const blob = (await p.deps.db.execute<{ pca2: Blob }>(sql`select pca2 from conversation_math where conversation_id = ${c.id}`)).rows[0]!.pca2;
  const pid = (await p.deps.db.execute<{ pid: number }>(sql`select pid from conversation_participants where conversation_id = ${c.id} and anonymous_token is not null order by pid desc limit 1`)).rows[0]!.pid;
  const base = blob["base-clusters"].id[blob["base-clusters"].members.findIndex((m) => m.includes(pid))]!;
  const group = blob["group-clusters"].find((g) => g.members.includes(base))!;
  return { ...c, visitor, blob, pid, group };
}

const count = (html: string, needle: string) => html.split(needle).length - 1;

describe("the opinion map", () => {
  it("draws one hull per group and the participant's own marker, with the table alternative", async () => {
    const c = await mappedConversation();
    const groups = c.blob["group-clusters"];
    expect(groups.length).toBeGreaterThanOrEqual(2);
    const page = await c.visitor.get(`${c.url}/map`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<svg class="conversation-map"[^>]*role="img"[^>]*aria-labelledby="conversation-map-title conversation-map-desc"/);
    expect(page.body).toContain('<title id="conversation-map-title">Map of the opinion groups</title>');
    expect(page.body).toContain(`31 participants in ${groups.length} groups.`);
    expect(count(page.body, 'class="conversation-hull"')).toBe(groups.length);
    expect(count(page.body, 'class="conversation-point"')).toBe(c.blob["base-clusters"].id.length);
    expect(count(page.body, 'class="conversation-you"')).toBe(1);
    expect(page.body).toContain(`You are in group ${groupLabel(c.group.id)}.`);
    // The table: each group with its size (participants of its base clusters), the participant's marked.
    const sizes = groups.map((g) => g.members.reduce((a, b) => a + c.blob["base-clusters"].count[c.blob["base-clusters"].id.indexOf(b)]!, 0));
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(31);
    const rows = [...page.body.matchAll(/<tr( class="conversation-own-group")?><th scope="row"><a href="([^"]+)">Group (\w+)<\/a><\/th><td>(\d+)<\/td><td>([^<]*)<\/td><\/tr>/g)];
    expect(rows.map((r) => [r[3], Number(r[4])])).toEqual(groups.map((g, i) => [groupLabel(g.id), sizes[i]]));
    expect(rows.filter((r) => r[1]).map((r) => [r[3], r[5]])).toEqual([[groupLabel(c.group.id), "your group"]]);
    expect(page.body).toContain("the two axes are the two directions in which the votes differ most");
    expect(page.body).not.toContain('class="conversation-statement-mark"');
    // Statements on request, with their table.
    const withStatements = await c.visitor.get(`${c.url}/map?statements=1`);
    expect(count(withStatements.body, 'class="conversation-statement-mark"')).toBe(c.blob.tids.length);
    expect(withStatements.body).toContain("<caption>The statements on the map</caption>");
    expect(withStatements.body).toContain("<td>Statement number 3</td>");
    // Someone who has not voted has no marker.
    const strangerClient = p.client({ headers: { "accept-language": "en" } });
    const stranger = await strangerClient.get(`${c.url}/map`);
    expect(stranger.body).not.toContain('class="conversation-you"');
    expect(stranger.body).toContain("Vote on statements to find your place on the map.");
    // The voting page says which group the participant is in, with the group's page.
    const label = groupLabel(c.group.id);
    expect((await c.visitor.get(c.url)).body).toContain(`You are in group ${label}. <a href="${c.url}/groups/${c.group.id}">What group ${label} thinks</a>`);
    expect((await strangerClient.get(c.url)).body).not.toContain('id="conversation-group"');
    // A tick stored before the summaries: the pages read the full blob, alike.
    await p.deps.db.execute(sql`update conversation_math set summary = null, clusters = null where conversation_id = ${c.id}`);
    const older = await c.visitor.get(`${c.url}/map`);
    expect(count(older.body, 'class="conversation-you"')).toBe(1);
    expect(older.body).toContain(`31 participants in ${groups.length} groups.`);
    expect((await c.visitor.get(c.url)).body).toContain(`You are in group ${label}.`);
  }, 90_000);

  it("lists a group's representative statements with the tick's percentages, and the consensus", async () => {
    const c = await mappedConversation();
    for (const g of c.blob["group-clusters"]) {
      const page = await c.visitor.get(`${c.url}/groups/${g.id}`);
      expect(page.statusCode).toBe(200);
      const reps = c.blob.repness[String(g.id)] ?? [];
      expect(reps.length).toBeGreaterThan(0);
      for (const r of reps) {
        const percent = Math.round((100 * r["n-success"]) / r["n-trials"]);
        const verb = r["repful-for"] === "agree" ? "agreed" : "disagreed";
        expect(page.body).toMatch(new RegExp(`<tr data-tid="${r.tid}"><th scope="row">Statement number \\d</th><td>${percent}% ${verb} \\(${r["n-success"]} of ${r["n-trials"]}\\)</td></tr>`));
      }
      expect(page.body.includes("You are in this group.")).toBe(g.id === c.group.id);
    }
    const consensus = c.blob.consensus.agree;
    expect(consensus.map((x) => x.tid)).toContain(c.tids[8]);
    const page = await c.visitor.get(`${c.url}/groups/${c.group.id}`);
    for (const x of consensus) expect(page.body).toContain(`${Math.round((100 * x["n-success"]) / x["n-trials"])}% agreed (${x["n-success"]} of ${x["n-trials"]})`);
    expect((await c.visitor.get(`${c.url}/groups/99`)).statusCode).toBe(404);
  }, 90_000);

  it("sends an event over SSE when a tick is stored", async () => {
    const c = await seededConversation(p, f, STATEMENTS.slice(0, 3));
    const address = await p.app.listen({ port: 0, host: "127.0.0.1" });
    const { port } = p.app.server.address() as AddressInfo;
    expect(address).toContain(String(port));
    const received: string[] = [];
    const req = request({ host: "127.0.0.1", port, path: `${c.url}/events`, headers: { accept: "text/event-stream" } });
    const opened = new Promise<void>((resolve, reject) => {
      req.on("response", (res) => {
        expect(res.headers["content-type"]).toContain("text/event-stream");
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => received.push(chunk));
        resolve();
      });
      req.on("error", reject);
    });
    req.end();
    await opened;
    try {
      // Once the stream is subscribed (its first write), a vote and a tick.
      for (let i = 0; i < 100 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      const pid = await ensureParticipant(p.deps.db, c.id, { anonymousToken: newAnonymousToken() });
      await castVote(p.deps.db, c.id, pid, c.tids[0]!, 1);
      // This tick or the tick job's, whichever computes it: the stored tick is the one announced.
      await runConversationTick(p.deps.db, c.id);
      let event: { mathTick: number; votes: number } | undefined;
      for (let i = 0; i < 250 && !event; i++) {
        const m = /data: (\{.*\})\n\n/.exec(received.join(""));
        if (m) event = JSON.parse(m[1]!) as { mathTick: number; votes: number };
        else await new Promise((r) => setTimeout(r, 20));
      }
      const stored = await p.deps.db.execute<{ math_tick: number }>(sql`select math_tick from conversation_math where conversation_id = ${c.id}`);
      expect(event).toMatchObject({ mathTick: stored.rows[0]?.math_tick, votes: 1 });
    } finally {
      req.destroy();
    }
    expect((await p.client().get(`${f.base}/conversations/999999/events`)).statusCode).toBe(404);
  }, 60_000);
});
