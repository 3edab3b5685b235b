/** A person's texts data: exported (annotations, amendments, reactions, adoption votes), and on deletion their annotations and amendments stay without them while reactions and votes go. */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInClient } from "../../core/accounts/testing";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { textFixture } from "./participation-testing";
import { eraseTextData, exportTextData } from "./personal-data";

let p: TestPlatform;
let adminId = 0;

beforeAll(async () => {
  p = await createTestPlatform();
  adminId = (await signedInClient(p, { isAdmin: true })).userId;
});
afterAll(() => p.stop());

describe("personal data of the texts component", () => {
  it("exports a person's rows and erases them as the deletion page says", async () => {
    const f = await textFixture(p, adminId, ["Meetings are public."]);
    await f.stepSettings({ amendmentsEnabled: true });
    const mia = await signedInClient(p, { name: "Mia Member" });
    await mia.client.post(`${f.blockHref(0)}/annotations`, { exact: "public", note: "Good." }, { formPage: f.blockHref(0) });
    await mia.client.post(`${f.blockHref(0)}/amendments`, { kind: "delete" }, { formPage: f.blockHref(0) });
    const amendment = Number((await p.deps.db.execute<{ id: string }>(sql`select id from text_amendments where text_id = ${f.textId}`)).rows[0]?.id);
    await mia.client.post(`${f.textHref}/amendments/${amendment}/react`, { value: "1" }, { formPage: `${f.textHref}/amendments/${amendment}` });
    await p.deps.db.execute(sql`insert into text_adoption_ballots (version_id, user_id, choice) values (${f.versionId}, ${mia.userId}, 'for')`);

    const data = (await exportTextData(p.deps.db, mia.userId)) as Record<string, Array<Record<string, unknown>>>;
    expect(data.annotations?.map((a) => a.note)).toEqual(["Good."]);
    expect(data.amendments?.map((a) => a.kind)).toEqual(["delete"]);
    expect(data.amendmentReactions?.map((r) => r.value)).toEqual([1]);
    expect(data.adoptionVotes?.map((v) => v.choice)).toEqual(["for"]);

    await p.deps.db.transaction((tx) => eraseTextData(tx, { id: mia.userId }));
    const left = await p.deps.db.execute<{ annotations: number; amendments: number; reactions: number; ballots: number }>(sql`
      select (select count(*)::int from text_annotations where text_id = ${f.textId} and author_id is null) as annotations,
        (select count(*)::int from text_amendments where text_id = ${f.textId} and author_id is null) as amendments,
        (select count(*)::int from text_amendment_reactions where user_id = ${mia.userId}) as reactions,
        (select count(*)::int from text_adoption_ballots where user_id = ${mia.userId}) as ballots`);
    expect(left.rows[0]).toEqual({ annotations: 1, amendments: 1, reactions: 0, ballots: 0 });
  });
});
