/**
 * The petitions component's share of the scale benchmark.
 *
 * Seed: a petitions component (published, the demo component's settings and types) in one bench process
 * in three; 10,000 public petitions in the four languages spread over those components and the demo's
 * (most open for signing, the others past their signing period or further on); their public timeline;
 * 1,000,000 signatures: three petitions near 100,000 (100,000, 98,000 and 96,000 rows), then a long
 * tail (rank k of the rest, a fixed permutation, gets a share in 1 / (k + 20): about 5,400 down to 11),
 * 1 in 100 still pending confirmation, 1 in 20 from an account, 1 in 3 showing the name; the table's
 * secondary indexes are built after the rows; `petition_counts` built from the confirmed rows, and
 * any stored total the `petitions` table has (an integer column named like "sign", "total" or "count",
 * found in information_schema), so the seed fits the schema before and after it gains one.
 */
import { countMatches, csvRecords, query, transaction, type BenchComponent, type PageContext, type SeedContext } from "./lib";
import { PLACES, TOPICS } from "./texts";

const BENCH = "bench-%";

/** Per language: title, summary and body, `%1$s` the topic and `%2$s` the place. */
const TEMPLATES = {
  fr: {
    title: "%1$s à %2$s",
    summary: "Nous demandons à la commune de %2$s : %1$s, d’ici 2030.",
    body: "Nous, habitants de %2$s, demandons au Parlement d’agir : %1$s.\n\nDepuis des années, les riverains constatent que rien ne change. Un plan clair, un budget et un calendrier permettraient d’avancer quartier par quartier, avec les écoles, les commerces et les associations.\n\nNous demandons que ce plan soit présenté dans les six mois et suivi publiquement chaque année.",
  },
  nl: {
    title: "%1$s in %2$s",
    summary: "Wij vragen de gemeente %2$s: %1$s, tegen 2030.",
    body: "Wij, inwoners van %2$s, vragen het Parlement om actie: %1$s.\n\nAl jaren zien de buurtbewoners dat er niets verandert. Een duidelijk plan, een budget en een tijdpad zouden het mogelijk maken wijk per wijk vooruit te gaan, samen met de handelaars, de verenigingen en de bewoners.\n\nWij vragen dat dit plan binnen zes maanden wordt voorgesteld en elk jaar openbaar wordt opgevolgd.",
  },
  en: {
    title: "%1$s in %2$s",
    summary: "We ask the municipality of %2$s for this by 2030: %1$s.",
    body: "We, residents of %2$s, ask Parliament to act: %1$s.\n\nFor years, neighbours have seen nothing change. A clear plan, a budget and a timetable would let every neighbourhood move forward, with the shops, the local associations and the residents.\n\nWe ask that this plan be presented within six months and followed up in public every year.",
  },
  de: {
    title: "%1$s in %2$s",
    summary: "Wir fordern von der Gemeinde %2$s bis 2030: %1$s.",
    body: "Wir, Einwohner von %2$s, fordern das Parlament zum Handeln auf: %1$s.\n\nSeit Jahren sehen die Anwohner, dass sich nichts ändert. Ein klarer Plan, ein Budget und ein Zeitplan würden es ermöglichen, Viertel für Viertel voranzukommen, mit den Schulen, den Geschäften und den Vereinen.\n\nWir fordern, dass dieser Plan innerhalb von sechs Monaten vorgelegt und jedes Jahr öffentlich verfolgt wird.",
  },
};

async function seedPetitions({ db, sizes, log }: SeedContext): Promise<void> {
  let t = performance.now();
  const lap = (what: string) => {
    const now = performance.now();
    log(`petitions: ${what} in ${Math.round(now - t)} ms`);
    t = now;
  };
  // A petitions component in one bench process in three, as the demo's (settings, types).
  await query(
    db,
    `with demo as (select * from components where manifest = 'petitions' order by id limit 1),
       s as (select id, row_number() over (order by id) as rn from spaces where slug like 'bench-process-%')
     insert into components (space_id, manifest, name, weight, settings, permissions, published_at)
     select s.id, 'petitions', demo.name, 1, demo.settings, demo.permissions, now() from s, demo where s.rn % 3 = 1`,
  );
  await query(
    db,
    `insert into petition_types (component_id, title, description, threshold, region_thresholds, country, min_age, residence_regions, signing_days,
       co_sponsors_required, allow_withdrawal, verification, signer_fields, criteria, answer_days, review_days)
     select c.id, t.title, t.description, t.threshold, t.region_thresholds, t.country, t.min_age, t.residence_regions, t.signing_days,
       t.co_sponsors_required, t.allow_withdrawal, t.verification, t.signer_fields, t.criteria, t.answer_days, t.review_days
     from components c cross join (select * from petition_types where component_id = (select id from components where manifest = 'petitions' order by id limit 1)) t
     where c.manifest = 'petitions' and c.space_id in (select id from spaces where slug like 'bench-process-%')
     order by c.id, t.id`,
  );
  lap("components and types");
  // The themes of texts.ts as categories of every space holding a petitions component (the filter of a petition's list).
  await query(
    db,
    `insert into categories (space_id, name, weight)
     select distinct c.space_id, jsonb_build_object('fr', t.theme, 'nl', t.theme, 'en', t.theme, 'de', t.theme), 0
     from components c cross join (select distinct value->>'theme' as theme from jsonb_array_elements($1::jsonb)) t
     where c.manifest = 'petitions' and c.space_id in (select id from spaces where slug like 'bench-process-%')`,
    [JSON.stringify(TOPICS)],
  );
  // The petitions: the three largest in the demo's component, the rest spread over all; languages by
  // turn, each with all the topics; states by turn (70 % open for signing); the open ones published
  // within the last 60 days, the others earlier.
  await query(
    db,
    `with comps as (select array_agg(id order by id) as ids from components where manifest = 'petitions'),
       types as (select component_id, array_agg(id order by id) as ids from petition_types group by component_id),
       authors as (select id, row_number() over (order by id) - 1 as k from users where email like 'bench-user-%'),
       topics as (select (ordinality - 1)::int as k, value as t from jsonb_array_elements($1::jsonb) with ordinality),
       places as (select (ordinality - 1)::int as k, value #>> '{}' as p from jsonb_array_elements($2::jsonb) with ordinality),
       g as (
         select g, (array['fr','nl','en','de'])[1 + g % 4] as language,
           case when g <= 3 then (select ids[1] from comps) else (select ids[1 + g % cardinality(ids)] from comps) end as component_id,
           case g when 1 then 'threshold_reached' when 2 then 'transmitted' when 3 then 'answered' else
             case when g % 20 < 14 then 'published' when g % 20 < 16 then 'threshold_reached' when g % 20 = 16 then 'answered' when g % 20 = 17 then 'closed' else 'expired' end
           end as state
         from generate_series(1, $4::int) g),
       d as (
         select g.*, case when g.state in ('published', 'threshold_reached') then now() - (g.g % 60) * interval '1 day' - interval '1 hour'
           else now() - (120 + g.g % 600) * interval '1 day' end as published_at
         from g)
     insert into petitions (component_id, type_id, author_id, title, summary, body, language, category_id, state, sponsor_token, submitted_at, review_due_at,
       published_at, signing_ends_at, threshold_reached_at, transmitted_at, answer_due_at, answer, answered_at, progress_notified, created_at, updated_at)
     select d.component_id, (select ids[1 + d.g % 2] from types where component_id = d.component_id),
       a.id,
       format($3::jsonb->d.language->>'title', tp.t->>d.language, pl.p),
       format($3::jsonb->d.language->>'summary', lower(tp.t->>d.language), pl.p),
       format($3::jsonb->d.language->>'body', lower(tp.t->>d.language), pl.p),
       d.language, (select c.id from categories c join components k on k.space_id = c.space_id where k.id = d.component_id and c.name->>'fr' = tp.t->>'theme' limit 1), d.state, 'bench-' || d.g, d.published_at - interval '20 days', d.published_at - interval '5 days',
       d.published_at,
       d.published_at + case when d.state in ('published', 'threshold_reached') then interval '180 days' else interval '90 days' end,
       case when d.state in ('threshold_reached', 'transmitted', 'answered', 'closed') then d.published_at + interval '30 days' end,
       case when d.state in ('transmitted', 'answered', 'closed') then d.published_at + interval '40 days' end,
       case when d.state in ('transmitted', 'answered', 'closed') then d.published_at + interval '220 days' end,
       case when d.state in ('answered', 'closed') then 'The services answered: the request is taken into account in the next multi-year plan.' end,
       case when d.state in ('answered', 'closed') then d.published_at + interval '100 days' end,
       case when d.state in ('threshold_reached', 'transmitted', 'answered', 'closed') then 100 else 0 end,
       d.published_at - interval '21 days', d.published_at
     from d join topics tp on tp.k = (d.g / 4 * 7) % (select count(*) from topics) join places pl on pl.k = (d.g * 11) % (select count(*) from places)
       left join authors a on a.k = d.g % (select count(*) from authors)`,
    [JSON.stringify(TOPICS), JSON.stringify(PLACES), JSON.stringify(TEMPLATES), sizes.petitions],
  );
  lap(`${sizes.petitions} petitions`);
  // Their public timeline, up to the state each is in.
  await query(
    db,
    `with paths(state, steps) as (values
       ('published', array['draft', 'submitted', 'under_review', 'published']),
       ('threshold_reached', array['draft', 'submitted', 'under_review', 'published', 'threshold_reached']),
       ('transmitted', array['draft', 'submitted', 'under_review', 'published', 'threshold_reached', 'transmitted']),
       ('answered', array['draft', 'submitted', 'under_review', 'published', 'threshold_reached', 'transmitted', 'answered']),
       ('closed', array['draft', 'submitted', 'under_review', 'published', 'threshold_reached', 'transmitted', 'answered', 'closed']),
       ('expired', array['draft', 'submitted', 'under_review', 'published', 'expired']))
     insert into petition_events (petition_id, from_state, to_state, actor_id, note, created_at)
     select p.id, case when x.i > 1 then paths.steps[x.i - 1] end, x.s, null, null,
       p.published_at + (case when x.s = 'expired' then 90 else (array[-21, -20, -10, 0, 30, 40, 100, 120])[x.i] end) * interval '1 day'
     from petitions p join paths on paths.state = p.state cross join lateral unnest(paths.steps) with ordinality as x(s, i)
     where p.sponsor_token like $1`,
    [BENCH],
  );
  lap("their timelines");
  // How many signatures each petition gets: the first three near a tenth of the total each, then the
  // long tail, rank k (a fixed permutation of the rest) sharing the remainder in proportion to 1 / (k + 20).
  await query(db, "drop table if exists bench_signature_targets");
  await query(
    db,
    `create unlogged table bench_signature_targets as
     with p as (select id, row_number() over (order by id) as rn, count(*) over () as n from petitions where sponsor_token like $1),
       big as (select id, rn, round($2::bigint * case rn when 1 then 0.100 when 2 then 0.098 else 0.096 end)::int as n from p where rn <= 3),
       rest as (select $2::bigint - (select sum(n) from big) as total),
       tail as (select id, (((rn - 4) * 7919) % (n - 3)) + 1 as k from p where rn > 3),
       share as (select id, (select total from rest) * (1.0 / (k + 20)) / sum(1.0 / (k + 20)) over () as exact from tail),
       floored as (select id, exact, floor(exact)::int as n0 from share),
       fixed as (select id, n0 + case when row_number() over (order by exact - n0 desc, id) <= (select total from rest) - sum(n0) over () then 1 else 0 end as n from floored)
     select id as petition_id, n from big union all select id, n from fixed`,
    [BENCH, sizes.signatures],
  );
  lap("the signatures' distribution");
  // The signatures, in one statement (ids grow with time within each petition), with the table's
  // secondary indexes (whatever they are by now) dropped and built again after it, in one transaction.
  const rebuilt = await transaction(db, async (tx) => {
    const indexes = await query<{ name: string; def: string }>(
      tx,
      `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def from pg_index i
       where i.indrelid = 'petition_signatures'::regclass and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`,
    );
    for (const i of indexes) await query(tx, `drop index ${i.name}`);
    // The rows reference existing petitions and users by construction: no foreign-key check per row
    // (the embedded server's user is a superuser; elsewhere the checks run).
    const [su] = await query<{ rolsuper: boolean }>(tx, "select rolsuper from pg_roles where rolname = current_user");
    if (su?.rolsuper) await query(tx, "set local session_replication_role = replica");
    await query(
      tx,
      `with u as (select id, row_number() over (order by id) as rn from users where email like 'bench-user-%')
       insert into petition_signatures (petition_id, user_id, email, canonical_email, email_domain, name, birth_date, postal_code, region, show_name, state,
         token_hash, mails_sent, ip, created_at, confirmed_at)
       select t.petition_id, u.id,
         'signer' || g || '@' || d.domain, 'signer' || g || '@' || d.domain, d.domain,
         'Signer ' || g, date '1940-01-01' + (g * 37 % 25000), r.postal_code, r.region, g % 3 = 0,
         case when g % 100 = 99 then 'pending' else 'confirmed' end,
         case when g % 100 = 99 then md5(t.petition_id || ':' || g) end, 1,
         ('10.' || ((g >> 16) & 255) || '.' || ((g >> 8) & 255) || '.' || (g & 255))::inet,
         p.published_at + (least(now(), p.signing_ends_at) - p.published_at) * g / (t.n + 1),
         case when g % 100 = 99 then null else p.published_at + (least(now(), p.signing_ends_at) - p.published_at) * g / (t.n + 1) + interval '3 minutes' end
       from bench_signature_targets t
         join petitions p on p.id = t.petition_id
         cross join lateral generate_series(1, t.n) g
         cross join lateral (select (array['example.org','mail.example','post.example','inbox.example'])[1 + g % 4] as domain) d
         cross join lateral (select (array['1000','2000','4000','9000','1050'])[1 + g % 5] as postal_code,
                                    (array['BE-BRU','BE-VLG','BE-WAL','BE-VLG','BE-BRU'])[1 + g % 5] as region) r
         left join u on g % 20 = 0 and u.rn = g / 20`,
    );
    lap(`${sizes.signatures} signatures`);
    for (const i of indexes) await query(tx, i.def);
    return indexes.length;
  });
  await query(db, "drop table bench_signature_targets");
  lap(`their ${rebuilt} secondary indexes`);
  // The aggregates the count job keeps, from the confirmed rows.
  await query(
    db,
    `insert into petition_counts (petition_id, region, count)
     select petition_id, region, count(*)::int from petition_signatures s
     where s.state = 'confirmed' and s.petition_id in (select id from petitions where sponsor_token like $1)
     group by petition_id, region`,
    [BENCH],
  );
  // Any stored total the schema has by now (issue 11: a petition's total kept by the count job).
  const stored = await query<{ column_name: string }>(
    db,
    `select column_name from information_schema.columns
     where table_schema = current_schema() and table_name = 'petitions' and data_type in ('integer', 'bigint', 'numeric')
       and column_name ~ '(sign|total|count)' and column_name not in ('progress_notified')`,
  );
  for (const { column_name } of stored) {
    await query(
      db,
      `update petitions p set "${column_name}" = coalesce(c.n, 0)
       from (select id, (select sum(count) from petition_counts where petition_id = x.id) + coalesce((select sum(count) from petition_paper_entries where petition_id = x.id), 0) as n
             from petitions x where x.sponsor_token like $1) c
       where c.id = p.id`,
      [BENCH],
    );
  }
  lap(`counts${stored.length > 0 ? ` and stored totals (${stored.map((s) => s.column_name).join(", ")})` : " (no stored total column on petitions)"}`);
}

/** The biggest petition (most confirmed signatures), else the first public one. */
async function biggest(ctx: PageContext): Promise<number> {
  const rows = await ctx.db.query<{ id: string }>(
    `select id from petitions p where state not in ('draft', 'submitted', 'under_review')
     order by coalesce((select sum(count) from petition_counts c where c.petition_id = p.id), 0) desc, id limit 1`,
  );
  return Number(rows.rows[0]?.id ?? 1);
}

/** Page 100 of the list, or its last page when there are fewer (the demo data). */
async function page100(ctx: PageContext): Promise<string> {
  const res = await ctx.get("/api/petitions");
  const meta = (JSON.parse(res.body) as { meta?: { total?: number; pageSize?: number } }).meta ?? {};
  const pages = Math.max(1, Math.ceil((meta.total ?? 0) / (meta.pageSize ?? 20)));
  return `/petitions?page=${Math.min(100, pages)}`;
}

const petitionCards = (html: string): number => countMatches(html, /<li class="petition-card[ "]/g);

export const petitions: BenchComponent = {
  name: "petitions",
  seed: seedPetitions,
  pages: [
    { page: "/petitions", url: () => "/petitions", items: petitionCards },
    { page: "/petitions?page=100", url: page100, items: petitionCards },
    {
      page: "/petitions/<biggest>",
      url: async (ctx) => `/petitions/${await biggest(ctx)}`,
      // The public signers shown (names, comma-separated).
      items: (html) => {
        const m = /id="signers-title"[^>]*>[^<]*<\/h2>\s*<p>([^<]*)<\/p>/.exec(html);
        return m?.[1] ? m[1].split(", ").length : 0;
      },
    },
    { page: "/api/petitions", url: () => "/api/petitions", items: (body) => (JSON.parse(body) as { data?: unknown[] }).data?.length ?? 0 },
    { page: "/petitions.csv", url: () => "/petitions.csv", items: csvRecords, export: true },
  ],
};
