/**
 * A participant's proposal, without JavaScript: closed creation, the form and its errors, a draft
 * (private, one at a time, previewed with similar proposals), publishing within the proposal limit,
 * editing within the window, withdrawing (refused while supported), discarding a draft.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishClient, signedInClient } from "../../core/accounts/testing";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { idFromLocation, proposalsFixture, type ProposalsFixture } from "./testing";

let p: TestPlatform;
let adminId = 0;

beforeAll(async () => {
  p = await createTestPlatform();
  adminId = (await signedInClient(p, { isAdmin: true })).userId;
});
afterAll(() => p.stop());

const BODY = "Plant trees along the canal so that the walk is shaded in summer.";

async function draft(client: Awaited<ReturnType<typeof signedInClient>>["client"], f: ProposalsFixture, title: string, body = BODY): Promise<number> {
  const res = await client.post(`${f.base}/new`, { title, body, language: "en" });
  expect(res.statusCode, res.body).toBe(303);
  return idFromLocation(res.headers.location);
}

async function publish(client: Awaited<ReturnType<typeof signedInClient>>["client"], f: ProposalsFixture, id: number) {
  return client.post(`${f.base}/${id}/publish`, {}, { formPage: `${f.base}/${id}` });
}

describe("writing a proposal", () => {
  it("goes from a private draft, previewed with similar proposals, to a published proposal", async () => {
    const f = await proposalsFixture(p, adminId, { global: { bodyTemplate: { en: "What: \n\nWhy: " } } });
    const author = await signedInClient(p);
    // Creation is closed by default: the dispatcher says why.
    const closed = await author.client.get(`${f.base}/new`);
    expect(closed.statusCode).toBe(403);
    expect(closed.body).toContain("Proposals cannot be written at this stage.");
    await f.configure({ bodyTemplate: { en: "What: \n\nWhy: " } }, { creationEnabled: true });

    const visitor = await englishClient(p);
    expect((await visitor.get(`${f.base}/new`)).headers.location).toContain("/users/sign-in");

    // Someone else's published proposal, close to the one about to be written.
    const other = await signedInClient(p);
    const otherId = await draft(other.client, f, "More trees along the canal walk");
    expect((await publish(other.client, f, otherId)).statusCode).toBe(303);

    const form = await author.client.get(`${f.base}/new`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain("What: \n\nWhy:</textarea>");
    const bad = await author.client.post(`${f.base}/new`, { title: "Trees", body: BODY, language: "en" }, { formPage: `${f.base}/new` });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain("The title must be between 10 characters");
    expect(bad.body).toContain(BODY);
    const shouting = await author.client.post(`${f.base}/new`, { title: "TREES ALONG THE CANAL NOW", body: BODY, language: "en" }, { formPage: `${f.base}/new` });
    expect(shouting.body).toContain("Please do not write the title in capitals only.");

    const id = await draft(author.client, f, "Trees along the canal walk");
    const preview = await author.client.get(`${f.base}/${id}`);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain("This is a preview of your draft");
    expect(preview.body).toContain(`href="${f.base}/${otherId}"`);
    expect(preview.body).toContain("More trees along the canal walk");
    // A draft is its author's only: not on the list, not found for others, one at a time.
    expect((await other.client.get(`${f.base}/${id}`)).statusCode).toBe(404);
    expect((await visitor.get(f.base)).body).not.toContain("Trees along the canal walk<");
    const again = await author.client.get(`${f.base}/new`);
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe(`${f.base}/${id}`);
    expect((await author.client.get(f.base)).body).toContain("Continue your draft");

    const edited = await author.client.post(`${f.base}/${id}/edit`, { title: "Shade trees along the canal walk", body: BODY, language: "en" }, { formPage: `${f.base}/${id}/edit` });
    expect(edited.statusCode).toBe(303);
    expect((await publish(author.client, f, id)).statusCode).toBe(303);
    const list = await visitor.get(f.base);
    expect(list.body).toContain("Shade trees along the canal walk");
    expect(list.body).toContain("2 proposals");
    const page = await visitor.get(`${f.base}/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain("This is a preview of your draft");
    // The author follows what they published (the kit's follows).
    const follows = await p.deps.db.execute(sql`select 1 from follows where resource_type = 'proposal' and resource_id = ${id} and user_id = ${author.userId}`);
    expect(follows.rows.length).toBe(1);
  });

  it("lets the author edit within the window only, and never someone else", async () => {
    const f = await proposalsFixture(p, adminId, { global: { editWindowMinutes: 5 }, step: { creationEnabled: true } });
    const author = await signedInClient(p);
    const id = await draft(author.client, f, "A bench at every bus stop");
    await publish(author.client, f, id);
    expect((await author.client.get(`${f.base}/${id}`)).body).toContain(`href="${f.base}/${id}/edit"`);
    const ok = await author.client.post(`${f.base}/${id}/edit`, { title: "A bench at every tram stop", body: BODY, language: "en" }, { formPage: `${f.base}/${id}/edit` });
    expect(ok.statusCode).toBe(303);

    const stranger = await signedInClient(p);
    const refused = await stranger.client.get(`${f.base}/${id}/edit`);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain("Only the authors of a proposal may do this.");

    await p.deps.db.execute(sql`update proposals set published_at = now() - interval '6 minutes' where id = ${id}`);
    const late = await author.client.get(`${f.base}/${id}/edit`);
    expect(late.statusCode).toBe(403);
    expect(late.body).toContain("The time to edit this proposal is over.");
    expect((await author.client.get(`${f.base}/${id}`)).body).not.toContain(`href="${f.base}/${id}/edit"`);
    // A form kept open in another tab is refused too.
    const csrf = /name="_csrf" value="([^"]+)"/.exec((await author.client.get(f.base)).body)?.[1] ?? "";
    const stale = await author.client.post(`${f.base}/${id}/edit`, { title: "A bench at every metro stop", body: BODY, language: "en" }, { csrf });
    expect(stale.statusCode).toBe(403);
    const title = await p.deps.db.execute<{ t: string }>(sql`select title->>'en' as t from proposals where id = ${id}`);
    expect(title.rows[0]?.t).toBe("A bench at every tram stop");

    // With no window (0), the author edits until an answer is published.
    await f.configure({ editWindowMinutes: 0 }, { creationEnabled: true });
    expect((await author.client.get(`${f.base}/${id}/edit`)).statusCode).toBe(200);
    await p.deps.db.execute(sql`update proposals set state_id = (select id from proposal_states where component_id = ${f.component.id} and token = 'evaluating'), state_published_at = now() where id = ${id}`);
    const answered = await author.client.get(`${f.base}/${id}/edit`);
    expect(answered.statusCode).toBe(403);
    expect(answered.body).toContain("This proposal has been answered");
  });

  it("keeps to the proposal limit, withdraws only unsupported proposals and discards drafts", async () => {
    const f = await proposalsFixture(p, adminId, { global: { proposalLimit: 1 }, step: { creationEnabled: true, supportsEnabled: true } });
    const author = await signedInClient(p);
    const first = await draft(author.client, f, "Free water fountains in parks");
    await publish(author.client, f, first);
    const second = await draft(author.client, f, "Free water fountains at stations");
    const refused = await publish(author.client, f, second);
    expect(refused.statusCode).toBe(303);
    const flash = await author.client.get(String(refused.headers.location));
    expect(flash.body).toContain("You have already published 1 proposal, the most one person may publish here.");
    expect((await englishClient(p).then((c) => c.get(f.base))).body).not.toContain("Free water fountains at stations");

    // Supported, it cannot be withdrawn; once the support is taken back, it can.
    const supporter = await signedInClient(p);
    expect((await supporter.client.post(`${f.base}/${first}/support`, {}, { formPage: `${f.base}/${first}` })).statusCode).toBe(303);
    const blocked = await author.client.get(`${f.base}/${first}/withdraw`);
    expect(blocked.statusCode).toBe(403);
    expect(blocked.body).toContain("A proposal that people support cannot be withdrawn.");
    await supporter.client.post(`${f.base}/${first}/unsupport`, {}, { formPage: `${f.base}/${first}` });
    const confirm = await author.client.get(`${f.base}/${first}/withdraw`);
    expect(confirm.statusCode).toBe(200);
    const done = await author.client.post(`${f.base}/${first}/withdraw`, {}, { formPage: `${f.base}/${first}/withdraw` });
    expect(done.statusCode).toBe(303);
    const visitor = await englishClient(p);
    expect((await visitor.get(f.base)).body).not.toContain("Free water fountains in parks");
    const withdrawn = await visitor.get(`${f.base}?withdrawn=on`);
    expect(withdrawn.body).toContain("Free water fountains in parks");
    expect(withdrawn.body).toContain("1 withdrawn proposal");
    // A withdrawn proposal no longer counts towards the limit.
    expect((await publish(author.client, f, second)).statusCode).toBe(303);
    expect((await visitor.get(f.base)).body).toContain("Free water fountains at stations");

    const third = await draft(author.client, f, "A third idea about water");
    expect((await author.client.get(`${f.base}/${third}/discard`)).statusCode).toBe(200);
    expect((await author.client.post(`${f.base}/${third}/discard`, {}, { formPage: `${f.base}/${third}/discard` })).statusCode).toBe(303);
    expect((await author.client.get(`${f.base}/${third}`)).statusCode).toBe(404);
  });
});
