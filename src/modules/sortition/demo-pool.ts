/**
 * A generated pool for the Nancy demo and the tests: people of Nancy with a gender, an age band and a
 * neighbourhood, skewed as volunteers are (older people and some neighbourhoods answer more), a few
 * sharing an address, invented names and emails, and whether each agreed to show their name. The
 * quotas follow the city's population shares (± one seat), not the pool's. Deterministic for a seed
 * (the engine's SHA-256 counter generator).
 */
import { canonicalCsv } from "../../engines/sortition/csv";
import { Sha256Ctr, sha256Hex } from "../../engines/sortition/prng";

const GENDERS: Array<[string, number, number]> = [
  // value, population share, relative willingness to volunteer
  ["woman", 0.52, 1],
  ["man", 0.48, 1.2],
];
const AGES: Array<[string, number, number]> = [
  ["16-29", 0.27, 0.6],
  ["30-44", 0.24, 0.9],
  ["45-59", 0.22, 1.1],
  ["60-74", 0.17, 1.5],
  ["75+", 0.1, 0.8],
];
const NEIGHBOURHOODS: Array<[string, number, number]> = [
  ["Ville-Vieille – Léopold", 0.14, 1.4],
  ["Charles III – Centre", 0.18, 1.2],
  ["Stanislas – Meurthe", 0.16, 1],
  ["Rives de Meurthe", 0.14, 0.9],
  ["Haussonville – Blandan – Mon Désert", 0.2, 0.8],
  ["Plateau de Haye", 0.18, 0.6],
];

const FIRST = ["Camille", "Yanis", "Léa", "Thomas", "Awa", "Julien", "Manon", "Karim", "Chloé", "Lucas", "Inès", "Hugo", "Sarah", "Nathan", "Émilie", "Mehdi", "Louise", "Antoine", "Fatou", "Pierre", "Jeanne", "Rayan", "Claire", "Maxime", "Nadia", "Paul", "Océane", "Bruno", "Aïcha", "Vincent"];
const LAST = ["Laurent", "Haddad", "Muller", "Girard", "Diop", "Fontaine", "Martin", "Bernard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Michel", "Lefebvre", "Garcia", "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Schmitt", "Weber", "Klein"];
const STREETS = ["rue Saint-Dizier", "rue des Ponts", "avenue Foch", "rue de la Hache", "boulevard Lobau", "rue Jeanne-d'Arc", "rue de Laxou", "avenue de Boufflers", "rue Charles-III", "quai Claude-le-Lorrain"];

export interface DemoPool {
  peopleCsv: string;
  quotasCsv: string;
}

function pick<T>(rng: Sha256Ctr, items: ReadonlyArray<[T, number, number]>): T {
  const weights = items.map(([, share, willing]) => share * willing);
  const total = weights.reduce((a, b) => a + b, 0);
  let u = rng.nextFloat() * total;
  for (let i = 0; i < items.length; i++) {
    u -= weights[i] ?? 0;
    if (u < 0) return items[i]?.[0] as T;
  }
  return items[items.length - 1]?.[0] as T;
}

/** Quotas for a panel of k: each value's population share of k, rounded down and up, with one seat of slack each way. */
export function demoQuotas(k: number): Array<[string, string, number, number]> {
  const rows: Array<[string, string, number, number]> = [];
  for (const [category, values] of [["gender", GENDERS], ["age", AGES], ["neighbourhood", NEIGHBOURHOODS]] as const) {
    for (const [value, share] of values) rows.push([category, value, Math.max(0, Math.floor(share * k) - 1), Math.ceil(share * k) + 1]);
  }
  return rows;
}

/** `people` volunteers (columns id, name, email, show_name, address, gender, age, neighbourhood) and the quotas for a panel of k. */
export function demoPool(people: number, k: number, seed: string): DemoPool {
  const rng = new Sha256Ctr(sha256Hex(`nancy-pool/${seed}`));
  const rows: string[][] = [["id", "name", "email", "show_name", "address", "gender", "age", "neighbourhood"]];
  let lastAddress = "";
  for (let i = 1; i <= people; i++) {
    const first = FIRST[rng.below(FIRST.length)] ?? "Camille";
    const last = LAST[rng.below(LAST.length)] ?? "Martin";
    // About one person in twenty lives with the previous one (the household rule keeps at most one).
    const shared = i > 1 && rng.below(20) === 0;
    const address = shared ? lastAddress : `${1 + rng.below(150)} ${STREETS[rng.below(STREETS.length)] ?? ""}, flat ${1 + rng.below(40)}, Nancy`;
    lastAddress = address;
    const email = `${first}.${last}.${i}`.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9.]/g, "") + "@example.org";
    rows.push([`N${String(i).padStart(4, "0")}`, `${first} ${last}`, email, rng.below(10) < 7 ? "yes" : "no", address, pick(rng, GENDERS), pick(rng, AGES), pick(rng, NEIGHBOURHOODS)]);
  }
  const quotas = [["category", "feature", "min", "max"], ...demoQuotas(k).map(([c, f, min, max]) => [c, f, String(min), String(max)])];
  return { peopleCsv: canonicalCsv(rows), quotasCsv: canonicalCsv(quotas) };
}
