/**
 * The conversations demo: the students' budget space has a published conversation with its seed
 * statements and a few hundred synthetic participants, and its first tick already shows at least
 * two opinion groups (the report and the embedded page read it at once).
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SPACES } from "../../core/spaces/seeds";
import { seedDemo } from "../../seeds";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { DEMO_STATEMENTS, demoVotes } from "./demo";
import { closeSharedWorker } from "./math";

let p: TestPlatform;

beforeAll(async () => {
  p = await createTestPlatform();
  await seedDemo(p.deps);
}, 240_000);
afterAll(async () => {
  await p.stop();
  await closeSharedWorker();
});

describe("the conversations demo", () => {
  it("seeds the students' conversation whose first tick has at least two groups", async () => {
    const rows = await p.deps.db.execute<{ id: string; component_id: string; slug: string; topic: Record<string, string>; statements: number; participants: number; votes: number; groups: number; in_conv: number }>(sql`
      select cv.id, c.id as component_id, s.slug, cv.topic,
        (select count(*)::int from conversation_statements st where st.conversation_id = cv.id) as statements,
        (select count(*)::int from conversation_participants pa where pa.conversation_id = cv.id) as participants,
        (select count(*)::int from conversation_votes v where v.conversation_id = cv.id) as votes,
        json_array_length(m.pca2->'group-clusters') as groups, json_array_length(m.pca2->'in-conv') as in_conv
      from conversations cv join components c on c.id = cv.component_id join spaces s on s.id = c.space_id
      join conversation_math m on m.conversation_id = cv.id
      where c.manifest = 'conversations' and cv.published_at is not null`);
    const demo = rows.rows.find((r) => r.slug === DEMO_SPACES.budgetStudents);
    expect(demo).toBeDefined();
    expect(Object.keys(demo?.topic ?? {}).sort()).toEqual(["de", "en", "fr", "nl"]);
    expect(demo?.statements).toBe(DEMO_STATEMENTS.length);
    expect(demo?.participants).toBeGreaterThanOrEqual(200);
    expect(demo?.votes).toBe(demoVotes().length);
    expect(demo?.groups).toBeGreaterThanOrEqual(2);
    expect(demo?.in_conv).toBeGreaterThanOrEqual(200);
    // The same votes on every fresh demo.
    expect(demoVotes()).toEqual(demoVotes());

    const report = await p.client().get(`/spaces/${demo?.slug}/c/${demo?.component_id}/conversations/${demo?.id}/report`);
    expect(report.statusCode).toBe(200);
    expect(report.body).toContain("Groupe B"); // The demo organization speaks French.
  });
});
