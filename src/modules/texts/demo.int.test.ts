/**
 * The texts demo on its own (not the whole demo organization): the assembly's charter published as
 * version 1 in French with every paragraph translated, comments on paragraphs, readable in French and
 * in English (the translations shown, the French left as the text's language).
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInClient } from "../../core/accounts/testing";
import { findSpaceById } from "../../core/spaces/queries";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { publishedProcess } from "../../test/spaces";
import { CHARTER, seedTextsDemo } from "./demo";

let p: TestPlatform;
let textUrl: string;

beforeAll(async () => {
  p = await createTestPlatform();
  const { userId } = await signedInClient(p, { isAdmin: true });
  const { id } = await publishedProcess(p, userId, { prefix: "nancy" });
  const space = await findSpaceById(p.deps.db, id);
  if (!space) throw new Error("space");
  await seedTextsDemo(p.deps, { adminId: userId, spaces: { assembly: space } });
  const [row] = (await p.deps.db.execute<{ id: string; component_id: string }>(sql`select id, component_id from texts`)).rows;
  textUrl = `/spaces/${space.slug}/c/${row?.component_id}/texts/${row?.id}`;
}, 60_000);
afterAll(() => p.stop());

describe("the texts demo", () => {
  it("publishes the charter with translations and comments on its paragraphs", async () => {
    const [v] = (await p.deps.db.execute<{ number: number; status: string; blocks: number; translated: number; comments: number }>(sql`
      select v.number, v.status, (select count(*)::int from text_version_blocks vb where vb.version_id = v.id) as blocks,
        (select count(*)::int from text_version_blocks vb where vb.version_id = v.id and vb.translations ?& array['en', 'nl', 'de']) as translated,
        (select count(*)::int from comments c where c.resource_type = 'text_block') as comments
      from text_versions v`)).rows;
    expect(v).toEqual({ number: 1, status: "published", blocks: CHARTER.length, translated: CHARTER.length, comments: 7 });
  });

  it("reads in French, and in English through the paragraphs' translations", async () => {
    const fr = p.client();
    await fr.get("/locale/fr");
    const page = await fr.get(textUrl);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Article 1 — Droit de participer");
    expect(page.body).toContain("Sommaire");
    expect(page.body).toMatch(/2 commentaires, 1 annotation/);
    expect(page.body).toMatch(/commentaires?, aucune annotation/);
    // Members' annotations on two passages and an amendment awaiting the editors.
    const [counts] = (await p.deps.db.execute<{ annotations: number; amendments: number }>(sql`
      select (select count(*)::int from text_annotations where status = 'anchored') as annotations,
             (select count(*)::int from text_amendments where status = 'pending') as amendments`)).rows;
    expect(counts).toEqual({ annotations: 2, amendments: 1 });
    const en = p.client();
    await en.get("/locale/en");
    const english = await en.get(textUrl);
    expect(english.body).toContain("Article 1 — Right to take part");
    expect(english.body).toContain("whatever their nationality");
  });
});
