/**
 * Natural batching: calls that arrive while earlier batches are in flight are gathered and run as one
 * database statement (one commit) as soon as a slot frees. At low load a batch holds one call and
 * adds no delay; under load, commits (and their fsyncs) are shared by many signatures. A caller's
 * promise settles only once its batch has committed.
 */
export class Batcher<I, O> {
  private queue: Array<{ item: I; resolve: (o: O) => void; reject: (e: unknown) => void }> = [];
  private inFlight = 0;
  private gathering: NodeJS.Timeout | null = null;
  /** When the oldest call waiting arrived (performance.now()). */
  private waitingSince = 0;
  /** The calls' recent mean interval (ms, moving average) and the last one's arrival. */
  private meanGapMs = Number.POSITIVE_INFINITY;
  private lastArrival = 0;

  /**
   * `gatherMs` (default 0: none): while a batch is in flight, the next one waits until its oldest call
   * has waited this long before it takes a free slot (it starts at once when the batch in flight ends
   * first, or when it is full). With
   * nothing in flight a call still starts at once. For an instance that is busy but below saturation,
   * where batches would otherwise hold one call each (docs/decisions/0046-cluster-gathering.md).
   */
  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    private readonly opts: { maxBatch: number; maxInFlight: number; gatherMs?: number; gatherWhenIdle?: boolean },
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      const now = performance.now();
      if (this.lastArrival > 0) {
        const gap = Math.min(1_000, now - this.lastArrival);
        this.meanGapMs = Number.isFinite(this.meanGapMs) ? this.meanGapMs * 0.9 + gap * 0.1 : gap;
      }
      this.lastArrival = now;
      if (this.queue.length === 0) this.waitingSince = now;
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    const wait = (this.opts.gatherMs ?? 0) - (performance.now() - this.waitingSince);
    // With `gatherWhenIdle`, a batch also waits when none is in flight, if the calls come fast enough for
    // two more to arrive within the window (at low rates a call still starts at once).
    const busy = this.inFlight > 0 || (this.opts.gatherWhenIdle === true && this.meanGapMs * 2 < (this.opts.gatherMs ?? 0));
    if (wait > 0 && busy && this.inFlight < this.opts.maxInFlight && this.queue.length > 0 && this.queue.length < this.opts.maxBatch) {
      this.gathering ??= setTimeout(() => {
        this.gathering = null;
        this.pump();
      }, wait);
      return;
    }
    if (this.gathering) {
      clearTimeout(this.gathering);
      this.gathering = null;
    }
    while (this.inFlight < this.opts.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.opts.maxBatch);
      this.waitingSince = performance.now();
      this.inFlight++;
      this.run(batch.map((b) => b.item))
        .then(
          (out) => batch.forEach((b, i) => b.resolve(out[i] as O)),
          (error: unknown) => batch.forEach((b) => b.reject(error)),
        )
        .finally(() => {
          this.inFlight--;
          this.pump();
        });
    }
  }
}

/** An item of a batch whose statement failed, with why. */
export type Failed = { error: unknown };

/**
 * Writes a batch's items in rounds of one statement each: an item whose key is already in the round goes
 * to the next one (one statement cannot write one row twice, and the later item must win, as it would
 * one request after the other). When a round's statement fails, nothing of it was written: its items
 * are written one by one, so only the one at fault fails. `fallback`: an item the statement answered
 * nothing for.
 */
export async function writeInRounds<I, O>(items: readonly I[], keyOf: (item: I) => string, write: (round: I[]) => Promise<O[]>, fallback: O): Promise<Array<O | Failed>> {
  const out = new Array<O | Failed>(items.length).fill(fallback);
  let rest = items.map((item, i) => ({ item, i }));
  while (rest.length > 0) {
    const seen = new Set<string>();
    const round: typeof rest = [];
    const later: typeof rest = [];
    for (const x of rest) {
      const key = keyOf(x.item);
      if (seen.has(key)) later.push(x);
      else {
        seen.add(key);
        round.push(x);
      }
    }
    const done = await write(round.map((x) => x.item)).catch((error: unknown): Failed => ({ error }));
    if (Array.isArray(done)) round.forEach((x, j) => (out[x.i] = done[j] ?? fallback));
    else if (round.length === 1) out[round[0]!.i] = done;
    else for (const x of round) out[x.i] = await write([x.item]).then((d) => d[0] ?? fallback, (error: unknown): Failed => ({ error }));
    rest = later;
  }
  return out;
}

/** A batch item's outcome, or its statement's error thrown. */
export function unwrapWritten<O>(r: O | Failed): O {
  if (typeof r === "object" && r !== null && "error" in r) throw (r as Failed).error;
  return r as O;
}
