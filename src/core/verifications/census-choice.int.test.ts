/**
 * Story: a person follows the README's link to /verifications/census (no space named) and is shown the
 * census lists they may verify against, or taken straight to the only one; an administrator requiring
 * the census for an action picks the list by its space's title, not by typing a space number.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { signedInClient } from "../accounts/testing";
import { components, spacePrivateUsers, spaces } from "../spaces/schema";

let p: TestPlatform;
let admin: TestClient;
let person: { client: TestClient; userId: number };
const ids = { school: 0, club: 0, other: 0 };

const space = async (slug: string, title: string, extra: Partial<typeof spaces.$inferInsert> = {}) => {
  const [row] = await p.deps.db.insert(spaces).values({ type: "process", slug, title: { en: title }, publishedAt: new Date(), ...extra }).returning({ id: spaces.id });
  return row?.id ?? 0;
};
const upload = (id: number) => admin.post(`/admin/census/${id}`, { secondAttribute: "text", csv: "A-1;1000\n" }, { formPage: `/admin/census/${id}` });

beforeAll(async () => {
  p = await createTestPlatform();
  admin = (await signedInClient(p, { isAdmin: true })).client;
  person = await signedInClient(p);
  ids.school = await space("school-budget", "School budget");
  ids.club = await space("club-budget", "Members' club budget", { isPrivate: true });
  ids.other = await space("neighbourhood", "Neighbourhood plan");
});
afterAll(() => p.stop());

describe("/verifications/census without a space", () => {
  it("says there is no list yet, rather than a bare 404", async () => {
    const res = await person.client.get("/verifications/census");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("No space uses a census list at the moment.");
  });

  it("goes straight to the only list the person may use, keeping where to come back", async () => {
    expect((await upload(ids.school)).statusCode).toBe(303);
    // A private space's list is not the person's to see.
    expect((await upload(ids.club)).statusCode).toBe(303);
    const res = await person.client.get("/verifications/census?return_to=%2Fprocesses");
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/verifications/census?space=${ids.school}&return_to=%2Fprocesses`);
  });

  it("lists the lists when there are several, each with its space's title", async () => {
    await p.deps.db.insert(spacePrivateUsers).values({ spaceId: ids.club, userId: person.userId });
    const res = await person.client.get("/verifications/census");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Choose the space whose list includes you.");
    expect(res.body).toContain(`href="/verifications/census?space=${ids.school}"`);
    expect(res.body).toContain(`href="/verifications/census?space=${ids.club}"`);
    expect(res.body).toContain("Verify for School budget");
    expect(res.body).not.toContain("Neighbourhood plan");
  });
});

describe("the census option of an action's permissions", () => {
  it("offers the spaces that have a census list, by title, and saves the chosen one", async () => {
    const list = `/admin/spaces/${ids.other}/components`;
    expect((await admin.post(list, { manifest: "petitions", "name.en": "Petitions" }, { formPage: list })).statusCode).toBe(303);
    const [c] = await p.deps.db.select({ id: components.id }).from(components).where(eq(components.spaceId, ids.other));
    const url = `/admin/spaces/${ids.other}/components/${c?.id}/permissions`;
    const form = await admin.get(url);
    const select = /<select id="field-perm-sign-census-options-censusSpaceId" name="perm.sign.census.options.censusSpaceId"[^>]*>(.*?)<\/select>/s.exec(form.body)?.[1] ?? "";
    expect(select).toContain("<option value selected>This space's own list</option>");
    expect(select).toContain(`<option value="${ids.school}">School budget</option>`);
    expect(select).toContain(`<option value="${ids.club}">Members' club budget</option>`);
    expect(select).not.toContain("Neighbourhood plan");
    expect(form.body).not.toContain('name="perm.sign.census.options.censusSpaceId" type="number"');

    const res = await admin.post(url, { "perm.sign.census.enabled": "on", "perm.sign.census.options.censusSpaceId": String(ids.school) });
    expect(res.statusCode).toBe(303);
    const [saved] = await p.deps.db.select({ permissions: components.permissions }).from(components).where(eq(components.id, c?.id ?? 0));
    expect(saved?.permissions.sign?.handlers.census).toEqual({ censusSpaceId: ids.school });
    expect((await admin.get(url)).body).toContain(`<option value="${ids.school}" selected>School budget</option>`);
  });
});
