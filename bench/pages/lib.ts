/**
 * What a component gives the scale benchmark (`npm run bench:pages`, bench/pages.ts): its large-data
 * seed (SQL, run once after the demo-data measurements) and its pages. A component adds a file here
 * and one line in bench/pages/index.ts.
 */
import type pg from "pg";

/** The large data set (issue 11); `--scale` multiplies every size (quick runs while developing). */
export interface Sizes {
  users: number;
  spaces: number;
  petitions: number;
  signatures: number;
}

export const LARGE: Sizes = { users: 10_000, spaces: 200, petitions: 10_000, signatures: 1_000_000 };

export interface SeedContext {
  /** The benchmark's own connection to the server's database (not the server's pool). */
  db: pg.Pool;
  sizes: Sizes;
  /** A progress line on standard error. */
  log: (message: string) => void;
}

export interface PageContext {
  data: "demo" | "large";
  db: pg.Pool;
  /** GET on the server under test (for facts a page's URL needs, e.g. the number of pages). */
  get: (path: string) => Promise<{ status: number; body: string }>;
}

export interface BenchPage {
  /** The name printed (the same on both data sets; the URL may differ, e.g. a clamped page number). */
  page: string;
  url: (ctx: PageContext) => string | Promise<string>;
  /** How many items the response shows (cards, hits, rows), read from its body. */
  items: (body: string) => number;
  /**
   * An export: downloaded once, timed to its last byte, not put under load, and left out of
   * `worstRatio` and `worstP99Ms`.
   */
  export?: boolean;
}

export interface BenchComponent {
  name: string;
  /** Adds this component's share of the large data (SQL only, in a few large statements). */
  seed?: (ctx: SeedContext) => Promise<void>;
  pages: BenchPage[];
}

/** Occurrences of `pattern` (a global regular expression) in `text`. */
export const countMatches = (text: string, pattern: RegExp): number => text.match(pattern)?.length ?? 0;

/** The `<li>` of every list whose opening tag matches `open` (e.g. `<ul class="search-hits">`). */
export function listItems(html: string, open: string): number {
  let n = 0;
  let at = html.indexOf(open);
  while (at >= 0) {
    const end = html.indexOf("</ul>", at);
    n += countMatches(html.slice(at, end < 0 ? undefined : end), /<li[\s>]/g);
    at = html.indexOf(open, end < 0 ? at + open.length : end);
  }
  return n;
}

/** Records of a CSV body (quoted fields may hold newlines), the header excluded. */
export function csvRecords(body: string): number {
  let records = 0;
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === 10 && !quoted) records++;
  }
  if (body.length > 0 && !body.endsWith("\n")) records++;
  return Math.max(0, records - 1);
}

/** Runs one SQL statement, returning its rows. */
export async function query<T extends pg.QueryResultRow>(db: pg.Pool | pg.PoolClient, text: string, values: unknown[] = []): Promise<T[]> {
  return (await (db as pg.Pool).query<T>(text, values)).rows;
}

/** Runs `work` in one transaction on one connection. */
export async function transaction<T>(db: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await db.connect();
  try {
    await client.query("begin");
    const out = await work(client);
    await client.query("commit");
    return out;
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
