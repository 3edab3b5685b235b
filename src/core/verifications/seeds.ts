/**
 * Demo census list: the students' budget is open to the pupils on its list. Demo data only; a pupil
 * verifies with, for example, student number S2026-001 and birth date 14/03/2010.
 */
import { eq } from "drizzle-orm";
import type { AppDeps } from "../http/deps";
import { DEMO_SPACES } from "../spaces/seeds";
import { spaces } from "../spaces/schema";
import { replaceCensus } from "./census";
import { verificationKey } from "./hashing";

export const DEMO_CENSUS = "student_number;birth_date\nS2026-001;14/03/2010\nS2026-002;02/09/2009\nS2026-003;30/11/2010\nS2026-004;21/06/2011\n";

export const seedVerifications: (deps: AppDeps, ctx: { adminId: number }) => Promise<void> = async (deps, { adminId }) => {
  const [space] = await deps.db.select({ id: spaces.id }).from(spaces).where(eq(spaces.slug, DEMO_SPACES.budgetStudents));
  if (!space) return;
  const result = await replaceCensus(deps.db, verificationKey(deps.config), { id: adminId }, space.id, { secondAttribute: "birth_date", hasHeader: true, csv: DEMO_CENSUS });
  if (!result.ok) throw new Error(`demo census: ${JSON.stringify(result.errors)}`);
};
