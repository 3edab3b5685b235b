/**
 * The space archive: an assembly with phases and a pages, proposals, meetings and texts component;
 * closing a phase freezes one snapshot of them (however many closes race: the administrator's, the
 * sweep after a step change), rendered in every language, unchanged by later edits, readable by whoever
 * may see the space.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishClient, signedInClient } from "../accounts/testing";
import { getComponentManifest } from "../components/registry";
import { addComponent } from "../components/service";
import { createSpace, setSpacePublished } from "../spaces/service";
import { activateStep, createStep } from "../spaces/steps-service";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { archiveClosedPhases, archivePhase } from "./service";

let p: TestPlatform;
let admin: TestClient;
let adminId = 0;
let counter = 0;

beforeAll(async () => {
  p = await createTestPlatform();
  const a = await signedInClient(p, { isAdmin: true });
  admin = a.client;
  adminId = a.userId;
});
afterAll(() => p.stop());

const one = (r: { rows: Array<{ id: string }> }) => Number(r.rows[0]?.id);

interface Assembly {
  id: number;
  slug: string;
  phases: number[];
  pageId: number;
  proposalId: number;
  meetingId: number;
  textBlockVersionId: number;
}

/** A published assembly with three phases (the first current) and one item in each archived component. */
async function assembly(opts: { isPrivate?: boolean; isTransparent?: boolean } = {}): Promise<Assembly> {
  const db = p.deps.db;
  const actor = { id: adminId, ip: null };
  counter += 1;
  const slug = `archive-assembly-${counter}-${Date.now()}`;
  const created = await createSpace(
    db,
    actor,
    "assembly",
    { slug, title: { en: "Citizens' assembly", fr: "Assemblée citoyenne" }, subtitle: {}, shortDescription: {}, description: {}, heroImage: undefined, heroImageAlt: {}, groupId: undefined, startDate: undefined, endDate: undefined, purpose: {}, composition: {}, isPrivate: opts.isPrivate ?? false, isTransparent: opts.isTransparent ?? false, promoted: false, weight: 0 },
    null,
  );
  if (!created.ok) throw new Error("space");
  const id = created.value.id;
  await setSpacePublished(db, actor, id, true);
  const phases: number[] = [];
  for (const [en, fr] of [["Learning", "Apprendre"], ["Deliberation", "Délibérer"], ["Recommendations", "Recommander"]] as const) {
    phases.push((await createStep(db, actor, id, { title: { en, fr }, description: {}, startDate: undefined, endDate: undefined })).id);
  }
  const add = async (name: string, title: Record<string, string>) => {
    const manifest = getComponentManifest(name);
    if (!manifest) throw new Error(`${name} is not registered`);
    return (await addComponent(db, actor, id, manifest, title, { published: true })).id;
  };
  const pages = await add("pages", { en: "About the assembly", fr: "À propos de l’assemblée" });
  const proposals = await add("proposals", { en: "Recommendations", fr: "Recommandations" });
  const meetings = await add("meetings", { en: "Sessions", fr: "Séances" });
  const texts = await add("texts", { en: "Charter", fr: "Charte" });
  // An unpublished component stays out of the archive.
  await addComponent(db, actor, id, getComponentManifest("pages") ?? (() => { throw new Error("pages"); })(), { en: "Draft notes" });

  const pageId = one(await db.execute<{ id: string }>(sql`insert into pages (component_id, title, body) values (${pages}, ${JSON.stringify({ en: "How we work", fr: "Notre méthode" })}::jsonb, ${JSON.stringify({ en: "We meet **twelve** times.", fr: "Nous nous réunissons **douze** fois." })}::jsonb) returning id`));
  const stateId = one(await db.execute<{ id: string }>(sql`insert into proposal_states (component_id, token, name, bg_color, text_color) values (${proposals}, 'accepted', ${JSON.stringify({ en: "Accepted", fr: "Acceptée" })}::jsonb, '#ffffff', '#000000') returning id`));
  const proposalId = one(
    await db.execute<{ id: string }>(sql`
      insert into proposals (component_id, author_id, title, body, language, published_at, state_id, answer, state_published_at, supports_count, comments_count)
      values (${proposals}, ${adminId}, ${JSON.stringify({ en: "Free buses on Sundays" })}::jsonb, ${JSON.stringify({ en: "Buses should be free <b>on Sundays</b>." })}::jsonb, 'en', now(), ${stateId}, ${JSON.stringify({ en: "The council agrees." })}::jsonb, now(), 7, 3)
      returning id`),
  );
  await db.execute(sql`insert into proposals (component_id, title, body, language) values (${proposals}, ${JSON.stringify({ en: "An unpublished draft" })}::jsonb, '{}'::jsonb, 'en')`);
  const meetingId = one(
    await db.execute<{ id: string }>(sql`
      insert into meetings (component_id, title, type, start_at, end_at, time_zone, online_url, published_at, minutes, attendees_count, recording_url)
      values (${meetings}, ${JSON.stringify({ en: "Session 1: mobility", fr: "Séance 1 : mobilité" })}::jsonb, 'online', now() - interval '3 days', now() - interval '3 days' + interval '2 hours', 'Europe/Paris', 'https://meet.example/secret-room', now(),
        ${JSON.stringify({ en: "We heard three experts.", fr: "Nous avons entendu trois experts." })}::jsonb, 38, 'https://video.example/session-1')
      returning id`),
  );
  const textId = one(await db.execute<{ id: string }>(sql`insert into texts (component_id, title, locale, published) values (${texts}, ${JSON.stringify({ en: "Assembly charter" })}::jsonb, 'en', true) returning id`));
  const versionId = one(await db.execute<{ id: string }>(sql`insert into text_versions (text_id, number, status, source, published_by, published_at) values (${textId}, 1, 'published', 'Members speak in turn.', ${adminId}, now()) returning id`));
  const blockId = one(await db.execute<{ id: string }>(sql`insert into text_blocks (text_id, created_in_version_id) values (${textId}, ${versionId}) returning id`));
  await db.execute(sql`insert into text_version_blocks (version_id, block_id, position, kind, level, body) values (${versionId}, ${blockId}, 0, 'paragraph', 0, 'Members speak in turn.')`);
  await db.execute(sql`update texts set current_version_id = ${versionId} where id = ${textId}`);
  return { id, slug, phases, pageId, proposalId, meetingId, textBlockVersionId: versionId };
}

const snapshotsOf = (spaceId: number) => p.deps.db.execute<{ id: string; step_id: string | null }>(sql`select id, step_id from space_snapshots where space_id = ${spaceId} order by id`).then((r) => r.rows);

async function partsOf(snapshotId: number) {
  const r = await p.deps.db.execute<{ id: string; manifest: string; html: Record<string, string> }>(sql`select id, manifest, html from space_snapshot_parts where snapshot_id = ${snapshotId} order by position`);
  return r.rows;
}

describe("closing a phase", () => {
  it("makes exactly one snapshot when the sweep after a step change and the administrator's archive race", async () => {
    const a = await assembly();
    const [learning, deliberation] = a.phases as [number, number, number];
    await activateStep(p.deps.db, { id: adminId, ip: null }, a.id, deliberation);
    const results = await Promise.all([
      archivePhase(p.deps.db, { actorId: adminId, ip: null }, a.id, learning),
      archiveClosedPhases(p.deps.db),
      archivePhase(p.deps.db, { actorId: adminId, ip: null }, a.id, learning),
      archiveClosedPhases(p.deps.db),
    ]);
    const rows = await snapshotsOf(a.id);
    expect(rows).toHaveLength(1);
    expect(Number(rows[0]?.step_id)).toBe(learning);
    // Whoever won, the two direct calls name the same snapshot.
    expect(results[0]).toMatchObject({ id: Number(rows[0]?.id) });
    expect(results[2]).toMatchObject({ id: Number(rows[0]?.id) });
    const audits = await p.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'space_snapshot.create' and space_id = ${a.id}`);
    expect(audits.rows[0]?.n).toBe(1);
    // Once made, a later sweep makes no other.
    await archiveClosedPhases(p.deps.db);
    expect(await snapshotsOf(a.id)).toHaveLength(1);
  });

  it("freezes the pages, proposals, meetings and texts in every language, unchanged by later edits", async () => {
    const a = await assembly();
    const made = await archivePhase(p.deps.db, { actorId: adminId, ip: null }, a.id, a.phases[0] ?? 0);
    if (!made) throw new Error("no snapshot");
    const parts = await partsOf(made.id);
    expect(parts.map((x) => x.manifest)).toEqual(["pages", "proposals", "meetings", "texts"]);
    const html = (manifest: string, locale: string) => parts.find((x) => x.manifest === manifest)?.html[locale] ?? "";
    expect(html("pages", "en")).toContain("<strong>twelve</strong>");
    expect(html("pages", "fr")).toContain("<strong>douze</strong>");
    expect(html("proposals", "en")).toContain("Free buses on Sundays");
    // Participants' text is escaped, never taken as HTML.
    expect(html("proposals", "en")).toContain("&lt;b>on Sundays&lt;/b>");
    expect(html("proposals", "en")).toContain("Accepted");
    expect(html("proposals", "en")).toContain("The council agrees.");
    expect(html("proposals", "en")).toContain("7 supports, 3 comments");
    expect(html("proposals", "en")).not.toContain("An unpublished draft");
    expect(html("meetings", "fr")).toContain("Nous avons entendu trois experts.");
    expect(html("meetings", "en")).toContain("38 attendees");
    expect(html("meetings", "en")).toContain("https://video.example/session-1");
    expect(html("meetings", "en")).not.toContain("secret-room");
    expect(html("texts", "en")).toContain("Members speak in turn.");
    expect(parts.some((x) => Object.values(x.html).some((h) => h.includes("<form")))).toBe(false);
    // The texts part is the texts' own stage snapshot, linked.
    const textSnapshot = await p.deps.db.execute<{ id: string }>(sql`select x.id from text_snapshots x join texts t on t.id = x.text_id join components c on c.id = t.component_id where c.space_id = ${a.id} and x.step_id = ${a.phases[0] ?? 0}`);
    expect(textSnapshot.rows).toHaveLength(1);
    expect(html("texts", "en")).toContain(`/archive/${textSnapshot.rows[0]?.id}`);

    // The live content changes afterwards; the archive does not.
    await p.deps.db.execute(sql`update pages set body = ${JSON.stringify({ en: "Rewritten later." })}::jsonb where id = ${a.pageId}`);
    await p.deps.db.execute(sql`update proposals set title = ${JSON.stringify({ en: "Renamed later" })}::jsonb where id = ${a.proposalId}`);
    await p.deps.db.execute(sql`update meetings set minutes = ${JSON.stringify({ en: "Minutes rewritten." })}::jsonb where id = ${a.meetingId}`);
    await p.deps.db.execute(sql`update text_version_blocks set body = 'Rewritten wording.' where version_id = ${a.textBlockVersionId}`);
    const visitor = await englishClient(p);
    const page = await visitor.get(`/spaces/${a.slug}/archive/${made.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("at the close of phase “Learning”");
    for (const part of parts) {
      const res = await visitor.get(`/spaces/${a.slug}/archive/${made.id}/${part.id}`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain("This is a read-only copy");
      expect(res.body).not.toMatch(/Rewritten later\.|Renamed later|Minutes rewritten\.|Rewritten wording\./);
    }
    const proposalsPart = parts.find((x) => x.manifest === "proposals");
    expect((await visitor.get(`/spaces/${a.slug}/archive/${made.id}/${proposalsPart?.id}`)).body).toContain("Free buses on Sundays");
  });
});

describe("the administrator", () => {
  it("closes the current phase and archives it from the phases page; the last phase is archived and stays current", async () => {
    const a = await assembly();
    const phasesPage = await admin.get(`/admin/spaces/${a.id}/steps`);
    expect(phasesPage.statusCode).toBe(200);
    expect(phasesPage.body).toContain("Close this phase and archive");
    for (const expected of [1, 2, 2]) {
      const res = await admin.post(`/admin/spaces/${a.id}/steps/close-and-archive`, {}, { formPage: `/admin/spaces/${a.id}/steps` });
      expect(res.statusCode).toBe(303);
      const active = await p.deps.db.execute<{ id: string }>(sql`select id from steps where space_id = ${a.id} and active`);
      expect(Number(active.rows[0]?.id)).toBe(a.phases[expected]);
    }
    expect((await snapshotsOf(a.id)).map((s) => Number(s.step_id))).toEqual(a.phases);
    const assemblyPage = await (await englishClient(p)).get(`/assemblies/${a.slug}`);
    expect(assemblyPage.body).toContain('id="archive-title"');
    expect(assemblyPage.body).toContain("Deliberation — archived on");
    // Someone without a role in the space cannot close it.
    const other = (await signedInClient(p)).client;
    expect((await other.post(`/admin/spaces/${a.id}/steps/close-and-archive`, {}, { formPage: "/" })).statusCode).toBe(403);
  });
});

describe("who reads the archive", () => {
  it("follows the space: a private assembly's to its members only, a transparent one's to everyone", async () => {
    const closed = await assembly({ isPrivate: true });
    const transparent = await assembly({ isPrivate: true, isTransparent: true });
    const made = await archivePhase(p.deps.db, { actorId: adminId, ip: null }, closed.id, closed.phases[0] ?? 0);
    const open = await archivePhase(p.deps.db, { actorId: adminId, ip: null }, transparent.id, transparent.phases[0] ?? 0);
    const [part] = await partsOf(made?.id ?? 0);
    const visitor = await englishClient(p);
    for (const path of [`/spaces/${closed.slug}/archive`, `/spaces/${closed.slug}/archive/${made?.id}`, `/spaces/${closed.slug}/archive/${made?.id}/${part?.id}`]) {
      expect((await visitor.get(path)).statusCode).toBe(404);
    }
    const member = await signedInClient(p);
    await p.deps.db.execute(sql`insert into space_private_users (space_id, user_id) values (${closed.id}, ${member.userId})`);
    expect((await member.client.get(`/spaces/${closed.slug}/archive/${made?.id}/${part?.id}`)).statusCode).toBe(200);
    expect((await visitor.get(`/spaces/${transparent.slug}/archive/${open?.id}`)).statusCode).toBe(200);
    // A snapshot is read under its own space's address only.
    expect((await visitor.get(`/spaces/${transparent.slug}/archive/${made?.id}`)).statusCode).toBe(404);
    expect((await visitor.get(`/spaces/${transparent.slug}/archive/${open?.id}/${part?.id}`)).statusCode).toBe(404);
  });
});
