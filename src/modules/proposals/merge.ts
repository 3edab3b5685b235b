/**
 * The back office's merge and split (ADR 11). Merging several proposals makes one new proposal;
 * splitting one makes several; either way the new ones are published at once in the component the
 * administrator chooses (this one, or another proposals component of a space they administer), the
 * originals are closed (withdrawn, with a `proposal_links` row saying where they went), and:
 * - authors are carried: the new proposal's author is the first original's author, every other author
 *   and accepted co-author of the originals becomes an accepted co-author (the kit's coauthorships),
 *   and they follow it when they follow what they write (`follow_by_default`);
 * - supports are NOT carried (as in Decidim): a support is one person's choice of one text under the
 *   limits of one component; the originals keep theirs, shown in the history;
 * - comments stay on the originals, reachable through the history shown on both sides;
 * - the answer is not carried: the new proposal starts unanswered;
 * - the authors and followers of each original are told (events `merged` / `split` of kit.ts).
 * Every step is in one transaction with its audit row; the originals are locked first, so a second
 * click or a second administrator finds them closed.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { audit } from "../../core/audit/audit";
import { fail, ok, type Result } from "../../core/http/result";
import { LOCALES, type Locale, type Translatable } from "../../core/i18n/locales";
import { localize } from "../../core/i18n/translator";
import { notify } from "../../core/notifications/outbox";
import type { Actor } from "../../core/spaces/service";
import type { Place } from "./workflow";

/** A proposals component the person may administer: a target of a merge or split, a source of an import. */
export interface ToolComponent {
  id: number;
  spaceId: number;
  spaceSlug: string;
  spaceTitle: Translatable;
  name: Translatable;
}

/** At most this many components are offered (an organization has a few dozen). */
const COMPONENTS_LIMIT = 200;

/** The organization's proposals components in spaces this person administers, in one query. */
export async function administeredComponents(db: Db, user: { id: number; isAdmin: boolean }): Promise<ToolComponent[]> {
  const rows = await db.execute<{ id: string; space_id: string; slug: string; space_title: Translatable; name: Translatable }>(sql`
    select c.id, c.space_id, s.slug, s.title as space_title, c.name
    from components c join spaces s on s.id = c.space_id
    where c.manifest = 'proposals'
      and (${user.isAdmin} or exists (select 1 from space_roles r where r.space_id = s.id and r.user_id = ${user.id} and r.role = 'admin'))
    order by s.id desc, c.weight, c.id
    limit ${COMPONENTS_LIMIT}`);
  return rows.rows.map((r) => ({ id: Number(r.id), spaceId: Number(r.space_id), spaceSlug: r.slug, spaceTitle: r.space_title, name: r.name }));
}

/** What the administrator writes for each new proposal. */
export interface NewText {
  title: Translatable;
  body: Translatable;
}

export const MERGE_MAX = 50;
export const SPLIT_MAX = 10;

type Source = {
  id: string;
  author_id: string | null;
  official: boolean;
  language: Locale;
  category_id: string | null;
  scope_id: string | null;
  space_id: string;
  withdrawn_at: string | null;
  closed: boolean;
  coauthors: string[];
};

/** The originals, locked, in the order given. */
async function lockSources(tx: Db, componentId: number, ids: number[]): Promise<Source[]> {
  const rows = await tx.execute<Source>(sql`
    select p.id, p.author_id, p.official, p.language, p.category_id, p.scope_id, c.space_id, p.withdrawn_at,
      exists (select 1 from proposal_links l where l.source_id = p.id and l.kind in ('merged', 'split')) as closed,
      array(select ca.user_id::text from coauthorships ca where ca.resource_type = 'proposal' and ca.resource_id = p.id and ca.status = 'accepted' order by ca.created_at) as coauthors
    from proposals p join components c on c.id = p.component_id
    where p.id = any(${sql.param(ids)}::bigint[]) and p.component_id = ${componentId} and p.published_at is not null
    order by p.id
    for update of p`);
  const byId = new Map(rows.rows.map((r) => [Number(r.id), r]));
  return ids.map((id) => byId.get(id)).filter((r): r is Source => r !== undefined);
}

/** Every person who wrote one of the originals, first author first, each once. */
export function authorsOf(sources: Array<Pick<Source, "author_id" | "coauthors">>): number[] {
  const out: number[] = [];
  for (const s of sources) for (const id of [...(s.author_id === null ? [] : [s.author_id]), ...s.coauthors]) if (!out.includes(Number(id))) out.push(Number(id));
  return out;
}

/** The language of a text the administrator wrote: the first original's when it has a title in it. */
const languageOf = (title: Translatable, preferred: Locale): Locale => (title[preferred]?.trim() ? preferred : (LOCALES.find((l) => title[l]?.trim()) ?? preferred));

/** A text in this language, or in the first language it has. */
export const textIn = (text: Translatable, language: Locale): string => localize(text, language, language).text;

/** The target component, if the person administers it (null otherwise). */
async function targetSpace(tx: Db, user: { id: number; isAdmin: boolean }, componentId: number): Promise<number | null> {
  const rows = await tx.execute<{ space_id: string }>(sql`
    select c.space_id from components c
    where c.id = ${componentId} and c.manifest = 'proposals'
      and (${user.isAdmin} or exists (select 1 from space_roles r where r.space_id = c.space_id and r.user_id = ${user.id} and r.role = 'admin'))`);
  return rows.rows[0] ? Number(rows.rows[0].space_id) : null;
}

export interface CopyInput {
  componentId: number;
  spaceId: number;
  authors: number[];
  official: boolean;
  title: Translatable;
  body: Translatable;
  language: Locale;
  categoryId: number | null;
  scopeId: number | null;
}

/**
 * Inserts a published proposal with its authors (the first as author, the others accepted co-authors,
 * invited by the administrator) and their follows; three statements whatever the number of authors.
 */
export async function insertProposal(tx: Db, actor: Actor, c: CopyInput): Promise<number> {
  const [authorId, ...coauthors] = c.authors;
  const rows = await tx.execute<{ id: string }>(sql`
    insert into proposals (component_id, author_id, official, title, body, language, category_id, scope_id, published_at)
    values (${c.componentId}, ${authorId ?? null}, ${c.official && c.authors.length === 0}, ${JSON.stringify(c.title)}::jsonb, ${JSON.stringify(c.body)}::jsonb, ${c.language},
      ${c.categoryId}, ${c.scopeId}, now())
    returning id`);
  const id = Number(rows.rows[0]?.id);
  if (coauthors.length > 0)
    await tx.execute(sql`
      insert into coauthorships (resource_type, resource_id, user_id, component_id, status, invited_by, responded_at)
      select 'proposal', ${id}, u.id, ${c.componentId}, 'accepted', ${actor.id}, now() from users u where u.id = any(${sql.param(coauthors)}::bigint[])
      on conflict do nothing`);
  if (c.authors.length > 0)
    await tx.execute(sql`
      insert into follows (resource_type, resource_id, user_id, component_id, space_id)
      select 'proposal', ${id}, u.id, ${c.componentId}, ${c.spaceId} from users u where u.id = any(${sql.param(c.authors)}::bigint[]) and u.follow_by_default and u.deleted_at is null
      on conflict do nothing`);
  return id;
}

export async function linkProposals(tx: Db, actor: Actor, kind: "merged" | "split" | "imported", pairs: Array<[number, number]>, targetComponentId: number): Promise<void> {
  if (pairs.length === 0) return;
  await tx.execute(sql`
    insert into proposal_links (kind, source_id, target_id, target_component_id, actor_id)
    select ${kind}, s, t, ${targetComponentId}, ${actor.id} from unnest(${sql.param(pairs.map((p) => p[0]))}::bigint[], ${sql.param(pairs.map((p) => p[1]))}::bigint[]) as x(s, t)`);
}

const closeSources = (tx: Db, ids: number[]) => tx.execute(sql`update proposals set withdrawn_at = coalesce(withdrawn_at, now()), updated_at = now() where id = any(${sql.param(ids)}::bigint[])`);

/** Why originals cannot be merged or split: unknown here, already closed, or withdrawn by their author. */
function sourceErrors(sources: Source[], wanted: number): Result<null> {
  if (sources.length !== wanted) return fail({ _form: { key: "proposals.tools.unknown" } });
  if (sources.some((s) => s.closed || s.withdrawn_at !== null)) return fail({ _form: { key: "proposals.tools.closed" } });
  return ok(null);
}

export interface MergeInput extends NewText {
  ids: number[];
  targetComponentId: number;
}

/** Merges the proposals `ids` (at least two, of this component) into one new proposal. */
export async function mergeProposals(db: Db, actor: Actor & { isAdmin: boolean }, place: Place, input: MergeInput): Promise<Result<{ id: number; componentId: number }>> {
  const ids = [...new Set(input.ids)];
  if (ids.length < 2) return fail({ _form: { key: "proposals.tools.mergeTwo" } });
  if (ids.length > MERGE_MAX) return fail({ _form: { key: "proposals.tools.tooMany", values: { max: MERGE_MAX } } });
  return db.transaction(async (tx) => {
    const spaceId = await targetSpace(tx, actor, input.targetComponentId);
    if (spaceId === null) return fail({ targetComponentId: { key: "validation.invalid" } });
    const sources = await lockSources(tx, place.componentId, ids);
    const invalid = sourceErrors(sources, ids.length);
    if (!invalid.ok) return invalid;
    const first = sources[0] as Source;
    const id = await insertProposal(tx, actor, {
      componentId: input.targetComponentId,
      spaceId,
      authors: authorsOf(sources),
      official: sources.every((s) => s.official),
      title: input.title,
      body: input.body,
      language: languageOf(input.title, first.language),
      // Categories belong to a space: kept only within it.
      categoryId: spaceId === place.spaceId && first.category_id !== null ? Number(first.category_id) : null,
      scopeId: first.scope_id === null ? null : Number(first.scope_id),
    });
    await linkProposals(
      tx,
      actor,
      "merged",
      ids.map((s) => [s, id]),
      input.targetComponentId,
    );
    await closeSources(tx, ids);
    // The new title in each original's language (a notice's values are not translated per reader).
    for (const s of sources) await notify(tx, { type: "proposal", id: Number(s.id) }, "merged", { actorId: actor.id, values: { newTitle: textIn(input.title, s.language) } });
    await audit(tx, { actorId: actor.id, action: "proposal.merge", resourceType: "proposal", resourceId: id, spaceId: place.spaceId, after: { from: ids, into: id, componentId: input.targetComponentId, title: input.title }, ip: actor.ip });
    return ok({ id, componentId: input.targetComponentId });
  });
}

export interface SplitInput {
  id: number;
  parts: NewText[];
  targetComponentId: number;
}

/** Splits the proposal `id` of this component into several new ones (two to ten). */
export async function splitProposal(db: Db, actor: Actor & { isAdmin: boolean }, place: Place, input: SplitInput): Promise<Result<{ ids: number[]; componentId: number }>> {
  if (input.parts.length < 2) return fail({ _form: { key: "proposals.tools.splitTwo" } });
  if (input.parts.length > SPLIT_MAX) return fail({ _form: { key: "proposals.tools.tooMany", values: { max: SPLIT_MAX } } });
  return db.transaction(async (tx) => {
    const spaceId = await targetSpace(tx, actor, input.targetComponentId);
    if (spaceId === null) return fail({ targetComponentId: { key: "validation.invalid" } });
    const sources = await lockSources(tx, place.componentId, [input.id]);
    const invalid = sourceErrors(sources, 1);
    if (!invalid.ok) return invalid;
    const source = sources[0] as Source;
    const ids: number[] = [];
    for (const part of input.parts)
      ids.push(
        await insertProposal(tx, actor, {
          componentId: input.targetComponentId,
          spaceId,
          authors: authorsOf(sources),
          official: source.official,
          title: part.title,
          body: part.body,
          language: languageOf(part.title, source.language),
          categoryId: spaceId === place.spaceId && source.category_id !== null ? Number(source.category_id) : null,
          scopeId: source.scope_id === null ? null : Number(source.scope_id),
        }),
      );
    await linkProposals(
      tx,
      actor,
      "split",
      ids.map((t) => [input.id, t]),
      input.targetComponentId,
    );
    await closeSources(tx, [input.id]);
    await notify(tx, { type: "proposal", id: input.id }, "split", { actorId: actor.id, values: { count: ids.length } });
    await audit(tx, { actorId: actor.id, action: "proposal.split", resourceType: "proposal", resourceId: input.id, spaceId: place.spaceId, after: { from: input.id, into: ids, componentId: input.targetComponentId }, ip: actor.ip });
    return ok({ ids, componentId: input.targetComponentId });
  });
}



/** The titles and texts of these published proposals of the component (to prefill the forms), one query. */
export async function loadTexts(db: Db, componentId: number, ids: number[]): Promise<Map<number, NewText>> {
  if (ids.length === 0) return new Map();
  const rows = await db.execute<{ id: string; title: Translatable; body: Translatable }>(sql`
    select id, title, body from proposals where component_id = ${componentId} and id = any(${sql.param(ids)}::bigint[]) and published_at is not null`);
  return new Map(rows.rows.map((r) => [Number(r.id), { title: r.title, body: r.body }]));
}
