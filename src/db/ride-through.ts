/**
 * Riding through a short database outage (docs/decisions/0049-ride-through-a-database-restart.md).
 *
 * While PostgreSQL restarts or fails over, new connections are refused for a few seconds. Without this a
 * request that needs a connection then fails at once (503, "nothing was saved", try again): under a
 * signature load every signer of those seconds is turned away. With it, a request that cannot get a
 * connection WAITS for the database, for at most `rideThroughMs` counted from the outage's start, and
 * goes on as soon as a connection opens: the signer sees a slow answer instead of an error.
 *
 * Nothing is sent twice: a statement (or a transaction) waits only before it is given its connection,
 * never after it was sent, so a write that may or may not have reached the database is never repeated
 * (a statement cut mid-way still fails and is answered 503, as before).
 *
 * Once a connection has failed, the pool knows the database is away: the requests that come next do not
 * try to connect but wait at once (so do those already queued in the pool for a connection), and one
 * probe, on a connection of its own outside the pool's queue, tries every `RETRY_MS` (every
 * `SLOW_RETRY_MS` once the outage has outlasted the ride-through), so a database starting up is not met
 * by a connection per request. Any connection that opens (the probe's, or a request's attempt begun
 * before the outage was known) ends the outage and wakes every waiting request, which then goes through
 * the pool as usual.
 * A connection attempt that times out while the pool's other connections are answered is no outage (a
 * server slow to accept connections): that request tries again.
 * Once the outage has lasted `rideThroughMs`, a request fails at once again (503), and so does one beyond
 * `maxWaiting` requests waiting, so a long outage neither holds requests for nothing nor piles them up.
 */
import pg from "pg";
import { connectTimedOut, databaseUnavailable } from "./unavailable";

/** How often the probe tries to connect while the database is away, within the ride-through and after it. */
const RETRY_MS = 200;
const SLOW_RETRY_MS = 1_000;
/** The probe's connection attempt gives up after this (a database address that drops packets silently). */
const PROBE_TIMEOUT_MS = 2_000;
/**
 * A request's own connection attempt gives up after this by default: without it, a database address that
 * drops packets silently (no refusal: a host gone, a partition) holds the attempt until the system's TCP
 * timeout (about two minutes on Linux). Set on each connection, not on the pool: the pool's own
 * `connectionTimeoutMillis` would also fail requests merely queued for a busy connection under load.
 */
export const CONNECT_TIMEOUT_MS = 5_000;

export interface RideThroughOptions {
  /** The longest a request waits, counted from the outage's start (0: never wait). */
  rideThroughMs: number;
  /** Requests waiting at most; one more fails at once. */
  maxWaiting: number;
  /** A connection attempt that has not opened after this fails, as a refused one does (CONNECT_TIMEOUT_MS). */
  connectTimeoutMs?: number;
}

/** The callback of pg's `Client.connect`. */
type Connecting = ((err: Error) => void) | ((err: null, c: pg.Client) => void);

/**
 * The pool's connections: `Base`, whose connection attempts give up after `ms` unless the configuration
 * sets its own limit, and which make no attempt while `away()` gives the present outage's error: a request
 * already queued in the pool when the outage began then fails at once with it, and waits for the database
 * like the requests that came after (without this each made an attempt of its own as a connection came
 * free: against a silent database, the whole limit each, up to the pool's size at a time).
 */
function riding(Base: typeof pg.Client, ms: number, away: () => unknown, failed: (error: unknown, began: number) => void): typeof pg.Client {
  return class extends Base {
    constructor(config?: string | pg.ClientConfig) {
      if (typeof config === "string" || config?.connectionTimeoutMillis) super(config);
      else {
        // pg-pool hides the password from enumeration (stack traces, logs): a spread would drop it.
        const bounded: pg.ClientConfig = { ...config, connectionTimeoutMillis: ms };
        if (config && "password" in config) Object.defineProperty(bounded, "password", { value: config.password, enumerable: false, writable: true, configurable: true });
        super(bounded);
      }
    }

    override connect(): Promise<pg.Client>;
    override connect(callback: Connecting): void;
    override connect(callback?: Connecting): Promise<pg.Client> | void {
      const outage = away();
      const began = performance.now();
      // A failure is told to the pool before pg-pool hands the freed slot to the next queued request.
      if (outage === null && callback) {
        const done = callback as (error: Error | null, client?: pg.Client) => void;
        return super.connect(((error: Error | null, client?: pg.Client) => {
          if (error) failed(error, began);
          done(error, client);
        }) as Connecting);
      }
      if (outage === null) return super.connect().catch((error: unknown) => (failed(error, began), Promise.reject(error)));
      // An error of its own (pg-pool stamps each with its caller's stack), unavailable like its cause.
      const error = Object.assign(new Error("the database is unavailable: waiting for it to come back"), { code: "57P03", cause: outage });
      if (!callback) return Promise.reject(error);
      process.nextTick(() => (callback as (e: Error) => void)(error));
    }
  };
}

type Connected = pg.PoolClient;
type ConnectCallback = (err: Error | undefined, client: Connected | undefined, done: (release?: unknown) => void) => void;

/**
 * Ends a probe's connection without waiting for it: a database that fell silent just after the probe
 * connected would hold `end()` until TCP gives up (many minutes), and the probe with it, which is the way
 * out of the next outage. The socket is destroyed if the end has not come within `ms`.
 */
function endSoon(client: pg.Client, ms: number): void {
  const socket = (client as unknown as { connection?: { stream?: { destroy: () => void } } }).connection?.stream;
  const timer = setTimeout(() => socket?.destroy(), ms);
  timer.unref();
  void client
    .end()
    .catch(() => {})
    .finally(() => clearTimeout(timer));
}

/** Connection attempts that timed out while the pool's other connections were answered (no outage). */
const answeredMeanwhile = new WeakSet<object>();

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)).unref());

export class RideThroughPool extends pg.Pool {
  /** When the first connection of the present outage failed (performance.now()); null while none is. */
  private downSince: number | null = null;
  /** The error that began the outage: what a request that cannot wait fails with. */
  private outageError: unknown = null;
  /** Settles when the outage ends (a connection opened). */
  private back: { promise: Promise<void>; resolve: () => void } | null = null;
  private probing = false;
  private waiting = 0;
  private waited = 0;
  /** When a connection of the pool was last given back without an error (performance.now()). */
  private lastAnswer = -Infinity;
  private readonly ride: RideThroughOptions;
  /** The pool's configuration with the caller's own client class (the probe's connections use it). */
  private readonly config: pg.PoolConfig;
  /** A connection attempt's limit (the requests' and, at least, the probe's). */
  private readonly connectTimeoutMs: number;

  constructor(config: pg.PoolConfig, ride: RideThroughOptions) {
    const connectTimeoutMs = ride.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
    const Base = (config.Client ?? pg.Client) as typeof pg.Client;
    // The pool's clients ask this pool whether an outage is on (it exists once super() returns).
    const pool: { riding?: RideThroughPool } = {};
    super({ ...config, Client: riding(Base, connectTimeoutMs, () => pool.riding?.outageInForce() ?? null, (error, began) => pool.riding?.connectFailed(error, began)) });
    pool.riding = this;
    this.config = { ...config, Client: Base };
    this.connectTimeoutMs = connectTimeoutMs;
    this.ride = ride;
    // A connection given back without an error has just been answered by the server.
    this.on("release", (error) => {
      if (!error) this.lastAnswer = performance.now();
    });
  }

  /**
   * A connection attempt (begun at `began`) failed: a database away begins an outage (if none is on).
   * Not an attempt that timed out while the pool's other connections were answered: the server is up,
   * only slow to accept connections (an overloaded host), and holding it for away would make every
   * request wait for the probe while those connections stood idle. That error is marked for the request
   * to try again.
   */
  private connectFailed(error: unknown, began?: number): void {
    if (this.ride.rideThroughMs <= 0 || this.ending || !databaseUnavailable(error)) return;
    if (began !== undefined && this.lastAnswer >= began && connectTimedOut(error)) {
      answeredMeanwhile.add(error);
      return;
    }
    this.down(error);
  }

  /** The present outage's error while requests are to wait for the database rather than try it; else null. */
  private outageInForce(): unknown {
    return this.downSince !== null && this.ride.rideThroughMs > 0 && !this.ending ? this.unavailable() : null;
  }

  /** Requests waiting for the database now. */
  get waitingForDatabase(): number {
    return this.waiting;
  }

  /** Whether the pool holds the database for away (a connection failed and none has opened since). */
  get databaseAway(): boolean {
    return this.downSince !== null;
  }

  /** Requests that have waited for the database since the pool opened. */
  get waitedForDatabase(): number {
    return this.waited;
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
    let counted = false;
    for (;;) {
      if (this.downSince === null || this.ride.rideThroughMs <= 0 || this.ending) {
        try {
          const client = await super.connect();
          this.up();
          return client;
        } catch (error) {
          if (this.ride.rideThroughMs <= 0 || this.ending || !databaseUnavailable(error)) throw error;
          // Timed out while other connections were answered: no outage; again, within this request's time.
          if (answeredMeanwhile.has(error as object)) {
            if (performance.now() - started >= this.ride.rideThroughMs) throw error;
            continue;
          }
          this.down(error); // told by the connection already, unless it failed before connecting
        }
      }
      // The database is away: wait for it, unless the outage (or this request) has waited long enough.
      const downSince = this.downSince ?? performance.now();
      // A request started before the outage was seen waits from its own start (it may have queued for a connection).
      const deadline = Math.min(started, downSince) + this.ride.rideThroughMs;
      const now = performance.now();
      if (now >= deadline || this.waiting >= this.ride.maxWaiting) throw this.unavailable();
      this.waiting++;
      if (!counted) this.waited++;
      counted = true;
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([this.back?.promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, deadline - now)))]);
      } finally {
        clearTimeout(timer);
        this.waiting--;
      }
      if (this.downSince !== null && performance.now() >= deadline) throw this.unavailable();
    }
  }

  /**
   * Runs `select 1` without waiting out an outage (health checks: a load balancer wants its answer within
   * its own probe's timeout, and a checker that waited would hide the outage). While the pool holds the
   * database for away this fails at once, with the outage's error; otherwise it answers within
   * `timeoutMs` (the connection limit, 5 s, by default: a silent database, or a pool busy to its last
   * connection), failing as unavailable past it. A connection that fails begins an outage as a request's
   * would, and one that opens ends it.
   */
  async checkNow(timeoutMs = this.connectTimeoutMs): Promise<void> {
    if (this.downSince !== null) throw this.unavailable();
    const check = this.selectOne(timeoutMs);
    check.catch(() => {}); // past the limit, its own outcome is no one's concern
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error("the database did not answer the health check in time"), { code: "57P03" })), timeoutMs);
    });
    try {
      await Promise.race([check, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async selectOne(timeoutMs: number): Promise<void> {
    let client: Connected;
    try {
      client = await super.connect();
    } catch (error) {
      this.connectFailed(error);
      throw error;
    }
    this.up();
    try {
      // A connection the network silently dropped would otherwise hold the statement for minutes.
      await client.query({ text: "select 1", query_timeout: timeoutMs } as pg.QueryConfig);
      client.release();
    } catch (error) {
      client.release(error instanceof Error ? error : true);
      throw error;
    }
  }

  /** The error a request that cannot wait fails with: the one that began the outage (answered 503). */
  private unavailable(): unknown {
    return this.outageError ?? Object.assign(new Error("the database is unavailable"), { code: "57P03" });
  }

  private down(error: unknown): void {
    if (this.downSince !== null) return;
    this.downSince = performance.now();
    this.outageError = error;
    let resolve = () => {};
    const promise = new Promise<void>((r) => (resolve = r));
    this.back = { promise, resolve };
    void this.probe();
  }

  private up(): void {
    if (this.downSince === null) return;
    this.downSince = null;
    this.outageError = null;
    this.back?.resolve();
    this.back = null;
  }

  /** Tries a connection of its own until one opens (the outage ends) or the pool ends. */
  private async probe(): Promise<void> {
    if (this.probing) return;
    this.probing = true;
    try {
      while (this.downSince !== null && !this.ending) {
        const longDown = performance.now() - this.downSince >= this.ride.rideThroughMs;
        await sleep(longDown ? SLOW_RETRY_MS : RETRY_MS);
        if (this.downSince === null || this.ending) return;
        const Client = (this.config.Client ?? pg.Client) as typeof pg.Client;
        let client: pg.Client | null = null;
        try {
          // Never shorter than a request's limit: a database slow to accept connections (but answering)
          // that made a request's attempt give up must not be held for away by a probe that gives up sooner.
          client = new Client({ ...this.config, connectionTimeoutMillis: Math.max(PROBE_TIMEOUT_MS, this.connectTimeoutMs) });
          client.on("error", () => {}); // a probe's connection lost: the next attempt tells
          await client.connect();
          this.up();
        } catch (error) {
          // Still away (or not reachable): try again. Any other answer (a refused password, a database
          // dropped) means the server is up: the requests then connect themselves and meet it.
          if (!databaseUnavailable(error)) this.up();
        } finally {
          if (client) endSoon(client, PROBE_TIMEOUT_MS);
        }
      }
    } finally {
      this.probing = false;
    }
  }
}
