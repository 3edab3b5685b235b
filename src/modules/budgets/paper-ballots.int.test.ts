/**
 * Paper ballots in the back office: a sheet entered by one member of staff (checked against the
 * budget's ballot rules, refused with the translated reason), confirmed only by another, rejected
 * (deleted); a CSV of a polling place entered all or nothing and confirmed as a batch; the counts per
 * budget and per polling place; every step audited.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInClient } from "../../core/accounts/testing";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { countQueries } from "../../test/queries";
import { outcomeFixture, type OutcomeFixture } from "./outcome-view-fixture";

let p: TestPlatform;
let alice: TestClient;
let bob: TestClient;
let aliceId = 0;

beforeAll(async () => {
  p = await createTestPlatform();
  const a = await signedInClient(p, { isAdmin: true, name: "Alice Staff" });
  alice = a.client;
  aliceId = a.userId;
  bob = (await signedInClient(p, { isAdmin: true, name: "Bob Staff" })).client;
});
afterAll(() => p.stop());

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&nbsp;|\u00a0|\u202f/g, " ").replace(/&#x27;|&#39;/g, "'").replace(/\s+/g, " ");
const paperBallots = async (budgetId: number) =>
  (
    await p.deps.db.execute<{ voter_ref: string; polling_place: string; confirmed: boolean; checked_out: boolean; entered_by: string; projects: string }>(sql`
      select b.voter_ref, b.polling_place, b.confirmed_at is not null as confirmed, b.checked_out_at is not null as checked_out, b.entered_by,
        (select string_agg(i.project_id::text || ':' || i.points || ':' || coalesce(i.rank::text, '-'), ',' order by i.project_id) from budget_ballot_items i where i.ballot_id = b.id) as projects
      from budget_ballots b where b.budget_id = ${budgetId} and b.channel = 'paper' order by b.voter_ref`)
  ).rows;
const audited = async (budgetId: number) => (await p.deps.db.execute<{ action: string }>(sql`select action from audit_log where resource_type = 'budget' and resource_id = ${String(budgetId)} order by id`)).rows.map((r) => r.action);

async function knapsack(f: OutcomeFixture) {
  const budget = await f.budget({ title: "Students", total: 100_000, voteType: "knapsack" });
  const garden = await f.project(budget, "School garden", 60_000, "1");
  const library = await f.project(budget, "Library", 50_000, "2");
  const benches = await f.project(budget, "Benches", 10_000, "3");
  return { budget, garden, library, benches };
}

describe("paper ballots", () => {
  it("enters a sheet, refuses an invalid one with the rule's reason, and counts it only once another person confirms it", async () => {
    const f = await outcomeFixture(p, aliceId);
    const { budget, garden, library, benches } = await knapsack(f);
    const form = `${f.adminBase}/paper/${budget}/new`;
    const page = await alice.get(form);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("<legend>Projects marked on the sheet</legend>");
    expect(text(page.body)).toContain("1. School garden (€60,000)");

    // Over the budget: refused with the ballot rule's words, nothing lost, nothing written.
    const over = await alice.post(form, { pollingPlace: "Main hall", sheet: "A-17", [`mark.${garden}`]: "on", [`mark.${library}`]: "on" }, { formPage: form });
    expect(over.statusCode).toBe(422);
    expect(text(over.body)).toContain("spends €110,000, more than the budget of €100,000");
    expect(over.body).toContain('value="A-17"');
    expect(over.body).toMatch(new RegExp(`id="mark-${garden}"[^>]*checked`));
    const noSheet = await alice.post(form, { pollingPlace: "", sheet: "", [`mark.${benches}`]: "on" }, { formPage: form });
    expect(noSheet.statusCode).toBe(422);
    expect(noSheet.body).toContain("Enter the polling place");
    expect(noSheet.body).toContain("Enter the sheet number");
    expect(await paperBallots(budget)).toEqual([]);

    const ok = await alice.post(form, { pollingPlace: "Main hall", sheet: "A-17", [`mark.${garden}`]: "on", [`mark.${benches}`]: "on" }, { formPage: form });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`${form}?place=Main%20hall`);
    // The same sheet twice is refused.
    const twice = await alice.post(form, { pollingPlace: "Main hall", sheet: "A-17", [`mark.${benches}`]: "on" }, { formPage: form });
    expect(twice.statusCode).toBe(422);
    expect(twice.body).toContain("Sheet A-17 has already been entered for this budget.");
    expect(await paperBallots(budget)).toEqual([{ voter_ref: "A-17", polling_place: "Main hall", confirmed: false, checked_out: false, entered_by: String(aliceId), projects: `${garden}:1:-,${benches}:1:-` }]);

    // Awaiting: the person who entered it cannot confirm it; another person can.
    const overview = await alice.get(`${f.adminBase}/paper`);
    expect(text(overview.body)).toContain("You entered it: another person must confirm it.");
    const id = Number((await p.deps.db.execute<{ id: string }>(sql`select id from budget_ballots where budget_id = ${budget} and voter_ref = 'A-17'`)).rows[0]?.id);
    const self = await alice.post(`${f.adminBase}/paper/ballots/${id}/confirm`, {}, { formPage: `${f.adminBase}/paper` });
    expect(self.statusCode).toBe(303);
    expect((await paperBallots(budget))[0]?.confirmed).toBe(false);
    const bobPage = await bob.get(`${f.adminBase}/paper`);
    expect(bobPage.body).toContain(`action="${f.adminBase}/paper/ballots/${id}/confirm"`);
    expect(text(bobPage.body)).toContain("1 – School garden");
    expect((await bob.post(`${f.adminBase}/paper/ballots/${id}/confirm`, {}, { formPage: `${f.adminBase}/paper` })).statusCode).toBe(303);
    expect(await paperBallots(budget)).toMatchObject([{ voter_ref: "A-17", confirmed: true, checked_out: true }]);
    // A confirmed ballot can no longer be rejected.
    await bob.post(`${f.adminBase}/paper/ballots/${id}/reject`, {}, { formPage: `${f.adminBase}/paper` });
    expect(await paperBallots(budget)).toHaveLength(1);

    // A rejected entry is deleted (and audited).
    await alice.post(form, { pollingPlace: "Gym", sheet: "B-1", [`mark.${library}`]: "on" }, { formPage: form });
    const b1 = Number((await p.deps.db.execute<{ id: string }>(sql`select id from budget_ballots where budget_id = ${budget} and voter_ref = 'B-1'`)).rows[0]?.id);
    expect((await bob.post(`${f.adminBase}/paper/ballots/${b1}/reject`, {}, { formPage: `${f.adminBase}/paper` })).statusCode).toBe(303);
    expect((await paperBallots(budget)).map((b) => b.voter_ref)).toEqual(["A-17"]);
    expect(await audited(budget)).toEqual(["budget.paper_ballot.enter", "budget.paper_ballot.confirm", "budget.paper_ballot.enter", "budget.paper_ballot.reject"]);
  });

  it("imports a polling place's CSV all or nothing, with line-numbered reasons, confirms it as a batch, and counts by channel and place", async () => {
    const f = await outcomeFixture(p, aliceId);
    const budget = await f.budget({ title: "Parents", total: 100_000, voteType: "cumulative", rules: { maxPoints: 5, maxPointsPerProject: 3 } });
    const a = await f.project(budget, "Playground", 40_000, "10");
    const b = await f.project(budget, "Canteen", 30_000, "11");
    const url = `${f.adminBase}/paper/${budget}/import`;
    const bad = await alice.postMultipart(url, { pollingPlace: "North school", csv: "", file: { filename: "north.csv", type: "text/csv", data: Buffer.from("sheet,points\n201,10:3,11:2\n202,10:4\n203,99:1\n201,11:1\n") } }, { formPage: url });
    expect(bad.statusCode).toBe(422);
    const said = text(bad.body);
    expect(said).toContain("The file was refused for 3 reasons; nothing was entered.");
    expect(said).toContain("Line 3: You can give at most 3 points to one project.");
    expect(said).toContain("Line 4: Unknown project: 99.");
    expect(said).toContain("Line 5: Sheet 201 is already on line 2.");
    expect(await paperBallots(budget)).toEqual([]);

    const good = await alice.postMultipart(url, { pollingPlace: "North school", csv: "", file: { filename: "north.csv", type: "text/csv", data: Buffer.from("sheet,points\n201,10:3,11:2\n202,11:1\n") } }, { formPage: url });
    expect(good.statusCode).toBe(303);
    expect((await paperBallots(budget)).map((r) => [r.voter_ref, r.polling_place, r.confirmed, r.projects])).toEqual([
      ["201", "North school", false, `${a}:3:-,${b}:2:-`],
      ["202", "North school", false, `${b}:1:-`],
    ]);
    // An online ballot and an imported one, to count by channel.
    await p.deps.db.execute(sql`insert into budget_ballots (budget_id, user_id, channel, checked_out_at) values (${budget}, ${aliceId}, 'online', now())`);
    await p.deps.db.execute(sql`insert into budget_ballots (budget_id, channel, voter_ref, checked_out_at) values (${budget}, 'import', 'v1', now())`);
    const before = text((await bob.get(`${f.adminBase}/paper`)).body);
    expect(before).toContain("Parents 1 0 2 1 2");
    expect(before).toContain("North school 0 2");

    const batch = (await p.deps.db.execute<{ batch: string }>(sql`select distinct extra->>'batch' as batch from budget_ballots where budget_id = ${budget} and channel = 'paper'`)).rows[0]?.batch;
    expect(batch).toMatch(/^[0-9a-f-]{36}$/);
    await alice.post(`${f.adminBase}/paper/batches/${batch}/confirm`, {}, { formPage: `${f.adminBase}/paper` });
    expect((await paperBallots(budget)).every((r) => !r.confirmed)).toBe(true);
    expect((await bob.post(`${f.adminBase}/paper/batches/${batch}/confirm`, {}, { formPage: `${f.adminBase}/paper` })).statusCode).toBe(303);
    expect((await paperBallots(budget)).every((r) => r.confirmed)).toBe(true);
    const after = text((await bob.get(`${f.adminBase}/paper`)).body);
    expect(after).toContain("Parents 1 2 0 1 4");
    expect(after).toContain("North school 2 0");
    expect(await audited(budget)).toEqual(["budget.paper_ballot.import", "budget.paper_ballot.confirm_batch"]);
  });

  it("shows the overview from the same number of queries whatever the number of sheets awaiting", async () => {
    const f = await outcomeFixture(p, aliceId);
    const { budget, benches } = await knapsack(f);
    const form = `${f.adminBase}/paper/${budget}/new`;
    const measure = async () => {
      const { count, result } = await countQueries(p.deps.pool, () => bob.get(`${f.adminBase}/paper`));
      expect(result.statusCode).toBe(200);
      return count;
    };
    await alice.post(form, { pollingPlace: "Hall", sheet: "S-0", [`mark.${benches}`]: "on" }, { formPage: form });
    const one = await measure();
    for (let i = 1; i <= 12; i++) await alice.post(form, { pollingPlace: `Hall ${i % 3}`, sheet: `S-${i}`, [`mark.${benches}`]: "on" }, { formPage: form });
    expect(await measure()).toBe(one);
  });

  it("takes the ranks of an ordinal sheet and refuses a gap in them with the rule's words", async () => {
    const f = await outcomeFixture(p, aliceId);
    const budget = await f.budget({ title: "Faculty", total: 100_000, voteType: "ordinal", rules: { maxLength: 3 } });
    const lab = await f.project(budget, "Lab", 40_000);
    const hall = await f.project(budget, "Hall", 30_000);
    const form = `${f.adminBase}/paper/${budget}/new`;
    expect((await alice.get(form)).body).toContain("Ranks given on the sheet (1 = first choice; leave blank for none)");
    const gap = await alice.post(form, { pollingPlace: "Staff room", sheet: "7", [`mark.${lab}`]: "1", [`mark.${hall}`]: "3" }, { formPage: form });
    expect(gap.statusCode).toBe(422);
    expect(gap.body).toContain("Ranks must run from 1 without gaps or repeats.");
    const word = await alice.post(form, { pollingPlace: "Staff room", sheet: "7", [`mark.${lab}`]: "first" }, { formPage: form });
    expect(word.statusCode).toBe(422);
    expect(word.body).toContain(`Project ${lab}: enter a whole number of 1 or more.`);
    expect((await alice.post(form, { pollingPlace: "Staff room", sheet: "7", [`mark.${lab}`]: "2", [`mark.${hall}`]: "1" }, { formPage: form })).statusCode).toBe(303);
    expect((await paperBallots(budget)).map((r) => r.projects)).toEqual([`${lab}:1:2,${hall}:1:1`]);
  });
});
