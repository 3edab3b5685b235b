/**
 * The results demo: the consultation's synthesis as results linked to its contributions (readable in
 * French and Dutch, with an overall progress), and a "Follow-up" component in each school budget with
 * a couple of results, a progress and a timeline entry.
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

type Row = { id: string; name: Record<string, string>; results: number; links: number; updates: number; top: number | null };
async function components(slug: string): Promise<Row[]> {
  const rows = await p.deps.db.execute<Row>(sql`
    select c.id, c.name, (select count(*)::int from results r where r.component_id = c.id) as results,
      (select count(*)::int from result_links l join results r on r.id = l.result_id where r.component_id = c.id and l.resource_type = 'proposal') as links,
      (select count(*)::int from result_updates u join results r on r.id = u.result_id where r.component_id = c.id) as updates,
      (select avg(progress) from results r where r.component_id = c.id and r.parent_id is null) as top
    from components c join spaces s on s.id = c.space_id where s.slug = ${slug} and c.manifest = 'results' order by c.id`);
  return rows.rows;
}

describe("the results demo", () => {
  it("shows the consultation's synthesis as results linked to the contributions", async () => {
    const [synthesis] = await components(DEMO_SPACES.consultation);
    expect(synthesis?.name.en).toBe("Synthesis");
    expect(synthesis?.results).toBe(4);
    expect(synthesis?.links).toBeGreaterThanOrEqual(4);
    expect(synthesis?.updates).toBe(2);
    // The parent's progress is its sub-results' mean: done (100), 40, planned (0).
    expect(Math.round(synthesis?.top ?? 0)).toBe(47);
    // The linked contributions are the consultation's own published proposals.
    const foreign = await p.deps.db.execute<{ n: number }>(sql`
      select count(*)::int as n from result_links l join results r on r.id = l.result_id join components rc on rc.id = r.component_id
        join proposals pr on pr.id = l.resource_id join components pc on pc.id = pr.component_id
      where rc.id = ${synthesis?.id} and (pc.space_id <> rc.space_id or pr.published_at is null)`);
    expect(foreign.rows[0]?.n).toBe(0);
    const reader = p.client();
    await reader.get("/locale/fr");
    const list = await reader.get(`/spaces/${DEMO_SPACES.consultation}/c/${synthesis?.id}`);
    expect(list.body).toContain("Avancement global");
    expect(list.body).toContain("Ce que la consultation a changé dans la politique des données publiques");
    await reader.get("/locale/nl");
    const top = await p.deps.db.execute<{ id: string }>(sql`select id from results where component_id = ${synthesis?.id} and parent_id is null`);
    const page = await reader.get(`/spaces/${DEMO_SPACES.consultation}/c/${synthesis?.id}/${top.rows[0]?.id}`);
    expect(page.body).toContain("Deelresultaten");
    expect(page.body).toContain("Overheidsgegevens standaard open");
  });

  it("gives each school budget a follow-up with progress and a timeline entry", async () => {
    for (const slug of [DEMO_SPACES.budgetStudents, DEMO_SPACES.budgetParents, DEMO_SPACES.budgetFaculty]) {
      const [followUp] = await components(slug);
      expect(followUp?.name.en, slug).toBe("Follow-up");
      expect(followUp?.results).toBe(2);
      expect(followUp?.updates).toBe(1);
      expect(followUp?.top).toBe(15);
    }
  });
});
