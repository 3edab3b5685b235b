/**
 * A Pol.is openData export through the platform: `pnyx conversations import` (the exact JSON line),
 * the first tick's groups against the engine's own on the same folder (ARI 1, every in-conv
 * participant grouped) and against the export's (>= 0.9, the engine's conformance criterion), the
 * openData CSV exports, and Pol.is's math endpoint with its ETag. Reads ../shared/data/polis; nothing
 * is copied into the repository.
 */
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInClient } from "../../core/accounts/testing";
import { createSpace, setSpacePublished } from "../../core/spaces/service";
import { adjustedRandIndex } from "../../engines/opinion/ari";
import { computeFolder } from "../../engines/opinion/cli";
import { parseCsv } from "../../engines/opinion/io/csv";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { groupsOfBlob } from "./export-csv";
import { readOpenDataFolder } from "./import";

const root = resolve(import.meta.dirname, "../../..");
const DIR = resolve(root, "../shared/data/polis/opendata/vtaiwan.uberx");
const run = promisify(execFile);

let p: TestPlatform;
let slug = "";
let conversationId = 0;

async function publicSpace(adminId: number, isPrivate = false): Promise<{ id: number; slug: string }> {
  const s = `talk-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  const actor = { id: adminId, ip: null };
  const created = await createSpace(
    p.deps.db,
    actor,
    "process",
    { slug: s, title: { en: "Talk" }, subtitle: {}, shortDescription: {}, description: {}, heroImage: undefined, heroImageAlt: {}, groupId: undefined, startDate: undefined, endDate: undefined, purpose: {}, composition: {}, isPrivate, isTransparent: false, promoted: false, weight: 0 },
    null,
  );
  if (!created.ok) throw new Error("space");
  await setSpacePublished(p.deps.db, actor, created.value.id, true);
  return { id: created.value.id, slug: s };
}

/** Group id by pid over the in-conv participants, both labelings aligned. */
function aligned(inConv: number[], a: Map<number, number>, b: Map<number, number>): [number[], number[]] {
  return [inConv.map((pid) => a.get(pid) ?? -1), inConv.map((pid) => b.get(pid) ?? -1)];
}

/** A value as the CLI prints it (JSON). */
const asPrinted = (v: unknown) => JSON.parse(JSON.stringify(v)) as Record<string, unknown>;

const csvRows = (text: string) => parseCsv(text, "export").map((r) => r.fields);

beforeAll(async () => {
  p = await createTestPlatform();
  const a = await signedInClient(p, { isAdmin: true });
  slug = (await publicSpace(a.userId)).slug;
}, 60_000);
afterAll(() => p.stop());

// A missing prerequisite stops the tests with what to do, never a silent skip.
if (!existsSync(DIR)) throw new Error(`The Pol.is export is missing at ${DIR}: put the shared folder beside the repository (../shared).`);

describe("a Pol.is export imported with pnyx conversations import", () => {
  it("prints exactly the conversation and its counts, creating a published component", async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "test", DATABASE_URL: p.deps.config.DATABASE_URL ?? "" };
    delete env["PNYX_DATA_DIR"];
    const { stdout } = await run(join(root, "bin/pnyx"), ["conversations", "import", DIR, "--space", slug, "--json"], { env, cwd: root, timeout: 120_000 });
    const out = JSON.parse(stdout) as Record<string, number>;
    expect(Object.keys(out)).toEqual(["conversationId", "participants", "statements", "votes"]);
    const folder = readOpenDataFolder(DIR);
    expect(out).toMatchObject({ participants: folder.pids.length, statements: folder.statements.length, votes: folder.votes.pid.length });
    expect(out.statements).toBe(csvRows(readFileSync(join(DIR, "comments.csv"), "utf8")).length - 1);
    conversationId = out.conversationId!;
    const rows = await p.deps.db.execute<{ cv: string | null; c: string | null; manifest: string; ticks: number | null }>(sql`
      select cv.published_at as cv, c.published_at as c, c.manifest, m.math_tick as ticks
      from conversations cv join components c on c.id = cv.component_id left join conversation_math m on m.conversation_id = cv.id where cv.id = ${conversationId}`);
    expect(rows.rows[0]).toMatchObject({ manifest: "conversations", ticks: 1 });
    expect(rows.rows[0]?.cv).not.toBeNull();
    expect(rows.rows[0]?.c).not.toBeNull();
  }, 180_000);

  it("finds exactly the engine's groups on the same votes, and the export's own (ARI >= 0.9)", async () => {
    const math = await p.deps.db.execute<{ pca2: Record<string, unknown> }>(sql`select pca2 from conversation_math where conversation_id = ${conversationId}`);
    const ours = math.rows[0]!.pca2;
    const engine = computeFolder(DIR, null) as Record<string, unknown>;
    const inConv = engine["in-conv"] as number[];
    expect(ours["in-conv"]).toEqual(inConv);
    const mine = groupsOfBlob(ours);
    const theirs = groupsOfBlob(engine);
    // Every in-conv participant is in a group, in both.
    expect(inConv.every((pid) => mine.has(pid) && theirs.has(pid))).toBe(true);
    expect(adjustedRandIndex(...aligned(inConv, mine, theirs))).toBe(1);
    // The same votes in the same order: the very object `pnyx opinion compute` prints (JSON has no -0), but for the tick number.
    expect({ ...ours, math_tick: undefined }).toEqual({ ...asPrinted(engine), math_tick: undefined });

    // The platform's export carries those groups; against the export's own group ids, the conformance criterion.
    const res = await p.client().get(`/conversations/${conversationId}/export/participants-votes.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    const exported = csvRows(res.body);
    const fromCsv = new Map<number, number>();
    for (const r of exported.slice(1)) if (r[1] !== "") fromCsv.set(Number(r[0]), Number(r[1]));
    expect(adjustedRandIndex(...aligned(inConv, fromCsv, theirs))).toBe(1);
    const original = csvRows(readFileSync(join(DIR, "participants-votes.csv"), "utf8"));
    const originalGroups = new Map<number, number>();
    for (const r of original.slice(1)) if (r[1] !== "") originalGroups.set(Number(r[0]), Number(r[1]));
    const compared = inConv.filter((pid) => originalGroups.has(pid));
    expect(compared.length).toBeGreaterThan(1000);
    expect(adjustedRandIndex(...aligned(compared, fromCsv, originalGroups))).toBeGreaterThanOrEqual(0.9);
  }, 120_000);

  it("exports participants-votes.csv, comments.csv and votes.csv in the openData format", async () => {
    const client = p.client();
    const pv = csvRows((await client.get(`/conversations/${conversationId}/export/participants-votes.csv`)).body);
    const original = csvRows(readFileSync(join(DIR, "participants-votes.csv"), "utf8"));
    expect(pv[0]!.slice(0, 6)).toEqual(["participant", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree"]);
    const tids = pv[0]!.slice(6);
    const originalTids = original[0]!.slice(6);
    expect(originalTids.every((t) => tids.includes(t))).toBe(true);
    // A few participants: the same votes (1 agree, -1 disagree, 0 pass) and counts as Pol.is exported.
    for (const pid of ["0", "1", "17", "500"]) {
      const mine = pv.find((r) => r[0] === pid)!;
      const theirs = original.find((r) => r[0] === pid)!;
      expect(mine.slice(3, 6)).toEqual(theirs.slice(3, 6));
      originalTids.forEach((t, j) => expect(mine[6 + tids.indexOf(t)]).toBe(theirs[6 + j]));
    }

    const comments = csvRows((await client.get(`/conversations/${conversationId}/export/comments.csv`)).body);
    expect(comments[0]).toEqual(["timestamp", "datetime", "comment-id", "author-id", "agrees", "disagrees", "moderated", "comment-body"]);
    const source = csvRows(readFileSync(join(DIR, "comments.csv"), "utf8"));
    expect(comments.length).toBe(source.length);
    const c194 = comments.find((r) => r[2] === "194")!;
    const s194 = source.find((r) => r[2] === "194")!;
    expect([c194[0], c194[3], c194[6], c194[7]]).toEqual([s194[0], s194[3], s194[6], s194[7]]);

    const votes = csvRows((await client.get(`/conversations/${conversationId}/export/votes.csv`)).body);
    expect(votes[0]).toEqual(["timestamp", "datetime", "comment-id", "voter-id", "vote"]);
    expect(votes.length - 1).toBe(readOpenDataFolder(DIR).votes.pid.length);
    const first = csvRows(readFileSync(join(DIR, "votes.csv"), "utf8"))[1]!;
    expect(votes.some((r) => r[0] === first[0] && r[2] === first[2] && r[3] === first[3] && r[4] === first[4])).toBe(true);
  }, 60_000);

  it("serves the latest tick at /api/v3/math/pca2 with its number as ETag, 304 when unchanged", async () => {
    const client = p.client();
    const res = await client.get(`/api/v3/math/pca2?conversation_id=${conversationId}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["etag"]).toBe('"1"');
    const blob = JSON.parse(res.body) as Record<string, unknown>;
    expect({ ...blob, math_tick: undefined }).toEqual({ ...asPrinted(computeFolder(DIR, null)), math_tick: undefined });
    expect(blob["math_tick"]).toBe(1);
    const again = await client.get(`/api/v3/math/pca2?conversation_id=${conversationId}`, { "if-none-match": '"1"' });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
    const stale = await client.get(`/api/v3/math/pca2?conversation_id=${conversationId}`, { "if-none-match": '"0"' });
    expect(stale.statusCode).toBe(200);

    const doc = await client.get("/api/openapi.json");
    expect(doc.statusCode).toBe(200);
    expect(Object.keys((doc.json() as { paths: Record<string, unknown> }).paths)).toContain("/api/v3/math/pca2");

    const unknown = await client.get(`/api/v3/math/pca2?conversation_id=999999`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers["content-type"]).toContain("application/problem+json");
    // Unpublished: as unknown, for the math and the exports.
    await p.deps.db.execute(sql`update conversations set published_at = null where id = ${conversationId}`);
    try {
      expect((await client.get(`/api/v3/math/pca2?conversation_id=${conversationId}`)).statusCode).toBe(404);
      expect((await client.get(`/conversations/${conversationId}/export/votes.csv`)).statusCode).toBe(404);
    } finally {
      await p.deps.db.execute(sql`update conversations set published_at = now() where id = ${conversationId}`);
    }
  }, 60_000);
});
