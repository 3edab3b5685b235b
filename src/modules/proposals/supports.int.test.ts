/**
 * Supports and their rules, through the pages: closed and blocked steps, the limit per person, the
 * minimum per person (supports provisional until it is reached, and again below it), the threshold
 * per proposal with and without going beyond it, hidden counts, no support for a rejected proposal,
 * and a counter that always equals the final supports, also when people support at the same time.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishClient, signedInClient } from "../../core/accounts/testing";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { support } from "./supports";
import { proposalsFixture, type ProposalsFixture } from "./testing";

let p: TestPlatform;
let adminId = 0;

beforeAll(async () => {
  p = await createTestPlatform();
  adminId = (await signedInClient(p, { isAdmin: true })).userId;
});
afterAll(() => p.stop());

/** Published proposals written straight into the component (the workflow has its own tests). */
async function seed(f: ProposalsFixture, n: number): Promise<number[]> {
  const rows = await p.deps.db.execute<{ id: string }>(sql`
    insert into proposals (component_id, author_id, title, body, language, published_at)
    select ${f.component.id}, ${adminId}, jsonb_build_object('en', 'Proposal number ' || i), '{"en":"A body long enough to be a proposal."}'::jsonb, 'en', now() - make_interval(mins => i)
    from generate_series(1, ${n}) i returning id`);
  return rows.rows.map((r) => Number(r.id)).sort((a, b) => a - b);
}

const supportOf = (c: TestClient, f: ProposalsFixture, id: number) => c.post(`${f.base}/${id}/support`, {}, { formPage: `${f.base}/${id}` });
const unsupportOf = (c: TestClient, f: ProposalsFixture, id: number) => c.post(`${f.base}/${id}/unsupport`, {}, { formPage: `${f.base}/${id}` });
/** The flash shown after a redirect. */
const flashAfter = async (c: TestClient, res: { headers: { location?: unknown } }) => (await c.get(String(res.headers.location))).body;

async function counts(ids: number[]): Promise<number[]> {
  const rows = await p.deps.db.execute<{ id: string; supports_count: number }>(sql`select id, supports_count from proposals where id = any(${sql.param(ids)}::bigint[]) order by id`);
  return rows.rows.map((r) => r.supports_count);
}

/** The counter equals the final supports of every proposal of the component. */
async function consistent(f: ProposalsFixture): Promise<void> {
  const rows = await p.deps.db.execute<{ id: string }>(sql`
    select p.id from proposals p where p.component_id = ${f.component.id}
      and p.supports_count <> (select count(*) from proposal_supports s where s.proposal_id = p.id and not s.provisional)`);
  expect(rows.rows).toEqual([]);
}

describe("supporting proposals", () => {
  it("follows the step: closed, open, blocked", async () => {
    const f = await proposalsFixture(p, adminId);
    const [id = 0] = await seed(f, 1);
    const me = await signedInClient(p);
    const closed = await supportOf(me.client, f, id);
    expect(closed.statusCode).toBe(403);
    expect(closed.body).toContain("Proposals cannot be supported at this stage.");
    expect((await me.client.get(`${f.base}/${id}`)).body).not.toContain("Support this proposal");

    await f.configure({}, { supportsEnabled: true });
    const visitor = await englishClient(p);
    expect((await visitor.get(`${f.base}/${id}`)).body).toContain("Support this proposal");
    expect((await supportOf(visitor, f, id)).headers.location).toContain("/users/sign-in");
    expect((await supportOf(me.client, f, id)).statusCode).toBe(303);
    expect(await counts([id])).toEqual([1]);
    const page = await me.client.get(`${f.base}/${id}`);
    expect(page.body).toContain("You support this proposal");
    expect(page.body).toContain("Withdraw my support");
    // Twice is once.
    await supportOf(me.client, f, id);
    expect(await counts([id])).toEqual([1]);

    await f.configure({}, { supportsEnabled: true, supportsBlocked: true });
    const blocked = await unsupportOf(me.client, f, id);
    expect(blocked.statusCode).toBe(403);
    expect(blocked.body).toContain("Supports are closed: the counts are final for this stage.");
    expect(await counts([id])).toEqual([1]);
    expect((await me.client.get(`${f.base}/${id}`)).body).toContain("1 support");
  });

  it("keeps each person to the support limit", async () => {
    const f = await proposalsFixture(p, adminId, { global: { supportLimit: 2 }, step: { supportsEnabled: true } });
    const [a = 0, b = 0, c = 0] = await seed(f, 3);
    const me = await signedInClient(p);
    await supportOf(me.client, f, a);
    await supportOf(me.client, f, b);
    const third = await supportOf(me.client, f, c);
    expect(await flashAfter(me.client, third)).toContain("You have used all your supports (2); withdraw one to support another proposal.");
    expect(await counts([a, b, c])).toEqual([1, 1, 0]);
    expect((await me.client.get(f.base)).body).toContain("You have given 2 of your 2 supports.");
    await unsupportOf(me.client, f, a);
    await supportOf(me.client, f, c);
    expect(await counts([a, b, c])).toEqual([0, 1, 1]);
    await consistent(f);
  });

  it("keeps supports provisional until the person reaches the minimum, and again below it", async () => {
    const f = await proposalsFixture(p, adminId, { global: { minimumSupportsPerPerson: 3 }, step: { supportsEnabled: true } });
    const [a = 0, b = 0, c = 0] = await seed(f, 3);
    const me = await signedInClient(p);
    const first = await supportOf(me.client, f, a);
    expect(await flashAfter(me.client, first)).toContain("Your support is saved, but provisional: support 2 more proposals for your supports to count.");
    await supportOf(me.client, f, b);
    expect(await counts([a, b, c])).toEqual([0, 0, 0]);
    const page = await me.client.get(`${f.base}/${a}`);
    expect(page.body).toContain("your support counts once you have supported 3 proposals");
    expect(page.body).toContain("Your supports count once you have supported 3 proposals: 1 more to go.");
    const third = await supportOf(me.client, f, c);
    expect(await flashAfter(me.client, third)).toContain("Thank you: your support counts.");
    expect(await counts([a, b, c])).toEqual([1, 1, 1]);
    // Another person's provisional support does not count.
    const other = await signedInClient(p);
    await supportOf(other.client, f, a);
    expect(await counts([a, b, c])).toEqual([1, 1, 1]);
    // Below the minimum again: the remaining supports stop counting.
    const back = await unsupportOf(me.client, f, c);
    expect(await flashAfter(me.client, back)).toContain("Your other supports are provisional again: support 1 more proposal for them to count.");
    expect(await counts([a, b, c])).toEqual([0, 0, 0]);
    await consistent(f);
  });

  it("stops at the threshold unless supports may go beyond it, and hides counts when asked", async () => {
    const f = await proposalsFixture(p, adminId, { global: { thresholdPerProposal: 2 }, step: { supportsEnabled: true } });
    const [id = 0] = await seed(f, 1);
    const people = await Promise.all([signedInClient(p), signedInClient(p), signedInClient(p)]);
    for (const person of people.slice(0, 2)) await supportOf(person.client, f, id);
    const late = await supportOf(people[2]!.client, f, id);
    expect(await flashAfter(people[2]!.client, late)).toContain("This proposal already has the 2 supports it needed.");
    expect(await counts([id])).toEqual([2]);
    const page = await people[2]!.client.get(`${f.base}/${id}`);
    expect(page.body).toContain("2 supports · 2 needed");
    expect(page.body).toContain('<progress max="2" value="2"');

    await f.configure({ thresholdPerProposal: 2, canExceedThreshold: true }, { supportsEnabled: true });
    await supportOf(people[2]!.client, f, id);
    expect(await counts([id])).toEqual([3]);

    await f.configure({ thresholdPerProposal: 2 }, { supportsEnabled: true, supportCountsHidden: true });
    const hidden = await englishClient(p).then((c) => c.get(`${f.base}/${id}`));
    expect(hidden.body).not.toContain("3 supports");
    const list = await englishClient(p).then((c) => c.get(`${f.base}?sort=most_supported`));
    expect(list.body).not.toContain("3 supports");
    expect(list.body).not.toContain('value="most_supported"');
  });

  it("takes no support for a rejected proposal", async () => {
    const f = await proposalsFixture(p, adminId, { step: { supportsEnabled: true } });
    const [id = 0] = await seed(f, 1);
    const me = await signedInClient(p);
    await me.client.get(f.base); // the states are created on first use
    await p.deps.db.execute(sql`update proposals set state_id = (select id from proposal_states where component_id = ${f.component.id} and token = 'rejected'), state_published_at = now(), answer = '{"en":"Out of scope."}' where id = ${id}`);
    const refused = await supportOf(me.client, f, id);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain("This proposal cannot be supported");
    expect((await me.client.get(`${f.base}/${id}`)).body).not.toContain("Support this proposal");
  });

  it("keeps the counter exact when many people support at once", async () => {
    const f = await proposalsFixture(p, adminId, { global: { minimumSupportsPerPerson: 2, thresholdPerProposal: 5 } });
    const ids = await seed(f, 4);
    const people = await Promise.all(Array.from({ length: 8 }, () => signedInClient(p)));
    const rules = { supportLimit: 0, minimumSupportsPerPerson: 2, thresholdPerProposal: 5, canExceedThreshold: false };
    const place = { componentId: f.component.id, spaceId: f.space.id };
    // Each person supports the four proposals in a different order, all at once.
    await Promise.all(
      people.flatMap((person, i) => ids.map((_, j) => support(p.deps.db, person.userId, place, ids[(i + j) % ids.length]!, rules))),
    );
    await consistent(f);
    for (const n of await counts(ids)) expect(n).toBeLessThanOrEqual(5);
  });
});
