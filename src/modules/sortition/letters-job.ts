/**
 * Printing the letters in the background (pg-boss job `sortition.letters`, sent when the invitations
 * are made; the sweep picks up batches a stopped server left queued or half-printed): each queued batch
 * is claimed (a conditional update, so two instances never print the same one), its invitations and
 * their register rows read in two queries and unsealed, its HTML printed by the system Chromium (one
 * browser for the whole run), the PDF sealed and stored. The batches done so far are the progress.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { AppDeps } from "../../core/http/deps";
import { isLocale } from "../../core/i18n/locales";
import { translator } from "../../core/i18n/translator";
import { getOrganization } from "../../core/organization/service";
import { openPrinter, type Printer } from "../../core/pdf/chromium";
import { componentPath } from "../../core/spaces/types";
import { components, spaces } from "../../core/spaces/schema";
import { batchCodes } from "./invitations";
import { batchHtml, type LetterInput } from "./letters";
import { loadRegisterRows, personOf } from "./register";
import { keysFor } from "./registration-service";
import { sortitionLetterBatches, sortitionRecruitments } from "./schema";
import { seal, unseal, type SortitionKeys } from "./sealed";

export const LETTERS_JOB = "sortition.letters";

/** The registration page of a recruitment, as printed on its letters. */
export const registrationPath = (space: { slug: string }, componentId: number, recruitmentId: number) => componentPath(space, componentId, `/recruitments/${recruitmentId}/register`);

async function claim(db: Db, recruitmentId?: number): Promise<{ recruitmentId: number; batch: number } | null> {
  // Queued ones, or ones left printing for 10 minutes by a server that stopped.
  const rows = await db.execute<{ recruitment_id: number; batch: number }>(sql`
    update sortition_letter_batches b set status = 'printing', requested_at = now()
    where (b.recruitment_id, b.batch) = (
      select recruitment_id, batch from sortition_letter_batches
      where (status = 'queued' or (status = 'printing' and requested_at < now() - interval '10 minutes'))
        ${recruitmentId === undefined ? sql`` : sql`and recruitment_id = ${recruitmentId}`}
      order by recruitment_id, batch limit 1 for update skip locked)
    returning b.recruitment_id, b.batch`);
  const r = rows.rows[0];
  return r ? { recruitmentId: Number(r.recruitment_id), batch: r.batch } : null;
}

/** One batch's HTML: its letters in register order. */
export async function batchDocument(db: Db, keys: SortitionKeys, publicUrl: string, recruitmentId: number, batch: number): Promise<string> {
  const [r] = await db
    .select({ recruitment: sortitionRecruitments, slug: spaces.slug })
    .from(sortitionRecruitments)
    .innerJoin(components, eq(components.id, sortitionRecruitments.componentId))
    .innerJoin(spaces, eq(spaces.id, components.spaceId))
    .where(eq(sortitionRecruitments.id, recruitmentId));
  if (!r) throw new Error(`recruitment ${recruitmentId} not found`);
  const rec = r.recruitment;
  const codes = await batchCodes(db, keys, recruitmentId, batch);
  const rows = rec.registerColumns.length > 0 ? await loadRegisterRows(db, keys, recruitmentId, codes.map((c) => c.row)) : new Map<number, string[]>();
  const letters: LetterInput[] = codes.map((c) => {
    const cells = rows.get(c.row);
    return { code: c.code, person: cells ? personOf(rec.registerColumns, rec.registerMapping, cells) : null };
  });
  const org = await getOrganization(db);
  const words = (l: string) => translator(isLocale(l) ? l : org.defaultLocale);
  return batchHtml(letters, {
    sender: org.name,
    template: rec.letterTemplate,
    url: `${publicUrl}${registrationPath({ slug: r.slug }, rec.componentId, rec.id)}`,
    registrationDeadline: rec.registrationDeadline,
    defaultLocale: org.defaultLocale,
    unnamed: (l) => words(l)("sortition.letters.unnamed"),
    noDeadline: (l) => words(l)("sortition.letters.noDeadline"),
  });
}

/** Batches printed at once (each in its own page, so its own renderer process: Chromium prints a document on one core). */
const PARALLEL = Math.max(1, Math.min(4, Number(process.env.PNYX_LETTERS_PARALLEL ?? 2)));

/** Prints every queued batch (of one recruitment, or any); resolves to the number printed. */
export async function printLetters(deps: Pick<AppDeps, "db" | "config">, recruitmentId?: number): Promise<number> {
  const { db } = deps;
  const keys = keysFor(deps.config);
  let printer: Promise<Printer> | null = null;
  let printed = 0;
  const worker = async (): Promise<void> => {
    for (let next = await claim(db, recruitmentId); next; next = await claim(db, recruitmentId)) {
      const t0 = performance.now();
      const where = and(eq(sortitionLetterBatches.recruitmentId, next.recruitmentId), eq(sortitionLetterBatches.batch, next.batch));
      try {
        const html = await batchDocument(db, keys, deps.config.PUBLIC_URL, next.recruitmentId, next.batch);
        printer ??= openPrinter();
        const pdf = await (await printer).print(html, { tagged: false });
        await db.update(sortitionLetterBatches).set({ status: "done", pdfSealed: seal(keys, pdf.toString("base64")), error: null, finishedAt: new Date(), durationMs: Math.round(performance.now() - t0) }).where(where);
        printed++;
      } catch (error) {
        const message = (error instanceof Error ? error.message : String(error)).slice(0, 2_000);
        await db.update(sortitionLetterBatches).set({ status: "failed", error: message, finishedAt: new Date(), durationMs: Math.round(performance.now() - t0) }).where(where);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: PARALLEL }, worker));
  } finally {
    if (printer) await (await (printer as Promise<Printer>).catch(() => null))?.close();
  }
  return printed;
}

/** Asks to print a recruitment's failed batches again. */
export async function retryFailedBatches(db: Db, recruitmentId: number): Promise<number> {
  const rows = await db
    .update(sortitionLetterBatches)
    .set({ status: "queued", error: null })
    .where(and(eq(sortitionLetterBatches.recruitmentId, recruitmentId), eq(sortitionLetterBatches.status, "failed")))
    .returning({ batch: sortitionLetterBatches.batch });
  return rows.length;
}

export interface BatchSummary {
  batch: number;
  letters: number;
  status: (typeof sortitionLetterBatches.$inferSelect)["status"];
  error: string | null;
  durationMs: number | null;
  finishedAt: Date | null;
}

/** A recruitment's batches without their PDFs (one query). */
export async function listBatches(db: Db, recruitmentId: number): Promise<BatchSummary[]> {
  return db
    .select({ batch: sortitionLetterBatches.batch, letters: sortitionLetterBatches.letters, status: sortitionLetterBatches.status, error: sortitionLetterBatches.error, durationMs: sortitionLetterBatches.durationMs, finishedAt: sortitionLetterBatches.finishedAt })
    .from(sortitionLetterBatches)
    .where(eq(sortitionLetterBatches.recruitmentId, recruitmentId))
    .orderBy(asc(sortitionLetterBatches.batch));
}

/** A printed batch's PDF, unsealed; null when it is not printed (or was deleted after the retention period). */
export async function batchPdf(db: Db, keys: SortitionKeys, recruitmentId: number, batch: number): Promise<Buffer | null> {
  const [row] = await db
    .select({ sealed: sortitionLetterBatches.pdfSealed })
    .from(sortitionLetterBatches)
    .where(and(eq(sortitionLetterBatches.recruitmentId, recruitmentId), eq(sortitionLetterBatches.batch, batch), inArray(sortitionLetterBatches.status, ["done"])));
  return row?.sealed ? Buffer.from(unseal<string>(keys, row.sealed), "base64") : null;
}
