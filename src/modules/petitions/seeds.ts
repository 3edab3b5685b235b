/**
 * Demo content: the Belgian House and Brussels Parliament petition types (thresholds from the 2019
 * petitions law and the Brussels rules), placed in a petitions component of the demo's petitions
 * process, and one open petition.
 */
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import type { DemoSpaces } from "../../core/components/define";
import type { AppDeps } from "../../core/http/deps";
import { addComponent } from "../../core/components/service";
import { getComponentManifest } from "../../core/components/registry";
import { loadCategoryTree, loadScopeTree } from "../../core/categories/queries";
import { BRUSSELS_REGION_CODE } from "../../core/categories/seeds";
import { seedDiscussion } from "../../core/comments/demo";
import { DEMO_DISCUSSION, DEMO_PARTICIPANTS } from "./demo-discussion";
import { BRUSSELS_COMMITTEE } from "./committee-rules";
import { petitionCounts, petitionEvents, petitions, petitionTypes } from "./schema";
import type { TypeValues } from "./types-service";

const CRITERIA = [
  { key: "competence", label: { fr: "Relève des compétences de l’assemblée", nl: "Valt onder de bevoegdheden van de assemblee", en: "Within the assembly’s competence", de: "Fällt in die Zuständigkeit der Versammlung" } },
  { key: "not-defamatory", label: { fr: "N’est ni diffamatoire ni injurieuse", nl: "Is niet lasterlijk of beledigend", en: "Not defamatory or offensive", de: "Nicht verleumderisch oder beleidigend" } },
  { key: "not-under-examination", label: { fr: "N’est pas déjà en cours d’examen", nl: "Wordt niet al onderzocht", en: "Not already under examination", de: "Nicht bereits in Prüfung" } },
];

export const BELGIAN_HOUSE: TypeValues = {
  title: { fr: "Pétition à la Chambre des représentants", nl: "Verzoekschrift aan de Kamer van volksvertegenwoordigers", en: "Petition to the Belgian House of Representatives", de: "Petition an die Abgeordnetenkammer" },
  threshold: 25_000,
  regionThresholds: { "BE-VLG": 14_500, "BE-WAL": 8_000, "BE-BRU": 2_500 },
  minAge: 16,
  residenceRegions: [],
  signingDays: 180,
  coSponsorsRequired: 0,
  allowWithdrawal: true,
  verification: "email",
  criteria: CRITERIA,
  reviewDays: 30,
  answerDays: 180,
};

export const BRUSSELS_PARLIAMENT: TypeValues = {
  title: { fr: "Pétition au Parlement bruxellois", nl: "Petitie aan het Brussels Parlement", en: "Petition to the Brussels Parliament", de: "Petition an das Brüsseler Parlament" },
  threshold: 1_000,
  regionThresholds: { "BE-BRU": 1_000 },
  minAge: 16,
  residenceRegions: ["BE-BRU"],
  signingDays: 90,
  coSponsorsRequired: 0,
  allowWithdrawal: true,
  verification: "email",
  criteria: CRITERIA,
  reviewDays: 30,
  answerDays: 180,
};

/** The Brussels Parliament's citizens' suggestions: 1,000 residents aged 16+ ask for a deliberative committee. */
export const BRUSSELS_SUGGESTION: TypeValues = {
  ...BRUSSELS_PARLIAMENT,
  title: {
    fr: "Suggestion citoyenne pour une commission délibérative",
    nl: "Burgervoorstel voor een overlegcommissie",
    en: "Citizens’ suggestion for a deliberative committee",
    de: "Bürgervorschlag für einen Beratungsausschuss",
  },
  committee: BRUSSELS_COMMITTEE,
};

/** The demo's suggestion past its threshold, awaiting the parliament's decision (the e2e story accepts it). */
export const DEMO_SUGGESTION = "Une commission délibérative sur le bruit des avions au-dessus de Bruxelles";

/** Adds the demo types to a component that has none (idempotent). */
export async function seedPetitionTypes(deps: Pick<AppDeps, "db">, componentId: number, _adminId: number): Promise<number[]> {
  const existing = await deps.db.execute<{ id: string }>(sql`select id from petition_types where component_id = ${componentId} order by id`);
  if (existing.rows.length > 0) return existing.rows.map((r) => Number(r.id));
  const rows = await deps.db
    .insert(petitionTypes)
    .values([BELGIAN_HOUSE, BRUSSELS_PARLIAMENT, BRUSSELS_SUGGESTION].map((v) => ({ componentId, ...v })))
    .returning({ id: petitionTypes.id });
  return rows.map((r) => r.id);
}

/** Places a petitions component in the demo's petitions process. */
async function demoComponent(deps: AppDeps, { adminId, spaces }: DemoSpaces): Promise<number> {
  const space = spaces.petitions;
  if (!space) throw new Error("petitions demo: no demo petitions process");
  const manifest = getComponentManifest("petitions");
  if (!manifest) throw new Error("petitions demo: the petitions component is not registered");
  const component = await addComponent(deps.db, { id: adminId, ip: null }, space.id, manifest, { fr: "Pétitions", nl: "Petities", en: "Petitions", de: "Petitionen" }, { published: true });
  return component.id;
}

/** The demo category (by its English name) and scope (by its code) a demo petition is filed under. */
async function demoFiling(deps: AppDeps, spaceId: number, category: string, scopeCode: string): Promise<{ categoryId: number | null; scopeId: number | null }> {
  const [tree, scopes] = await Promise.all([loadCategoryTree(deps.db, spaceId), loadScopeTree(deps.db)]);
  const found = tree.flatMap((c) => [c, ...c.children]).find((c) => c.name.en === category);
  return { categoryId: found?.id ?? null, scopeId: scopes.flat.find((s) => s.code === scopeCode)?.id ?? null };
}

/** The demo: the component in the petitions process, its types, and one open petition to sign (filed under trees, region-wide). */
export async function seedPetitions(deps: AppDeps, ctx: DemoSpaces): Promise<void> {
  const componentId = await demoComponent(deps, ctx);
  const [, brusselsType, suggestionType] = await seedPetitionTypes(deps, componentId, ctx.adminId);
  if (!brusselsType) return;
  const filing = ctx.spaces.petitions ? await demoFiling(deps, ctx.spaces.petitions.id, "Trees and green spaces", BRUSSELS_REGION_CODE) : { categoryId: null, scopeId: null };
  const now = new Date();
  const [p] = await deps.db
    .insert(petitions)
    .values({
      componentId,
      typeId: brusselsType,
      authorId: ctx.adminId,
      title: "Plus d’arbres dans les rues de Bruxelles",
      summary: "Planter un arbre pour dix habitants dans chaque commune d’ici 2030.",
      body: "Nous demandons au Parlement bruxellois d’adopter un plan de plantation d’arbres d’alignement dans les dix-neuf communes.\n\nLes arbres rafraîchissent les rues en été, retiennent l’eau de pluie et rendent la ville plus agréable.",
      language: "fr",
      ...filing,
      state: "published",
      sponsorToken: randomBytes(18).toString("base64url"),
      submittedAt: now,
      publishedAt: now,
      signingEndsAt: new Date(now.getTime() + 90 * 86_400_000),
    })
    .returning({ id: petitions.id });
  if (!p) return;
  await deps.db.insert(petitionEvents).values([
    { petitionId: p.id, fromState: null, toState: "draft", actorId: ctx.adminId },
    { petitionId: p.id, fromState: "draft", toState: "submitted", actorId: ctx.adminId },
    { petitionId: p.id, fromState: "submitted", toState: "under_review", actorId: ctx.adminId },
    { petitionId: p.id, fromState: "under_review", toState: "published", actorId: ctx.adminId },
  ]);
  // A discussion in the four languages, with replies, sides and votes.
  const space = ctx.spaces.petitions;
  if (space) await seedDiscussion(deps.db, { type: "petition", id: p.id }, { componentId, spaceId: space.id }, DEMO_PARTICIPANTS, DEMO_DISCUSSION);
  if (suggestionType) await seedSuggestion(deps, componentId, suggestionType, ctx.adminId);
}

/** A citizens' suggestion that gathered 1,043 signatures of Brussels residents and awaits the parliament's decision. */
async function seedSuggestion(deps: AppDeps, componentId: number, typeId: number, adminId: number): Promise<void> {
  const day = 86_400_000;
  const now = Date.now();
  const at = (daysAgo: number) => new Date(now - daysAgo * day);
  const [s] = await deps.db
    .insert(petitions)
    .values({
      componentId,
      typeId,
      authorId: adminId,
      title: DEMO_SUGGESTION,
      summary: "Que 45 Bruxellois tirés au sort et 15 parlementaires cherchent ensemble comment réduire le bruit des avions la nuit.",
      body: "Les survols de nuit réveillent des dizaines de milliers d’habitants de l’est et du nord de Bruxelles.\n\nNous demandons au Parlement bruxellois de réunir une commission délibérative sur les nuisances sonores aériennes et les moyens dont la Région dispose pour les réduire.",
      language: "fr",
      state: "awaiting_decision",
      sponsorToken: randomBytes(18).toString("base64url"),
      submittedAt: at(70),
      reviewDueAt: at(40),
      publishedAt: at(60),
      signingEndsAt: new Date(at(60).getTime() + 90 * day),
      thresholdReachedAt: at(3),
      progressNotified: 100,
      signaturesTotal: 1_043,
    })
    .returning({ id: petitions.id });
  if (!s) return;
  await deps.db.insert(petitionCounts).values({ petitionId: s.id, region: "BE-BRU", count: 1_043 });
  await deps.db.insert(petitionEvents).values([
    { petitionId: s.id, fromState: null, toState: "draft", actorId: adminId, createdAt: at(71) },
    { petitionId: s.id, fromState: "draft", toState: "submitted", actorId: adminId, createdAt: at(70) },
    { petitionId: s.id, fromState: "submitted", toState: "under_review", actorId: adminId, createdAt: at(65) },
    { petitionId: s.id, fromState: "under_review", toState: "published", actorId: adminId, createdAt: at(60) },
    { petitionId: s.id, fromState: "published", toState: "awaiting_decision", actorId: null, createdAt: at(3) },
  ]);
}
