/**
 * The demo: the national consultation's three proposals components (the findings as official
 * proposals with comments for and against, free contributions, feedback on use cases), each with
 * published proposals, participants able to write in the active step, and an "Ideas" component in each
 * school budget with ideas in several languages (one accepted) next to an empty "Projects in
 * development" component to import them into; all of it readable in French and Dutch.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInClient } from "../../core/accounts/testing";
import { DEMO_SPACES } from "../../core/spaces/seeds";
import { seedDemo } from "../../seeds";
import { createTestPlatform, type TestPlatform } from "../../test/platform";

let p: TestPlatform;

beforeAll(async () => {
  p = await createTestPlatform();
  await seedDemo(p.deps);
}, 180_000);
afterAll(() => p.stop());

type Row = { id: string; slug: string; name: Record<string, string>; published: number; official: number; comments: number };
async function components(slug: string): Promise<Row[]> {
  const rows = await p.deps.db.execute<Row>(sql`
    select c.id, s.slug, c.name,
      (select count(*)::int from proposals pr where pr.component_id = c.id and pr.published_at is not null) as published,
      (select count(*)::int from proposals pr where pr.component_id = c.id and pr.official) as official,
      (select coalesce(sum(pr.comments_count), 0)::int from proposals pr where pr.component_id = c.id) as comments
    from components c join spaces s on s.id = c.space_id where s.slug = ${slug} and c.manifest = 'proposals' order by c.weight, c.id`);
  return rows.rows;
}

describe("the proposals demo", () => {
  it("gives the consultation its findings to react to, free contributions and use-case feedback", async () => {
    const list = await components(DEMO_SPACES.consultation);
    expect(list.map((c) => c.name.en)).toEqual(["Reactions to the findings", "Free contributions", "Feedback on use cases"]);
    for (const c of list) expect(c.published, c.name.en).toBeGreaterThanOrEqual(2);
    expect(list[0]?.official).toBe(3);
    expect(list[0]?.comments).toBeGreaterThan(0);
    const reader = p.client();
    await reader.get("/locale/fr");
    const reactions = await reader.get(`/spaces/${DEMO_SPACES.consultation}/c/${list[0]?.id}`);
    expect(reactions.body).toContain("Les données publiques sont ouvertes par défaut");
    await reader.get("/locale/nl");
    const contributions = await reader.get(`/spaces/${DEMO_SPACES.consultation}/c/${list[1]?.id}`);
    expect(contributions.body).toContain("Open data over de luchtkwaliteit per straat");
    expect(contributions.body).toContain("Nieuw voorstel");
    // A resident may write a contribution in the active step.
    const me = await signedInClient(p);
    expect((await me.client.get(`/spaces/${DEMO_SPACES.consultation}/c/${list[1]?.id}/new`)).statusCode).toBe(200);
    expect((await me.client.get(`/spaces/${DEMO_SPACES.consultation}/c/${list[0]?.id}/new`)).statusCode).toBe(403);
    // Contributions are amended: one amendment waits for its author's answer, and a resident may amend too.
    const amended = await p.deps.db.execute<{ proposal_id: string }>(sql`select proposal_id from proposal_amendments where component_id = ${list[1]?.id} and state = 'evaluating'`);
    expect(amended.rows.length).toBe(1);
    const page = await reader.get(`/spaces/${DEMO_SPACES.consultation}/c/${list[1]?.id}/${amended.rows[0]?.proposal_id}`);
    expect(page.body).toContain("Open data over de luchtkwaliteit en het lawaai per straat");
    expect((await me.client.get(`/spaces/${DEMO_SPACES.consultation}/c/${list[1]?.id}/${amended.rows[0]?.proposal_id}/amend`)).statusCode).toBe(200);
  });

  it("takes ideas in each school budget's Ideas step", async () => {
    for (const slug of [DEMO_SPACES.budgetStudents, DEMO_SPACES.budgetParents, DEMO_SPACES.budgetFaculty]) {
      const [ideas] = await components(slug);
      expect(ideas?.name.en).toBe("Ideas");
      expect(ideas?.published).toBeGreaterThanOrEqual(2);
    }
    const [students] = await components(DEMO_SPACES.budgetStudents);
    const page = await (await signedInClient(p)).client.get(`/spaces/${DEMO_SPACES.budgetStudents}/c/${students?.id}`);
    expect(page.body).toContain("Des casiers pour ranger nos affaires");
    expect(page.body).toContain("New proposal");
  });

  it("has an accepted idea to import into each budget's empty projects in development", async () => {
    for (const slug of [DEMO_SPACES.budgetStudents, DEMO_SPACES.budgetParents, DEMO_SPACES.budgetFaculty]) {
      const list = await components(slug);
      expect(list.map((c) => c.name.en)).toEqual(["Ideas", "Projects in development"]);
      expect(list[1]?.published).toBe(0);
    }
    const [ideas, development] = await components(DEMO_SPACES.budgetStudents);
    const accepted = await p.deps.db.execute<{ title: Record<string, string> }>(sql`
      select pr.title from proposals pr join proposal_states st on st.id = pr.state_id
      where pr.component_id = ${ideas?.id} and st.token = 'accepted' and pr.state_published_at is not null`);
    expect(accepted.rows.map((r) => r.title.nl)).toEqual(["Een moestuin op de speelplaats"]);
    // Participants do not write there: the projects come from the ideas.
    const me = await signedInClient(p);
    expect((await me.client.get(`/spaces/${DEMO_SPACES.budgetStudents}/c/${development?.id}/new`)).statusCode).toBe(403);
  });
});
