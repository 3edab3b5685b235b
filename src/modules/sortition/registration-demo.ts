/**
 * The Nancy demo's recruitment: "Assemblée citoyenne 2027", open to volunteers, asking gender, age
 * band and neighbourhood with the city's shares of a 40-seat panel as targets, and a handful of letters
 * whose codes are derived from a fixed label (`demoLetterCodes`: the demo's and the stories' own
 * codes; real letters get random codes, invitations.ts). The integration tests build recruitments the
 * same way (registration-testing.ts).
 */
import { createHash } from "node:crypto";
import type { Db } from "../../db/client";
import type { Config } from "../../config";
import type { Translatable } from "../../core/i18n/locales";
import { normalizeCode } from "./codes";
import { demoQuotas } from "./demo-pool";
import { keysFor } from "./registration-service";
import { sortitionInvitations, sortitionRecruitments, type RecruitmentStatus, type RecruitmentStratum } from "./schema";
import { lookupHash, seal } from "./sealed";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** The demo's letter codes ("K7Q2M-9XWMA" form), the same on every install: for the demo only, never real letters. */
export function demoLetterCodes(n: number, label = "nancy-2027"): string[] {
  return Array.from({ length: n }, (_, i) => {
    const digest = createHash("sha256").update(`pnyx-demo-letter/${label}/${i}`).digest();
    const s = Array.from(digest.subarray(0, 10), (b) => ALPHABET[b % 32]).join("");
    return `${s.slice(0, 5)}-${s.slice(5)}`;
  });
}

export interface RecruitmentFixture {
  title: Translatable;
  strata: RecruitmentStratum[];
  volunteersOpen: boolean;
  status?: RecruitmentStatus;
  consentText?: Translatable;
  registrationDeadline?: Date | null;
}

/** Stores a recruitment and its letters' codes as they would be after invitations; resolves to its id. */
export async function insertRecruitment(db: Db, config: Pick<Config, "SESSION_SECRET">, componentId: number, f: RecruitmentFixture, codes: readonly string[], createdBy: number | null = null): Promise<number> {
  const keys = keysFor(config);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(sortitionRecruitments)
      .values({ componentId, title: f.title, status: f.status ?? "open", strata: f.strata, volunteersOpen: f.volunteersOpen, consentText: f.consentText ?? {}, registrationDeadline: f.registrationDeadline ?? null, invitationCount: codes.length, invitedAt: codes.length ? new Date() : null, createdBy })
      .returning({ id: sortitionRecruitments.id });
    if (!row) throw new Error("recruitment insert returned nothing");
    if (codes.length > 0) {
      await tx.insert(sortitionInvitations).values(
        codes.map((code, i) => ({ recruitmentId: row.id, registerRow: i + 1, codeHash: lookupHash(keys, [normalizeCode(code) ?? code]), codeSealed: seal(keys, code), batch: 1 })),
      );
    }
    return row.id;
  });
}

const GENDER_LABELS: Record<string, Translatable> = {
  woman: { en: "Woman", fr: "Femme", nl: "Vrouw", de: "Frau" },
  man: { en: "Man", fr: "Homme", nl: "Man", de: "Mann" },
};

/** Nancy's strata with the targets of a panel of k (the same shares as the demo draw's quotas). */
export function nancyStrata(k: number): RecruitmentStratum[] {
  const labels: Record<string, Translatable> = {
    gender: { en: "Gender", fr: "Genre", nl: "Gender", de: "Geschlecht" },
    age: { en: "Age", fr: "Âge", nl: "Leeftijd", de: "Alter" },
    neighbourhood: { en: "Neighbourhood", fr: "Quartier", nl: "Wijk", de: "Stadtteil" },
  };
  const strata: RecruitmentStratum[] = [];
  for (const [category, value, min, max] of demoQuotas(k)) {
    let s = strata.find((x) => x.category === category);
    if (!s) strata.push((s = { category, label: labels[category] ?? { en: category }, options: [] }));
    const label = category === "gender" ? (GENDER_LABELS[value] ?? { en: value }) : category === "age" ? { en: value === "75+" ? "75 and over" : `${value} years`, fr: value === "75+" ? "75 ans et plus" : `${value} ans`, nl: value === "75+" ? "75 jaar en ouder" : `${value} jaar`, de: value === "75+" ? "75 Jahre und älter" : `${value} Jahre` } : { fr: value, en: value, nl: value, de: value };
    s.options.push({ value, label, target: { min, max } });
  }
  return strata;
}

export const DEMO_RECRUITMENT_TITLE: Translatable = { fr: "Assemblée citoyenne 2027 : inscriptions", en: "Citizens' assembly 2027: registrations", nl: "Burgerassemblee 2027: inschrijvingen", de: "Bürgerversammlung 2027: Anmeldungen" };
export const DEMO_LETTERS = 5;

const CONSENT: Translatable = {
  fr: "Vos réponses servent uniquement au tirage au sort de l’assemblée citoyenne de Nancy. Vos coordonnées sont chiffrées et supprimées un an après la fin de l’assemblée. Vous pouvez retirer votre inscription à tout moment.",
  en: "Your answers are used only for the draw of Nancy's citizens' assembly. Your contact details are encrypted and deleted one year after the assembly ends. You can withdraw your registration at any time.",
  nl: "Uw antwoorden dienen alleen voor de loting van de burgerassemblee van Nancy. Uw contactgegevens worden versleuteld en een jaar na het einde van de assemblee gewist. U kunt uw inschrijving op elk moment intrekken.",
  de: "Ihre Antworten dienen nur der Auslosung der Bürgerversammlung von Nancy. Ihre Kontaktdaten werden verschlüsselt und ein Jahr nach dem Ende der Versammlung gelöscht. Sie können Ihre Anmeldung jederzeit zurückziehen.",
};

/** The demo recruitment in the Nancy assembly's sortition component (open to volunteers, letters with `demoLetterCodes`). */
export async function seedRegistrationDemo(db: Db, config: Pick<Config, "SESSION_SECRET">, componentId: number, adminId: number | null): Promise<number> {
  return insertRecruitment(db, config, componentId, { title: DEMO_RECRUITMENT_TITLE, strata: nancyStrata(40), volunteersOpen: true, consentText: CONSENT }, demoLetterCodes(DEMO_LETTERS), adminId);
}
