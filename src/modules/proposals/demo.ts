/**
 * The proposals demo. The national consultation gets three proposals components: the report's
 * findings as official proposals open to comments for and against and to supports, free
 * contributions, and feedback on use cases (participants write in the consultation step; everything
 * is read-only in the synthesis step). Each school budget's "Ideas" step gets an ideas component with
 * a few ideas in several languages (one accepted in the students' budget), and an empty "Projects in
 * development" component where the administrator imports the accepted ideas. Written through the
 * services, so counters, follows and the audit log are as real use leaves them.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { seedDiscussion, type DemoComment } from "../../core/comments/demo";
import type { DemoSpaces } from "../../core/components/define";
import { getComponentManifest } from "../../core/components/registry";
import { addComponent, updateComponentSettings } from "../../core/components/service";
import type { AppDeps } from "../../core/http/deps";
import type { Translatable } from "../../core/i18n/locales";
import { listSteps } from "../../core/spaces/queries";
import type { SpaceRecord } from "../../core/spaces/types";
import { answerProposal, createOfficialProposal } from "./answers";
import { ACCEPTED_ANSWER, announcements, CONTRIBUTION_DISCUSSION, componentNames, CONTRIBUTIONS, EVALUATING_ANSWER, FINDING_DISCUSSION, FINDINGS, IDEA_ACCEPTED_ANSWER, IDEA_DISCUSSION, IDEAS, PARTICIPANTS, USE_CASES, type Idea } from "./demo-content";
import { proposalSettings, type ProposalSettings } from "./settings";
import { seedDemoAmendment } from "./amendments/demo";
import { listStates } from "./states";
import { support } from "./supports";
import { createDraft, publishDraft, type Place } from "./workflow";

type Step = Record<string, unknown>;
const OPEN_FOR_COMMENTS: Step = { commentsEnabled: true, supportsEnabled: true };
const WRITING: Step = { ...OPEN_FOR_COMMENTS, creationEnabled: true };
/** Participants amend others' contributions, their authors accept or reject, rejected ones may become proposals. */
const AMENDING: Step = { amendmentCreationEnabled: true, amendmentReactionEnabled: true, amendmentPromotionEnabled: true };
const READ_ONLY: Step = { supportsEnabled: true, supportsBlocked: true, commentsBlocked: true, endorsementsBlocked: true };

/** The demo's people, by key: accounts without a password (they cannot sign in), created once. */
async function participants(db: Db): Promise<Record<string, number>> {
  const ids: Record<string, number> = {};
  for (const [key, p] of Object.entries(PARTICIPANTS)) {
    await db.execute(sql`insert into users (email, name, locale, email_confirmed_at) values (${p.email}, ${p.name}, ${p.locale}, now()) on conflict do nothing`);
    const row = await db.execute<{ id: string }>(sql`select id from users where lower(email) = ${p.email}`);
    ids[key] = Number(row.rows[0]?.id);
  }
  return ids;
}

/** A published proposals component with its settings: global ones, and step settings by step position. */
async function component(deps: AppDeps, adminId: number, space: SpaceRecord, name: Translatable, global: Partial<ProposalSettings>, byPosition: Step[]): Promise<{ place: Place; rules: ProposalSettings }> {
  const manifest = getComponentManifest("proposals");
  if (!manifest) throw new Error("proposals demo: the component is not registered");
  const actor = { id: adminId, ip: null };
  const added = await addComponent(deps.db, actor, space.id, manifest, name, { published: true });
  const steps = await listSteps(deps.db, space.id);
  const rules = proposalSettings.parse({ ...global });
  const stepValue = (s: Step | undefined) => manifest.stepSettings.parse(s ?? {}) as Record<string, unknown>;
  const settings = {
    global: { ...(manifest.settings.parse({}) as Record<string, unknown>), ...rules },
    defaultStep: stepValue(byPosition[byPosition.length - 1]),
    steps: Object.fromEntries(steps.map((s, i) => [String(s.id), stepValue(byPosition[i])])),
  };
  await updateComponentSettings(deps.db, actor, space.id, added.id, name, settings);
  return { place: { componentId: added.id, spaceId: space.id }, rules };
}

/** Participants' proposals, published through the workflow, then supported. */
async function ideas(db: Db, people: Record<string, number>, c: { place: Place; rules: ProposalSettings }, list: Idea[]): Promise<number[]> {
  const ids: number[] = [];
  for (const idea of list) {
    const author = people[idea.by] ?? 0;
    const draft = await createDraft(db, author, c.place, { title: idea.title, body: idea.body, language: idea.locale, categoryId: undefined, scopeId: undefined });
    if (!draft.ok) throw new Error(`proposals demo: ${idea.title}: ${JSON.stringify(draft.errors)}`);
    await publishDraft(db, author, c.place, draft.value.id, 0);
    for (const who of idea.supporters ?? []) await support(db, people[who] ?? 0, c.place, draft.value.id, c.rules);
    ids.push(draft.value.id);
  }
  return ids;
}

async function discuss(db: Db, place: Place, id: number | undefined, threads: DemoComment[]): Promise<void> {
  if (id !== undefined) await seedDiscussion(db, { type: "proposal", id }, place, PARTICIPANTS, threads);
}

export async function seedProposalsDemo(deps: AppDeps, { adminId, spaces }: DemoSpaces): Promise<void> {
  const { db } = deps;
  const actor = { id: adminId, ip: null };
  const people = await participants(db);
  const consultation = spaces.consultation;
  if (consultation) {
    // Steps: information, consultation (active), synthesis.
    const reactions = await component(deps, adminId, consultation, componentNames.reactions, { officialProposalsEnabled: true }, [
      { ...OPEN_FOR_COMMENTS, announcement: announcements.reactions, defaultSort: "recent" },
      { ...OPEN_FOR_COMMENTS, announcement: announcements.reactions, defaultSort: "recent" },
      READ_ONLY,
    ]);
    const findings: number[] = [];
    for (const f of FINDINGS) {
      const created = await createOfficialProposal(db, actor, reactions.place, { title: f.title, body: f.body, categoryId: undefined, scopeId: undefined });
      if (created.ok) findings.push(created.value.id);
    }
    for (const [i, id] of findings.entries()) for (const who of Object.keys(PARTICIPANTS).slice(0, 4 - i)) await support(db, people[who] ?? 0, reactions.place, id, reactions.rules);
    await discuss(db, reactions.place, findings[0], FINDING_DISCUSSION);

    const contributions = await component(deps, adminId, consultation, componentNames.contributions, { supportLimit: 10, amendmentsEnabled: true }, [{}, { ...WRITING, ...AMENDING }, READ_ONLY]);
    const written = await ideas(db, people, contributions, CONTRIBUTIONS);
    await discuss(db, contributions.place, written[0], CONTRIBUTION_DISCUSSION);
    await seedDemoAmendment(db, people.noor ?? 0, contributions.place, written[1]);
    const accepted = (await listStates(db, contributions.place.componentId)).find((s) => s.token === "accepted");
    if (accepted && written[0] !== undefined) {
      await answerProposal(db, actor, contributions.place, written[0], { stateId: accepted.id, answer: ACCEPTED_ANSWER, cost: 4_500_000, costReport: {}, executionPeriod: { fr: "2027", nl: "2027", en: "2027", de: "2027" } }, { publishNow: true, withCosts: false });
    }

    const useCases = await component(deps, adminId, consultation, componentNames.useCases, {}, [{}, WRITING, READ_ONLY]);
    await ideas(db, people, useCases, USE_CASES);
  }

  // The school budgets: steps ideas (active), review, vote.
  for (const key of ["budgetStudents", "budgetParents", "budgetFaculty"] as const) {
    const space = spaces[key];
    if (!space) continue;
    const c = await component(deps, adminId, space, componentNames.ideas, { supportLimit: 3, officialProposalsEnabled: false }, [
      { ...WRITING, announcement: announcements.ideas },
      { ...READ_ONLY, commentsBlocked: false },
      READ_ONLY,
    ]);
    const written = await ideas(db, people, c, IDEAS[key]);
    if (key === "budgetStudents") {
      await discuss(db, c.place, written[0], IDEA_DISCUSSION);
      const states = await listStates(db, c.place.componentId);
      const evaluating = states.find((s) => s.token === "evaluating");
      if (evaluating && written[0] !== undefined) await answerProposal(db, actor, c.place, written[0], { stateId: evaluating.id, answer: EVALUATING_ANSWER, cost: undefined, costReport: {}, executionPeriod: {} }, { publishNow: true, withCosts: false });
      // An accepted idea with its cost (1 800 €, in cents), for the administrator to import into the projects in development; the budgets' vote takes it as a project.
      const accepted = states.find((s) => s.token === "accepted");
      if (accepted && written[1] !== undefined) await answerProposal(db, actor, c.place, written[1], { stateId: accepted.id, answer: IDEA_ACCEPTED_ANSWER, cost: 180_000, costReport: {}, executionPeriod: {} }, { publishNow: true, withCosts: false });
    }
    // Where the accepted ideas continue (imported from the back office): empty, participants do not write there.
    await component(deps, adminId, space, componentNames.development, { officialProposalsEnabled: false }, [{}, OPEN_FOR_COMMENTS, OPEN_FOR_COMMENTS]);
  }
}
