/**
 * The back office's tools of the proposals component: merge several into one and split one into
 * several (authors carried as co-authors, supports not carried, the originals closed with a link,
 * history shown on both sides), import from another component (by published answer, idempotent,
 * authors kept, link back), filters/search/sort of the list, CSV/JSON exports; only the space's
 * administrators; every action audited; pages bounded in queries.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishClient, signedInClient } from "../../core/accounts/testing";
import { addComponent } from "../../core/components/service";
import { assignRole } from "../../core/spaces/roles-service";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { countQueries } from "../../test/queries";
import manifest from "./manifest";
import { listStates } from "./states";
import { proposalsFixture, type ProposalsFixture } from "./testing";

let p: TestPlatform;
let admin: TestClient;
let adminId = 0;

beforeAll(async () => {
  p = await createTestPlatform();
  const signed = await signedInClient(p, { isAdmin: true });
  admin = signed.client;
  adminId = signed.userId;
});
afterAll(() => p.stop());

async function add(componentId: number, authorId: number | null, title: string, opts: { supports?: number; scopeId?: number; withdrawn?: boolean; hidden?: boolean } = {}): Promise<number> {
  const rows = await p.deps.db.execute<{ id: string }>(sql`
    insert into proposals (component_id, author_id, official, title, body, language, published_at, supports_count, scope_id, withdrawn_at, hidden_at)
    values (${componentId}, ${authorId}, ${authorId === null}, ${JSON.stringify({ en: title })}::jsonb, ${JSON.stringify({ en: `The text of ${title}.` })}::jsonb, 'en', now(),
      ${opts.supports ?? 0}, ${opts.scopeId ?? null}, ${opts.withdrawn ? sql`now()` : sql`null`}, ${opts.hidden ? sql`now()` : sql`null`}) returning id`);
  return Number(rows.rows[0]?.id);
}

async function coauthor(componentId: number, proposalId: number, userId: number, status = "accepted") {
  await p.deps.db.execute(sql`insert into coauthorships (resource_type, resource_id, user_id, component_id, status) values ('proposal', ${proposalId}, ${userId}, ${componentId}, ${status})`);
}

async function answer(f: ProposalsFixture, id: number, token: string, published: boolean) {
  const state = (await listStates(p.deps.db, f.component.id)).find((s) => s.token === token);
  await p.deps.db.execute(sql`update proposals set state_id = ${state?.id ?? null}, answered_at = now(), state_published_at = ${published ? sql`now()` : sql`null`} where id = ${id}`);
}

const authorsOf = async (id: number) => {
  const rows = await p.deps.db.execute<{ author_id: string | null; coauthors: string[] }>(sql`
    select author_id, array(select user_id::text from coauthorships where resource_type = 'proposal' and resource_id = ${id} and status = 'accepted' order by user_id) as coauthors from proposals where id = ${id}`);
  return { author: rows.rows[0]?.author_id === null ? null : Number(rows.rows[0]?.author_id), coauthors: (rows.rows[0]?.coauthors ?? []).map(Number) };
};
const audited = async (action: string) => (await p.deps.db.execute(sql`select 1 from audit_log where action = ${action} and actor_id = ${adminId}`)).rows.length;
const idAtEnd = (location: unknown) => Number(/\/(\d+)$/.exec(String(location))?.[1]);

describe("merging and splitting proposals", () => {
  it("merges several into a new proposal: authors kept, supports not carried, originals closed and linked both ways", async () => {
    const f = await proposalsFixture(p, adminId);
    const [a, b, c] = [await signedInClient(p), await signedInClient(p), await signedInClient(p)];
    const first = await add(f.component.id, a.userId, "Plant trees along the canal", { supports: 7 });
    const second = await add(f.component.id, b.userId, "More shade on the canal path", { supports: 3 });
    await coauthor(f.component.id, second, c.userId);
    const bystander = await add(f.component.id, a.userId, "Repair the old bridge");

    // The list's bulk form: the "merge" button opens the form, prefilled with the first one.
    const form = await admin.post(`${f.adminBase}/merge/new`, { ids: [String(first), String(second)] }, { formPage: f.adminBase });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="Plant trees along the canal"');
    expect(form.body).toContain("More shade on the canal path");
    const one = await admin.post(`${f.adminBase}/merge/new`, { ids: [String(first)] }, { formPage: f.adminBase });
    expect(one.statusCode).toBe(303);
    expect((await admin.get(f.adminBase)).body).toContain("Select at least two proposals to merge.");

    const empty = await admin.post(`${f.adminBase}/merge`, { ids: [String(first), String(second)], "title.en": "", "body.en": "x", targetComponentId: String(f.component.id) }, { formPage: f.adminBase });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain("This field is required.");

    const res = await admin.post(
      `${f.adminBase}/merge`,
      { ids: [String(first), String(second)], "title.en": "Trees and shade along the canal", "body.en": "Both ideas together.", targetComponentId: String(f.component.id) },
      { formPage: f.adminBase },
    );
    expect(res.statusCode).toBe(303);
    const merged = idAtEnd(res.headers.location);
    expect(String(res.headers.location)).toBe(`${f.adminBase}/${merged}`);
    expect(await authorsOf(merged)).toEqual({ author: a.userId, coauthors: [b.userId, c.userId].sort((x, y) => x - y) });
    const row = await p.deps.db.execute<{ supports_count: number; published: boolean; component_id: string }>(sql`select supports_count, published_at is not null as published, component_id from proposals where id = ${merged}`);
    expect(row.rows[0]).toEqual({ supports_count: 0, published: true, component_id: String(f.component.id) });
    const originals = await p.deps.db.execute<{ id: string; withdrawn: boolean; supports_count: number }>(sql`select id, withdrawn_at is not null as withdrawn, supports_count from proposals where id in (${first}, ${second}, ${bystander}) order by id`);
    expect(originals.rows.map((r) => [Number(r.id), r.withdrawn, r.supports_count])).toEqual([
      [first, true, 7],
      [second, true, 3],
      [bystander, false, 0],
    ]);
    expect(await audited("proposal.merge")).toBe(1);

    // History on both sides, publicly.
    const visitor = await englishClient(p);
    const result = await visitor.get(`${f.base}/${merged}`);
    expect(result.body).toContain("Merged from");
    expect(result.body).toContain(`href="${f.base}/${first}"`);
    expect(result.body).toContain(`href="${f.base}/${second}"`);
    const original = await visitor.get(`${f.base}/${first}`);
    expect(original.statusCode).toBe(200);
    expect(original.body).toContain("Merged into");
    expect(original.body).toContain(`href="${f.base}/${merged}"`);
    expect(original.body).toContain("This proposal is closed");
    // In the public list of withdrawn proposals, the originals say they were merged, not withdrawn by their author.
    const withdrawnList = await visitor.get(`${f.base}?withdrawn=on&sort=recent`);
    const card = withdrawnList.body.slice(withdrawnList.body.indexOf(`href="${f.base}/${first}"`));
    expect(card.slice(0, card.indexOf("</li>"))).toContain("Merged or split");

    // Out of the back office's default list, reachable through the status filter.
    const list = await admin.get(f.adminBase);
    expect(list.body).toContain("Trees and shade along the canal");
    expect(list.body).not.toContain("Plant trees along the canal");
    const closed = await admin.get(`${f.adminBase}?status=closed`);
    expect(closed.body).toContain("Plant trees along the canal");
    expect(closed.body).not.toContain("Repair the old bridge");

    // Merged once: not again.
    const again = await admin.post(
      `${f.adminBase}/merge`,
      { ids: [String(first), String(bystander)], "title.en": "Again", "body.en": "Again.", targetComponentId: String(f.component.id) },
      { formPage: f.adminBase },
    );
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain("was withdrawn, merged or split already");
    expect(await audited("proposal.merge")).toBe(1);
  });

  it("merges into another proposals component of the space, never into one the person does not administer", async () => {
    const f = await proposalsFixture(p, adminId);
    const other = await proposalsFixture(p, adminId);
    const development = await addComponent(p.deps.db, { id: adminId, ip: null }, f.space.id, manifest, { en: "Development" }, { published: true });
    const spaceAdmin = await signedInClient(p);
    await assignRole(p.deps.db, { id: adminId, ip: null }, f.space.id, spaceAdmin.email, "admin");
    const x = await add(f.component.id, null, "Official idea one");
    const y = await add(f.component.id, null, "Official idea two");
    const fields = (target: number) => ({ ids: [String(x), String(y)], "title.en": "One official idea", "body.en": "Merged.", targetComponentId: String(target) });
    const refused = await spaceAdmin.client.post(`${f.adminBase}/merge`, fields(other.component.id), { formPage: f.adminBase });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain("This value is not valid.");
    const form = await spaceAdmin.client.post(`${f.adminBase}/merge/new`, { ids: [String(x), String(y)] }, { formPage: f.adminBase });
    expect(form.body).toContain(`value="${development.id}"`);
    expect(form.body).not.toContain(`value="${other.component.id}"`);
    const res = await spaceAdmin.client.post(`${f.adminBase}/merge`, fields(development.id), { formPage: f.adminBase });
    expect(res.statusCode).toBe(303);
    expect(String(res.headers.location)).toContain(`/components/${development.id}/manage/`);
    const merged = idAtEnd(res.headers.location);
    const row = await p.deps.db.execute<{ component_id: string; official: boolean; author_id: string | null }>(sql`select component_id, official, author_id from proposals where id = ${merged}`);
    expect(row.rows[0]).toEqual({ component_id: String(development.id), official: true, author_id: null });
  });

  it("splits one into several: each keeps the authors, the original is closed and linked", async () => {
    const f = await proposalsFixture(p, adminId);
    const [a, b] = [await signedInClient(p), await signedInClient(p)];
    const id = await add(f.component.id, a.userId, "A library and a swimming pool", { supports: 4 });
    await coauthor(f.component.id, id, b.userId);
    await coauthor(f.component.id, id, (await signedInClient(p)).userId, "invited");
    const form = await admin.get(`${f.adminBase}/${id}/split`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain("New proposal 3");
    const alone = await admin.post(`${f.adminBase}/${id}/split`, { "parts.0.title.en": "A library", "parts.0.body.en": "Books.", targetComponentId: String(f.component.id) }, { formPage: `${f.adminBase}/${id}/split` });
    expect(alone.statusCode).toBe(422);
    expect(alone.body).toContain("Write at least two new proposals");
    const half = await admin.post(`${f.adminBase}/${id}/split`, { "parts.0.title.en": "A library", "parts.0.body.en": "Books.", "parts.1.title.en": "A pool", "parts.1.body.en": "", targetComponentId: String(f.component.id) }, { formPage: `${f.adminBase}/${id}/split` });
    expect(half.statusCode).toBe(422);
    expect(half.body).toContain('value="A pool"');
    const res = await admin.post(
      `${f.adminBase}/${id}/split`,
      { "parts.0.title.en": "A library", "parts.0.body.en": "Books for the district.", "parts.1.title.en": "A swimming pool", "parts.1.body.en": "Swimming lessons.", "parts.2.title.en": "", "parts.2.body.en": "", targetComponentId: String(f.component.id) },
      { formPage: `${f.adminBase}/${id}/split` },
    );
    expect(res.statusCode).toBe(303);
    const links = await p.deps.db.execute<{ target_id: string }>(sql`select target_id from proposal_links where source_id = ${id} and kind = 'split' order by target_id`);
    const parts = links.rows.map((r) => Number(r.target_id));
    expect(parts.length).toBe(2);
    for (const part of parts) expect(await authorsOf(part)).toEqual({ author: a.userId, coauthors: [b.userId] });
    expect((await p.deps.db.execute<{ w: boolean }>(sql`select withdrawn_at is not null as w from proposals where id = ${id}`)).rows[0]?.w).toBe(true);
    expect(await audited("proposal.split")).toBe(1);
    const adminPage = await admin.get(`${f.adminBase}/${id}`);
    expect(adminPage.body).toContain("Split into");
    expect(adminPage.body).toContain("A swimming pool");
    expect(adminPage.body).not.toContain("Split into several proposals");
    const visitor = await englishClient(p);
    expect((await visitor.get(`${f.base}/${parts[0]}`)).body).toContain("Split from");
    const twice = await admin.post(`${f.adminBase}/${id}/split`, { "parts.0.title.en": "X one", "parts.0.body.en": "X.", "parts.1.title.en": "X two", "parts.1.body.en": "X.", targetComponentId: String(f.component.id) }, { formPage: `${f.adminBase}/${id}/split` });
    expect(twice.statusCode).toBe(422);
  });
});

describe("importing proposals from another component", () => {
  it("copies the chosen answers' proposals with their authors and a link back, once", async () => {
    const ideas = await proposalsFixture(p, adminId);
    const dev = await proposalsFixture(p, adminId);
    const [a, b] = [await signedInClient(p), await signedInClient(p)];
    const accepted = await add(ideas.component.id, a.userId, "Accepted idea: a skate park", { supports: 12 });
    await coauthor(ideas.component.id, accepted, b.userId);
    await answer(ideas, accepted, "accepted", true);
    const rejected = await add(ideas.component.id, a.userId, "Rejected idea: a car park");
    await answer(ideas, rejected, "rejected", true);
    const internal = await add(ideas.component.id, a.userId, "Accepted internally only");
    await answer(ideas, internal, "accepted", false);
    const withdrawn = await add(ideas.component.id, a.userId, "Withdrawn accepted idea", { withdrawn: true });
    await answer(ideas, withdrawn, "accepted", true);
    const hidden = await add(ideas.component.id, a.userId, "Hidden accepted idea", { hidden: true });
    await answer(ideas, hidden, "accepted", true);
    const open = await add(ideas.component.id, b.userId, "Unanswered idea: benches");

    const form = await admin.get(`${dev.adminBase}/import`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`value="${ideas.component.id}"`);
    expect(form.body).not.toContain(`<option value="${dev.component.id}"`);
    const none = await admin.post(`${dev.adminBase}/import`, { sourceComponentId: String(ideas.component.id) }, { formPage: `${dev.adminBase}/import` });
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain("Choose at least one answer to import by.");

    const res = await admin.post(`${dev.adminBase}/import`, { sourceComponentId: String(ideas.component.id), states: ["accepted"] }, { formPage: `${dev.adminBase}/import` });
    expect(res.statusCode).toBe(303);
    expect((await admin.get(dev.adminBase)).body).toContain("1 proposal imported.");
    const copies = await p.deps.db.execute<{ id: string; title: { en: string }; supports_count: number; state_id: string | null; source_id: string }>(sql`
      select p.id, p.title, p.supports_count, p.state_id, l.source_id from proposals p join proposal_links l on l.target_id = p.id and l.kind = 'imported' where p.component_id = ${dev.component.id}`);
    expect(copies.rows.map((r) => [r.title.en, Number(r.source_id), r.supports_count, r.state_id])).toEqual([["Accepted idea: a skate park", accepted, 0, null]]);
    const copy = Number(copies.rows[0]?.id);
    expect(await authorsOf(copy)).toEqual({ author: a.userId, coauthors: [b.userId] });

    // Idempotent: importing again adds nothing; a wider choice adds only the new ones.
    await admin.post(`${dev.adminBase}/import`, { sourceComponentId: String(ideas.component.id), states: ["accepted"] }, { formPage: `${dev.adminBase}/import` });
    expect((await admin.get(dev.adminBase)).body).toContain("Nothing new to import. 1 was imported before.");
    await admin.post(`${dev.adminBase}/import`, { sourceComponentId: String(ideas.component.id), states: ["accepted", "not_answered"] }, { formPage: `${dev.adminBase}/import` });
    const all = await p.deps.db.execute<{ source_id: string }>(sql`select l.source_id from proposal_links l join proposals p on p.id = l.target_id where p.component_id = ${dev.component.id} order by l.source_id`);
    expect(all.rows.map((r) => Number(r.source_id))).toEqual([accepted, internal, open].sort((x, y) => x - y));
    expect(await audited("proposal.import")).toBeGreaterThanOrEqual(3);

    // The link back, on both public pages.
    const visitor = await englishClient(p);
    const copyPage = await visitor.get(`${dev.base}/${copy}`);
    expect(copyPage.body).toContain("Imported from");
    expect(copyPage.body).toContain(`href="${ideas.base}/${accepted}"`);
    const sourcePage = await visitor.get(`${ideas.base}/${accepted}`);
    expect(sourcePage.body).toContain("Imported into");
    expect(sourcePage.body).not.toContain("This proposal is closed");
  });

  it("only from components of spaces the person administers; only space administrators", async () => {
    const ideas = await proposalsFixture(p, adminId);
    const dev = await proposalsFixture(p, adminId);
    const spaceAdmin = await signedInClient(p);
    await assignRole(p.deps.db, { id: adminId, ip: null }, dev.space.id, spaceAdmin.email, "admin");
    await add(ideas.component.id, null, "An official idea elsewhere");
    const form = await spaceAdmin.client.get(`${dev.adminBase}/import`);
    expect(form.statusCode).toBe(200);
    expect(form.body).not.toContain(`value="${ideas.component.id}"`);
    const res = await spaceAdmin.client.post(`${dev.adminBase}/import`, { sourceComponentId: String(ideas.component.id), states: ["not_answered"] }, { formPage: `${dev.adminBase}/import` });
    expect(res.statusCode).toBe(422);
    expect((await p.deps.db.execute(sql`select 1 from proposals where component_id = ${dev.component.id}`)).rows.length).toBe(0);

    const participant = await signedInClient(p);
    const id = await add(dev.component.id, participant.userId, "A participant's idea");
    const other = await add(dev.component.id, participant.userId, "Another participant's idea");
    for (const url of [`${dev.adminBase}/import`, `${dev.adminBase}/export.csv`, `${dev.adminBase}/export.json`, `${dev.adminBase}/${id}/split`]) expect((await participant.client.get(url)).statusCode, url).toBe(403);
    // The sign-out form of any page gives the participant a token: the post is refused all the same.
    const merge = await participant.client.post(`${dev.adminBase}/merge`, { ids: [String(id), String(other)], "title.en": "Mine", "body.en": "Mine.", targetComponentId: String(dev.component.id) }, { formPage: "/" });
    expect(merge.statusCode).toBe(403);
    expect((await p.deps.db.execute(sql`select 1 from proposal_links where source_id = ${id}`)).rows.length).toBe(0);
    expect((await (await englishClient(p)).get(`${dev.adminBase}/export.csv`)).statusCode).not.toBe(200);
  });
});

describe("the back office's list and exports", () => {
  it("filters by status, scope and published answer, searches words and numbers, sorts", async () => {
    const f = await proposalsFixture(p, adminId);
    const scope = Number((await p.deps.db.execute<{ id: string }>(sql`insert into scopes (name) values ('{"en":"Riverside"}') returning id`)).rows[0]?.id);
    const river = await add(f.component.id, adminId, "Swimming in the river", { scopeId: scope, supports: 2 });
    const library = await add(f.component.id, adminId, "Longer library opening hours", { supports: 9 });
    await answer(f, library, "accepted", true);
    const gone = await add(f.component.id, adminId, "A withdrawn wish", { withdrawn: true });
    const titles = async (query: string) => {
      const body = (await admin.get(`${f.adminBase}?${query}`)).body;
      return [river, library, gone].filter((id) => body.includes(`href="${f.adminBase}/${id}"`));
    };
    expect(await titles("")).toEqual([river, library, gone]);
    expect(await titles(`scope=${scope}`)).toEqual([river]);
    expect(await titles("answer=with")).toEqual([library]);
    expect(await titles("answer=without")).toEqual([river, gone]);
    expect(await titles("status=open")).toEqual([river, library]);
    expect(await titles("status=withdrawn")).toEqual([gone]);
    expect(await titles("q=libraries")).toEqual([library]);
    expect(await titles(`q=${river}`)).toEqual([river]);
    const sorted = (await admin.get(`${f.adminBase}?sort=most_supported`)).body;
    expect(sorted.indexOf(`href="${f.adminBase}/${library}"`)).toBeLessThan(sorted.indexOf(`href="${f.adminBase}/${river}"`));
    // The bulk form: every row selectable, both actions offered; publishing answers still works.
    expect(sorted).toContain(`formaction="${f.adminBase}/merge/new"`);
    await answer(f, river, "evaluating", false);
    const pub = await admin.post(`${f.adminBase}/publish-answers`, { ids: [String(river), String(library)] }, { formPage: f.adminBase });
    expect(pub.statusCode).toBe(303);
    expect((await p.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from proposals where component_id = ${f.component.id} and state_published_at is not null`)).rows[0]?.n).toBe(2);
  });

  it("exports every proposal of the component as CSV and JSON, with authors and history", async () => {
    const f = await proposalsFixture(p, adminId);
    const a = await signedInClient(p, { name: "Alice Export" });
    const b = await signedInClient(p, { name: "Bob Export" });
    const x = await add(f.component.id, a.userId, "Export me first", { supports: 5 });
    const y = await add(f.component.id, b.userId, "Export me second", { hidden: true });
    await answer(f, x, "accepted", false);
    const res = await admin.post(`${f.adminBase}/merge`, { ids: [String(x), String(y)], "title.en": "Exported merge", "body.en": "Both.", targetComponentId: String(f.component.id) }, { formPage: f.adminBase });
    const merged = idAtEnd(res.headers.location);
    const csv = await admin.get(`${f.adminBase}/export.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.headers["content-disposition"]).toContain("attachment");
    const lines = csv.body.trim().split("\r\n");
    expect(lines[0]).toContain("id,url,title,body,language,official,authors,category,scope,status,state,answer_published");
    expect(lines.length).toBe(4);
    const first = lines.find((l) => l.startsWith(`${x},`)) ?? "";
    expect(first).toContain("Export me first");
    expect(first).toContain("Alice Export");
    expect(first).toContain(",merged,accepted,no,");
    expect(lines.find((l) => l.startsWith(`${merged},`))).toContain("Alice Export; Bob Export");
    const json = await admin.get(`${f.adminBase}/export.json`);
    expect(json.statusCode).toBe(200);
    const data = JSON.parse(json.body) as Array<{ id: number; status: string; hidden: boolean; supports: number; authors: string[]; links: { mergedFrom: number[]; mergedInto: number[] } }>;
    expect(data.map((d) => d.id)).toEqual([x, y, merged]);
    expect(data[0]).toMatchObject({ status: "merged", supports: 5, authors: ["Alice Export"], links: { mergedInto: [merged] } });
    expect(data[1]).toMatchObject({ hidden: true });
    expect(data[2]?.links.mergedFrom).toEqual([x, y]);
    // The public open data export still answers, without the hidden one or internal answers.
    const open = await (await englishClient(p)).get("/open-data/proposals.csv");
    expect(open.statusCode).toBe(200);
    expect(open.body).toContain("Export me first");
    expect(open.body).not.toContain("Export me second");
  });

  it("reads the list, a proposal's page and the exports in a bounded number of queries", async () => {
    const f = await proposalsFixture(p, adminId);
    const a = await add(f.component.id, adminId, "Bounded one");
    const b = await add(f.component.id, adminId, "Bounded two");
    await admin.post(`${f.adminBase}/merge`, { ids: [String(a), String(b)], "title.en": "Bounded merge", "body.en": "Both.", targetComponentId: String(f.component.id) }, { formPage: f.adminBase });
    const urls = [f.adminBase, `${f.adminBase}?status=all&q=bounded&sort=most_commented`, `${f.adminBase}/${a}`, `${f.adminBase}/export.json`, `${f.adminBase}/import`];
    const measure = async () => {
      const out: number[] = [];
      for (const url of urls) {
        const { count, result } = await countQueries(p.deps.pool, () => admin.get(url));
        expect(result.statusCode, url).toBe(200);
        out.push(count);
      }
      return out;
    };
    const small = await measure();
    await p.deps.db.execute(sql`
      insert into proposals (component_id, author_id, title, body, language, published_at)
      select ${f.component.id}, ${adminId}, jsonb_build_object('en', 'Bounded bulk ' || i), '{"en":"A bulk body."}', 'en', now() from generate_series(1, 120) i`);
    await p.deps.db.execute(sql`
      insert into proposal_links (kind, source_id, target_id, target_component_id)
      select 'imported', p.id, ${a}, ${f.component.id} from proposals p where p.component_id = ${f.component.id} and p.title->>'en' like 'Bounded bulk%'`);
    expect(await measure()).toEqual(small);
  });
});

describe("telling the authors and followers of the originals", () => {
  /** The notices a person got about a proposal, as their notifications page lists them (waits for the relay). */
  async function notices(client: TestClient, userId: number, kind: string): Promise<string> {
    await toldOf(userId, kind);
    return (await client.get("/notifications", { "accept-language": "en" })).body;
  }
  /** The proposals a person was told of by this event, once the relay told them of one (or after 10 s). */
  async function toldOf(userId: number, kind: string): Promise<number[]> {
    let ids: number[] = [];
    for (let i = 0; i < 50 && ids.length === 0; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 200));
      ids = (await p.deps.db.execute<{ resource_id: string }>(sql`select resource_id from notifications where user_id = ${userId} and kind = ${kind} order by resource_id`)).rows.map((r) => Number(r.resource_id));
    }
    return ids;
  }
  const nobodyElse = async (userIds: number[]) =>
    (await p.deps.db.execute(sql`select 1 from notifications where user_id = any(${sql.param(userIds)}::bigint[]) and kind in ('proposal.merged', 'proposal.split', 'proposal.imported')`)).rows.length;
  const follow = (f: ProposalsFixture, id: number, userId: number) =>
    p.deps.db.execute(sql`insert into follows (resource_type, resource_id, user_id, component_id, space_id) values ('proposal', ${id}, ${userId}, ${f.component.id}, ${f.space.id})`);

  it("says where a merged, split or imported proposal went, to its authors and followers, never to the administrator", async () => {
    const f = await proposalsFixture(p, adminId);
    const [a, b, fan, bystander] = [await signedInClient(p), await signedInClient(p), await signedInClient(p), await signedInClient(p)];
    const first = await add(f.component.id, a.userId, "Benches in the park");
    const second = await add(f.component.id, b.userId, "Shade in the park");
    await follow(f, second, fan.userId);
    const res = await admin.post(
      `${f.adminBase}/merge`,
      { ids: [String(first), String(second)], "title.en": "A park to rest in", "body.en": "Benches and shade.", targetComponentId: String(f.component.id) },
      { formPage: f.adminBase },
    );
    expect(res.statusCode).toBe(303);
    expect(await notices(a.client, a.userId, "proposal.merged")).toContain("“Benches in the park” was merged into “A park to rest in”");
    expect(await notices(fan.client, fan.userId, "proposal.merged")).toContain("“Shade in the park” was merged into “A park to rest in”");
    expect(await toldOf(b.userId, "proposal.merged")).toEqual([second]);
    expect(await toldOf(fan.userId, "proposal.merged")).toEqual([second]);

    const whole = await add(f.component.id, a.userId, "A library and a pool");
    await follow(f, whole, fan.userId);
    const split = await admin.post(
      `${f.adminBase}/${whole}/split`,
      { "parts.0.title.en": "A library", "parts.0.body.en": "Books.", "parts.1.title.en": "A pool", "parts.1.body.en": "Swimming.", targetComponentId: String(f.component.id) },
      { formPage: `${f.adminBase}/${whole}/split` },
    );
    expect(split.statusCode).toBe(303);
    expect(await notices(fan.client, fan.userId, "proposal.split")).toContain("“A library and a pool” was split into 2 new proposals");
    expect(await toldOf(a.userId, "proposal.split")).toEqual([whole]);

    const dev = await proposalsFixture(p, adminId);
    await p.deps.db.execute(sql`update components set name = '{"en":"Development","fr":"Développement"}'::jsonb where id = ${dev.component.id}`);
    const idea = await add(f.component.id, b.userId, "Lights on the bridge");
    await follow(f, idea, fan.userId);
    const imported = await admin.post(`${dev.adminBase}/import`, { sourceComponentId: String(f.component.id), states: ["not_answered"] }, { formPage: `${dev.adminBase}/import` });
    expect(imported.statusCode).toBe(303);
    expect(await notices(b.client, b.userId, "proposal.imported")).toContain("“Lights on the bridge” was imported into “Development”");
    expect(await toldOf(fan.userId, "proposal.imported")).toEqual([idea]);
    // Everything was relayed by now (the last event was): neither a bystander nor the administrator heard of it.
    expect(await nobodyElse([bystander.userId, adminId])).toBe(0);
  });
});
