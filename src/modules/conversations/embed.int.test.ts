/**
 * Embedding: /embed.js is served; the embedded page is frameable (only it), found by the platform's
 * id or the Pol.is id of an import, in the language of `ui_lang`; its vote form works in a frame on
 * another site (no cookie, no CSRF cookie): the identity travels signed in the page's own addresses,
 * or is the embedding site's `xid`; a conversation closed to anonymous visitors sends them to the
 * whole page instead.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishClient, signedInClient } from "../../core/accounts/testing";
import { getComponentManifest } from "../../core/components/registry";
import { addComponent } from "../../core/components/service";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { publishedProcess } from "../../test/spaces";
import { addStatement, createConversation } from "./service";

let p: TestPlatform;
let adminId = 0;

beforeAll(async () => {
  p = await createTestPlatform();
  adminId = (await signedInClient(p, { isAdmin: true })).userId;
}, 60_000);
afterAll(() => p.stop());

async function conversation(opts: { anonymousAllowed?: boolean; published?: boolean } = {}) {
  const space = await publishedProcess(p, adminId, { prefix: "talk-embed" });
  const manifest = getComponentManifest("conversations");
  if (!manifest) throw new Error("conversations not registered");
  const component = await addComponent(p.deps.db, { id: adminId, ip: null }, space.id, manifest, { en: "Talk" }, { published: true });
  const id = await createConversation(p.deps.db, component.id, { topic: { en: "Our square", fr: "Notre place" }, published: opts.published ?? true, anonymousAllowed: opts.anonymousAllowed ?? true });
  for (const text of ["More trees", "A water fountain", "Fewer cars"]) await addStatement(p.deps.db, id, { text, state: "accepted", isSeed: true });
  return id;
}

/** A post from a page framed on another site: no cookie at all, no CSRF token. */
const framedPost = (url: string, fields: Record<string, string>) =>
  p.app.inject({ method: "POST", url, headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://school.example" }, payload: new URLSearchParams(fields).toString() });
const framedGet = (url: string) => p.app.inject({ method: "GET", url });
const votes = async (id: number) => Number((await p.deps.db.execute<{ n: string }>(sql`select count(*) as n from conversation_votes where conversation_id = ${id}`)).rows[0]?.n);

describe("embedded conversations", () => {
  it("serves /embed.js and an embedded page that any site may frame, and only it", async () => {
    const script = await framedGet("/embed.js");
    expect(script.statusCode).toBe(200);
    expect(script.headers["content-type"]).toContain("javascript");
    expect(script.body).toContain("div.polis");

    const id = await conversation();
    const page = await framedGet(`/conversations/${id}/embed?ui_lang=en`);
    expect(page.statusCode).toBe(200);
    expect(String(page.headers["content-security-policy"])).toContain("frame-ancestors *");
    expect(page.headers["x-frame-options"]).toBeUndefined();
    expect(page.body).toContain("data-polis-embed");
    expect(page.body).toContain("Our square");
    expect(page.body).toContain(`action="/conversations/${id}/embed/vote"`);
    expect(page.body).toMatch(/conversations-embed(\.[0-9a-f]+)?\.js/);
    // Elsewhere the site stays unframeable.
    const home = await framedGet("/");
    expect(String(home.headers["content-security-policy"])).toContain("frame-ancestors 'none'");

    // ui_lang picks the language; the Pol.is id of an import finds the conversation too.
    expect((await framedGet(`/conversations/${id}/embed?ui_lang=fr-BE`)).body).toContain("Notre place");
    await p.deps.db.execute(sql`update conversations set polis_conversation_id = ${`7abc${id}`} where id = ${id}`);
    expect((await framedGet(`/conversations/7abc${id}/embed?ui_lang=en`)).body).toContain("Our square");
    expect((await framedGet(`/conversations/nope${id}/embed`)).statusCode).toBe(404);
    const draft = await conversation({ published: false });
    expect((await framedGet(`/conversations/${draft}/embed`)).statusCode).toBe(404);
  });

  it("takes votes in a frame without cookies: a signed token in the page's addresses, or the site's xid", async () => {
    const id = await conversation();
    const first = await framedGet(`/conversations/${id}/embed?ui_lang=en`);
    const tid = Number(/name="tid" value="(\d+)"/.exec(first.body)?.[1]);
    const voted = await framedPost(`/conversations/${id}/embed/vote`, { tid: String(tid), vote: "agree", ui_lang: "en" });
    expect(voted.statusCode).toBe(303);
    const next = String(voted.headers.location);
    expect(next).toMatch(new RegExp(`^/conversations/${id}/embed\\?p=[^&]+&ui_lang=en&m=voted$`));
    expect(await votes(id)).toBe(1);
    const after = await framedGet(next);
    expect(after.body).toContain("1 of 3");
    expect(after.body).toContain("Your vote is recorded.");
    // The same identity votes again from the next page's form.
    const p2 = /name="p" value="([^"]+)"/.exec(after.body)?.[1] ?? "";
    const tid2 = Number(/name="tid" value="(\d+)"/.exec(after.body)?.[1]);
    expect(tid2).not.toBe(tid);
    await framedPost(`/conversations/${id}/embed/vote`, { tid: String(tid2), vote: "disagree", p: p2 });
    expect((await p.deps.db.execute<{ n: string }>(sql`select count(distinct pid) as n from conversation_votes where conversation_id = ${id}`)).rows[0]?.n).toBe("1");
    // A forged token is a new participant, never someone else's.
    await framedPost(`/conversations/${id}/embed/vote`, { tid: String(tid), vote: "pass", p: "forged.token" });
    expect((await p.deps.db.execute<{ n: string }>(sql`select count(distinct pid) as n from conversation_votes where conversation_id = ${id}`)).rows[0]?.n).toBe("2");

    const byXid = await framedPost(`/conversations/${id}/embed/vote`, { tid: "0", vote: "agree", xid: "student-42", ui_lang: "en" });
    expect(String(byXid.headers.location)).toBe(`/conversations/${id}/embed?xid=student-42&ui_lang=en&m=voted`);
    expect((await framedGet(String(byXid.headers.location))).body).toContain("1 of 3");
    const xidRows = await p.deps.db.execute<{ n: string }>(sql`select count(*) as n from conversation_participants where conversation_id = ${id} and xid = 'student-42'`);
    expect(xidRows.rows[0]?.n).toBe("1");
  });

  it("sends visitors to the whole page when the conversation is closed to anonymous participants", async () => {
    const id = await conversation({ anonymousAllowed: false });
    const page = await framedGet(`/conversations/${id}/embed?ui_lang=en`);
    expect(page.body).toContain("To vote on this conversation, open it on the platform.");
    expect(page.body).not.toContain('value="agree"');
    const refused = await framedPost(`/conversations/${id}/embed/vote`, { tid: "0", vote: "agree" });
    expect(String(refused.headers.location)).toContain("m=invalid");
    expect(await votes(id)).toBe(0);
    // A browser on the platform itself still sees the normal site around the full page.
    const visitor = await englishClient(p);
    expect((await visitor.get(`/conversations/${id}/embed`)).statusCode).toBe(200);
  });
});
