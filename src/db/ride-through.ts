/**
 * Riding through a short database outage (docs/decisions/0049-ride-through-a-database-restart.md).
 *
 * While PostgreSQL restarts or fails over, new connections are refused for a few seconds. Without this a
 * request that needs a connection then fails at once (503, "nothing was saved", try again): under a
 * signature load every signer of those seconds is turned away. With it, a request that cannot get a
 * connection WAITS for the database, for at most `rideThroughMs` counted from the outage's start, and
 * goes on as soon as a connection opens: the signer sees a slow answer instead of an error.
 *
 * Nothing is sent twice: a request waits before its statement is sent, never after, so a write that
 * may or may not have reached the database is never repeated (a statement cut mid-way still fails and
 * is answered 503, as before). One probe at a time tries to connect (every `RETRY_MS`), whatever the
 * number of requests waiting, so a database coming back is not met by a connection storm; the waiting
 * requests then go through the pool as usual. Once the outage has lasted `rideThroughMs`, a request
 * fails at once again (503), and so does one beyond `maxWaiting` requests waiting, so a long outage
 * neither holds requests for nothing nor piles them up in memory.
 */
import pg from "pg";
import { databaseUnavailable } from "./unavailable";

/** How often the probe tries to connect while the database is away. */
const RETRY_MS = 200;

export interface RideThroughOptions {
  /** The longest a request waits, counted from the outage's start (0: never wait). */
  rideThroughMs: number;
  /** Requests waiting at most; one more fails at once. */
  maxWaiting: number;
}

type Connected = pg.PoolClient;
type ConnectCallback = (err: Error | undefined, client: Connected | undefined, done: (release?: unknown) => void) => void;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)).unref());

export class RideThroughPool extends pg.Pool {
  /** When the first connection of the present outage failed (performance.now()); null while none is. */
  private downSince: number | null = null;
  private waiting = 0;
  private probing: Promise<void> | null = null;
  private readonly ride: RideThroughOptions;

  constructor(config: pg.PoolConfig, ride: RideThroughOptions) {
    super(config);
    this.ride = ride;
  }

  /** Requests waiting for the database now (for tests and logs). */
  get waitingForDatabase(): number {
    return this.waiting;
  }

  // pg-pool's `query` calls `connect` with a callback; Drizzle's transactions and ours call it for a promise.
  override connect(): Promise<Connected>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<Connected> | void {
    const connecting = this.connectRiding();
    if (!callback) return connecting;
    connecting.then(
      (client) => callback(undefined, client, (release) => client.release(release as Error | undefined)),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), undefined, () => {}),
    );
  }

  private async connectRiding(): Promise<Connected> {
    const started = performance.now();
    for (;;) {
      try {
        const client = await super.connect();
        this.downSince = null;
        return client;
      } catch (error) {
        if (this.ride.rideThroughMs <= 0 || this.ending || !databaseUnavailable(error)) throw error;
        const now = performance.now();
        this.downSince ??= now;
        // A request started before the outage was seen waits from its own start (it may have queued for a connection).
        const deadline = Math.min(started, this.downSince) + this.ride.rideThroughMs;
        if (now >= deadline || this.waiting >= this.ride.maxWaiting) throw error;
        this.waiting++;
        try {
          await Promise.race([this.probe(), sleep(deadline - now)]);
        } finally {
          this.waiting--;
        }
        if (performance.now() >= deadline) throw error;
      }
    }
  }

  /** Resolves once a connection opens again (or the probe gives up: the outage outlasted the ride-through). */
  private probe(): Promise<void> {
    this.probing ??= (async () => {
      while (!this.ending && this.downSince !== null && performance.now() - this.downSince < this.ride.rideThroughMs) {
        await sleep(RETRY_MS);
        if (this.downSince === null) return; // a request got a connection meanwhile
        try {
          const client = await super.connect();
          client.release();
          this.downSince = null;
        } catch (error) {
          if (!databaseUnavailable(error)) return;
        }
      }
    })().finally(() => (this.probing = null));
    return this.probing;
  }
}
