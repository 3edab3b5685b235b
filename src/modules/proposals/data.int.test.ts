/**
 * A proposals component in the rest of the platform: added and configured from the back office (the
 * generated settings form, labelled in every field), found by the site search, in a person's data
 * download and erased with their account (drafts gone, published proposals kept), and guarded against
 * deletion once it holds participation.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishClient, signedInClient } from "../../core/accounts/testing";
import { getComponentManifest } from "../../core/components/registry";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { countProposals, countSupports, participationIn } from "./participation";
import { proposalsFixture } from "./testing";

let p: TestPlatform;
let admin: TestClient;
let adminId = 0;

beforeAll(async () => {
  p = await createTestPlatform();
  const signed = await signedInClient(p, { isAdmin: true });
  admin = signed.client;
  adminId = signed.userId;
});
afterAll(() => p.stop());

describe("proposals in the platform", () => {
  it("is added from the back office and configured through its generated settings form", async () => {
    const f = await proposalsFixture(p, adminId);
    const list = `/admin/spaces/${f.space.id}/components`;
    const added = await admin.post(list, { manifest: "proposals", "name.en": "Free contributions" }, { formPage: list });
    expect(added.statusCode).toBe(303);
    const page = await admin.get(list);
    expect(page.body).toContain("Free contributions");
    const id = Number((await p.deps.db.execute<{ id: string }>(sql`select id from components where space_id = ${f.space.id} and name->>'en' = 'Free contributions'`)).rows[0]?.id);
    expect(page.body).toContain(`/components/${id}/manage`);
    const edit = await admin.get(`${list}/${id}/edit`);
    expect(edit.statusCode).toBe(200);
    for (const label of ["Supports one person may give (0: no limit)", "Minimum supports per person", "Participants may write proposals", "Default order of the list", "Most supported", "Comments enabled", "Endorsements enabled"]) expect(edit.body).toContain(label);
    expect(edit.body).not.toMatch(/>proposals\.settings\./);
    const permissions = await admin.get(`${list}/${id}/permissions`);
    expect(permissions.body).toContain("Write a proposal");
    expect(permissions.body).toContain("Support");
    // Its back office opens, with the default answer states created on first use.
    const manage = await admin.get(`${list}/${id}/manage/states`);
    expect(manage.statusCode).toBe(200);
    expect(manage.body).toContain("Evaluating");
  });

  it("is found by the site search, but not its drafts", async () => {
    const f = await proposalsFixture(p, adminId);
    await p.deps.db.execute(sql`
      insert into proposals (component_id, author_id, title, body, language, published_at) values
        (${f.component.id}, ${adminId}, '{"en":"Rooftop gardens on schools"}', '{"en":"Grow vegetables on flat roofs."}', 'en', now()),
        (${f.component.id}, ${adminId}, '{"en":"Rooftop solar draft"}', '{"en":"Not published yet."}', 'en', null)`);
    const res = await (await englishClient(p)).get("/search?q=rooftop");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Rooftop gardens on schools");
    expect(res.body).not.toContain("Rooftop solar draft");
  });

  it("exports a person's proposals and supports, erases their drafts, and guards the component", async () => {
    const f = await proposalsFixture(p, adminId, { step: { creationEnabled: true, supportsEnabled: true } });
    const person = await signedInClient(p);
    expect(await participationIn(p.deps.db, [f.component.id])).toBe(0);
    const draft = await person.client.post(`${f.base}/new`, { title: "Compost bins in every street", body: "So that kitchen waste becomes soil again.", language: "en" }, { formPage: `${f.base}/new` });
    const id = Number(/\/(\d+)$/.exec(String(draft.headers.location))?.[1]);
    await person.client.post(`${f.base}/${id}/publish`, {}, { formPage: `${f.base}/${id}` });
    const other = await signedInClient(p);
    await other.client.post(`${f.base}/${id}/support`, {}, { formPage: `${f.base}/${id}` });
    await person.client.post(`${f.base}/new`, { title: "A second idea, still a draft", body: "Not finished yet, but saved.", language: "en" }, { formPage: `${f.base}/new` });
    expect(await participationIn(p.deps.db, [f.component.id])).toBe(3);
    expect(await countProposals(p.deps.db, [f.space.id])).toBe(1);
    expect(await countSupports(p.deps.db, [f.space.id])).toBe(1);

    const manifest = getComponentManifest("proposals");
    const data = (await manifest?.personalData?.export(p.deps.db, person.userId)) as { authored: Array<{ title: Record<string, string> }> };
    expect(data.authored.map((r) => r.title.en)).toEqual(["Compost bins in every street", "A second idea, still a draft"]);
    const supported = (await manifest?.personalData?.export(p.deps.db, other.userId)) as { supports: unknown[] };
    expect(supported.supports.length).toBe(1);

    await p.deps.db.transaction(async (tx) => manifest?.personalData?.erase(tx, { id: person.userId, email: person.email }));
    const left = await p.deps.db.execute<{ t: string }>(sql`select title->>'en' as t from proposals where author_id = ${person.userId}`);
    expect(left.rows.map((r) => r.t)).toEqual(["Compost bins in every street"]);

    // Deleting the component is refused while it holds participation.
    expect((await admin.get(`/admin/spaces/${f.space.id}/components/${f.component.id}/delete`)).statusCode).toBe(200);
    const refused = await admin.post(`/admin/spaces/${f.space.id}/components/${f.component.id}/delete`, {}, { formPage: `/admin/spaces/${f.space.id}/components/${f.component.id}/delete` });
    expect(refused.statusCode).not.toBe(303);
    expect((await p.deps.db.execute(sql`select 1 from components where id = ${f.component.id}`)).rows.length).toBe(1);
  });
});
