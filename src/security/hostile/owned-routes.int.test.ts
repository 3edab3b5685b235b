/**
 * The hostile-input corpus on the state-changing routes that act only on one person's own object or on
 * a link's token (owned-routes.ts): the browser test's crawl reaches them only as 404, so here each
 * object is made as its owner would make it (a petition draft, a comment, a proposal draft and its
 * co-authors, amendments (edited, published, discarded, rejected, promoted, withdrawn, accepted), a debate, an annotation, a seat invitation mailed over SMTP, an unsubscribe
 * link) and the owner's own form is sent with the corpus: once with every storable payload at once
 * (the path that succeeds: publish, discard, leave...), then each payload alone (the same route again:
 * stored, or refused and shown back), then with the form's hidden values tampered with. Every answer,
 * every page it leads to and the pages that show the object afterwards must hold no markup unescaped
 * (scan.ts) and no 5xx, and every request must reach the route's handler (`expectReached`), but for the
 * payloads the input guard refuses first (NUL, lone surrogates: 400) and, on a route that takes the
 * object away from its person (leaving, discarding, publishing a draft, deleting, closing), the requests
 * after the first, answered 404 since the object is no longer theirs: those take the corpus once, at once.
 */
import { sql } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addComponent } from "../../core/components/service";
import { getComponentManifest } from "../../core/components/registry";
import { everyRoute } from "../../core/http/route-registry";
import { unsubscribeToken } from "../../core/newsletters/tokens";
import { debatesFixture } from "../../modules/debates/testing";
import { createParticipantDebate } from "../../modules/debates/service";
import { createPetition } from "../../modules/petitions/workflow";
import { proposalsFixture, idFromLocation, type ProposalsFixture } from "../../modules/proposals/testing";
import { createDraft } from "../../modules/proposals/workflow";
import { demoPool } from "../../modules/sortition/demo-pool";
import { runDraw } from "../../modules/sortition/draw-run";
import { createDraw, publishDraw, startDraw } from "../../modules/sortition/draw-service";
import { sortitionComponentOf } from "../../modules/sortition/place";
import { preparePool } from "../../modules/sortition/pool";
import { textFixture } from "../../modules/texts/participation-testing";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { publishedAssembly, publishedProcess } from "../../test/spaces";
import { until } from "../../test/until";
import { signIn } from "../authorization/fixture";
import { CORPUS, type Payload } from "./corpus";
import { extractForms, TEXT_TYPES, type PostForm } from "./forms";
import { OWNED_ROUTES } from "./owned-routes";
import { findLeaks } from "./scan";

let p: TestPlatform;
type Person = Awaited<ReturnType<typeof signIn>> & { label: string };
let admin: Person;
let ann: Person;
let ben: Person;
let cleo: Person;
let proposals: ProposalsFixture;

const STORABLE = CORPUS.filter((x) => !x.refusable && x.kind !== "long");
/** Every storable payload in one value: what the first request of a route carries. */
const BUNDLE: Payload = { marker: STORABLE.map((x) => x.marker).join("+"), kind: "script-tag", value: STORABLE.map((x) => x.value).join("\n") };
/** Names a handler might read beside its form's own fields (a forged request adds them). */
const EXTRA = ["body", "title", "name", "description", "text", "reason", "message", "content", "note", "summary", "answer", "conclusion", "identifier", "comment", "exact", "return_to"];
const MARKER = /pnyxq\d\d/;

interface Finding {
  where: string;
  detail: string;
}
const findings: Finding[] = [];
/** Route key ("POST /pattern") → the requests sent there: status, where a redirect led, whether the payload is one the input guard refuses. */
const attacked = new Map<string, Array<{ status: number; location: string; refusable: boolean; tampered: boolean }>>();
let addresses = 0;

beforeAll(async () => {
  p = await createTestPlatform();
  admin = { ...(await signIn(p, "admin@owned.example", "10.7.0.1", { isAdmin: true, name: "Ada Admin" })), label: "admin" };
  ann = { ...(await signIn(p, "ann@owned.example", "10.7.0.2", { name: "Ann Author" })), label: "Ann" };
  ben = { ...(await signIn(p, "ben@owned.example", "10.7.0.3", { name: "Ben Amender" })), label: "Ben" };
  cleo = { ...(await signIn(p, "cleo@owned.example", "10.7.0.4", { name: "Cleo Coauthor" })), label: "Cleo" };
  proposals = await proposalsFixture(p, admin.userId, {
    global: { amendmentsEnabled: true },
    step: { creationEnabled: true, amendmentCreationEnabled: true, amendmentReactionEnabled: true, amendmentPromotionEnabled: true },
  });
}, 120_000);
afterAll(() => p?.stop());

/** The registered pattern a concrete path was served by (one of OWNED_ROUTES). */
function routeOf(path: string): string {
  const match = OWNED_ROUTES.find((key) => {
    const pattern = key.slice("POST ".length);
    return new RegExp(`^${pattern.replace(/:[A-Za-z]+/g, "[^/]+")}$`).test(path.split("?")[0] ?? path);
  });
  if (!match) throw new Error(`${path} is none of the owned routes`);
  return match;
}

function scan(where: string, res: LightMyRequestResponse): void {
  if (res.statusCode >= 500) findings.push({ where, detail: `${res.statusCode}` });
  if (!String(res.headers["content-type"] ?? "").includes("text/html")) return;
  for (const l of findLeaks(res.body)) findings.push({ where, detail: `${l.where} on <${l.element}> (${l.marker ?? "no marker"}): ${l.snippet}` });
}

/** `page` as `who`, scanned; its body. */
async function visit(who: { client: TestClient; label: string }, page: string): Promise<string> {
  const res = await who.client.get(page);
  scan(`GET ${page} as ${who.label}`, res);
  return res.body;
}

/** The first POST form on `page` that `pick` accepts. */
async function formOn(who: { client: TestClient; label: string }, page: string, pick: (f: PostForm) => boolean): Promise<PostForm> {
  const html = await visit(who, page);
  const form = extractForms(html, `http://pnyx.test${page}`).find(pick);
  if (!form) throw new Error(`no such form on ${page} for ${who.label}`);
  return form;
}
const actionEnds = (suffix: string) => (f: PostForm) => (f.action.split("?")[0] ?? "").endsWith(suffix);

/** What a browser would send, with `value` in every text field and the extra names; `tamper`: in the hidden values too. */
function filled(form: PostForm, value: string, tamper: boolean): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of form.fields) {
    if (f.name === "_csrf") continue;
    let v: string | null;
    if (TEXT_TYPES.has(f.type)) v = value;
    else if (f.type === "hidden") v = tamper ? value : f.value;
    else if (f.type === "radio") v = f.checked || !(f.name in out) ? f.value : null;
    else if (f.type === "checkbox") v = f.checked ? f.value : null;
    else if (f.type === "password" || f.type === "file") v = null;
    else v = f.value;
    if (v === null) continue;
    if (f.type === "radio") out[f.name] = [v];
    else (out[f.name] ??= []).push(v);
  }
  for (const n of EXTRA) if (!(n in out)) out[n] = [value];
  return out;
}

/** Posts `form` filled with `payload` as `who`; scans the answer and the page a redirect leads to. */
async function send(who: { client: TestClient; label: string }, form: PostForm, payload: Payload, tamper = false): Promise<LightMyRequestResponse> {
  const csrf = form.fields.find((f) => f.name === "_csrf")?.value;
  const res = await who.client.post(form.action, filled(form, payload.value, tamper), csrf ? { csrf } : { formPage: form.page });
  const key = routeOf(form.action);
  attacked.set(key, [...(attacked.get(key) ?? []), { status: res.statusCode, location: String(res.headers.location ?? ""), refusable: payload.refusable === true, tampered: tamper }]);
  const where = `POST ${form.action} as ${who.label} with ${payload.marker}${tamper ? " (hidden values too)" : ""}`;
  scan(where, res);
  const location = String(res.headers.location ?? "");
  if (res.statusCode === 303 && location.startsWith("/")) scan(`${where} → GET ${location}`, await who.client.get(location));
  return res;
}

/**
 * The corpus through one form: every storable payload at once first (its status is returned), then
 * each payload alone on the same form, then with the hidden values tampered with.
 */
async function corpus(who: { client: TestClient; label: string }, form: PostForm, part: { from?: number; to?: number } = {}): Promise<number> {
  // The sequence, of which `part` sends a slice (a route allowing few requests a person: two people share it).
  const sequence: Array<[Payload, boolean]> = [[BUNDLE, false], ...CORPUS.map((x): [Payload, boolean] => [x, false]), [STORABLE[0] as Payload, true]];
  let first = 0;
  for (const [payload, tamper] of sequence.slice(part.from ?? 0, part.to)) {
    const status = (await send(who, form, payload, tamper)).statusCode;
    first ||= status;
  }
  return first;
}
/** How many requests `corpus` sends to a form. */
const CORPUS_REQUESTS = CORPUS.length + 2;

/**
 * Every request to the route reached its handler: answered with a page, a redirect (not to sign in) or a
 * form error, never refused before it (401, 403 as a CSRF or permission refusal, 404, 429); only the
 * payloads PostgreSQL cannot store (NUL, a lone surrogate) are refused first, by the input guard (400).
 */
function expectReached(key: string, opts: { oneShot?: boolean } = {}): void {
  const sent = attacked.get(key) ?? [];
  expect(sent.length, key).toBeGreaterThan(0);
  // A tampered hidden value (an id, a token) may name no object: any answer but a 5xx (checked by send) will do.
  const handled = (r: { status: number; location: string; refusable: boolean; tampered: boolean }) =>
    r.tampered || (r.status >= 200 && r.status < 300) || (r.status >= 300 && r.status < 400 && !r.location.startsWith("/users/sign-in")) || r.status === 409 || r.status === 422 || (r.refusable && r.status === 400);
  // A route that takes the object away from its person (leaving, discarding, deleting) succeeds once, with
  // every storable payload; after that the object is not theirs any more, and a 404 is the right answer.
  const [first, ...rest] = sent;
  if (opts.oneShot) expect(first && first.status >= 200 && first.status < 400 && !first.location.startsWith("/users/sign-in"), `${key}: ${first?.status}`).toBe(true);
  expect((opts.oneShot ? rest.filter((r) => r.status !== 404) : sent).filter((r) => !handled(r)).map((r) => `${r.status} ${r.location}`), key).toEqual([]);
  expect(sent.filter((r) => !r.refusable).length, key).toBeGreaterThan(0);
}
const expectClean = () => expect(findings).toEqual([]);

describe("the corpus on the routes of one person's own objects and tokens", () => {
  it("knows every route it covers from the router", () => {
    const registered = new Set(everyRoute(p.app).map((r) => `${r.method} ${r.url}`));
    expect(OWNED_ROUTES.filter((k) => !registered.has(k))).toEqual([]);
  });

  it("edits a petition draft with the corpus: stored, shown escaped to its author", async () => {
    const { id: spaceId } = await publishedProcess(p, admin.userId, { prefix: "petitions" });
    const manifest = getComponentManifest("petitions");
    if (!manifest) throw new Error("petitions not registered");
    const component = await addComponent(p.deps.db, { id: admin.userId, ip: null }, spaceId, manifest, { en: "Petitions" }, { published: true });
    const type = await p.deps.db.execute<{ id: string }>(sql`insert into petition_types (component_id, title, threshold) values (${component.id}, '{"en":"Petition"}', 1000) returning id`);
    const made = await createPetition(p.deps.db, { id: ann.userId, ip: null }, component.id, { typeId: Number(type.rows[0]?.id), title: "Shade for the school yard", summary: "", body: "Plant trees in the school yard so that children have shade in June.", language: "en" });
    if (!made.ok) throw new Error("the petition draft was not created");
    const id = made.value.id;
    await corpus(ann, await formOn(ann, `/petitions/${id}/edit`, actionEnds(`/petitions/${id}/edit`)));
    expectReached("POST /petitions/:id/edit");
    expect(await visit(ann, `/petitions/${id}`)).toMatch(MARKER);
    await visit(ann, `/petitions/${id}/edit`);
    expectClean();
  });

  it("writes a proposal draft's co-authorship with the corpus: invited, answered, withdrawn, left", async () => {
    const draft = await createDraft(p.deps.db, ann.userId, { componentId: proposals.component.id, spaceId: proposals.space.id }, { title: "Benches along the river walk", body: "Put benches every two hundred metres along the river walk, with shade.", language: "en" } as Parameters<typeof createDraft>[3]);
    if (!draft.ok) throw new Error("the draft was not created");
    const page = `/coauthorships/proposal/${draft.value.id}`;
    // Ann invites Ben and Cleo; Ben accepts (the form's own button), with the corpus in everything else.
    for (const email of ["ben@owned.example", "cleo@owned.example"]) {
      const form = await formOn(ann, page, actionEnds("/invite"));
      expect((await ann.client.post(form.action, { identifier: email }, { formPage: page })).statusCode).toBe(303);
    }
    expect(await corpus(ben, await formOn(ben, page, actionEnds("/respond")))).toBe(303);
    // Invitations typed with the corpus (no such person: refused and typed back), by both authors (a
    // person may send 20 invitations in 15 minutes).
    const half = Math.ceil(CORPUS_REQUESTS / 2);
    await corpus(ann, await formOn(ann, page, actionEnds("/invite")), { to: half });
    await corpus(ben, await formOn(ben, page, actionEnds("/invite")), { from: half });
    // Ann withdraws Cleo's invitation.
    expect(await corpus(ann, await formOn(ann, page, (f) => actionEnds("/withdraw")(f) && f.fields.some((x) => x.name === "userId" && x.value === String(cleo.userId))))).toBe(303);
    // Ben leaves.
    expect(await corpus(ben, await formOn(ben, page, actionEnds("/leave")))).toBe(303);
    // Cleo's invitation withdrawn and Ben gone: nobody but Ann is left on the draft.
    const rows = await p.deps.db.execute<{ user_id: string }>(sql`select user_id from coauthorships where resource_type = 'proposal' and resource_id = ${draft.value.id}`);
    expect(rows.rows).toEqual([]);
    for (const action of ["invite", "respond", "withdraw", "leave"]) expectReached(`POST /coauthorships/:type/:id/${action}`, { oneShot: action !== "invite" });
    await visit(ann, page);
    expectClean();
    // The draft, discarded with the corpus beside the confirmation.
    expect(await corpus(ann, await formOn(ann, `${proposals.base}/${draft.value.id}/discard`, actionEnds("/discard")))).toBe(303);
    expectReached("POST /spaces/:slug/c/:componentId/:proposalId/discard", { oneShot: true });
    expect((await p.deps.db.execute(sql`select 1 from proposals where id = ${draft.value.id}`)).rows).toEqual([]);
    expectClean();
  });

  let proposalId = 0;
  it("publishes a proposal draft, comments on it, edits the comment and hides it with the corpus", async () => {
    const draft = await createDraft(p.deps.db, ann.userId, { componentId: proposals.component.id, spaceId: proposals.space.id }, { title: "Drinking fountains in every park", body: "Install drinking fountains in every park of the district before the summer.", language: "en" } as Parameters<typeof createDraft>[3]);
    if (!draft.ok) throw new Error("the draft was not created");
    proposalId = draft.value.id;
    const page = `${proposals.base}/${proposalId}`;
    const publish = await formOn(ann, page, actionEnds("/publish")).catch(() => formOn(ann, `${page}/edit`, actionEnds("/publish")));
    expect(await corpus(ann, publish)).toBe(303);
    expectReached("POST /spaces/:slug/c/:componentId/:proposalId/publish", { oneShot: true });

    const posted = await ann.client.post("/comments", { resourceType: "proposal", resourceId: String(proposalId), body: "A first thought on fountains.", alignment: "neutral", return_to: page }, { formPage: page });
    expect(posted.statusCode, posted.body).toBe(303);
    const commentId = Number((await p.deps.db.execute<{ id: string }>(sql`select id from comments where author_id = ${ann.userId} order by id desc limit 1`)).rows[0]?.id);
    await corpus(ann, await formOn(ann, `/comments/${commentId}/edit`, actionEnds(`/comments/${commentId}/edit`)));
    expectReached("POST /comments/:id/edit");
    expect(await visit(ben, page)).toMatch(MARKER);

    // The organization's admin hides it from the proposal's page, with the corpus as the note and more.
    const hide = await formOn(admin, page, (f) => f.action === "/admin/moderation/hide" && f.fields.some((x) => x.name === "resourceType" && x.value === "comment") && f.fields.some((x) => x.name === "resourceId" && x.value === String(commentId)));
    expect(await corpus(admin, hide)).toBe(303);
    expectReached("POST /admin/moderation/hide");
    expect((await p.deps.db.execute<{ hidden: boolean }>(sql`select hidden_at is not null as hidden from comments where id = ${commentId}`)).rows[0]?.hidden).toBe(true);
    await visit(admin, "/admin/moderation");
    await visit(admin, page);
    await visit(ann, page);
    expectClean();
  });

  it("amends the proposal with the corpus: a draft edited, published, discarded, rejected, promoted, withdrawn and accepted", async () => {
    expect(proposalId).toBeGreaterThan(0);
    const base = `${proposals.base}/${proposalId}`;
    const write = async (title: string) => {
      const res = await ben.client.post(`${base}/amend`, { title, body: "Install drinking fountains in every park and square of the district before June." }, { formPage: `${base}/amend` });
      expect(res.statusCode, res.body).toBe(303);
      return idFromLocation(res.headers.location);
    };
    const first = await write("Drinking fountains in every park and square");
    const at = `${base}/amendments/${first}`;
    await corpus(ben, await formOn(ben, `${at}/edit`, actionEnds(`${at}/edit`)));
    expectReached("POST /spaces/:slug/c/:componentId/:proposalId/amendments/:amendmentId/edit");
    expect(await corpus(ben, await formOn(ben, at, actionEnds("/publish")))).toBe(303);
    expectReached("POST /spaces/:slug/c/:componentId/:proposalId/amendments/:amendmentId/publish", { oneShot: true });
    expect(await visit(ann, at)).toMatch(MARKER);

    const second = await write("Fountains, and benches beside them");
    expect(await corpus(ben, await formOn(ben, `${base}/amendments/${second}`, actionEnds("/discard")))).toBe(303);
    expectReached("POST /spaces/:slug/c/:componentId/:proposalId/amendments/:amendmentId/discard", { oneShot: true });
    expect((await p.deps.db.execute(sql`select 1 from proposal_amendments where id = ${second}`)).rows).toEqual([]);

    // Ann rejects the first (its reason the corpus too); Ben promotes it.
    const reject = await formOn(ann, `${at}/reject`, actionEnds("/reject"));
    expect(await corpus(ann, reject)).toBe(303);
    expectReached("POST /spaces/:slug/c/:componentId/:proposalId/amendments/:amendmentId/reject");
    const stateOf = async (id: number) => (await p.deps.db.execute<{ state: string }>(sql`select state from proposal_amendments where id = ${id}`)).rows[0]?.state;
    expect(await stateOf(first)).toBe("rejected");
    expect(await visit(ben, at)).toMatch(MARKER);
    expect(await corpus(ben, await formOn(ben, at, actionEnds("/promote")))).toBe(303);
    expectReached("POST /spaces/:slug/c/:componentId/:proposalId/amendments/:amendmentId/promote", { oneShot: true });
    const promoted = await p.deps.db.execute<{ id: string }>(sql`select id from proposals where author_id = ${ben.userId} and component_id = ${proposals.component.id} order by id desc limit 1`);
    expect(await visit(ann, `${proposals.base}/${promoted.rows[0]?.id}`)).toMatch(MARKER);

    // Ben withdraws a third, published (the corpus beside the button); Ann accepts a fourth.
    const publishedAmendment = async (title: string) => {
      const id = await write(title);
      const page = `${base}/amendments/${id}`;
      expect((await ben.client.post((await formOn(ben, page, actionEnds("/publish"))).action, {}, { formPage: page })).statusCode).toBe(303);
      return { id, page };
    };
    const third = await publishedAmendment("Fountains with a tap for dogs");
    expect(await corpus(ben, await formOn(ben, third.page, actionEnds("/withdraw")))).toBe(303);
    expectReached("POST /spaces/:slug/c/:componentId/:proposalId/amendments/:amendmentId/withdraw");
    expect(await stateOf(third.id)).toBe("withdrawn");
    const fourth = await publishedAmendment("Fountains in every park, square and schoolyard");
    expect(await corpus(ann, await formOn(ann, fourth.page, actionEnds("/accept")))).toBe(303);
    expectReached("POST /spaces/:slug/c/:componentId/:proposalId/amendments/:amendmentId/accept");
    expect(await stateOf(fourth.id)).toBe("accepted");
    await visit(ann, base);
    await visit(ben, fourth.page);
    expectClean();
  });

  it("edits and closes one's own debate with the corpus", async () => {
    const f = await debatesFixture(p, admin.userId, { step: { creationEnabled: true } });
    const made = await createParticipantDebate(p.deps.db, ann.userId, { componentId: f.component.id, spaceId: f.space.id }, { title: "Homework on weekends", description: "Should the school give homework over the weekend at all?", language: "en" });
    if (!made.ok) throw new Error("the debate was not created");
    const at = `${f.base}/${made.value.id}`;
    await corpus(ann, await formOn(ann, `${at}/edit`, actionEnds(`${at}/edit`)));
    expectReached("POST /spaces/:slug/c/:componentId/:debateId/edit");
    expect(await visit(ben, at)).toMatch(MARKER);
    expect(await corpus(ann, await formOn(ann, `${at}/close`, actionEnds(`${at}/close`)))).toBe(303);
    expectReached("POST /spaces/:slug/c/:componentId/:debateId/close", { oneShot: true });
    // Closed, its conclusion the payloads (shown escaped).
    const closed = await p.deps.db.execute<{ closed: boolean; conclusion: Record<string, string> | null }>(sql`select closed_at is not null as closed, conclusion from debates where id = ${made.value.id}`);
    expect(closed.rows[0]?.closed).toBe(true);
    expect(JSON.stringify(closed.rows[0]?.conclusion)).toMatch(MARKER);
    expect(await visit(ben, at)).toMatch(MARKER);
    expectClean();
  });

  it("deletes one's own annotation of a text with the corpus beside it", async () => {
    const f = await textFixture(p, admin.userId, ["# Article 1", "Every resident may petition the council about any matter of the commune."]);
    const block = f.blockHref(1);
    const annotated = await ann.client.post(`${block}/annotations`, { exact: "petition the council", note: "Which council?" }, { formPage: block });
    expect(annotated.statusCode).toBe(303);
    const id = (await p.deps.db.execute<{ id: string }>(sql`select id from text_annotations where author_id = ${ann.userId} order by id desc limit 1`)).rows[0]?.id;
    expect(await corpus(ann, await formOn(ann, block, actionEnds(`/annotations/${id}/delete`)))).toBe(303);
    expectReached("POST /spaces/:slug/c/:componentId/texts/:textId/blocks/:blockId/annotations/:annotationId/delete", { oneShot: true });
    expect((await p.deps.db.execute(sql`select 1 from text_annotations where id = ${id}`)).rows).toHaveLength(0);
    expectClean();
  });

  it("answers seat invitations (mailed links) and an unsubscribe link with the corpus, without an account", async () => {
    const actor = { id: admin.userId, ip: null };
    const { id: spaceId } = await publishedAssembly(p, admin.userId, { prefix: "owned-seats", title: { en: "Deliberative committee" } });
    const componentId = await sortitionComponentOf(p.deps.db, actor, spaceId);
    const pool = demoPool(60, 6, "owned-routes");
    const prepared = preparePool(pool.quotasCsv, pool.peopleCsv, 6, { householdColumns: ["address"] });
    const drawId = await createDraw(p.deps.db, actor, { spaceId, componentId }, { title: { en: "Committee draw" }, k: 6, algorithm: "leximin", commitment: "dice", randomness: "dice owned-routes", householdColumns: ["address"], pool: prepared });
    expect((await startDraw(p.deps.db, actor, spaceId, drawId)).ok).toBe(true);
    await runDraw(p.deps.db, drawId);
    await until(async () => (await p.deps.db.execute<{ status: string }>(sql`select status from sortition_draws where id = ${drawId}`)).rows.find((r) => r.status !== "running"));
    expect(await publishDraw(p.deps.db, actor, spaceId, drawId)).toBe(true);
    const drawPage = `/admin/spaces/${spaceId}/components/${componentId}/manage/draws/${drawId}`;
    expect((await admin.client.post(`${drawPage}/invite`, { confirmDays: "10" }, { formPage: drawPage })).statusCode).toBe(303);
    const link = /http:\/\/pnyx\.test(\/sortition\/seats\/[A-Za-z0-9_-]+)/;
    const seatLinks = async (n: number) => {
      await until(async () => p.smtp.messages.filter((m) => link.test(m.text)).length >= n);
      return p.smtp.messages.flatMap((m) => link.exec(m.text)?.[1] ?? []).slice(0, n);
    };
    const [confirmLink, refuseLink] = await seatLinks(2);
    const stranger = () => ({ client: p.client({ remoteAddress: `10.7.1.${++addresses}` }), label: "a person with the link" });
    // One link confirmed (the confirm form first), the other refused; each request from its own address
    // (the route allows 20 answers a minute per address).
    for (const [path, which] of [[confirmLink, 0], [refuseLink, 1]] as const) {
      if (!path) throw new Error("no seat link mailed");
      const forms = extractForms(await visit(stranger(), path), `http://pnyx.test${path}`).filter(actionEnds(path));
      expect(forms.length).toBe(2);
      const form = forms[which] as PostForm;
      for (const payload of [BUNDLE, ...CORPUS]) {
        const who = stranger();
        // Once answered, the page has no form: the same fields with this person's own token (any form's
        // token is the session's), so the request reaches the handler's "already answered".
        const fresh = extractForms(await visit(who, path), `http://pnyx.test${path}`).filter(actionEnds(path))[which];
        await send(who, fresh ?? { ...form, page: "/users/sign-in", fields: form.fields.filter((f) => f.name !== "_csrf") }, payload);
      }
    }
    expectReached("POST /sortition/seats/:token");
    const statuses = await p.deps.db.execute<{ status: string }>(sql`select status from sortition_seats where draw_id = ${drawId} and round = 0 order by status`);
    expect(statuses.rows.map((r) => r.status)).toEqual(expect.arrayContaining(["confirmed", "refused"]));

    const unsubscribe = `/newsletter/unsubscribe/${unsubscribeToken(p.deps.config, ann.userId)}`;
    await p.deps.db.execute(sql`update users set newsletter_opt_in = true where id = ${ann.userId}`);
    const holder = stranger();
    await corpus(holder, await formOn(holder, unsubscribe, actionEnds(unsubscribe)));
    expectReached("POST /newsletter/unsubscribe/:token");
    expect((await p.deps.db.execute<{ opt_in: boolean }>(sql`select newsletter_opt_in as opt_in from users where id = ${ann.userId}`)).rows[0]?.opt_in).toBe(false);
    expectClean();
  }, 120_000);

  it("has sent the corpus to every owned route", () => {
    const histogram = (rs: Array<{ status: number }>) => Object.entries(rs.reduce<Record<number, number>>((h, r) => ({ ...h, [r.status]: (h[r.status] ?? 0) + 1 }), {})).map(([s, n]) => `${s}×${n}`).join(" ");
    console.log(`hostile (owned routes): ${[...attacked].map(([k, rs]) => `${k}: ${histogram(rs)}`).join("; ")}`);
    expect(OWNED_ROUTES.filter((k) => !attacked.has(k))).toEqual([]);
    expectClean();
  });
});
