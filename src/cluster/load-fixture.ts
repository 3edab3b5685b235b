/**
 * What the cluster's loads act on (src/cluster/load.ts), written straight into the database once the
 * demo is seeded: petitions open for signatures in the demo's petitions component, a public budget
 * (approval, votes shown on its page) with voters already signed in, and a public conversation whose
 * participants are signed in and already take part. Accounts and sessions are made in SQL, as the
 * benchmarks do: the loads measure voting, not signing up.
 */
import { createHash, randomBytes } from "node:crypto";
import type pg from "pg";

export interface LoadFixtureOptions {
  /** Petitions the signatures are spread over (default 4). */
  petitions?: number;
  /** Voters of the budget: one ballot each at most (default 500). */
  voters?: number;
  /** Projects of the budget, all on its first page (default 6). */
  projects?: number;
  /** Participants of the conversation (default 200). */
  participants?: number;
  /** Statements of the conversation; each participant votes on each at most once (default 20). */
  statements?: number;
}

export interface LoadFixture {
  petitionIds: number[];
  budget: { slug: string; componentId: number; budgetId: number; projectIds: number[]; path: string };
  /** Session tokens (cookie values) of the budget's voters and their account ids, in the same order. */
  voters: { ids: number[]; tokens: string[] };
  conversation: { slug: string; componentId: number; conversationId: number; tids: number[]; path: string };
  participants: { ids: number[]; tokens: string[]; pids: number[] };
}

const sha256 = (t: string) => createHash("sha256").update(t).digest("hex");
const tag = () => randomBytes(4).toString("hex");

/** Accounts with a signed-in session each (ids ascending, tokens in the same order). */
async function signedInAccounts(db: pg.Pool, n: number, prefix: string): Promise<{ ids: number[]; tokens: string[] }> {
  const users = await db.query<{ id: string }>(
    `insert into users (email, name, password_hash, locale, email_confirmed_at, terms_accepted_at, follow_by_default, created_at, updated_at)
     select $2 || '-' || g || '@load.example', 'Load ' || g, '!load-no-password', 'en', now(), now(), false, now(), now()
     from generate_series(1, $1::int) g returning id`,
    [n, prefix],
  );
  const ids = users.rows.map((r) => Number(r.id)).sort((a, b) => a - b);
  const tokens = ids.map(() => randomBytes(32).toString("base64url"));
  await db.query(
    `insert into sessions (id, user_id, csrf_secret, expires_at)
     select t.hash, t.user_id, md5(t.hash), now() + interval '1 day' from unnest($1::text[], $2::bigint[]) as t(hash, user_id)`,
    [tokens.map(sha256), ids],
  );
  return { ids, tokens };
}

async function publicComponent(db: pg.Pool, slug: string, title: string, manifest: string, settings: unknown): Promise<number> {
  const space = await db.query<{ id: string }>(`insert into spaces (type, slug, title, published_at) values ('process', $1, jsonb_build_object('en', $2::text), now()) returning id`, [slug, title]);
  const component = await db.query<{ id: string }>(
    `insert into components (space_id, manifest, name, settings, published_at) values ($1, $2, jsonb_build_object('en', $3::text), $4::jsonb, now()) returning id`,
    [Number(space.rows[0]?.id), manifest, title, JSON.stringify(settings)],
  );
  return Number(component.rows[0]?.id);
}

async function petitions(db: pg.Pool, count: number): Promise<number[]> {
  const component = await db.query<{ id: string }>(`select id from components where manifest = 'petitions' order by id limit 1`);
  const componentId = Number(component.rows[0]?.id);
  if (!componentId) throw new Error("no petitions component: the cluster must be seeded with the demo (seed: \"demo\")");
  // A type anyone may sign with an email address, without residence rule.
  const type = await db.query<{ id: string }>(`select id from petition_types where component_id = $1 and residence_regions = '[]'::jsonb order by id limit 1`, [componentId]);
  const typeId = Number(type.rows[0]?.id);
  if (!typeId) throw new Error("the demo's petitions component has no type without residence rule");
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const r = await db.query<{ id: string }>(
      `insert into petitions (component_id, type_id, title, body, language, state, sponsor_token, published_at, signing_ends_at)
       values ($1, $2, $3, 'A petition signed by the cluster load.', 'en', 'published', $4, now(), now() + interval '30 days') returning id`,
      [componentId, typeId, `Cluster load petition ${i + 1}`, `load-${tag()}`],
    );
    ids.push(Number(r.rows[0]?.id));
  }
  return ids;
}

async function budget(db: pg.Pool, projects: number): Promise<LoadFixture["budget"]> {
  const slug = `load-budget-${tag()}`;
  const settings = { global: { workflow: "one", projectsPerPage: 50 }, defaultStep: { votes: "enabled", showVotes: true, changeVoteAllowed: false, announcement: {} }, steps: {} };
  const componentId = await publicComponent(db, slug, "Cluster load budget", "budgets", settings);
  const b = await db.query<{ id: string }>(`insert into budgets (component_id, title, total, currency, vote_type) values ($1, '{"en":"Load budget"}'::jsonb, 1000000, 'EUR', 'approval') returning id`, [componentId]);
  const budgetId = Number(b.rows[0]?.id);
  const p = await db.query<{ id: string }>(
    `insert into budget_projects (budget_id, component_id, external_id, title, cost, weight)
     select $1, $2, g::text, jsonb_build_object('en', 'Load project ' || g), 10000 * g, g from generate_series(1, $3::int) g returning id`,
    [budgetId, componentId, projects],
  );
  const projectIds = p.rows.map((r) => Number(r.id)).sort((x, y) => x - y);
  return { slug, componentId, budgetId, projectIds, path: `/spaces/${slug}/c/${componentId}/budgets/${budgetId}` };
}

async function conversation(db: pg.Pool, statements: number, participantIds: number[]): Promise<{ conversation: LoadFixture["conversation"]; pids: number[] }> {
  const slug = `load-conversation-${tag()}`;
  const settings = { global: {}, defaultStep: { votingEnabled: true, writingEnabled: false, announcement: {} }, steps: {} };
  const componentId = await publicComponent(db, slug, "Cluster load conversation", "conversations", settings);
  const c = await db.query<{ id: string }>(
    `insert into conversations (component_id, topic, anonymous_allowed, next_pid, next_tid, published_at)
     values ($1, '{"en":"What should the cluster load decide?"}'::jsonb, false, $2, $3, now()) returning id`,
    [componentId, participantIds.length, statements],
  );
  const conversationId = Number(c.rows[0]?.id);
  await db.query(
    `insert into conversation_statements (conversation_id, tid, text, state, is_seed)
     select $1, g, 'Load statement ' || g, 'accepted', true from generate_series(0, $2::int - 1) g`,
    [conversationId, statements],
  );
  await db.query(`insert into conversation_participants (conversation_id, pid, user_id) select $1, t.pid - 1, t.user_id from unnest($2::bigint[]) with ordinality as t(user_id, pid)`, [conversationId, participantIds]);
  const tids = Array.from({ length: statements }, (_, i) => i);
  return {
    conversation: { slug, componentId, conversationId, tids, path: `/spaces/${slug}/c/${componentId}/conversations/${conversationId}` },
    pids: participantIds.map((_, i) => i),
  };
}

/** Creates everything the loads need; `db` is a pool on the cluster's database. */
export async function createLoadFixture(db: pg.Pool, o: LoadFixtureOptions = {}): Promise<LoadFixture> {
  const petitionIds = await petitions(db, o.petitions ?? 4);
  const b = await budget(db, o.projects ?? 6);
  const voters = await signedInAccounts(db, o.voters ?? 500, `load-voter-${tag()}`);
  const participants = await signedInAccounts(db, o.participants ?? 200, `load-participant-${tag()}`);
  const conv = await conversation(db, o.statements ?? 20, participants.ids);
  return { petitionIds, budget: b, voters, conversation: conv.conversation, participants: { ...participants, pids: conv.pids } };
}
