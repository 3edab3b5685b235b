/**
 * The core's share of the scale benchmark: 10,000 users (placeholder password hashes: nobody signs
 * in) and 200 published spaces (150 processes with three dated steps, some in groups; 50 assemblies
 * with members, some under a parent), with titles in the four languages; and the core's pages.
 */
import { countMatches, listItems, query, type BenchComponent, type SeedContext } from "./lib";
import { PLACES, TOPICS } from "./texts";

/** List entries that are cards (spaces, petitions). */
const cards = (html: string): number => countMatches(html, /<li class="[^"]*card[^"]*"/g);

async function seedCore({ db, sizes, log }: SeedContext): Promise<void> {
  const t0 = performance.now();
  await query(
    db,
    `insert into users (email, name, password_hash, locale, email_confirmed_at, terms_accepted_at, created_at, updated_at)
     select 'bench-user-' || g || '@bench.example', 'Bench User ' || g, '!bench-no-password', (array['fr','nl','en','de'])[1 + g % 4],
       now(), now(), now() - (g % 700) * interval '1 day', now()
     from generate_series(1, $1::int) g`,
    [sizes.users],
  );
  const groups = [
    { fr: "Budgets participatifs des quartiers", nl: "Participatieve wijkbegrotingen", en: "Neighbourhood participatory budgets", de: "Bürgerhaushalte der Viertel" },
    { fr: "Consultations régionales", nl: "Gewestelijke raadplegingen", en: "Regional consultations", de: "Regionale Konsultationen" },
    { fr: "Écoles et jeunesse", nl: "Scholen en jeugd", en: "Schools and youth", de: "Schulen und Jugend" },
  ];
  await query(db, `insert into process_groups (title, description, weight) select value, '{}'::jsonb, (ordinality)::int from jsonb_array_elements($1::jsonb) with ordinality`, [JSON.stringify(groups)]);
  // Spaces: every fourth an assembly; processes active, past or upcoming by turn; a few promoted.
  await query(
    db,
    `with topics as (select (ordinality - 1)::int as k, value as t from jsonb_array_elements($1::jsonb) with ordinality),
       places as (select (ordinality - 1)::int as k, value #>> '{}' as p from jsonb_array_elements($2::jsonb) with ordinality),
       grp as (select array_agg(id order by id) as ids from (select id from process_groups order by id desc limit 3) x),
       s as (select g, case when g % 4 = 0 then 'assembly' else 'process' end as type, g % 3 as timing from generate_series(1, $3::int) g)
     insert into spaces (type, slug, title, subtitle, short_description, description, group_id, start_date, end_date, purpose, composition, promoted, weight, published_at, created_at, updated_at)
     select s.type, 'bench-' || s.type || '-' || s.g,
       jsonb_build_object('fr', (t.t->>'fr') || ' – ' || p.p, 'nl', (t.t->>'nl') || ' – ' || p.p, 'en', (t.t->>'en') || ' – ' || p.p, 'de', (t.t->>'de') || ' – ' || p.p),
       '{}'::jsonb,
       jsonb_build_object('fr', format('%s à %s : donnez votre avis.', t.t->>'fr', p.p), 'nl', format('%s in %s: geef uw mening.', t.t->>'nl', p.p),
         'en', format('%s in %s: have your say.', t.t->>'en', p.p), 'de', format('%s in %s: sagen Sie Ihre Meinung.', t.t->>'de', p.p)),
       jsonb_build_object('fr', format('<p>%s à %s. Les habitants proposent, débattent et décident ensemble.</p>', t.t->>'fr', p.p),
         'nl', format('<p>%s in %s. De inwoners stellen voor, debatteren en beslissen samen.</p>', t.t->>'nl', p.p),
         'en', format('<p>%s in %s. Residents propose, debate and decide together.</p>', t.t->>'en', p.p),
         'de', format('<p>%s in %s. Die Einwohner schlagen vor, diskutieren und entscheiden gemeinsam.</p>', t.t->>'de', p.p)),
       case when s.type = 'process' and s.g % 5 = 1 then (select ids[1 + s.g % 3] from grp) end,
       case s.timing when 0 then current_date - 30 + s.g % 20 when 1 then current_date - 400 + s.g % 20 else current_date + 20 + s.g % 20 end,
       case s.timing when 0 then current_date + 60 + s.g % 30 when 1 then current_date - 100 + s.g % 20 else current_date + 200 + s.g % 30 end,
       case when s.type = 'assembly' then jsonb_build_object('fr', 'Formuler des recommandations.', 'nl', 'Aanbevelingen formuleren.', 'en', 'Make recommendations.', 'de', 'Empfehlungen erarbeiten.') else '{}'::jsonb end,
       case when s.type = 'assembly' then jsonb_build_object('fr', '40 habitants tirés au sort.', 'nl', '40 uitgelote inwoners.', 'en', '40 residents drawn by lot.', 'de', '40 ausgeloste Einwohner.') else '{}'::jsonb end,
       s.g % 40 = 1, s.g, now() - s.g * interval '1 day', now() - s.g * interval '1 day', now()
     from s join topics t on t.k = (s.g / 4 * 7 + s.g) % (select count(*) from topics) join places p on p.k = (s.g * 7) % (select count(*) from places)`,
    [JSON.stringify(TOPICS), JSON.stringify(PLACES), sizes.spaces],
  );
  // Three steps per process, the one whose dates include today active (the first before, the last after).
  await query(
    db,
    `insert into steps (space_id, position, title, description, start_date, end_date, active)
     select s.id, x.pos, x.title, '{}'::jsonb, s.start_date + (s.end_date - s.start_date) * x.pos / 3, s.start_date + (s.end_date - s.start_date) * (x.pos + 1) / 3 - 1,
       x.pos = least(2, greatest(0, ((current_date - s.start_date) * 3) / greatest(1, s.end_date - s.start_date)))
     from spaces s cross join (values
       (0, '{"fr":"Idées","nl":"Ideeën","en":"Ideas","de":"Ideen"}'::jsonb),
       (1, '{"fr":"Débat","nl":"Debat","en":"Debate","de":"Debatte"}'::jsonb),
       (2, '{"fr":"Vote","nl":"Stemming","en":"Vote","de":"Abstimmung"}'::jsonb)) as x(pos, title)
     where s.slug like 'bench-process-%'`,
  );
  await query(
    db,
    `insert into assembly_members (space_id, name, position, designation, weight)
     select s.id, 'Member ' || s.id || '-' || m, case m when 1 then 'president' when 2 then 'secretary' else 'member' end, 'drawn', m
     from spaces s cross join generate_series(1, 6) m where s.slug like 'bench-assembly-%'`,
  );
  // One assembly in four is a working group of another.
  await query(
    db,
    `update spaces c set parent_id = p.id from spaces p
     where c.slug like 'bench-assembly-%' and substr(c.slug, 16)::int % 16 = 0 and p.slug = 'bench-assembly-' || (substr(c.slug, 16)::int - 4)`,
  );
  log(`core: ${sizes.users} users, ${sizes.spaces} spaces in ${Math.round(performance.now() - t0)} ms`);
}

export const core: BenchComponent = {
  name: "core",
  seed: seedCore,
  pages: [
    { page: "/", url: () => "/", items: cards },
    { page: "/search?q=school", url: () => "/search?q=school", items: (html) => listItems(html, '<ul class="search-hits">') },
    { page: "/processes", url: () => "/processes", items: cards },
    { page: "/assemblies", url: () => "/assemblies", items: cards },
  ],
};
