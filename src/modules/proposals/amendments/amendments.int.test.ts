/**
 * Amendments, without JavaScript: a participant amends someone else's proposal (draft, preview with
 * its word-level diff, publish), the proposal's authors and followers hear of it, the authors accept
 * it (the proposal takes the wording, the amender co-authors it, the old wording is kept) or reject
 * it (reason optional), a rejected amendment is promoted once, the amender withdraws one; every
 * transition refused when its step setting is off, by the wrong person or in the wrong state; the
 * "participants" visibility; the kit on an amendment; personal data.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishClient, signedInClient } from "../../../core/accounts/testing";
import { getComponentManifest } from "../../../core/components/registry";
import { waitForRelay } from "../../../core/notifications/relay";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../../test/platform";
import { idFromLocation, proposalsFixture, type ProposalsFixture } from "../testing";

let p: TestPlatform;
let adminId = 0;

beforeAll(async () => {
  p = await createTestPlatform();
  adminId = (await signedInClient(p, { isAdmin: true })).userId;
});
afterAll(() => p.stop());

const BODY = "Plant trees along the canal so that the walk is shaded in summer.";
const OPEN = { amendmentCreationEnabled: true, amendmentReactionEnabled: true, amendmentPromotionEnabled: true };

async function published(f: ProposalsFixture, authorId: number, title: string, opts: { withdrawn?: boolean } = {}): Promise<number> {
  const rows = await p.deps.db.execute<{ id: string }>(sql`
    insert into proposals (component_id, author_id, title, body, language, published_at, withdrawn_at)
    values (${f.component.id}, ${authorId}, ${JSON.stringify({ en: title })}::jsonb, ${JSON.stringify({ en: BODY })}::jsonb, 'en', now(), ${opts.withdrawn ? sql`now()` : null}) returning id`);
  return Number(rows.rows[0]?.id);
}

/** Writes and publishes an amendment; returns its id. */
async function amend(client: TestClient, f: ProposalsFixture, proposalId: number, title: string, body = BODY, publish = true): Promise<number> {
  const res = await client.post(`${f.base}/${proposalId}/amend`, { title, body }, { formPage: `${f.base}/${proposalId}/amend` });
  expect(res.statusCode, res.body).toBe(303);
  const id = idFromLocation(res.headers.location);
  expect(res.headers.location).toBe(`${f.base}/${proposalId}/amendments/${id}`);
  if (publish) {
    const pub = await client.post(`${f.base}/${proposalId}/amendments/${id}/publish`, {}, { formPage: `${f.base}/${proposalId}/amendments/${id}` });
    expect(pub.statusCode, pub.body).toBe(303);
  }
  return id;
}

const stateOf = async (id: number) => (await p.deps.db.execute<{ state: string }>(sql`select state from proposal_amendments where id = ${id}`)).rows[0]?.state;

/** Posts and follows the redirect: the flash the person then reads. */
async function postAndRead(client: TestClient, url: string, fields: Record<string, string>, formPage: string): Promise<{ status: number; location: string; page: string }> {
  const res = await client.post(url, fields, { formPage });
  const location = String(res.headers.location ?? "");
  const page = res.statusCode === 303 ? (await client.get(location)).body : res.body;
  return { status: res.statusCode, location, page };
}

async function notices(userId: number, kind: string): Promise<number> {
  await waitForRelay(p.deps, { relay: true });
  const r = await p.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from notifications where user_id = ${userId} and kind = ${kind}`);
  return r.rows[0]?.n ?? 0;
}

describe("amending a proposal", () => {
  it("is configured in the generated settings form and gated as the `amend` permission", async () => {
    const admin = await signedInClient(p, { isAdmin: true });
    const f = await proposalsFixture(p, admin.userId);
    const edit = await admin.client.get(`/admin/spaces/${f.space.id}/components/${f.component.id}/edit`);
    expect(edit.statusCode).toBe(200);
    for (const label of ["Participants may amend proposals", "Participants may write amendments", "Authors may accept or reject amendments", "A rejected amendment may become a proposal", "Who sees amendments", "Only their authors (and the proposal’s authors)"]) expect(edit.body).toContain(label);
    expect((await admin.client.get(`/admin/spaces/${f.space.id}/components/${f.component.id}/permissions`)).body).toContain("Amend a proposal");
  });

  it("goes from a private draft with its diff to a published amendment the authors and followers hear of, and is refused where it must be", async () => {
    const f = await proposalsFixture(p, adminId);
    const author = await signedInClient(p);
    const follower = await signedInClient(p);
    const amender = await signedInClient(p);
    const id = await published(f, author.userId, "Trees along the canal walk");
    await follower.client.post("/follows", { resourceType: "proposal", resourceId: String(id), follow: "on" }, { formPage: `${f.base}/${id}` });

    // Amendments are off by default, and need both the component's and the step's setting.
    const closed = await amender.client.get(`${f.base}/${id}/amend`);
    expect(closed.statusCode).toBe(403);
    expect(closed.body).toContain("Amendments cannot be written at this stage.");
    await f.configure({}, OPEN);
    expect((await amender.client.get(`${f.base}/${id}/amend`)).statusCode).toBe(403);
    await f.configure({ amendmentsEnabled: true }, OPEN);

    // Not one's own proposal, not a withdrawn one, not as a visitor.
    const own = await author.client.get(`${f.base}/${id}/amend`);
    expect(own.statusCode).toBe(403);
    expect(own.body).toContain("You cannot amend your own proposal");
    expect((await author.client.get(`${f.base}/${id}`)).body).not.toContain(`href="${f.base}/${id}/amend"`);
    const withdrawn = await published(f, author.userId, "A withdrawn proposal about benches", { withdrawn: true });
    expect((await amender.client.get(`${f.base}/${withdrawn}/amend`)).statusCode).toBe(403);
    expect((await (await englishClient(p)).get(`${f.base}/${id}/amend`)).headers.location).toContain("/users/sign-in");

    // The form starts from the proposal's wording; an unchanged amendment proposes nothing.
    expect((await amender.client.get(`${f.base}/${id}`)).body).toContain(`href="${f.base}/${id}/amend"`);
    const form = await amender.client.get(`${f.base}/${id}/amend`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="Trees along the canal walk"');
    const unchanged = await amender.client.post(`${f.base}/${id}/amend`, { title: "Trees along the canal walk", body: BODY }, { formPage: `${f.base}/${id}/amend` });
    expect(unchanged.statusCode).toBe(422);
    expect(unchanged.body).toContain("the amendment must propose something");
    const short = await amender.client.post(`${f.base}/${id}/amend`, { title: "Oaks", body: BODY }, { formPage: `${f.base}/${id}/amend` });
    expect(short.statusCode).toBe(422);
    expect(short.body).toContain("The title must be between 10 characters");

    const aid = await amend(amender.client, f, id, "Oak trees along the canal walk <b>now</b>", `${BODY} And benches.`, false);
    const url = `${f.base}/${id}/amendments/${aid}`;
    expect(await stateOf(aid)).toBe("draft");
    const preview = await amender.client.get(url);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain("This is a preview of your amendment");
    expect(preview.body).toContain('<ins><span class="visually-hidden">[added: </span>Oak trees <span class="visually-hidden"> end of added text]</span></ins>along');
    expect(preview.body).toContain("&lt;b>now&lt;/b>");
    expect(preview.body).not.toContain("<b>now</b>");
    // A draft is its amender's only; a second one for the same proposal goes back to it.
    expect((await author.client.get(url)).statusCode).toBe(404);
    expect((await (await englishClient(p)).get(`${f.base}/${id}`)).body).not.toContain("Oak trees along the canal walk");
    const again = await amender.client.get(`${f.base}/${id}/amend`);
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe(url);
    const edited = await amender.client.post(`${url}/edit`, { title: "Oak trees along the canal walk", body: `${BODY} And benches.` }, { formPage: `${url}/edit` });
    expect(edited.statusCode).toBe(303);

    const published_ = await postAndRead(amender.client, `${url}/publish`, {}, url);
    expect(published_.page).toContain("Your amendment is published.");
    expect(await stateOf(aid)).toBe("evaluating");
    const publicPage = await (await englishClient(p)).get(url);
    expect(publicPage.statusCode).toBe(200);
    expect(publicPage.body).toContain("Being evaluated");
    expect(publicPage.body).toContain("<del>");
    const proposalPage = await (await englishClient(p)).get(`${f.base}/${id}`);
    expect(proposalPage.body).toContain(`id="amendment-${aid}"`);
    expect(proposalPage.body).toContain("Oak trees along the canal walk");

    // The proposal's author and its follower hear of it, the amender does not.
    expect(await notices(author.userId, "proposal.amendmentCreated")).toBe(1);
    expect(await notices(follower.userId, "proposal.amendmentCreated")).toBe(1);
    expect(await notices(amender.userId, "proposal.amendmentCreated")).toBe(0);
    const notice = await p.deps.db.execute<{ url: string }>(sql`select url from notifications where user_id = ${author.userId} and kind = 'proposal.amendmentCreated'`);
    expect(notice.rows[0]?.url).toBe(`${f.base}/${id}#amendment-${aid}`);

    // Discarding a draft deletes it.
    const other = await signedInClient(p);
    const draft = await amend(other.client, f, id, "Lime trees along the canal walk", BODY, false);
    const discarded = await other.client.post(`${f.base}/${id}/amendments/${draft}/discard`, {}, { formPage: `${f.base}/${id}/amendments/${draft}` });
    expect(discarded.statusCode).toBe(303);
    expect(await stateOf(draft)).toBeUndefined();
  });

  it("is accepted by the proposal's author: the proposal takes the wording, the amender co-authors it, the old wording is kept", async () => {
    const f = await proposalsFixture(p, adminId, { global: { amendmentsEnabled: true }, step: { amendmentCreationEnabled: true } });
    const author = await signedInClient(p);
    const amender = await signedInClient(p);
    const later = await signedInClient(p);
    const stranger = await signedInClient(p);
    const id = await published(f, author.userId, "Trees along the canal walk");
    const aid = await amend(amender.client, f, id, "Oak trees along the canal walk");
    const bid = await amend(later.client, f, id, "Trees and benches along the canal walk");
    const url = `${f.base}/${id}/amendments/${aid}`;

    // Reactions closed in this step: no buttons, and a post is refused.
    expect((await author.client.get(url)).body).not.toContain(`action="${url}/accept"`);
    const closed = await postAndRead(author.client, `${url}/accept`, {}, url);
    expect(closed.page).toContain("Amendments cannot be accepted or rejected at this stage.");
    expect(await stateOf(aid)).toBe("evaluating");
    await f.configure({ amendmentsEnabled: true }, { amendmentCreationEnabled: true, amendmentReactionEnabled: true });

    // Only the proposal's authors react: not a stranger, not the amender.
    expect((await stranger.client.get(url)).body).not.toContain(`action="${url}/accept"`);
    const wrong = await postAndRead(stranger.client, `${url}/accept`, {}, url);
    expect(wrong.page).toContain("Only the proposal’s authors can accept or reject its amendments.");
    await postAndRead(amender.client, `${url}/accept`, {}, url);
    expect(await stateOf(aid)).toBe("evaluating");

    expect((await author.client.get(url)).body).toContain(`action="${url}/accept"`);
    const accepted = await postAndRead(author.client, `${url}/accept`, {}, url);
    expect(accepted.location).toBe(`${f.base}/${id}`);
    expect(accepted.page).toContain("The amendment is accepted");
    expect(await stateOf(aid)).toBe("accepted");
    const row = await p.deps.db.execute<{ title: string }>(sql`select title->>'en' as title from proposals where id = ${id}`);
    expect(row.rows[0]?.title).toBe("Oak trees along the canal walk");
    const co = await p.deps.db.execute<{ status: string }>(sql`select status from coauthorships where resource_type = 'proposal' and resource_id = ${id} and user_id = ${amender.userId}`);
    expect(co.rows[0]?.status).toBe("accepted");
    // The proposal's page: the new wording, the amender among its authors, the version it replaced.
    const page = await (await englishClient(p)).get(`${f.base}/${id}`);
    expect(page.body).toContain("<h1>Oak trees along the canal walk</h1>");
    expect(page.body).toContain("Earlier versions");
    expect(page.body).toContain("Trees along the canal walk");
    const amendmentPage = await (await englishClient(p)).get(url);
    expect(amendmentPage.body).toContain("The version it replaced");
    expect(amendmentPage.body).toContain("Accepted");
    // The amender hears of it; accepting twice is refused.
    expect(await notices(amender.userId, "amendment.accepted")).toBe(1);
    const twice = await postAndRead(author.client, `${url}/accept`, {}, `${f.base}/${id}`);
    expect(twice.page).toContain("This amendment is no longer being evaluated.");

    // An amendment written on the old wording keeps its diff against it, and says the proposal changed.
    const b = await (await englishClient(p)).get(`${f.base}/${id}/amendments/${bid}`);
    expect(b.body).toContain("The proposal has changed since this amendment was written");
    expect(b.body).toContain('<ins><span class="visually-hidden">[added: </span>and benches');
    expect(b.body).not.toContain("[removed: </span>Oak");
    // The amender, now a co-author, cannot amend it any more.
    expect((await amender.client.get(`${f.base}/${id}/amend`)).statusCode).toBe(403);
  });

  it("on an official proposal is accepted by the space's administrators, keeping its other translations and no co-author", async () => {
    const admin = await signedInClient(p, { isAdmin: true });
    const f = await proposalsFixture(p, admin.userId, { global: { amendmentsEnabled: true }, step: { amendmentCreationEnabled: true, amendmentReactionEnabled: true, amendmentsVisibility: "all" } });
    const amender = await signedInClient(p);
    const stranger = await signedInClient(p);
    const rows = await p.deps.db.execute<{ id: string }>(sql`
      insert into proposals (component_id, official, title, body, language, published_at)
      values (${f.component.id}, true, ${JSON.stringify({ en: "Open data by default", fr: "Des données ouvertes par défaut" })}::jsonb,
        ${JSON.stringify({ en: BODY, fr: "Les données publiques sont ouvertes par défaut." })}::jsonb, 'en', now()) returning id`);
    const id = Number(rows.rows[0]?.id);
    const aid = await amend(amender.client, f, id, "Open data by default, with a register");
    const url = `${f.base}/${id}/amendments/${aid}`;
    // A participant who is not staff may not react; the administrator sees the buttons and accepts.
    // Published like any other (an official proposal has no author to compare the amender with).
    expect(await stateOf(aid)).toBe("evaluating");
    const wrong = await postAndRead(stranger.client, `${url}/accept`, {}, url);
    expect(wrong.page).toContain("Only the proposal’s authors can accept or reject its amendments.");
    expect(await stateOf(aid)).toBe("evaluating");
    expect((await admin.client.get(url)).body).toContain(`action="${url}/accept"`);
    expect((await admin.client.get(`${url}/reject`)).statusCode).toBe(200);
    const accepted = await postAndRead(admin.client, `${url}/accept`, {}, url);
    expect(accepted.location).toBe(`${f.base}/${id}`);
    expect(await stateOf(aid)).toBe("accepted");
    const row = await p.deps.db.execute<{ en: string; fr: string; official: boolean }>(sql`select title->>'en' as en, title->>'fr' as fr, official from proposals where id = ${id}`);
    expect(row.rows[0]).toEqual({ en: "Open data by default, with a register", fr: "Des données ouvertes par défaut", official: true });
    const co = await p.deps.db.execute(sql`select 1 from coauthorships where resource_type = 'proposal' and resource_id = ${id}`);
    expect(co.rows).toHaveLength(0);
  });

  it("is rejected with or without a reason, promoted once, or withdrawn by its amender", async () => {
    const f = await proposalsFixture(p, adminId, { global: { amendmentsEnabled: true }, step: { amendmentCreationEnabled: true, amendmentReactionEnabled: true } });
    const author = await signedInClient(p);
    const amender = await signedInClient(p);
    const id = await published(f, author.userId, "Night buses on weekdays");
    const aid = await amend(amender.client, f, id, "Night buses every day of the week");
    const url = `${f.base}/${id}/amendments/${aid}`;

    const form = await author.client.get(`${url}/reject`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="reason"');
    expect((await amender.client.get(`${url}/reject`)).statusCode).toBe(404);
    const tooLong = await author.client.post(`${url}/reject`, { reason: "x".repeat(2001) }, { formPage: `${url}/reject` });
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.body).toContain("The reason must be at most 2,000 characters.");
    const rejected = await postAndRead(author.client, `${url}/reject`, { reason: "Weekends are already covered." }, `${url}/reject`);
    expect(rejected.page).toContain("The amendment has been rejected.");
    expect(await stateOf(aid)).toBe("rejected");
    expect((await (await englishClient(p)).get(url)).body).toContain("Weekends are already covered.");
    expect(await notices(amender.userId, "amendment.rejected")).toBe(1);
    // A rejected amendment cannot be accepted, nor withdrawn.
    expect((await postAndRead(author.client, `${url}/accept`, {}, url)).page).toContain("This amendment is no longer being evaluated.");
    expect((await postAndRead(amender.client, `${url}/withdraw`, {}, url)).page).toContain("Only an amendment being evaluated can be withdrawn");

    // Promotion closed: refused; open: by its amender only, once.
    const count = async () => (await p.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from proposals where component_id = ${f.component.id}`)).rows[0]?.n;
    expect((await amender.client.get(url)).body).not.toContain(`action="${url}/promote"`);
    expect((await postAndRead(amender.client, `${url}/promote`, {}, url)).page).toContain("Rejected amendments cannot become proposals at this stage.");
    expect(await count()).toBe(1);
    await f.configure({ amendmentsEnabled: true }, { amendmentCreationEnabled: true, amendmentReactionEnabled: true, amendmentPromotionEnabled: true });
    expect((await author.client.post(`${url}/promote`, {}, { formPage: url })).statusCode).toBe(404);
    expect((await amender.client.get(url)).body).toContain(`action="${url}/promote"`);
    const promoted = await postAndRead(amender.client, `${url}/promote`, {}, url);
    expect(promoted.page).toContain("Your amendment is now a proposal of its own.");
    const newId = idFromLocation(promoted.location);
    expect(newId).not.toBe(id);
    expect(promoted.page).toContain("Night buses every day of the week");
    expect(promoted.page).toContain("This proposal comes from a rejected amendment of:");
    expect(promoted.page).toContain(`href="${url}"`);
    expect(await count()).toBe(2);
    expect((await postAndRead(amender.client, `${url}/promote`, {}, url)).page).toContain("This amendment has already become a proposal.");
    expect(await count()).toBe(2);
    expect((await (await englishClient(p)).get(url)).body).toContain(`href="${f.base}/${newId}"`);
    expect(await notices(author.userId, "proposal.amendmentPromoted")).toBe(1);

    // Withdrawing: the amender only, while it is evaluated, once.
    const wid = await amend(amender.client, f, id, "Night buses on weekdays and holidays");
    const wurl = `${f.base}/${id}/amendments/${wid}`;
    expect((await postAndRead(author.client, `${wurl}/withdraw`, {}, wurl)).page).toContain("Only an amendment being evaluated can be withdrawn");
    expect(await stateOf(wid)).toBe("evaluating");
    expect((await postAndRead(amender.client, `${wurl}/withdraw`, {}, wurl)).page).toContain("Your amendment has been withdrawn.");
    expect(await stateOf(wid)).toBe("withdrawn");
    expect((await postAndRead(author.client, `${wurl}/accept`, {}, wurl)).page).toContain("This amendment is no longer being evaluated.");
    expect((await postAndRead(author.client, `${wurl}/reject`, {}, wurl)).page).toContain("This amendment is no longer being evaluated.");
  });

  it("shows amendments to their amender and the proposal's authors only with the participants visibility", async () => {
    const f = await proposalsFixture(p, adminId, { global: { amendmentsEnabled: true }, step: { amendmentCreationEnabled: true, amendmentsVisibility: "participants" } });
    const author = await signedInClient(p);
    const follower = await signedInClient(p);
    const amender = await signedInClient(p);
    const id = await published(f, author.userId, "Water fountains in parks");
    await follower.client.post("/follows", { resourceType: "proposal", resourceId: String(id), follow: "on" }, { formPage: `${f.base}/${id}` });
    const aid = await amend(amender.client, f, id, "Water fountains in every park");
    const url = `${f.base}/${id}/amendments/${aid}`;
    expect((await amender.client.get(url)).statusCode).toBe(200);
    expect((await author.client.get(url)).statusCode).toBe(200);
    expect((await follower.client.get(url)).statusCode).toBe(404);
    expect((await (await englishClient(p)).get(url)).statusCode).toBe(404);
    expect((await follower.client.get(`${f.base}/${id}`)).body).not.toContain("Water fountains in every park");
    expect((await author.client.get(`${f.base}/${id}`)).body).toContain("Water fountains in every park");
    expect(await notices(author.userId, "proposal.amendmentCreatedForAuthors")).toBe(1);
    expect(await notices(follower.userId, "proposal.amendmentCreatedForAuthors")).toBe(0);
  });

  it("takes comments and endorsements through the participation kit, and is in its amender's data", async () => {
    const f = await proposalsFixture(p, adminId, { global: { amendmentsEnabled: true }, step: { amendmentCreationEnabled: true } });
    const author = await signedInClient(p);
    const amender = await signedInClient(p);
    const reader = await signedInClient(p);
    const id = await published(f, author.userId, "Bike lanes on the ring road");
    const aid = await amend(amender.client, f, id, "Protected bike lanes on the ring road");
    const url = `${f.base}/${id}/amendments/${aid}`;
    const commented = await reader.client.post("/comments", { resourceType: "amendment", resourceId: String(aid), body: "Protected ones, yes.", return_to: url }, { formPage: url });
    expect(commented.statusCode).toBe(303);
    const endorsed = await reader.client.post("/endorsements", { resourceType: "amendment", resourceId: String(aid), endorse: "on" }, { formPage: url });
    expect(endorsed.statusCode).toBe(303);
    const page = await reader.client.get(url);
    expect(page.body).toContain("Protected ones, yes.");
    expect(page.body).toContain('aria-pressed="true"');
    expect(page.body).toContain('action="/reports"');
    // The amender hears of the comment on their amendment, and of the endorsement.
    expect(await notices(amender.userId, "amendment.commented")).toBe(1);
    expect(await notices(amender.userId, "amendment.endorsed")).toBe(1);

    // Their data: the amendments they wrote; on deletion drafts go, published ones stay.
    const draftOn = await published(f, author.userId, "Street lights on the ring road");
    const draft = await amend(amender.client, f, draftOn, "Dimmed street lights on the ring road", BODY, false);
    const manifest = getComponentManifest("proposals");
    const data = (await manifest?.personalData?.export(p.deps.db, amender.userId)) as { amendments: Array<{ title: string; state: string }> };
    expect(data.amendments.map((a) => [a.title, a.state])).toEqual([
      ["Protected bike lanes on the ring road", "evaluating"],
      ["Dimmed street lights on the ring road", "draft"],
    ]);
    await p.deps.db.transaction(async (tx) => manifest?.personalData?.erase(tx, { id: amender.userId, email: amender.email }));
    expect(await stateOf(draft)).toBeUndefined();
    expect(await stateOf(aid)).toBe("evaluating");
  });
});
