/**
 * The budgets demo: a "Vote" component in each school budget space, voting open now, one budget each
 * (students within 50 000 €, parents approve up to three, faculty spread 10 points) with projects in
 * the four languages, the students' accepted idea imported with its author, only the census's pupils
 * voting in the students' budget, and demo ballots the ballot rules accept.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishClient } from "../../core/accounts/testing";
import { currentSettings } from "../../core/components/settings";
import { DEMO_SPACES } from "../../core/spaces/seeds";
import { findComponent, findSpaceBySlug } from "../../core/spaces/queries";
import { seedDemo } from "../../seeds";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { validateBallot, type BallotItem } from "./ballot-rules";
import type { BallotRules, VoteType } from "./schema";

let p: TestPlatform;

beforeAll(async () => {
  p = await createTestPlatform();
  await seedDemo(p.deps);
}, 240_000);
afterAll(() => p.stop());

type BudgetRow = { component_id: string; name: Record<string, string>; permissions: Record<string, unknown>; id: string; total: string; currency: string; vote_type: VoteType; rules: BallotRules; projects: number; languages: number; categorized: number };
async function budgetsOf(slug: string): Promise<BudgetRow[]> {
  const rows = await p.deps.db.execute<BudgetRow>(sql`
    select c.id as component_id, c.name, c.permissions, b.id, b.total, b.currency, b.vote_type, b.rules,
      (select count(*)::int from budget_projects bp where bp.budget_id = b.id) as projects,
      (select min((select count(*) from jsonb_object_keys(bp.description)))::int from budget_projects bp where bp.budget_id = b.id and bp.source_id is null) as languages,
      (select count(*)::int from budget_projects bp where bp.budget_id = b.id and bp.category_id is not null) as categorized
    from components c join spaces s on s.id = c.space_id join budgets b on b.component_id = c.id
    where s.slug = ${slug} and c.manifest = 'budgets' and c.published_at is not null order by b.id`);
  return rows.rows;
}

describe("the budgets demo", () => {
  it("gives each school audience its budget, with projects in four languages and voting open now", async () => {
    const [students] = await budgetsOf(DEMO_SPACES.budgetStudents);
    const [parents] = await budgetsOf(DEMO_SPACES.budgetParents);
    const [faculty] = await budgetsOf(DEMO_SPACES.budgetFaculty);
    expect(students).toMatchObject({ total: "50000.00", currency: "EUR", vote_type: "knapsack", name: { fr: "Vote", nl: "Stemming", en: "Vote", de: "Abstimmung" } });
    expect(parents).toMatchObject({ vote_type: "approval", rules: { maxProjects: 3 } });
    expect(faculty).toMatchObject({ vote_type: "cumulative", rules: { maxPoints: 10 } });
    for (const b of [students, parents, faculty]) {
      expect(b?.projects).toBeGreaterThanOrEqual(6);
      expect(b?.projects).toBeLessThanOrEqual(10);
      expect(b?.languages).toBe(4);
      expect(b?.categorized).toBeGreaterThan(0);
    }
    // Only the students' census list votes in the students' budget.
    expect(students?.permissions).toEqual({ vote: { handlers: { census: {} } } });
    expect(parents?.permissions).toEqual({});
    // Voting is open in the students' and parents' current step (the demo's active step is still "Ideas");
    // the faculty's is closed, with its outcome published.
    for (const [slug, votes] of [
      [DEMO_SPACES.budgetStudents, "enabled"],
      [DEMO_SPACES.budgetParents, "enabled"],
      [DEMO_SPACES.budgetFaculty, "finished"],
    ] as const) {
      const space = await findSpaceBySlug(p.deps.db, slug);
      const [b] = await budgetsOf(slug);
      const component = space && b ? await findComponent(p.deps.db, space.id, Number(b.component_id)) : null;
      expect(component && space ? currentSettings(component, space).step : null).toMatchObject({ votes, showVotes: true });
    }
  });

  it("publishes the faculty's outcome (equal shares + Add1): the results page and the API show it", async () => {
    const [faculty] = await budgetsOf(DEMO_SPACES.budgetFaculty);
    const api = await (await englishClient(p)).get(`/api/budgets/${faculty?.id}/results`);
    expect(api.statusCode).toBe(200);
    const body = api.json<{ rule: string; selected: string[]; projects: Array<{ selected: boolean }> }>();
    expect(body.rule).toBe("mes-add1");
    expect(body.selected.length).toBeGreaterThan(0);
    expect(body.projects.some((x) => !x.selected)).toBe(true);
    const page = await (await englishClient(p)).get(`/spaces/${DEMO_SPACES.budgetFaculty}/c/${faculty?.component_id}/budgets/${faculty?.id}/results`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Faculty budget 2027");
    // Still closed to the students' and parents' budgets until their administrators publish.
    const [students] = await budgetsOf(DEMO_SPACES.budgetStudents);
    expect((await (await englishClient(p)).get(`/api/budgets/${students?.id}/results`)).statusCode).toBe(404);
  });

  it("imports the students' accepted idea as a project, with its author, and its page links back to it", async () => {
    const rows = await p.deps.db.execute<{ id: string; budget_id: string; component_id: string; cost: string; authors: string[]; title: Record<string, string> }>(sql`
      select bp.id, bp.budget_id, bp.component_id, bp.cost, bp.title,
        array(select u.name from coauthorships ca join users u on u.id = ca.user_id where ca.resource_type = 'budget_project' and ca.resource_id = bp.id and ca.status = 'accepted') as authors
      from budget_projects bp join proposals pr on pr.id = bp.source_id and bp.source_type = 'proposal'
      join components c on c.id = bp.component_id join spaces s on s.id = c.space_id where s.slug = ${DEMO_SPACES.budgetStudents}`);
    expect(rows.rows).toHaveLength(1);
    const garden = rows.rows[0];
    expect(garden?.cost).toBe("1800.00");
    expect(garden?.authors).toHaveLength(1);
    const page = await (await englishClient(p)).get(`/spaces/${DEMO_SPACES.budgetStudents}/c/${garden?.component_id}/budgets/${garden?.budget_id}/projects/${garden?.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("This project comes from the proposal");
    expect(page.body).toContain(garden?.authors[0] ?? "?");
    expect(page.body).toContain("Add to my vote");
  });

  it("holds checked-out ballots that the ballot rules accept, so the counts are not all zero", async () => {
    for (const slug of [DEMO_SPACES.budgetStudents, DEMO_SPACES.budgetParents, DEMO_SPACES.budgetFaculty]) {
      const [b] = await budgetsOf(slug);
      if (!b) throw new Error(slug);
      const items = await p.deps.db.execute<{ ballot_id: string; project_id: string; cost: string; points: number }>(sql`
        select i.ballot_id, i.project_id, bp.cost, i.points from budget_ballot_items i join budget_ballots bb on bb.id = i.ballot_id join budget_projects bp on bp.id = i.project_id
        where bb.budget_id = ${Number(b.id)} and bb.checked_out_at is not null order by i.ballot_id`);
      const ballots = new Map<string, BallotItem[]>();
      for (const r of items.rows) ballots.set(r.ballot_id, [...(ballots.get(r.ballot_id) ?? []), { projectId: Number(r.project_id), cost: Number(r.cost), points: r.points, rank: null }]);
      expect(ballots.size).toBeGreaterThanOrEqual(4);
      for (const ballot of ballots.values()) expect(validateBallot({ total: Number(b.total), voteType: b.vote_type, rules: b.rules }, ballot)).toEqual({ ok: true });
    }
  });
});
