/**
 * The conversations' back office: a conversation's form (translated errors, nothing lost), seed
 * statements one per line, the moderation screen's decisions (audited, each making the next tick
 * recompute), and who may do what (moderators moderate, administrators also write).
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishClient, signedInClient } from "../../core/accounts/testing";
import { getComponentManifest } from "../../core/components/registry";
import { addComponent } from "../../core/components/service";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { publishedProcess } from "../../test/spaces";
import { closeSharedWorker, conversationsDue } from "./math";
import { tickUntilCurrent } from "./participant-testing";
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

async function fixture() {
  const space = await publishedProcess(p, adminId, { prefix: "talk-admin" });
  const manifest = getComponentManifest("conversations");
  if (!manifest) throw new Error("conversations not registered");
  const component = await addComponent(p.deps.db, { id: adminId, ip: null }, space.id, manifest, { en: "Talk" }, { published: true });
  return { space, component, adminBase: `/admin/spaces/${space.id}/components/${component.id}/manage`, base: `/spaces/${space.slug}/c/${component.id}` };
}

const fields = (topic: string, more: Record<string, string> = {}): Record<string, string> => ({
  "topic.en": topic,
  "description.en": "",
  moderation: "post",
  participantStatements: "on",
  anonymousAllowed: "on",
  reportPublic: "on",
  published: "on",
  ...more,
});

const actions = async (type: string, id: string) => (await p.deps.db.execute<{ action: string }>(sql`select action from audit_log where resource_type = ${type} and resource_id = ${id} order by id`)).rows.map((r) => r.action);

describe("conversations back office", () => {
  it("creates and edits a conversation, with translated errors and nothing lost", async () => {
    const f = await fixture();
    const empty = await admin.post(`${f.adminBase}/new`, fields("", { "description.en": "Kept text", moderation: "later" }), { formPage: `${f.adminBase}/new` });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain("Kept text");
    expect(empty.body).toContain("This field is required.");
    await admin.get("/locale/fr");
    const fr = await admin.post(`${f.adminBase}/new`, fields("", { "description.en": "Gardé" }), { formPage: `${f.adminBase}/new` });
    expect(fr.statusCode).toBe(422);
    expect(fr.body).toContain("Gardé");
    expect(fr.body).toContain("Sujet");
    expect(fr.body).toContain("Ce champ est obligatoire.");
    await admin.get("/locale/en");

    const created = await admin.post(`${f.adminBase}/new`, fields("What should we fund?", { moderation: "pre", strictMode: "on" }), { formPage: `${f.adminBase}/new` });
    expect(created.statusCode).toBe(303);
    const row = (await p.deps.db.execute<{ id: string; moderation: string; strict_mode: boolean; report_public: boolean; published: boolean }>(sql`
      select id, moderation, strict_mode, report_public, published_at is not null as published from conversations where component_id = ${f.component.id}`)).rows[0];
    expect(row).toMatchObject({ moderation: "pre", strict_mode: true, report_public: true, published: true });
    const id = Number(row?.id);
    expect(created.headers.location).toBe(`${f.adminBase}/${id}/statements`);

    // Unchecked boxes are off: the report becomes organizers' only, strict mode off (a moderation change).
    const before = (await p.deps.db.execute<{ v: number }>(sql`select moderation_version as v from conversations where id = ${id}`)).rows[0]?.v ?? 0;
    const edited = await admin.post(`${f.adminBase}/${id}/edit`, { "topic.en": "What should the budget fund?", "topic.fr": "Que financer ?", "description.en": "", moderation: "post", published: "on" }, { formPage: `${f.adminBase}/${id}/edit` });
    expect(edited.statusCode).toBe(303);
    const after = (await p.deps.db.execute<{ v: number; report_public: boolean; strict_mode: boolean; topic: Record<string, string> }>(sql`
      select moderation_version as v, report_public, strict_mode, topic from conversations where id = ${id}`)).rows[0];
    expect(after).toMatchObject({ report_public: false, strict_mode: false, topic: { en: "What should the budget fund?", fr: "Que financer ?" } });
    expect(after?.v).toBe(before + 1);
    expect(await actions("conversation", String(id))).toEqual(["conversation.create", "conversation.update"]);
    const list = await admin.get(f.adminBase);
    expect(list.body).toContain("What should the budget fund?");
    // Another component's conversation is not reachable from here.
    const other = await fixture();
    expect((await admin.get(`${other.adminBase}/${id}/edit`)).statusCode).toBe(404);
  });

  it("adds seed statements one per line, refuses a too long one in words, edits a seed until it has votes", async () => {
    const f = await fixture();
    await admin.post(`${f.adminBase}/new`, fields("Seeds"), { formPage: `${f.adminBase}/new` });
    const id = Number((await p.deps.db.execute<{ id: string }>(sql`select id from conversations where component_id = ${f.component.id}`)).rows[0]?.id);
    const page = `${f.adminBase}/${id}/statements`;
    const tooLong = await admin.post(`${page}/new`, { statements: `Short one\n${"x".repeat(401)}` }, { formPage: page });
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.body).toContain("A statement is too long");
    expect(tooLong.body).toContain("Short one");
    const none = await admin.post(`${page}/new`, { statements: "  \n \n" }, { formPage: page });
    expect(none.body).toContain("Write at least one statement.");
    await admin.get("/locale/nl");
    expect((await admin.post(`${page}/new`, { statements: "x".repeat(401) }, { formPage: page })).body).toContain("Een stelling is te lang");
    await admin.get("/locale/en");

    const added = await admin.post(`${page}/new`, { statements: "More bike racks\r\n\r\n  A quiet room  \nLonger library hours" }, { formPage: page });
    expect(added.statusCode).toBe(303);
    const rows = (await p.deps.db.execute<{ tid: number; text: string; state: string; is_seed: boolean }>(sql`
      select tid, text, state, is_seed from conversation_statements where conversation_id = ${id} order by tid`)).rows;
    expect(rows).toEqual([
      { tid: 0, text: "More bike racks", state: "accepted", is_seed: true },
      { tid: 1, text: "A quiet room", state: "accepted", is_seed: true },
      { tid: 2, text: "Longer library hours", state: "accepted", is_seed: true },
    ]);
    const all = await admin.get(`${page}?filter=all`);
    expect(all.body).toContain("A quiet room");

    const edit = await admin.post(`${page}/1/edit`, { text: "A quiet study room" }, { formPage: `${page}/1/edit` });
    expect(edit.statusCode).toBe(303);
    const pid = await ensureParticipant(p.deps.db, id, { anonymousToken: newAnonymousToken() });
    await castVote(p.deps.db, id, pid, 1, 1);
    const refused = await admin.post(`${page}/1/edit`, { text: "Something else" }, { formPage: `${page}/1/edit` });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain("People have voted on this statement");
    expect((await p.deps.db.execute<{ text: string }>(sql`select text from conversation_statements where conversation_id = ${id} and tid = 1`)).rows[0]?.text).toBe("A quiet study room");
    expect(await actions("conversation_statement", `${id}:1`)).toEqual(["conversation_statement.update"]);
  });

  it("moderates: pending statements first, each decision audited and making the next tick recompute; moderators moderate, not write", async () => {
    const f = await fixture();
    await admin.post(`${f.adminBase}/new`, fields("Moderated", { moderation: "pre" }), { formPage: `${f.adminBase}/new` });
    const id = Number((await p.deps.db.execute<{ id: string }>(sql`select id from conversations where component_id = ${f.component.id}`)).rows[0]?.id);
    const page = `${f.adminBase}/${id}/statements`;
    await admin.post(`${page}/new`, { statements: "Seed A\nSeed B\nSeed C" }, { formPage: page });
    // A participant's statement awaiting moderation, and votes.
    await p.deps.db.execute(sql`update conversations set next_tid = next_tid + 1 where id = ${id}`);
    await p.deps.db.execute(sql`insert into conversation_statements (conversation_id, tid, text, author_pid) values (${id}, 3, 'Free pizza every day', 0)`);
    for (let i = 0; i < 4; i++) {
      const pid = await ensureParticipant(p.deps.db, id, { anonymousToken: newAnonymousToken() });
      for (const tid of [0, 1, 2]) await castVote(p.deps.db, id, pid, tid, (((i + tid) % 3) - 1) as VoteValue);
    }
    await tickUntilCurrent(p, id);
    expect(await conversationsDue(p.deps.db)).not.toContain(id);

    const screen = await admin.get(page);
    expect(screen.body).toContain("Awaiting moderation (1)");
    expect(screen.body).toContain("Free pizza every day");
    expect(screen.body).not.toContain("Seed A");

    const moderationVersion = async () => Number((await p.deps.db.execute<{ v: number }>(sql`select moderation_version as v from conversations where id = ${id}`)).rows[0]?.v);
    const before = await moderationVersion();
    const rejected = await admin.post(`${page}/3/moderate`, { decision: "reject" }, { formPage: page });
    expect(rejected.statusCode).toBe(303);
    expect((await admin.get(String(rejected.headers.location))).body).toContain("Statement 3 is rejected");
    // The rejection bumps the moderation version, which makes the conversation due (the tick job, or ours,
    // then recomputes: tick.int.test.ts).
    expect(await moderationVersion()).toBe(before + 1);
    await tickUntilCurrent(p, id);

    const meta = await admin.post(`${page}/0/moderate`, { decision: "meta" }, { formPage: `${page}?filter=all` });
    expect(meta.statusCode).toBe(303);
    expect(await moderationVersion()).toBe(before + 2);
    await tickUntilCurrent(p, id);
    const blob = (await p.deps.db.execute<{ meta: number[]; mod_out: number[] }>(sql`select pca2->'meta-tids' as meta, pca2->'mod-out' as mod_out from conversation_math where conversation_id = ${id}`)).rows[0];
    expect(blob?.meta).toEqual([0]);
    expect(blob?.mod_out).toContain(3);
    expect(await actions("conversation_statement", `${id}:3`)).toEqual(["conversation_statement.reject"]);
    expect(await actions("conversation_statement", `${id}:0`)).toEqual(["conversation_statement.meta"]);
    const bad = await admin.post(`${page}/0/moderate`, { decision: "delete" }, { formPage: page });
    expect(bad.statusCode).toBe(303);
    expect((await admin.get(String(bad.headers.location))).body).toContain("Choose accept, reject or meta.");

    // A moderator of the space moderates but does not add statements; the public is kept out.
    const m = await signedInClient(p);
    await p.deps.db.execute(sql`insert into space_roles (space_id, user_id, role) values (${f.space.id}, ${m.userId}, 'moderator')`);
    expect((await m.client.get(page)).statusCode).toBe(200);
    expect((await m.client.post(`${page}/3/moderate`, { decision: "accept" }, { formPage: page })).statusCode).toBe(303);
    expect((await m.client.post(`${page}/new`, { statements: "Sneaky" }, { formPage: page })).statusCode).toBeGreaterThanOrEqual(400);
    const visitor = await englishClient(p);
    expect((await visitor.get(page)).statusCode).not.toBe(200);
  });
});
