/**
 * The proposals component's share of the scale benchmark (issue 13).
 *
 * Seed, into one space (the demo consultation `public-data-policy`) and one of its components (the free
 * contributions, where the demo data has a handful): 10,000 published proposals in the four languages
 * (titles and bodies from the topics and places of texts.ts, two in three filed under one of the
 * space's categories, one in ten answered: accepted or evaluating, published), written by the bench's
 * users over the last 60 days; 200,000 supports and 100,000 comments, both spread as popularity is:
 * proposal k (in order of writing) gets a share in 1 / (k + 20), so the first one is the busiest
 * (1,538 supports and 769 comments) and the last ones get one or two. Comments take a side
 * (for, against, neutral) on the first level, one in five is a reply. The component's support limit is
 * lifted (the seed gives some people more supports than the demo's limit of 10). Rows are written with
 * the triggers and foreign-key checks off (every reference exists by construction), then the stored
 * counters (supports, comments, replies) are computed from the rows, as the triggers would have kept them.
 *
 * Pages: the component's list (first page, page 100, a category, two text searches: a rare word and a common one), the busiest proposal's
 * page, `/api/proposals?space=`, and the open data export.
 */
import { SENTENCES } from "../comments/texts";
import { countMatches, csvRecords, query, transaction, type BenchComponent, type PageContext, type SeedContext } from "./lib";
import { PLACES, TOPICS } from "./texts";

const SPACE = "public-data-policy";

/** The large data's proposals (multiplied by --scale with the rest). */
export const PROPOSALS_LARGE = { proposals: 10_000, supports: 200_000, comments: 100_000 };

/** Per language: a title and a body, `%1$s` the topic and `%2$s` the place. */
const TEMPLATES = {
  fr: {
    title: "%1$s à %2$s",
    body: "Je propose : %1$s, en commençant par %2$s. Les données sur l’usage actuel sont publiques et montrent un besoin clair.\n\nUn premier essai d’un an, évalué avec les habitants, permettrait de décider de la suite.",
  },
  nl: {
    title: "%1$s in %2$s",
    body: "Mijn voorstel: %1$s, te beginnen in %2$s. De gegevens over het huidige gebruik zijn openbaar en tonen een duidelijke nood.\n\nEen eerste proef van een jaar, samen met de bewoners geëvalueerd, zou helpen beslissen hoe verder.",
  },
  en: {
    title: "%1$s in %2$s",
    body: "My proposal: %1$s, starting in %2$s. The data on current use is public and shows a clear need.\n\nA first one-year trial, evaluated with the residents, would help decide what comes next.",
  },
  de: {
    title: "%1$s in %2$s",
    body: "Mein Vorschlag: %1$s, beginnend in %2$s. Die Daten zur heutigen Nutzung sind öffentlich und zeigen einen klaren Bedarf.\n\nEin erster einjähriger Versuch, mit den Einwohnern ausgewertet, würde helfen, über das Weitere zu entscheiden.",
  },
};

interface Target {
  componentId: number;
  spaceId: number;
}

/** The space's free contributions component (else its first proposals component). */
async function target(db: PageContext["db"]): Promise<Target | null> {
  const [row] = await query<{ id: string; space_id: string }>(
    db,
    `select c.id, c.space_id from components c join spaces s on s.id = c.space_id
     where s.slug = $1 and c.manifest = 'proposals' order by (c.name->>'en' = 'Free contributions') desc, c.id limit 1`,
    [SPACE],
  );
  return row ? { componentId: Number(row.id), spaceId: Number(row.space_id) } : null;
}

async function seedProposals({ db, sizes, log }: SeedContext): Promise<void> {
  let t = performance.now();
  const lap = (what: string) => {
    const now = performance.now();
    log(`proposals: ${what} in ${Math.round(now - t)} ms`);
    t = now;
  };
  const place = await target(db);
  if (!place) throw new Error(`proposals bench: no proposals component in ${SPACE} (is the demo seeded?)`);
  const n = Math.round(PROPOSALS_LARGE.proposals * (sizes.users / 10_000));
  const supports = Math.round(PROPOSALS_LARGE.supports * (sizes.users / 10_000));
  const comments = Math.round(PROPOSALS_LARGE.comments * (sizes.users / 10_000));
  await query(db, `update components set settings = jsonb_set(jsonb_set(settings, '{global,supportLimit}', '0'), '{global,minimumSupportsPerPerson}', '0') where id = $1`, [place.componentId]);
  const [before] = await query<{ max: string }>(db, "select coalesce(max(id), 0) as max from proposals");
  const firstId = Number(before?.max ?? 0);
  await query(
    db,
    `with topics as (select (ordinality - 1)::int as k, value as t from jsonb_array_elements($1::jsonb) with ordinality),
       places as (select (ordinality - 1)::int as k, value #>> '{}' as p from jsonb_array_elements($2::jsonb) with ordinality),
       tpl as (select $3::jsonb as t),
       authors as (select id, row_number() over (order by id) - 1 as k from users where email like 'bench-user-%'),
       cats as (select coalesce(array_agg(id order by id), '{}') as ids from categories where space_id = $5),
       st as (select (select id from proposal_states where component_id = $4 and token = 'accepted') as accepted,
                     (select id from proposal_states where component_id = $4 and token = 'evaluating') as evaluating),
       g as (select g, (array['fr','nl','en','de'])[1 + g % 4] as language, now() - ($6::int - g) * interval '60 days' / $6::int as at from generate_series(1, $6::int) g)
     insert into proposals (component_id, author_id, title, body, language, category_id, published_at, state_id, answer, answered_at, state_published_at, created_at, updated_at)
     select $4, a.id,
       jsonb_build_object(g.language, format(tpl.t->g.language->>'title', tp.t->>g.language, pl.p)),
       jsonb_build_object(g.language, format(tpl.t->g.language->>'body', lower(tp.t->>g.language), pl.p)),
       g.language,
       case when g.g % 3 <> 0 and cardinality(cats.ids) > 0 then cats.ids[1 + (g.g / 3) % cardinality(cats.ids)] end,
       g.at,
       case when g.g % 10 = 0 then case when g.g % 20 = 0 then st.accepted else st.evaluating end end,
       case when g.g % 10 = 0 then jsonb_build_object(g.language, 'Merci, nous étudions cette proposition. / Thank you, we are looking into it.') else '{}'::jsonb end,
       case when g.g % 10 = 0 then least(now(), g.at + interval '3 days') end,
       case when g.g % 10 = 0 then least(now(), g.at + interval '3 days') end,
       g.at - interval '10 minutes', g.at
     from g cross join tpl cross join cats cross join st
       join topics tp on tp.k = g.g % (select count(*) from topics)
       join places pl on pl.k = (g.g / (select count(*) from topics)) % (select count(*) from places)
       join authors a on a.k = (g.g * 7919) % (select count(*) from authors)
     order by g.g`,
    [JSON.stringify(TOPICS), JSON.stringify(PLACES), JSON.stringify(TEMPLATES), place.componentId, place.spaceId, n],
  );
  lap(`${n} proposals`);
  // Popularity: proposal k (in order of writing) gets a share in 1 / (k + 20) of the supports and comments.
  await query(db, "drop table if exists bench_proposal_plan");
  await query(
    db,
    `create table bench_proposal_plan as
     with p as (select id, published_at, language, row_number() over (order by id) as k from proposals where component_id = $1 and id > $2),
       w as (select *, 1.0 / (k + 20) as w from p), tot as (select sum(w) as s from w)
     select id, k, published_at, language, greatest(1, round($3 * w / tot.s))::int as supports, greatest(1, round($4 * w / tot.s))::int as comments
     from w cross join tot`,
    [place.componentId, firstId, supports, comments],
  );
  const written = await transaction(db, async (tx) => {
    const [su] = await query<{ rolsuper: boolean }>(tx, "select rolsuper from pg_roles where rolname = current_user");
    if (su?.rolsuper) await query(tx, "set local session_replication_role = replica");
    await query(
      tx,
      `with u as (select array_agg(id order by id) as ids, count(*)::int as cnt from users where email like 'bench-user-%')
       insert into proposal_supports (proposal_id, user_id, component_id, provisional, created_at)
       select p.id, u.ids[1 + ((p.k * 7919 + i) % u.cnt)], $1, false, least(now(), p.published_at + i * interval '2 minutes')
       from bench_proposal_plan p cross join u cross join lateral generate_series(0, least(p.supports, u.cnt) - 1) i`,
      [place.componentId],
    );
    // Comment ids in the order of the plan, taken from the table's own sequence.
    const [total] = await query<{ n: string }>(tx, "select sum(comments) as n from bench_proposal_plan");
    const count = Number(total?.n ?? 0);
    const [seq] = await query<{ base: string }>(tx, "select nextval(pg_get_serial_sequence('comments', 'id')) as base");
    const base = Number(seq?.base);
    await query(tx, "select setval(pg_get_serial_sequence('comments', 'id'), $1)", [base + count]);
    await query(
      tx,
      `with s as (select $1::jsonb as t),
         u as (select array_agg(id order by id) as ids, count(*)::int as cnt from users where email like 'bench-user-%'),
         p as (select *, sum(comments) over (order by k) - comments as off from bench_proposal_plan)
       insert into comments (id, component_id, space_id, resource_type, resource_id, parent_id, root_id, depth, author_id, body, locale, alignment, created_at)
       select $2::bigint + p.off + i, $3, $4, 'proposal', p.id,
         case when i % 5 = 4 then $2::bigint + p.off + i - 1 end,
         case when i % 5 = 4 then $2::bigint + p.off + i - 1 else $2::bigint + p.off + i end,
         case when i % 5 = 4 then 1 else 0 end,
         u.ids[1 + ((p.k * 31 + i * 97) % u.cnt)],
         case when i % 5 = 4 then (s.t->p.language->'replies'->>((p.k + i) % 4)::int)
           else (s.t->p.language->'openings'->>((p.k + i) % 6)::int) || ' ' || (s.t->p.language->'arguments'->>((p.k * 3 + i) % 8)::int) end,
         p.language,
         case when i % 5 = 4 then 0 else (array[1, 1, 1, -1, -1, 0])[1 + (p.k + i) % 6] end,
         least(now() - interval '1 minute', p.published_at + i * interval '7 minutes')
       from p cross join s cross join u cross join lateral generate_series(0, p.comments - 1) i`,
      [JSON.stringify(SENTENCES), base, place.componentId, place.spaceId],
    );
    return count;
  });
  lap(`${supports} supports and ${written} comments`);
  // The counters the triggers keep, from the rows.
  await query(db, "analyze proposals, proposal_supports, comments");
  await query(
    db,
    `update proposals p set supports_count = s.n from (select proposal_id, count(*)::int as n from proposal_supports where component_id = $1 and not provisional group by proposal_id) s
     where s.proposal_id = p.id`,
    [place.componentId],
  );
  await query(
    db,
    `update proposals p set comments_count = c.n from (select resource_id, count(*)::int as n from comments where resource_type = 'proposal' and component_id = $1 and deleted_at is null and hidden_at is null group by resource_id) c
     where c.resource_id = p.id`,
    [place.componentId],
  );
  await query(
    db,
    `update comments c set replies_count = r.n from (select root_id, count(*)::int as n from comments where resource_type = 'proposal' and component_id = $1 and depth > 0 group by root_id) r
     where r.root_id = c.id`,
    [place.componentId],
  );
  await query(db, "drop table bench_proposal_plan");
  lap("stored counters");
}

/** The component measured, for the URLs. */
async function base(ctx: PageContext): Promise<string> {
  const place = await target(ctx.db);
  return `/spaces/${SPACE}/c/${place?.componentId ?? 0}`;
}

/** Page 100 of the list, or its last page when there are fewer (the demo data). */
async function page100(ctx: PageContext): Promise<string> {
  const place = await target(ctx.db);
  const [row] = await query<{ n: number }>(ctx.db, "select count(*)::int as n from proposals where component_id = $1 and published_at is not null and hidden_at is null and withdrawn_at is null", [place?.componentId ?? 0]);
  return `${await base(ctx)}?page=${Math.min(100, Math.max(1, Math.ceil((row?.n ?? 0) / 20)))}`;
}

/** The space's first category, as a filter. */
async function category(ctx: PageContext): Promise<string> {
  const place = await target(ctx.db);
  const [row] = await query<{ id: string }>(ctx.db, "select id from categories where space_id = $1 and parent_id is null order by weight, id limit 1", [place?.spaceId ?? 0]);
  return `${await base(ctx)}?category=${row?.id ?? 0}`;
}

/** The busiest proposal: the most supported, then the most commented. */
async function busiest(ctx: PageContext): Promise<string> {
  const place = await target(ctx.db);
  const [row] = await query<{ id: string }>(
    ctx.db,
    "select id from proposals where component_id = $1 and published_at is not null and hidden_at is null order by supports_count desc, comments_count desc, id limit 1",
    [place?.componentId ?? 0],
  );
  return `${await base(ctx)}/${row?.id ?? 0}`;
}

const proposalCards = (html: string): number => countMatches(html, /<li class="card proposal-card[ "]/g);

export const proposals: BenchComponent = {
  name: "proposals",
  seed: seedProposals,
  pages: [
    { page: "/spaces/<consultation>/c/<proposals>", url: base, items: proposalCards },
    { page: "/spaces/<consultation>/c/<proposals>?page=100", url: page100, items: proposalCards },
    { page: "/spaces/<consultation>/c/<proposals>?category=<first>", url: category, items: proposalCards },
    // A place of texts.ts: the same word in every language.
    { page: "/spaces/<consultation>/c/<proposals>?q=Etterbeek", url: async (ctx) => `${await base(ctx)}?q=Etterbeek`, items: proposalCards },
    // A word of the consultation itself: found in the demo's contributions too, and in every French proposal of the seed.
    { page: "/spaces/<consultation>/c/<proposals>?q=données", url: async (ctx) => `${await base(ctx)}?q=${encodeURIComponent("données")}`, items: proposalCards },
    {
      page: "/spaces/<consultation>/c/<proposals>/<busiest>",
      url: busiest,
      // The comments shown on the first page of the discussion.
      items: (html) => countMatches(html, /<li class="comment comment-depth-/g),
    },
    { page: `/api/proposals?space=${SPACE}`, url: () => `/api/proposals?space=${SPACE}`, items: (body) => (JSON.parse(body) as { data?: unknown[] }).data?.length ?? 0 },
    { page: "/open-data/proposals.csv", url: () => "/open-data/proposals.csv", items: csvRecords, export: true },
  ],
};
