/**
 * Recruitment end to end in the back office: a recruitment created from the form (a bad strata line
 * shown again with its error); a register upload refused with a translated error when the CSV is
 * broken (nothing stored), then stored sealed (no cell in clear in the table); the sample drawn from
 * a recorded seed (the same as re-deriving it), codes unique and single-use by their hash; the letters
 * printed as a PDF of one page per letter by the job (or by us: whoever claims the batch first), in the
 * person's language; the retention job deleting the register, letters, codes and contacts.
 */
import { existsSync } from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInClient } from "../../core/accounts/testing";
import { CHROMIUM_PATH } from "../../core/pdf/chromium";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { publishedAssembly } from "../../test/spaces";
import { until } from "../../test/until";
import { findInvitationByCode, letterBatch, LETTERS_PER_BATCH, sampleRows, useInvitation } from "./invitations";
import { batchPdf, printLetters } from "./letters-job";
import { sortitionComponentOf } from "./place";
import { keysFor } from "./registration-service";
import { applyRetention } from "./retention";
import { unseal } from "./sealed";

let p: TestPlatform;
let admin: TestClient;
let base: string;
let slug: string;

const LANGS = ["fr", "nl", "de", "en"];
const register = (n: number) => ["first_name;last_name;street;postcode;city;language", ...Array.from({ length: n }, (_, i) => `Zoé;Dupont-${i + 1};Rue des Tilleuls ${i + 1};5400${i % 10};Nancy;${LANGS[i % 4]}`)].join("\r\n");

const recruitmentForm = {
  "title.en": "Nancy assembly",
  "title.fr": "Assemblée citoyenne de Nancy",
  strata: "category,value,en,fr,nl,de,min,max\ngender,,Gender,Genre,Geslacht,Geschlecht,,\ngender,woman,Woman,Femme,Vrouw,Frau,5,7\ngender,man,Man,Homme,Man,Mann,5,7\n",
  "letterTemplate.en": "Dear {{name}},\n\nYour code: **{{code}}** at {{url}} before {{deadline}}.",
  "letterTemplate.fr": "Bonjour {{name}},\n\nVotre code : **{{code}}** sur {{url}} avant le {{deadline}}.",
  registrationDeadline: "2030-01-31",
  retentionDays: "30",
};

const count = async (q: ReturnType<typeof sql>) => (await p.deps.db.execute<{ n: number }>(q)).rows[0]?.n ?? -1;

beforeAll(async () => {
  p = await createTestPlatform();
  let adminId: number;
  ({ client: admin, userId: adminId } = await signedInClient(p, { isAdmin: true }));
  const space = await publishedAssembly(p, adminId, { prefix: "recruiting", title: { en: "Recruiting assembly" } });
  slug = space.slug;
  const componentId = await sortitionComponentOf(p.deps.db, { id: adminId, ip: null }, space.id);
  base = `/admin/spaces/${space.id}/components/${componentId}/manage`;
}, 60_000);
afterAll(async () => {
  await p?.stop();
});

describe("recruitment: register, invitations, letters, retention", () => {
  let id: number;

  it("creates a recruitment from the form; a bad line of the questions is shown again with its error", async () => {
    const bad = await admin.post(`${base}/recruitments/new`, { ...recruitmentForm, strata: "gender,woman,Woman,,,,9,2\ngender,man,Man\n" }, { formPage: `${base}/recruitments/new` });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain("Line 1 of the questions is not valid");
    expect(bad.body).toContain("Nancy assembly");
    const typo = await admin.post(`${base}/recruitments/new`, { ...recruitmentForm, "letterTemplate.en": "Dear {{nmae}}" }, { formPage: `${base}/recruitments/new` });
    expect(typo.statusCode).toBe(422);
    expect(typo.body).toContain("unknown field {{nmae}}");
    const ok = await admin.post(`${base}/recruitments/new`, recruitmentForm, { formPage: `${base}/recruitments/new` });
    expect(ok.statusCode).toBe(303);
    id = Number(/recruitments\/(\d+)$/.exec(ok.headers.location ?? "")?.[1]);
    const [row] = (await p.deps.db.execute<{ strata: Array<{ category: string; options: Array<{ value: string; target?: { min: number; max: number } }> }> }>(sql`select strata from sortition_recruitments where id = ${id}`)).rows;
    expect(row?.strata[0]?.options).toEqual([expect.objectContaining({ value: "woman", target: { min: 5, max: 7 } }), expect.objectContaining({ value: "man", target: { min: 5, max: 7 } })]);
  });

  it("refuses a broken register with a translated error and stores nothing; stores a good one sealed", async () => {
    const page = `${base}/recruitments/${id}`;
    const broken = `${register(3)}\r\nOnly;three;cells`;
    const refused = await admin.postMultipart(`${page}/register`, { registerFile: { filename: "register.csv", type: "text/csv", data: Buffer.from(broken) } }, { formPage: page });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain("These lines do not have the 6 columns of the header: 5.");
    const quote = await admin.postMultipart(`${page}/register`, { registerFile: { filename: "register.csv", type: "text/csv", data: Buffer.from(`${register(2)}\r\n"Open;quote`) } }, { formPage: page });
    expect(quote.statusCode).toBe(422);
    expect(quote.body).toContain("never ends");
    const column = await admin.postMultipart(`${page}/register`, { registerFile: { filename: "register.csv", type: "text/csv", data: Buffer.from(register(2)) }, nameColumns: "surname" }, { formPage: page });
    expect(column.statusCode).toBe(422);
    expect(column.body).toContain("no column named “surname”");
    expect(await count(sql`select count(*)::int as n from sortition_register_rows where recruitment_id = ${id}`)).toBe(0);

    const stored = await admin.postMultipart(`${page}/register`, { registerFile: { filename: "register.csv", type: "text/csv", data: Buffer.from(register(40)) } }, { formPage: page });
    expect(stored.statusCode).toBe(303);
    expect(await count(sql`select count(*)::int as n from sortition_register_rows where recruitment_id = ${id}`)).toBe(40);
    // Vacuumed and analyzed by the upload itself, not left to autovacuum during the registrations (ADR 0045).
    await until(async () => (await p.deps.db.execute<{ done: boolean }>(sql`select last_vacuum is not null and last_analyze is not null as done from pg_stat_user_tables where relname = 'sortition_register_rows'`)).rows[0]?.done);
    // No cell in clear: not the name, the street or the city, in any row's bytes.
    expect(await count(sql`select count(*)::int as n from sortition_register_rows where position(convert_to('Dupont', 'UTF8') in sealed) > 0 or position(convert_to('Tilleuls', 'UTF8') in sealed) > 0 or position(convert_to('Nancy', 'UTF8') in sealed) > 0`)).toBe(0);
    const [first] = (await p.deps.db.execute<{ sealed: Buffer }>(sql`select sealed from sortition_register_rows where recruitment_id = ${id} and row = 7`)).rows;
    expect(unseal<string[]>(keysFor(p.deps.config), first?.sealed ?? Buffer.alloc(0))).toEqual(["Zoé", "Dupont-7", "Rue des Tilleuls 7", "54006", "Nancy", "de"]);
    const [r] = (await p.deps.db.execute<{ register_size: number; register_mapping: unknown }>(sql`select register_size, register_mapping from sortition_recruitments where id = ${id}`)).rows;
    expect(r).toEqual({ register_size: 40, register_mapping: { name: ["first_name", "last_name"], address: ["street", "postcode", "city"], language: "language" } });
    const shown = await admin.get(page);
    expect(shown.body).toContain("40 people in the register");
    expect(shown.body).not.toContain("Dupont");
  });

  it("invites a sample re-derived from its recorded seed, with unique single-use codes, in batches of 1,000", async () => {
    const page = `${base}/recruitments/${id}`;
    const tooMany = await admin.post(`${page}/invite`, { invitations: "41" }, { formPage: page });
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.body).toContain("from 1 to 40");
    const ok = await admin.post(`${page}/invite`, { invitations: "25", seed: "dice 3 5 1 6 2" }, { formPage: page });
    expect(ok.statusCode).toBe(303);
    const rows = (await p.deps.db.execute<{ register_row: number; code_hash: string; code_sealed: Buffer; batch: number }>(sql`select register_row, code_hash, code_sealed, batch from sortition_invitations where recruitment_id = ${id} order by register_row`)).rows;
    expect(rows.map((x) => x.register_row)).toEqual(sampleRows("dice 3 5 1 6 2", 40, 25));
    expect(sampleRows("dice 3 5 1 6 2", 40, 25)).not.toEqual(sampleRows("dice 3 5 1 6 3", 40, 25));
    expect(new Set(rows.map((x) => x.code_hash)).size).toBe(25);
    await until(async () => (await p.deps.db.execute<{ done: boolean }>(sql`select last_vacuum is not null and last_analyze is not null as done from pg_stat_user_tables where relname = 'sortition_invitations'`)).rows[0]?.done);
    expect(rows.every((x) => x.batch === 1)).toBe(true);
    expect([letterBatch(0), letterBatch(LETTERS_PER_BATCH - 1), letterBatch(LETTERS_PER_BATCH), letterBatch(9_999)]).toEqual([1, 1, 2, 10]);
    const audit = (await p.deps.db.execute<{ after: { seed: string; method: string; invitations: number } }>(sql`select after from audit_log where action = 'sortition.recruitment.invite' and resource_id = ${String(id)}`)).rows[0];
    expect(audit?.after).toMatchObject({ seed: "dice 3 5 1 6 2", method: "pnyx-sample/1", invitations: 25 });

    const keys = keysFor(p.deps.config);
    const code = unseal<string>(keys, rows[3]?.code_sealed ?? Buffer.alloc(0));
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    // Typed back leniently (lower case, no dash), it finds its letter; used once, never twice.
    const found = await findInvitationByCode(p.deps.db, keys, code.replace("-", "").toLowerCase());
    expect(found?.registerRow).toBe(rows[3]?.register_row);
    expect(await useInvitation(p.deps.db, found?.id ?? 0)).toBe(true);
    expect(await useInvitation(p.deps.db, found?.id ?? 0)).toBe(false);
    expect(await findInvitationByCode(p.deps.db, keys, "00000-00000")).toBeNull();
    // Once per recruitment.
    const again = await admin.post(`${page}/invite`, { invitations: "5" }, { formPage: page });
    expect(again.statusCode).toBe(303);
    expect(await count(sql`select count(*)::int as n from sortition_invitations where recruitment_id = ${id}`)).toBe(25);
  });

  it("prints the letters: a PDF with one page per letter, downloadable, with the codes' CSV", async () => {
    if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it with apt-get install -y chromium (or set CHROMIUM_PATH)`);
    // The job or this call prints it, whichever claims the batch first.
    await printLetters(p.deps, id);
    const keys = keysFor(p.deps.config);
    const pdf = await until(async () => {
      const s = (await p.deps.db.execute<{ status: string; error: string | null }>(sql`select status, error from sortition_letter_batches where recruitment_id = ${id} and batch = 1`)).rows[0];
      if (s?.status === "failed") throw new Error(s.error ?? "failed");
      return s?.status === "done" ? batchPdf(p.deps.db, keys, id, 1) : null;
    }, 120_000);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.toString("latin1").match(/\/Type\s*\/Page\b/g) ?? []).toHaveLength(25);
    const download = await admin.get(`${base}/recruitments/${id}/letters/batch-1.pdf`);
    expect(download.statusCode).toBe(200);
    expect(download.headers["content-type"]).toBe("application/pdf");
    expect(download.rawPayload.equals(pdf)).toBe(true);
    const csv = await admin.get(`${base}/recruitments/${id}/letters/batch-1.csv`);
    const lines = csv.body.trim().split("\r\n");
    expect(lines[0]).toBe("batch,row,code");
    expect(lines).toHaveLength(26);
    const page = await admin.get(`${base}/recruitments/${id}`);
    expect(page.body).toContain("1 of 1 PDF files printed.");
    // The stored PDF is sealed: the table holds no PDF in clear.
    expect(await count(sql`select count(*)::int as n from sortition_letter_batches where position(convert_to('%PDF', 'UTF8') in pdf_sealed) > 0`)).toBe(0);
  }, 180_000);

  it("deletes the personal data after the retention period, audited, and says so in the back office", async () => {
    const page = `${base}/recruitments/${id}`;
    await p.deps.db.execute(sql`insert into sortition_registrations (recruitment_id, source, features, contact_sealed, dedupe_hash, consent_at) values (${id}, 'volunteer', '{"gender":"woman"}'::jsonb, '\\x01'::bytea, 'h', now())`);
    // A draw made from these registrations holds a copy of a contact.
    const [component] = (await p.deps.db.execute<{ component_id: number }>(sql`select component_id from sortition_recruitments where id = ${id}`)).rows;
    const [draw] = (await p.deps.db.execute<{ id: number }>(sql`insert into sortition_draws (component_id, title, k, quotas, categories, pool_size, recruitment_id) values (${component?.component_id}, '{"en":"From registrations"}'::jsonb, 1, '[]'::jsonb, '["gender"]'::jsonb, 1, ${id}) returning id`)).rows;
    await p.deps.db.execute(sql`insert into sortition_pool_contacts (draw_id, row, external_id, name, email) values (${draw?.id}, 1, '1', 'Zoé Dupont-3', 'zoe@example.org')`);
    expect((await admin.post(`${page}/close`, {}, { formPage: page })).statusCode).toBe(303);
    // Not yet: 30 days of retention.
    expect((await applyRetention(p.deps.db)).recruitments).not.toContain(id);
    const report = await applyRetention(p.deps.db, new Date(Date.now() + 31 * 86_400_000));
    expect(report.recruitments).toContain(id);
    expect(await count(sql`select count(*)::int as n from sortition_register_rows where recruitment_id = ${id}`)).toBe(0);
    // The used code keeps its hash (without its sealed code); the unused ones are gone.
    expect(await count(sql`select count(*)::int as n from sortition_invitations where recruitment_id = ${id}`)).toBe(1);
    expect(await count(sql`select count(*)::int as n from sortition_invitations where recruitment_id = ${id} and length(code_sealed) > 0`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from sortition_letter_batches where recruitment_id = ${id} and pdf_sealed is not null`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from sortition_registrations where recruitment_id = ${id} and (contact_sealed is not null or dedupe_hash is not null)`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from sortition_registrations where recruitment_id = ${id}`)).toBe(1);
    expect(await count(sql`select count(*)::int as n from sortition_pool_contacts where draw_id = ${draw?.id}`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from sortition_draws where id = ${draw?.id} and personal_data_deleted_at is not null`)).toBe(1);
    expect(await count(sql`select count(*)::int as n from audit_log where action = 'sortition.recruitment.personalDataDeleted' and resource_id = ${String(id)}`)).toBe(1);
    const shown = await admin.get(page);
    expect(shown.body).toMatch(/Personal data \(register, letters, codes, contacts\) was deleted on \d{4}-\d{2}-\d{2}/);
    expect((await admin.get(`${page}/letters/batch-1.pdf`)).statusCode).toBe(404);
    // Done once.
    expect((await applyRetention(p.deps.db, new Date(Date.now() + 40 * 86_400_000))).recruitments).not.toContain(id);
  });
});

describe("recruitment without a register, and its settings once letters went out", () => {
  it("takes a count instead of a register (letters unnamed) and keeps the questions and the letter once invited", async () => {
    const created = await admin.post(`${base}/recruitments/new`, { ...recruitmentForm, "title.en": "Count only" }, { formPage: `${base}/recruitments/new` });
    const id = Number(/recruitments\/(\d+)$/.exec(created.headers.location ?? "")?.[1]);
    const page = `${base}/recruitments/${id}`;
    const missing = await admin.postMultipart(`${page}/register`, { count: "" }, { formPage: page });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain("Choose a CSV file, or give a number of people.");
    expect((await admin.postMultipart(`${page}/register`, { count: "12" }, { formPage: page })).statusCode).toBe(303);
    expect((await admin.get(page)).body).toContain("A register of 12 people without their data");
    expect(await count(sql`select count(*)::int as n from sortition_register_rows where recruitment_id = ${id}`)).toBe(0);
    expect((await admin.post(`${page}/invite`, { invitations: "3" }, { formPage: page })).statusCode).toBe(303);
    const { batchDocument } = await import("./letters-job");
    const html = await batchDocument(p.deps.db, keysFor(p.deps.config), p.deps.config.PUBLIC_URL, id, 1);
    expect(html.match(/<section class="letter"/g)).toHaveLength(3);
    expect(html).toContain(`http://pnyx.test/spaces/${slug}/c/`);
    expect(html).toContain(`/recruitments/${id}/register`);
    // Once invited, the questions and the letter stay as printed; the title may change.
    const edit = await admin.post(`${page}/edit`, { ...recruitmentForm, "title.en": "Count only, renamed", strata: "category,value,en,fr,nl,de,min,max\nage,young,Young,,,,,\nage,old,Old,,,,,\n", "letterTemplate.en": "Changed {{code}}" }, { formPage: `${page}/edit` });
    expect(edit.statusCode).toBe(303);
    const [r] = (await p.deps.db.execute<{ title: { en: string }; strata: Array<{ category: string }>; letter_template: { en: string } }>(sql`select title, strata, letter_template from sortition_recruitments where id = ${id}`)).rows;
    expect(r?.title.en).toBe("Count only, renamed");
    expect(r?.strata.map((s) => s.category)).toEqual(["gender"]);
    expect(r?.letter_template.en).toContain("Dear {{name}}");
    // The job prints the three letters meanwhile: let it end before the platform stops.
    await until(async () => (await count(sql`select count(*)::int as n from sortition_letter_batches where recruitment_id = ${id} and status in ('done', 'failed')`)) === 1, 120_000);
  }, 180_000);
});
