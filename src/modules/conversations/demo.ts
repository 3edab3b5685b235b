/**
 * The conversations demo: the students' budget space gets a "Conversation" component with one
 * conversation, "What should the student budget fund?", its seed statements, and a few hundred
 * synthetic anonymous participants whose votes follow three latent opinion groups (the outdoors,
 * quiet study, sport and social life) drawn from a fixed-seed generator, so every fresh demo shows
 * the same map; the first tick is computed before the demo is served, so the groups show at once.
 * The conversation and its statements go through the back office's services (audited).
 */
import { sql } from "drizzle-orm";
import type { DemoSpaces } from "../../core/components/define";
import { getComponentManifest } from "../../core/components/registry";
import { addComponent } from "../../core/components/service";
import type { AppDeps } from "../../core/http/deps";
import type { Translatable } from "../../core/i18n/locales";
import { addSeedStatements, saveConversation } from "./admin-service";
import { tickNow } from "./math";

const COMPONENT_NAME: Translatable = { fr: "Conversation", nl: "Gesprek", en: "Conversation", de: "Gespräch" };

export const DEMO_TOPIC: Translatable = {
  fr: "Que doit financer le budget des élèves ?",
  nl: "Wat moet het leerlingenbudget financieren?",
  en: "What should the student budget fund?",
  de: "Was soll das Schülerbudget finanzieren?",
};

const DESCRIPTION: Translatable = {
  fr: "Votez d’accord, pas d’accord ou passer sur de courtes affirmations, et voyez quels groupes d’opinion se forment parmi les élèves avant le vote du budget.",
  nl: "Stem eens, oneens of sla over bij korte stellingen, en zie welke opiniegroepen er onder de leerlingen ontstaan voor de stemming over het budget.",
  en: "Vote agree, disagree or pass on short statements, and see which opinion groups form among the students before the budget vote.",
  de: "Stimmen Sie kurzen Aussagen zu, lehnen Sie sie ab oder überspringen Sie sie, und sehen Sie, welche Meinungsgruppen sich unter den Schülerinnen und Schülern vor der Budgetabstimmung bilden.",
};

/** The seed statements (in French, the school's language) and how each latent group leans on it (-1 disagree .. 1 agree): outdoors, study, sport. */
export const DEMO_STATEMENTS: Array<[string, [number, number, number]]> = [
  ["Le potager de l’école mérite une plus grande part du budget.", [0.9, -0.2, -0.3]],
  ["Il faut plus d’arbres et d’ombre dans la cour.", [0.9, 0.3, 0.1]],
  ["Un local d’étude calme est plus urgent qu’un nouveau terrain de sport.", [-0.1, 0.9, -0.9]],
  ["La bibliothèque devrait rester ouverte après les cours.", [0.1, 0.9, -0.3]],
  ["Un nouveau terrain de basket profiterait à tous les élèves.", [-0.4, -0.6, 0.9]],
  ["Des tables de ping-pong dans la cour, c’est une bonne idée.", [0.1, -0.3, 0.8]],
  ["Le budget doit d’abord servir à réparer les toilettes.", [0.6, 0.6, 0.6]],
  ["Des abris à vélos couverts encourageraient à venir à vélo.", [0.8, 0.2, 0.4]],
  ["Il faut des prises et du wifi fiable dans les salles d’étude.", [-0.2, 0.9, 0.1]],
  ["Des casiers pour chaque élève seraient plus utiles que des bancs neufs.", [-0.3, 0.5, 0.5]],
  ["Organiser plus de fêtes et d’événements à l’école vaut la dépense.", [-0.2, -0.7, 0.8]],
  ["Des fontaines à eau remplaceraient avantageusement les bouteilles en plastique.", [0.9, 0.4, 0.5]],
  ["Le matériel de sport actuel est suffisant.", [0.4, 0.6, -0.9]],
  ["Des panneaux solaires sur le toit seraient un bon investissement.", [0.9, 0.0, -0.4]],
  ["Il faut des salles de travail en groupe réservables.", [-0.1, 0.8, 0.2]],
  ["Les élèves devraient pouvoir proposer des projets chaque année.", [0.6, 0.6, 0.6]],
  ["Un espace de musique avec des instruments attirerait beaucoup d’élèves.", [0.0, -0.4, 0.7]],
  ["Le budget devrait privilégier les projets qui durent plusieurs années.", [0.7, 0.7, -0.2]],
  ["Une cafétéria plus grande est plus importante que des espaces verts.", [-0.9, -0.1, 0.6]],
  ["Les élèves de tous les âges doivent voter sur le budget.", [0.5, 0.5, 0.5]],
];

/** Participants per latent group. */
export const DEMO_GROUP_SIZES = [130, 100, 70] as const;

/** A 32-bit generator with a fixed seed (mulberry32). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DemoVote {
  pid: number;
  tid: number;
  value: -1 | 0 | 1;
  /** Days before now (the conversation has been open for two weeks). */
  daysAgo: number;
}

/** The synthetic votes: each participant votes on about three statements in four; a group's lean decides agree / disagree, with some passes and some dissent. */
export function demoVotes(seed = 2026): DemoVote[] {
  const random = mulberry32(seed);
  const votes: DemoVote[] = [];
  let pid = 0;
  DEMO_GROUP_SIZES.forEach((size, group) => {
    for (let i = 0; i < size; i++, pid++) {
      const firstDay = Math.floor(random() * 14);
      DEMO_STATEMENTS.forEach(([, leans], tid) => {
        if (random() > 0.75) return;
        const lean = leans[group] ?? 0;
        const r = random();
        const pass = 0.12 + 0.2 * (1 - Math.abs(lean));
        const value: -1 | 0 | 1 = r < pass ? 0 : random() < (1 + lean) / 2 ? 1 : -1;
        votes.push({ pid, tid, value, daysAgo: Math.max(0, firstDay - Math.floor(random() * 2)) });
      });
    }
  });
  return votes;
}

export async function seedConversationsDemo(deps: AppDeps, { adminId, spaces }: DemoSpaces): Promise<void> {
  const space = spaces["budgetStudents"];
  if (!space) return;
  const { db } = deps;
  const manifest = getComponentManifest("conversations");
  if (!manifest) throw new Error("conversations demo: the component is not registered");
  const actor = { id: adminId, ip: null };
  const component = await addComponent(db, actor, space.id, manifest, COMPONENT_NAME, { published: true });
  const place = { componentId: component.id, spaceId: space.id };
  const saved = await saveConversation(db, actor, place, null, {
    topic: DEMO_TOPIC,
    description: DESCRIPTION,
    participantStatements: true,
    moderation: "pre",
    strictMode: false,
    anonymousAllowed: true,
    reportPublic: true,
    published: true,
  });
  if (!saved.ok) throw new Error(`conversations demo: ${JSON.stringify(saved.errors)}`);
  const id = saved.value.id;
  const seeds = await addSeedStatements(db, actor, place, id, DEMO_STATEMENTS.map(([text]) => text), adminId, "fr");
  if (!seeds.ok) throw new Error(`conversations demo: ${JSON.stringify(seeds.errors)}`);
  await db.execute(sql`update conversation_statements set created_at = now() - interval '15 days' where conversation_id = ${id}`);
  // Synthetic participants: no account, no cookie (like an import's voters).
  const participants = DEMO_GROUP_SIZES.reduce((a, b) => a + b, 0);
  await db.execute(sql`
    insert into conversation_participants (conversation_id, pid, created_at) select ${id}, g, now() - interval '14 days' from generate_series(0, ${participants - 1}) g`);
  await db.execute(sql`update conversations set next_pid = ${participants} where id = ${id}`);
  const votes = demoVotes();
  await db.execute(sql`
    insert into conversation_votes (conversation_id, pid, tid, value, created_at, updated_at)
    select ${id}, v.pid, v.tid, v.value, t, t
    from unnest(${`{${votes.map((v) => v.pid).join(",")}}`}::int[], ${`{${votes.map((v) => v.tid).join(",")}}`}::int[],
                ${`{${votes.map((v) => v.value).join(",")}}`}::smallint[], ${`{${votes.map((v) => v.daysAgo).join(",")}}`}::int[]) as v(pid, tid, value, days),
         lateral (select now() - make_interval(days => v.days, secs => (v.pid * 37 + v.tid * 101) % 36000) as t) ts`);
  // The tick job may be computing the conversation already (its statements made it due): then after it.
  const tick = await tickNow(db, id);
  const math = await db.execute<{ n: number }>(sql`select count(*)::int as n from conversation_math where conversation_id = ${id}`);
  if (!tick.ran && math.rows[0]?.n !== 1) throw new Error(`conversations demo: the first tick did not run (${tick.reason})`);
}
