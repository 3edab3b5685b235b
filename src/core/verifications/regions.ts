/**
 * Postal code to region tables, per country, as data. Petitions count signatures per region; the
 * age-and-residence verification records the region of the declared postal code. Another country is
 * one more entry in POSTAL_REGION_TABLES (and its region names in the messages).
 */

export interface PostalRange {
  from: number;
  to: number;
  /** ISO 3166-2 region code. */
  region: string;
  /** The province or subdivision, for information. */
  province: string;
}

export interface PostalTable {
  /** How a postal code of this country is written (checked before the lookup). */
  pattern: RegExp;
  regions: readonly string[];
  ranges: readonly PostalRange[];
}

/** Belgium: ranges from ../shared/specs/petitions.md (bpost's regional blocks). */
const BELGIUM: PostalTable = {
  pattern: /^\d{4}$/,
  regions: ["BE-BRU", "BE-VLG", "BE-WAL"],
  ranges: [
    { from: 1000, to: 1299, region: "BE-BRU", province: "Brussels-Capital" },
    { from: 1300, to: 1499, region: "BE-WAL", province: "Walloon Brabant" },
    { from: 1500, to: 1999, region: "BE-VLG", province: "Flemish Brabant" },
    { from: 2000, to: 2999, region: "BE-VLG", province: "Antwerp" },
    { from: 3000, to: 3499, region: "BE-VLG", province: "Flemish Brabant" },
    { from: 3500, to: 3999, region: "BE-VLG", province: "Limburg" },
    { from: 4000, to: 4999, region: "BE-WAL", province: "Liège" },
    { from: 5000, to: 5999, region: "BE-WAL", province: "Namur" },
    { from: 6000, to: 6599, region: "BE-WAL", province: "Hainaut" },
    { from: 6600, to: 6999, region: "BE-WAL", province: "Luxembourg" },
    { from: 7000, to: 7999, region: "BE-WAL", province: "Hainaut" },
    { from: 8000, to: 8999, region: "BE-VLG", province: "West Flanders" },
    { from: 9000, to: 9999, region: "BE-VLG", province: "East Flanders" },
  ],
};

export const POSTAL_REGION_TABLES: Readonly<Record<string, PostalTable>> = { BE: BELGIUM };

export const COUNTRIES = Object.keys(POSTAL_REGION_TABLES);

/** Every region code of every country. */
export const ALL_REGIONS: readonly string[] = Object.values(POSTAL_REGION_TABLES).flatMap((t) => t.regions);

/** The postal code as written in `country` (spaces removed), or null if it is not one. */
export function normalizePostalCode(country: string, postalCode: string): string | null {
  const table = POSTAL_REGION_TABLES[country];
  const code = postalCode.replace(/\s+/g, "").toUpperCase();
  return table && table.pattern.test(code) ? code : null;
}

/** The region (ISO 3166-2) of a postal code, or null for an unknown country or code. */
export function regionForPostalCode(country: string, postalCode: string): string | null {
  const table = POSTAL_REGION_TABLES[country];
  const code = normalizePostalCode(country, postalCode);
  if (!table || code === null) return null;
  const n = Number(code);
  return table.ranges.find((r) => n >= r.from && n <= r.to)?.region ?? null;
}
