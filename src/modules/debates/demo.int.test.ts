/**
 * The debates demo: each school budget's "Committee discussions" with the committee's debates and
 * comments for and against in several languages, one debate closed with its conclusion; readable in
 * French and Dutch, the comments in two columns.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SPACES } from "../../core/spaces/seeds";
import { seedDemo } from "../../seeds";
import { createTestPlatform, type TestPlatform } from "../../test/platform";

let p: TestPlatform;

beforeAll(async () => {
  p = await createTestPlatform();
  await seedDemo(p.deps);
}, 180_000);
afterAll(() => p.stop());

type Row = { component_id: string; slug: string; debates: number; closed: number; locales: number; for_against: number };

describe("the debates demo", () => {
  it("gives each school budget its committee discussions, with comments on both sides and one conclusion", async () => {
    const rows = await p.deps.db.execute<Row>(sql`
      select c.id as component_id, s.slug, count(distinct d.id)::int as debates, count(distinct d.id) filter (where d.closed_at is not null)::int as closed,
        count(distinct cm.locale)::int as locales, count(distinct cm.alignment) filter (where cm.alignment <> 0)::int as for_against
      from components c join spaces s on s.id = c.space_id join debates d on d.component_id = c.id
        left join comments cm on cm.resource_type = 'debate' and cm.resource_id = d.id
      where c.manifest = 'debates' group by c.id, s.slug order by s.slug`);
    expect(rows.rows.map((r) => r.slug).sort()).toEqual([DEMO_SPACES.budgetFaculty, DEMO_SPACES.budgetParents, DEMO_SPACES.budgetStudents].sort());
    for (const r of rows.rows) {
      expect(r.debates).toBeGreaterThanOrEqual(1);
      expect(r.locales).toBeGreaterThanOrEqual(2);
      expect(r.for_against).toBe(2);
    }
    const students = rows.rows.find((r) => r.slug === DEMO_SPACES.budgetStudents);
    expect(students?.closed).toBe(1);

    const closed = await p.deps.db.execute<{ id: string }>(sql`select id from debates where component_id = ${students?.component_id} and closed_at is not null`);
    const base = `/spaces/${DEMO_SPACES.budgetStudents}/c/${students?.component_id}`;
    const fr = p.client();
    await fr.get("/locale/fr");
    const list = await fr.get(`${base}?state=all`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain("Faut-il consacrer la moitié du budget à la cour de récréation ?");
    const page = await fr.get(`${base}/${closed.rows[0]?.id}`);
    expect(page.body).toContain("Le comité propose quatre fontaines à eau");
    expect(page.body).toContain("comments-column-in-favour");
    const nl = p.client();
    await nl.get("/locale/nl");
    expect((await nl.get(`${base}/${closed.rows[0]?.id}`)).body).toContain("Waterfonteinen in plaats van automaten?");
  });
});
