/**
 * The data of `npm run bench:comments`, in a few set-based statements: one published petition in a
 * public space (the demo's petitions component) with a discussion of `comments` comments in threads
 * three levels deep (a quarter top-level, then replies and replies to replies, most of them on a few
 * busy threads), written over two months by `commenters` people in four languages, with votes, some
 * edits (their earlier versions kept) and deletions; `followers` people following it (the petition's
 * author among them, each with a mail frequency); and `posters` accounts that do not follow it and
 * do not follow what they comment on, each with a signed-in session for the benchmark's posts.
 * Stored counters (`replies_count`, `up_votes`, `down_votes`) are computed from the rows.
 */
import { createHash, randomBytes } from "node:crypto";
import type pg from "pg";
import { query } from "../pages/lib";
import { FIRST_NAMES, LAST_NAMES, SENTENCES } from "./texts";

export interface DiscussionSizes {
  comments: number;
  followers: number;
  commenters: number;
  posters: number;
}

export interface Discussion {
  petitionId: number;
  componentId: number;
  spaceId: number;
  /** Session cookie tokens of the posters, one each. */
  posterTokens: string[];
}

/** A language by turn, weighted as a Brussels discussion might be (fr 4, nl 3, en 2, de 1). */
const LANGUAGE_OF = `(array['fr','fr','fr','fr','nl','nl','nl','en','en','de'])`;

async function seedPeople(db: pg.Pool, sizes: DiscussionSizes): Promise<void> {
  // Commenters, the first `followers` of whom follow the petition (each with a mail frequency).
  await query(
    db,
    `insert into users (email, name, password_hash, locale, email_confirmed_at, terms_accepted_at, email_frequency, created_at, updated_at)
     select 'bench-commenter-' || g || '@bench.example', ($1::jsonb->>(g % jsonb_array_length($1::jsonb))) || ' ' || ($2::jsonb->>((g / 7) % jsonb_array_length($2::jsonb))),
       '!bench-no-password', ${LANGUAGE_OF}[1 + g * 13 % 10], now(), now(),
       (array['realtime','realtime','realtime','realtime','daily','daily','daily','daily','weekly','none'])[1 + g % 10],
       now() - (g % 900) * interval '1 day', now()
     from generate_series(1, $3::int) g`,
    [JSON.stringify(FIRST_NAMES), JSON.stringify(LAST_NAMES), Math.max(sizes.commenters, sizes.followers)],
  );
  await query(
    db,
    `insert into users (email, name, password_hash, locale, email_confirmed_at, terms_accepted_at, follow_by_default, created_at, updated_at)
     select 'bench-poster-' || g || '@bench.example', 'Poster ' || g, '!bench-no-password', 'en', now(), now(), false, now() - interval '30 days', now()
     from generate_series(1, $1::int) g`,
    [sizes.posters],
  );
}

async function seedPetition(db: pg.Pool): Promise<{ petitionId: number; componentId: number; spaceId: number }> {
  const [place] = await query<{ component_id: string; space_id: string; type_id: string }>(
    db,
    `select c.id as component_id, c.space_id, (select min(t.id) from petition_types t where t.component_id = c.id) as type_id
     from components c join spaces s on s.id = c.space_id
     where c.manifest = 'petitions' and c.published_at is not null and s.published_at is not null and not s.is_private
       and exists (select 1 from petition_types t where t.component_id = c.id)
     order by c.id limit 1`,
  );
  if (!place) throw new Error("no published petitions component in a public space (the demo seed should have made one)");
  const [petition] = await query<{ id: string }>(
    db,
    `insert into petitions (component_id, type_id, author_id, title, summary, body, language, state, sponsor_token, submitted_at, review_due_at, published_at, signing_ends_at, created_at, updated_at)
     select $1, $2, (select id from users where email = 'bench-commenter-1@bench.example'),
       'Safe routes to school in every municipality', 'We ask the Parliament for a safe route to every school by 2030.',
       E'Every morning thousands of children walk or cycle to school along busy roads.\n\nWe ask for a plan, a budget and a timetable.',
       'en', 'published', 'bench-comments', now() - interval '75 days', now() - interval '70 days', now() - interval '62 days', now() + interval '118 days',
       now() - interval '80 days', now()
     returning id`,
    [place.component_id, place.type_id],
  );
  return { petitionId: Number(petition?.id), componentId: Number(place.component_id), spaceId: Number(place.space_id) };
}

/**
 * The threads' shape, then the comments in the order they were written (ids grow with time). Replies
 * go mostly to a few threads (a squared golden-ratio sequence, scattered over the roots), each some
 * minutes to two days after its parent, in the parent's language four times in five.
 */
async function seedComments(db: pg.Pool, sizes: DiscussionSizes, place: { petitionId: number; componentId: number; spaceId: number }): Promise<void> {
  const roots = Math.max(1, Math.round(sizes.comments * 0.25));
  const replies = Math.round(sizes.comments * 0.45);
  const deep = sizes.comments - roots - replies;
  await query(db, "drop table if exists bench_comment_plan");
  await query(
    db,
    `create unlogged table bench_comment_plan (k int primary key, depth smallint not null, parent_k int, root_k int not null,
       created_at timestamptz not null, lang text not null, author_k int not null, id bigint)`,
  );
  await query(
    db,
    `insert into bench_comment_plan (k, depth, parent_k, root_k, created_at, lang, author_k)
     select g, 0, null, g, now() - interval '60 days' + (g - 1) * interval '60 days' / $1 + (g * 7919 % 600) * interval '1 second',
       ${LANGUAGE_OF}[1 + g * 13 % 10], 1 + floor($2 * power(g * 0.7548776662 - floor(g * 0.7548776662), 2))::int
     from generate_series(1, $1::int) g`,
    [roots, sizes.commenters],
  );
  // Replies (depth `d`) to comments of depth `d - 1`, numbered after the comments already planned.
  const plies = [
    { depth: 1, count: replies, parents: roots, offset: 0 },
    { depth: 2, count: deep, parents: replies, offset: roots },
  ];
  let next = roots;
  for (const ply of plies) {
    await query(
      db,
      `with parents as (select p.*, row_number() over (order by p.k) as n from bench_comment_plan p where p.depth = $1 - 1),
         r as (select g, 1 + ((floor($3 * power(g * 0.6180339887 - floor(g * 0.6180339887), 2))::int * 7919) % $3) as n from generate_series(1, $2::int) g)
       insert into bench_comment_plan (k, depth, parent_k, root_k, created_at, lang, author_k)
       select $4 + r.g, $1, p.k, p.root_k, least(now() - interval '1 minute', p.created_at + (5 + r.g * 7919 % 2880) * interval '1 minute'),
         case when r.g % 5 = 0 then ${LANGUAGE_OF}[1 + r.g * 17 % 10] else p.lang end,
         1 + floor($5 * power(r.g * 0.5698402910 - floor(r.g * 0.5698402910), 2))::int
       from r join parents p on p.n = r.n`,
      [ply.depth, ply.count, ply.parents, next, sizes.commenters],
    );
    next += ply.count;
  }
  // Ids in the order of writing, taken from the table's own sequence.
  const [seq] = await query<{ base: string }>(db, "select nextval(pg_get_serial_sequence('comments', 'id')) as base");
  const base = Number(seq?.base);
  await query(db, "select setval(pg_get_serial_sequence('comments', 'id'), $1)", [base + sizes.comments]);
  await query(db, `update bench_comment_plan p set id = $1 + o.rn - 1 from (select k, row_number() over (order by created_at, k) as rn from bench_comment_plan) o where o.k = p.k`, [base]);
  // Bodies: an opening and an argument (a reply: a reply sentence, sometimes an argument), sometimes a
  // second argument, sometimes a closing paragraph (some with a link).
  await query(
    db,
    `with s as (select $1::jsonb as t),
       authors as (select id, row_number() over (order by id) as k from users where email like 'bench-commenter-%')
     insert into comments (id, component_id, space_id, resource_type, resource_id, parent_id, root_id, depth, author_id, body, locale, alignment, created_at)
     select p.id, $2, $3, 'petition', $4, parent.id, root.id, p.depth, a.id,
       case when p.depth = 0 then (s.t->p.lang->'openings'->>(p.k % 6)) || ' ' || (s.t->p.lang->'arguments'->>(p.k * 3 % 8))
         else (s.t->p.lang->'replies'->>(p.k % 4)) || case when p.k % 2 = 0 then ' ' || (s.t->p.lang->'arguments'->>(p.k * 5 % 8)) else '' end end
         || case when p.k % 3 = 0 then ' ' || (s.t->p.lang->'arguments'->>(p.k * 7 % 8)) else '' end
         || case when p.k % 4 = 0 then E'\n\n' || (s.t->p.lang->'closings'->>(p.k % 3)) else '' end,
       p.lang,
       case when p.depth = 0 then (array[1, 1, 1, 1, 1, -1, -1, -1, 0, 0])[1 + p.k * 7 % 10] else (array[0, 0, 0, 0, 0, 0, 1, 1, 1, -1])[1 + p.k * 7 % 10] end,
       p.created_at
     from bench_comment_plan p cross join s
       join authors a on a.k = p.author_k
       left join bench_comment_plan parent on parent.k = p.parent_k
       join bench_comment_plan root on root.k = p.root_k`,
    [JSON.stringify(SENTENCES), place.componentId, place.spaceId, place.petitionId],
  );
  await query(db, "drop table bench_comment_plan");
}

/** Votes from distinct people (most comments get a few, some many), edits, deletions, then the stored counters. */
async function seedReactions(db: pg.Pool, sizes: DiscussionSizes, petitionId: number, lap: (what: string) => void): Promise<void> {
  await query(
    db,
    `with c as (select id, created_at, row_number() over (order by id) as k from comments where resource_type = 'petition' and resource_id = $1),
       n as (select c.*, floor(25 * power(k * 0.381966 - floor(k * 0.381966), 3))::int as up, floor(8 * power(k * 0.236068 - floor(k * 0.236068), 4))::int as down from c),
       voters as (select array_agg(id order by id) as ids from users where email like 'bench-commenter-%')
     insert into comment_votes (comment_id, user_id, value, created_at)
     select n.id, v.ids[1 + (n.k * 31 + i * 97) % $2], case when i <= n.up then 1 else -1 end, least(now(), n.created_at + i * interval '37 minutes')
     from n cross join voters v cross join lateral generate_series(1, n.up + n.down) i`,
    [petitionId, sizes.commenters],
  );
  // Fresh statistics, or the updates below join 10,000 comments as if there were a handful (30 s instead of 0.3).
  await query(db, "analyze comments, comment_votes");
  lap("votes");
  // One comment in 33 edited a few minutes after it was written (its first version kept), one in 97 deleted by its author.
  await query(
    db,
    `insert into comment_versions (comment_id, body, editor_id, created_at)
     select id, split_part(body, '. ', 1) || '.', author_id, created_at from comments where resource_type = 'petition' and resource_id = $1 and id % 33 = 0`,
    [petitionId],
  );
  await query(db, `update comments set edited_at = created_at + interval '4 minutes' where resource_type = 'petition' and resource_id = $1 and id % 33 = 0`, [petitionId]);
  await query(db, `update comments set deleted_at = least(now(), created_at + interval '1 day') where resource_type = 'petition' and resource_id = $1 and id % 97 = 0`, [petitionId]);
  lap("edits and deletions");
  await query(
    db,
    `update comments c set up_votes = v.up, down_votes = v.down
     from (select comment_id, count(*) filter (where value = 1)::int as up, count(*) filter (where value = -1)::int as down from comment_votes group by comment_id) v
     where v.comment_id = c.id and c.resource_type = 'petition' and c.resource_id = $1`,
    [petitionId],
  );
  lap("vote counters");
  await query(
    db,
    `update comments c set replies_count = r.n
     from (select root_id, count(*)::int as n from comments where resource_type = 'petition' and resource_id = $1 and depth > 0 group by root_id) r
     where r.root_id = c.id`,
    [petitionId],
  );
}

/** Seeds everything, returns what the measurements need. */
export async function seedDiscussion(db: pg.Pool, sizes: DiscussionSizes, log: (m: string) => void): Promise<Discussion> {
  let t = performance.now();
  const lap = (what: string) => {
    const now = performance.now();
    log(`seed: ${what} in ${Math.round(now - t)} ms`);
    t = now;
  };
  await seedPeople(db, sizes);
  lap(`${sizes.commenters} commenters and ${sizes.posters} posters`);
  const place = await seedPetition(db);
  await query(
    db,
    `insert into follows (resource_type, resource_id, user_id, component_id, space_id, created_at)
     select 'petition', $1, u.id, $2, $3, now() - interval '30 days' from users u where u.email like 'bench-commenter-%' order by u.id limit $4`,
    [place.petitionId, place.componentId, place.spaceId, sizes.followers],
  );
  lap(`petition ${place.petitionId} and its ${sizes.followers} followers`);
  await seedComments(db, sizes, place);
  lap(`${sizes.comments} comments`);
  await seedReactions(db, sizes, place.petitionId, lap);
  lap("replies counters");
  const posterTokens = Array.from({ length: sizes.posters }, () => randomBytes(32).toString("base64url"));
  await query(
    db,
    `insert into sessions (id, user_id, csrf_secret, expires_at)
     select t.hash, u.id, md5(t.hash), now() + interval '1 day'
     from unnest($1::text[]) with ordinality as t(hash, n) join (select id, row_number() over (order by id) as n from users where email like 'bench-poster-%') u on u.n = t.n`,
    [posterTokens.map((token) => createHash("sha256").update(token).digest("hex"))],
  );
  await query(db, "vacuum analyze");
  lap("posters' sessions, vacuum analyze");
  log(JSON.stringify({ seedChecks: await checkDiscussion(db, place.petitionId) }));
  return { ...place, posterTokens };
}

/** The discussion's shape, as stored, and whether its stored counters and links agree with its rows. */
async function checkDiscussion(db: pg.Pool, petitionId: number): Promise<Record<string, unknown>> {
  const [r] = await query(
    db,
    `with c as (select * from comments where resource_type = 'petition' and resource_id = $1)
     select count(*)::int as comments, count(*) filter (where depth = 0)::int as roots, count(*) filter (where depth = 1)::int as replies,
       count(*) filter (where depth = 2)::int as deep, count(distinct author_id)::int as authors,
       (select max(replies_count) from c) as biggest_thread, (select count(*)::int from c where depth = 0 and replies_count > 0) as threads_with_replies,
       (select count(*)::int from c join comments p on p.id = c.parent_id where p.depth <> c.depth - 1 or p.root_id <> c.root_id or p.created_at > c.created_at) as bad_links,
       (select count(*)::int from c r where r.depth = 0 and r.replies_count <> (select count(*) from c x where x.root_id = r.id and x.depth > 0)) as bad_replies_counts,
       (select count(*)::int from c where up_votes + down_votes <> (select count(*) from comment_votes v where v.comment_id = c.id)) as bad_vote_counts,
       (select count(*)::int from (select created_at < lag(created_at) over (order by id) as late from c) x where late) as ids_out_of_time_order,
       count(*) filter (where edited_at is not null)::int as edited, count(*) filter (where deleted_at is not null)::int as deleted,
       (select count(*)::int from comment_votes v join c on c.id = v.comment_id) as votes,
       round(avg(length(body)))::int as avg_body_chars, max(length(body)) as max_body_chars
     from c`,
    [petitionId],
  );
  return r ?? {};
}
