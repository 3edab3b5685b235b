/**
 * Seating a draw (ADR 19): the admin invites the panel, each drawn person receives a mail over SMTP with
 * a single-use link (only its hash stored); confirming makes them a member "drawn by lot" under the name
 * they agreed to show (else "A drawn member"); a refusal draws a replacement from the same record's
 * lottery, replayable from the record JSON alone, and mails them; a deadline passed without an answer
 * is expired by the job and replaced; staff record an answer received by phone; elected members sit
 * beside drawn ones, labelled, with the composition on the assembly's page; a rotation ends a third of
 * a seated draw's memberships and creates a child draw over the remaining pool with the right k.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishClient, signedInClient } from "../../core/accounts/testing";
import { run as sortitionCli } from "../../engines/sortition/cli";
import { parseCsv } from "../../engines/sortition/csv";
import { runCommand } from "../../test/command";
import { createTestPlatform, csrfFrom, type TestClient, type TestPlatform } from "../../test/platform";
import { publishedAssembly } from "../../test/spaces";
import { until } from "../../test/until";
import { demoPool } from "./demo-pool";
import { runDraw } from "./draw-run";
import { createDraw, publishDraw, startDraw } from "./draw-service";
import manifest from "./manifest";
import { sortitionComponentOf } from "./place";
import { preparePool } from "./pool";
import { replayReplacements } from "./replacement";
import { adjustQuotas } from "./rotation-plan";
import type { DrawQuota } from "./schema";

let p: TestPlatform;
let admin: TestClient;
let adminId: number;
let spaceId: number;
let componentId: number;
let SLUG: string;
const pool = demoPool(120, 12, "seating");
const LINK = /http:\/\/pnyx\.test(\/sortition\/seats\/[A-Za-z0-9_-]+)/;

const base = () => `/admin/spaces/${spaceId}/components/${componentId}/manage`;

/** A published draw of 12 from the 120 people (run in-process, as the demo does). */
async function publishedDraw(title: string): Promise<number> {
  const actor = { id: adminId, ip: null };
  const prepared = preparePool(pool.quotasCsv, pool.peopleCsv, 12, { householdColumns: ["address"] });
  const id = await createDraw(p.deps.db, actor, { spaceId, componentId }, { title: { en: title }, k: 12, algorithm: "leximin", commitment: "dice", randomness: `dice ${title}`, householdColumns: ["address"], pool: prepared });
  expect((await startDraw(p.deps.db, actor, spaceId, id)).ok).toBe(true);
  await runDraw(p.deps.db, id);
  const done = await until(async () => (await p.deps.db.execute<{ status: string }>(sql`select status from sortition_draws where id = ${id}`)).rows.find((r) => r.status !== "running"));
  expect(done.status).toBe("done");
  expect(await publishDraw(p.deps.db, actor, spaceId, id)).toBe(true);
  return id;
}

type Seat = {
  id: number;
  row: number;
  status: string;
  round: number;
  replaces_row: number | null;
  token_hash: string;
  member_id: number | null;
  email: string;
  name: string;
};
const seatsOf = async (drawId: number) =>
  (
    await p.deps.db.execute<Seat>(sql`select s.id::int as id, s.row, s.status, s.round, s.replaces_row, s.token_hash, s.member_id::int as member_id, c.email, c.name
      from sortition_seats s join sortition_pool_contacts c on c.draw_id = s.draw_id and c.row = s.row where s.draw_id = ${drawId} order by s.round, s.row`)
  ).rows;

/** The seat link mailed to `email` (waiting for the mail to arrive over SMTP). */
async function linkFor(email: string): Promise<string> {
  const mail = await p.smtp.waitFor((m) => m.to.includes(email.toLowerCase()) && LINK.test(m.text));
  const m = LINK.exec(mail.text);
  if (!m?.[1]) throw new Error("no link in the mail");
  return m[1];
}

beforeAll(async () => {
  p = await createTestPlatform();
  ({ client: admin, userId: adminId } = await signedInClient(p, { isAdmin: true }));
  const actor = { id: adminId, ip: null };
  ({ id: spaceId, slug: SLUG } = await publishedAssembly(p, adminId, { prefix: "seating", title: { en: "Deliberative committee" } }));
  componentId = await sortitionComponentOf(p.deps.db, actor, spaceId);
}, 60_000);
afterAll(async () => {
  await p?.stop();
});

describe("seating a draw", () => {
  let drawId: number;
  let drawPath: string;

  it("invites the panel: a seat each with a deadline, a mail each with a single-use link whose token is not stored", async () => {
    drawId = await publishedDraw("Committee draw");
    drawPath = `${base()}/draws/${drawId}`;
    const page = await admin.get(drawPath);
    expect(page.body).toContain("Invite the panel to confirm");
    const bad = await admin.post(`${drawPath}/invite`, { confirmDays: "soon" }, { formPage: drawPath });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain("Enter a number of days between 1 and 90.");
    expect(await seatsOf(drawId)).toHaveLength(0);

    const invited = await admin.post(`${drawPath}/invite`, { confirmDays: "10" }, { formPage: drawPath });
    expect(invited.statusCode).toBe(303);
    const seats = await seatsOf(drawId);
    expect(seats).toHaveLength(12);
    expect(seats.every((s) => s.status === "invited" && s.round === 0)).toBe(true);
    const deadlines = await p.deps.db.execute<{ days: number }>(sql`select round(extract(epoch from deadline_at - invited_at) / 86400)::int as days from sortition_seats where draw_id = ${drawId}`);
    expect(deadlines.rows.every((r) => r.days === 10)).toBe(true);
    for (const s of seats) {
      const link = await linkFor(s.email);
      const token = link.split("/").pop() ?? "";
      expect(s.token_hash).not.toContain(token);
    }
    // Once only.
    await admin.post(`${drawPath}/invite`, { confirmDays: "10" }, { formPage: drawPath });
    expect(await seatsOf(drawId)).toHaveLength(12);
    // Inviting replaces the direct seating.
    expect((await admin.get(drawPath)).body).not.toContain(`action="${drawPath}/seat"`);
  }, 120_000);

  it("confirms a seat with the name shown, once; another with the name hidden shows as “A drawn member”", async () => {
    const [first, second] = await seatsOf(drawId);
    if (!first || !second) throw new Error("seats");
    const person = await englishClient(p);
    const link = await linkFor(first.email);
    const page = await person.get(link);
    expect(page.statusCode).toBe(200);
    expect(page.headers["referrer-policy"]).toBe("no-referrer");
    expect(page.body).toContain("Deliberative committee");
    expect(page.body).toContain(first.name);
    // The name choice is required.
    const missing = await person.post(link, { answer: "confirm" }, { formPage: link });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain("Choose whether your name is shown.");
    expect((await person.post(link, { answer: "confirm", showName: "yes" }, { formPage: link })).statusCode).toBe(303);
    const after = await person.get(link);
    expect(after.body).toContain("You took your seat");
    expect(after.body).not.toContain('name="showName"');
    // The link answers once (a second post, with the token of the form as it was, changes nothing).
    const again = await person.post(link, { answer: "refuse" }, { csrf: csrfFrom(page.body) });
    expect(again.statusCode).toBe(303);

    const hidden = await linkFor(second.email);
    const other = await englishClient(p);
    expect((await other.post(hidden, { answer: "confirm", showName: "no" }, { formPage: hidden })).statusCode).toBe(303);

    const seats = await seatsOf(drawId);
    expect(seats.find((s) => s.id === first.id)?.status).toBe("confirmed");
    expect(seats.find((s) => s.id === second.id)?.status).toBe("confirmed");
    const members = await p.deps.db.execute<{ id: number; name: string; designation: string }>(sql`select id::int as id, name, designation from assembly_members where space_id = ${spaceId} order by id`);
    expect(members.rows).toEqual([
      { id: seats.find((s) => s.id === first.id)?.member_id, name: first.name, designation: "drawn" },
      { id: seats.find((s) => s.id === second.id)?.member_id, name: "", designation: "drawn" },
    ]);
    const assembly = await (await englishClient(p)).get(`/assemblies/${SLUG}`);
    expect(assembly.statusCode).toBe(200);
    expect(assembly.body).toContain(first.name);
    if (second.name !== first.name) expect(assembly.body).not.toContain(second.name);
    expect(assembly.body).toContain("A drawn member");
    expect(assembly.body).toContain("2 drawn by lot");
    const audited = await p.deps.db.execute<{ action: string }>(sql`select action from audit_log where resource_type = 'sortition_seat' order by id`);
    expect(audited.rows.map((a) => a.action)).toEqual(["sortition.seat.confirm", "sortition.seat.confirm"]);
  }, 60_000);

  it("replaces a refusal from the same record's lottery, replayable from the record alone, and mails the replacement", async () => {
    const leaving = (await seatsOf(drawId)).find((s) => s.status === "invited");
    if (!leaving) throw new Error("seat");
    const link = await linkFor(leaving.email);
    expect((await (await englishClient(p)).post(link, { answer: "refuse" }, { formPage: link })).statusCode).toBe(303);
    const seats = await seatsOf(drawId);
    expect(seats.find((s) => s.id === leaving.id)?.status).toBe("refused");
    const replacement = seats.find((s) => s.replaces_row === leaving.row);
    expect(replacement).toMatchObject({ status: "invited", round: 1 });
    await linkFor(replacement?.email ?? "");

    const componentUrl = `/spaces/${SLUG}/c/${componentId}/draws/${drawId}`;
    const record = JSON.parse((await (await englishClient(p)).get(`${componentUrl}.json`)).body) as { seed: string; panel: string[]; files: { people: string }; replacements: Array<{ round: number; replacesRow: string; row: string; reason: string }>; replacementMethod: string };
    expect(record.replacements).toEqual([{ round: 1, replacesRow: String(leaving.row), reason: "refused", row: String(replacement?.row) }]);
    expect(record.replacementMethod).toContain(":replacement:");
    // Anyone replays it from the published pool file (categories, household last), the panel and the seed.
    const [header = [], ...rows] = parseCsv(record.files.people);
    const categories = header.length - 1;
    const candidates = rows.map((r, i) => ({ row: i + 1, features: r.slice(0, categories), household: r[categories] ? Number(r[categories]) : null }));
    const replayed = replayReplacements(record.seed, candidates, record.panel.map(Number), record.replacements.map((r) => ({ round: r.round, replacesRow: Number(r.replacesRow) })));
    expect(replayed).toEqual([replacement?.row]);
    // `pnyx sortition verify` replays the panel and the replacements from the record alone; a forged round fails.
    const dir = await mkdtemp(path.join(tmpdir(), "pnyx-seating-"));
    try {
      const file = path.join(dir, "record.json");
      await writeFile(file, JSON.stringify(record));
      const verified = await runCommand(sortitionCli, ["verify", file, "--json"], p.deps.config.DATABASE_URL ?? "");
      expect(verified.code).toBe(0);
      expect((JSON.parse(verified.out) as { checks: Array<{ check: string; ok: boolean }> }).checks.some((c) => c.check.startsWith("replayed replacements") && c.ok)).toBe(true);
      const forged = String(Number(replacement?.row) === rows.length ? rows.length - 1 : rows.length);
      await writeFile(file, JSON.stringify({ ...record, replacements: record.replacements.map((r) => ({ ...r, row: forged })) }));
      expect((await runCommand(sortitionCli, ["verify", file], p.deps.config.DATABASE_URL ?? "")).code).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const page = await (await englishClient(p)).get(componentUrl);
    expect(page.body).toContain("Replacements");
    expect(page.body).toContain(`row ${replacement?.row} replaces row ${leaving.row}`);
  }, 60_000);

  it("expires a seat past its deadline through the job and replaces it; staff record a phone answer", async () => {
    const late = (await seatsOf(drawId)).find((s) => s.status === "invited" && s.round === 0);
    if (!late) throw new Error("seat");
    await p.deps.db.execute(sql`update sortition_seats set deadline_at = now() - interval '1 minute' where id = ${late.id}`);
    // The link no longer answers once the deadline passed.
    const link = await linkFor(late.email);
    expect((await (await englishClient(p)).get(link)).body).toContain("The time to answer has passed");
    const job = manifest.jobs?.find((j) => j.name === "sortition.seats.expire");
    if (!job) throw new Error("no expiry job");
    // The scheduled run may win the race: either way the seat ends expired and replaced once.
    await job.run(p.deps, {});
    const seats = await seatsOf(drawId);
    expect(seats.find((s) => s.id === late.id)?.status).toBe("expired");
    const replacement = seats.filter((s) => s.replaces_row === late.row);
    expect(replacement).toHaveLength(1);
    expect(replacement[0]?.round).toBe(2);
    await linkFor(replacement[0]?.email ?? "");

    const phoned = seats.find((s) => s.status === "invited");
    if (!phoned) throw new Error("seat");
    const drawPage = await admin.get(drawPath);
    expect(drawPage.body).toContain("Answer received by phone or letter");
    expect((await admin.post(`${drawPath}/seats/${phoned.id}/answer`, { answer: "confirm-hidden" }, { formPage: drawPath })).statusCode).toBe(303);
    expect((await seatsOf(drawId)).find((s) => s.id === phoned.id)?.status).toBe("confirmed");
    const audit = await p.deps.db.execute<{ actor_id: string | null; how: string }>(sql`select actor_id, after->>'how' as how from audit_log where action = 'sortition.seat.confirm' and resource_id = ${String(phoned.id)}`);
    expect(audit.rows).toEqual([{ actor_id: String(adminId), how: "staff" }]);
  }, 60_000);

  it("labels elected members beside drawn ones and shows the composition", async () => {
    const form = `/admin/spaces/${spaceId}/members/new`;
    for (const name of ["Anna MP", "Bruno MP"]) expect((await admin.post(form, { name, position: "member", designation: "elected", weight: "0" }, { formPage: form })).statusCode).toBe(303);
    const drawn = Number((await p.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from assembly_members where space_id = ${spaceId} and designation = 'drawn'`)).rows[0]?.n);
    const page = await (await englishClient(p)).get(`/assemblies/${SLUG}`);
    expect(page.body).toContain(`${drawn} drawn by lot · 2 elected`);
    expect(page.body).toMatch(/Anna MP<\/td><td>Member<\/td><td>Elected<\/td>/);
    // In the core back office a name stays required, except for a drawn member who chose not to show it.
    expect((await admin.post(form, { name: "", position: "member", designation: "elected", weight: "0" }, { formPage: form })).statusCode).toBe(422);
    const hidden = (await p.deps.db.execute<{ id: number }>(sql`select id::int as id from assembly_members where space_id = ${spaceId} and name = '' limit 1`)).rows[0];
    const edit = `/admin/spaces/${spaceId}/members/${hidden?.id}/edit`;
    expect((await admin.post(edit, { name: "", position: "secretary", designation: "drawn", weight: "0" }, { formPage: edit })).statusCode).toBe(303);
    expect((await admin.get(`/admin/spaces/${spaceId}/members`)).body).toContain('visually-hidden"> A drawn member</span>');
  }, 60_000);
});

describe("rotation", () => {
  it("ends a third of a seated draw's memberships and draws their successors from the remaining pool with adjusted quotas", async () => {
    const id = await publishedDraw("Rotating draw");
    const drawPath = `${base()}/draws/${id}`;
    expect((await admin.post(`${drawPath}/seat`, {}, { formPage: drawPath })).statusCode).toBe(303);
    const seated = await seatsOf(id);
    expect(seated.filter((s) => s.status === "confirmed")).toHaveLength(12);
    // Due once the members have sat as long as the component's setting says.
    await p.deps.db.execute(sql`update components set settings = jsonb_set(settings, '{global,rotationMonths}', '6') where id = ${componentId}`);
    await p.deps.db.execute(sql`update sortition_draws set published_at = now() - interval '7 months' where id = ${id}`);
    const page = await admin.get(drawPath);
    expect(page.body).toContain("Rotation due");
    expect(page.body).toContain("(4 of 12)");
    const empty = await admin.post(`${drawPath}/rotate`, { title: "", commitment: "", randomness: "" }, { formPage: drawPath });
    expect(empty.statusCode).toBe(422);

    const started = await admin.post(`${drawPath}/rotate`, { title: "Second third", commitment: "dice rolled in public", randomness: "4 2 6" }, { formPage: drawPath });
    expect(started.statusCode).toBe(303);
    const childId = Number(String(started.headers.location).split("/").pop());
    const child = (await p.deps.db.execute<{ parent_draw_id: string; k: number; pool_size: number; quotas: DrawQuota[]; status: string }>(sql`select parent_draw_id, k, pool_size, quotas, status from sortition_draws where id = ${childId}`)).rows[0];
    expect(Number(child?.parent_draw_id)).toBe(id);
    expect(child?.k).toBe(4);
    expect(child?.pool_size).toBe(120 - 12);

    const after = await seatsOf(id);
    const ceased = after.filter((s) => s.status === "ceased");
    expect(ceased).toHaveLength(4);
    const ended = await p.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from assembly_members where id = any(${sql.param(ceased.map((s) => s.member_id))}::bigint[]) and ceased_at is not null`);
    expect(ended.rows[0]?.n).toBe(4);
    // The quotas less what the 8 staying members hold.
    const parent = (await p.deps.db.execute<{ quotas: DrawQuota[]; categories: string[] }>(sql`select quotas, categories from sortition_draws where id = ${id}`)).rows[0];
    const staying = await p.deps.db.execute<{ features: string[] }>(sql`select p.features from sortition_seats s join sortition_pool_people p on p.draw_id = s.draw_id and p.row = s.row where s.draw_id = ${id} and s.status = 'confirmed'`);
    expect(staying.rows).toHaveLength(8);
    expect(child?.quotas).toEqual(adjustQuotas(parent?.quotas ?? [], parent?.categories ?? [], staying.rows.map((r) => r.features), 4));
    // Nobody ever invited is in the new pool.
    const overlap = await p.deps.db.execute<{ n: number }>(sql`
      select count(*)::int as n from sortition_pool_contacts c join sortition_pool_contacts o on o.external_id = c.external_id
      where c.draw_id = ${childId} and o.draw_id = ${id} and o.row in (select row from sortition_seats where draw_id = ${id})`);
    expect(overlap.rows[0]?.n).toBe(0);
    // It runs through the worker like any draw.
    const final = await until(async () => (await p.deps.db.execute<{ status: string; k: number; panel: number[] | null }>(sql`select status, result->'panel' as panel from sortition_draws where id = ${childId}`)).rows.find((r) => !["running", "draft"].includes(r.status)), 90_000);
    expect(final.status).toBe("done");
    expect(final.panel).toHaveLength(4);
    // Once per draw.
    expect((await admin.post(`${drawPath}/rotate`, { title: "Again", commitment: "", randomness: "" }, { formPage: drawPath })).statusCode).toBe(303);
    expect((await p.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from sortition_draws where parent_draw_id = ${id}`)).rows[0]?.n).toBe(1);
  }, 180_000);
});
