/** Test helpers: a recruitment with letters, stored directly (as the back office and invitations would leave it). */
import type { Db } from "../../db/client";
import type { Config } from "../../config";
import { generateCode } from "./codes";
import { insertRecruitment, type RecruitmentFixture } from "./registration-demo";
import type { RecruitmentStratum } from "./schema";

/** Two questions; targets for a panel of 4. */
export const TEST_STRATA: RecruitmentStratum[] = [
  {
    category: "gender",
    label: { en: "Gender", fr: "Genre" },
    options: [
      { value: "woman", label: { en: "Woman", fr: "Femme" }, target: { min: 2, max: 2 } },
      { value: "man", label: { en: "Man", fr: "Homme" }, target: { min: 2, max: 2 } },
    ],
  },
  {
    category: "age",
    label: { en: "Age", fr: "Âge" },
    options: [
      { value: "16-39", label: { en: "16 to 39", fr: "16 à 39 ans" }, target: { min: 1, max: 3 } },
      { value: "40+", label: { en: "40 and over", fr: "40 ans et plus" }, target: { min: 1, max: 3 } },
    ],
  },
];

/** A recruitment of the component with `letters` fresh codes; resolves to its id and the codes in clear. */
export async function testRecruitment(db: Db, config: Pick<Config, "SESSION_SECRET">, componentId: number, f: Partial<RecruitmentFixture> = {}, letters = 5): Promise<{ id: number; codes: string[] }> {
  const codes = Array.from({ length: letters }, () => generateCode());
  const id = await insertRecruitment(db, config, componentId, { title: { en: "Spring assembly" }, strata: TEST_STRATA, volunteersOpen: false, consentText: { en: "Your answers are used for the draw only." }, ...f }, codes);
  return { id, codes };
}
