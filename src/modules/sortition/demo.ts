/**
 * The sortition demo: the Nancy assembly's draw. A generated pool of 600 volunteers (demo-pool.ts:
 * gender, age band, neighbourhood, addresses for the household rule), quotas at the city's shares for
 * 40 seats, the public randomness announced and then entered, a LEXIMIN draw run as the back office
 * runs it (worker thread), its record published (it verifies with `pnyx sortition verify`), and the
 * panel seated as the assembly's members "drawn by lot"; the assembly then chose its president,
 * vice-president and secretary among them (the first three seats). Then the next assembly's recruitment
 * opens to volunteers, with five letters whose codes are `demoLetterCodes(5)` (registration-demo.ts).
 */
import { and, asc, eq } from "drizzle-orm";
import type { DemoSpaces } from "../../core/components/define";
import type { AppDeps } from "../../core/http/deps";
import { assemblyMembers } from "../../core/spaces/schema";
import { createDraw, publishDraw, seatPanel, startDraw } from "./draw-service";
import { runDraw } from "./draw-run";
import { demoPool } from "./demo-pool";
import { sortitionComponentOf } from "./place";
import { preparePool } from "./pool";
import { seedRegistrationDemo } from "./registration-demo";

export const DEMO_POOL_SIZE = 600;
export const DEMO_PANEL = 40;
const OFFICERS = ["president", "vice_president", "secretary"] as const;

export async function seedSortitionDemo(deps: AppDeps, input: DemoSpaces): Promise<void> {
  const space = input.spaces.assembly;
  if (!space) return;
  const actor = { id: input.adminId, ip: null };
  const componentId = await sortitionComponentOf(deps.db, actor, space.id);
  const files = demoPool(DEMO_POOL_SIZE, DEMO_PANEL, "nancy-2026");
  const pool = preparePool(files.quotasCsv, files.peopleCsv, DEMO_PANEL, { householdColumns: ["address"] });
  const drawId = await createDraw(deps.db, actor, { spaceId: space.id, componentId }, {
    title: { fr: "Tirage de l’assemblée citoyenne", nl: "Loting van de burgerassemblee", en: "Draw of the citizens' assembly", de: "Auslosung der Bürgerversammlung" },
    k: DEMO_PANEL,
    algorithm: "leximin",
    commitment: "Les numéros de l’EuroMillions du vendredi 6 mars 2026, annoncés le 1er mars 2026.",
    randomness: "EuroMillions 2026-03-06: 4 19 27 33 48 + 2 11",
    householdColumns: ["address"],
    pool,
  });
  const started = await startDraw(deps.db, actor, space.id, drawId);
  if (!started.ok) throw new Error(`sortition demo: the draw did not start (${started.reason})`);
  const outcome = await runDraw(deps.db, drawId);
  if (outcome?.status !== "done") throw new Error(`sortition demo: the draw ended ${outcome?.status ?? "unclaimed"} ${outcome?.error ?? ""}`);
  await publishDraw(deps.db, actor, space.id, drawId);
  const seated = await seatPanel(deps.db, actor, space.id, drawId, (n) => `Membre ${n}`);
  if (!seated.ok) throw new Error(`sortition demo: the panel was not seated (${seated.reason})`);
  const first = await deps.db.select({ id: assemblyMembers.id }).from(assemblyMembers).where(eq(assemblyMembers.spaceId, space.id)).orderBy(asc(assemblyMembers.weight), asc(assemblyMembers.id)).limit(OFFICERS.length);
  for (const [i, m] of first.entries()) {
    const position = OFFICERS[i];
    if (position) await deps.db.update(assemblyMembers).set({ position }).where(and(eq(assemblyMembers.id, m.id), eq(assemblyMembers.spaceId, space.id)));
  }
  // The next assembly's recruitment, open to volunteers, with a few letters whose codes the demo knows.
  await seedRegistrationDemo(deps.db, deps.config, componentId, input.adminId);
}
