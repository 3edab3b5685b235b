/**
 * Background jobs in PostgreSQL (pg-boss): mail, notifications, counts, math ticks. They survive
 * restarts and spread over every running instance.
 */
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import pg from "pg";
import PgBoss from "pg-boss";
import { Batcher } from "../../db/batcher";
import { databaseUnavailable } from "../../db/unavailable";

export type JobHandler<T> = (data: T) => Promise<void>;

export interface Jobs {
  /** Queues a job; resolves once it is stored (so a crash after this loses nothing). */
  send: <T extends object>(name: string, data: T, options?: SendOptions) => Promise<void>;
  /**
   * Queues many jobs of one queue at once, each with its key (as `send` with `key`: a key already
   * queued, done or archived adds nothing): two statements whatever their number.
   */
  sendMany: <T extends object>(name: string, items: ReadonlyArray<{ data: T; key: string }>) => Promise<void>;
  /**
   * Registers the handler of a queue (created if missing). Each job is completed or failed on its own:
   * a job that throws is retried alone, never the others fetched with it.
   */
  work: <T extends object>(name: string, handler: JobHandler<T>, options?: WorkOptions) => Promise<void>;
  /**
   * Runs `handler` again `seconds` after each run ends, across all instances: one pending run at a time
   * (a "stately" queue keyed by the name), so several instances never run it twice at once.
   */
  every: (name: string, seconds: number, handler: () => Promise<void>) => Promise<void>;
  /** Runs a queue on a cron schedule (once per tick across all instances). */
  schedule: (name: string, cron: string) => Promise<void>;
  stop: () => Promise<void>;
}

export interface SendOptions {
  /** Start no earlier than this many seconds from now. */
  startAfterSeconds?: number;
  /**
   * A stable key (e.g. the outbox row it comes from): sending the same key to the same queue again adds
   * nothing while the first job is queued, done or archived (see RETENTION), so a relay that crashed
   * between sending and marking its rows can send them again without duplicates.
   */
  key?: string;
}

export interface WorkOptions {
  /** Jobs fetched at once (default 5). A full batch is followed by the next fetch at once, not by a poll delay. */
  batchSize?: number;
  /** Jobs of a batch run at the same time (default 1: one after another). */
  concurrency?: number;
}

/**
 * How long finished jobs are kept. Jobs carry mail addresses and texts: completed ones move to the
 * archive after an hour, failed ones after three days (time to look into them), and the archive is
 * emptied a day later. A key's duplicate guard lasts as long as its job is kept.
 */
export const RETENTION = { archiveCompletedAfterSeconds: 3600, archiveFailedAfterSeconds: 3 * 24 * 3600, deleteAfterHours: 24 } as const;

/**
 * pg-boss's maintenance (one instance at a time: expiry, archive, purge) every 20 s, not its default 120 s:
 * a run left active by a killed instance holds its stately queue until the maintenance after its expiry
 * (60 s), so a job run `every` second (petitions' counts, conversations' ticks) stopped for up to three
 * minutes; now for 60-80 s at most (ADR 36).
 */
export const MAINTENANCE = { maintenanceIntervalSeconds: 20 } as const;

/** The job id a key always maps to (a UUID made from a hash of the queue and the key). */
export function jobIdForKey(name: string, key: string): string {
  const h = createHash("sha256").update(`${name}\u0000${key}`).digest("hex");
  // Shaped as a version-5-style UUID (version and variant bits set), as PostgreSQL's uuid type wants.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

/**
 * How often an idle worker looks for jobs (s). Each instance polls each queue, so this is the cluster's
 * idle cost (queues × instances statements per interval); a job sent by this instance wakes its own
 * worker at once, and the instance that queues a job run `every` wakes its worker when the run is due,
 * so the interval only bounds how soon another instance (or a cron tick) is heard.
 */
export const WORK_POLL_SECONDS = 2;
export const everyPollSeconds = (seconds: number): number => Math.min(10, Math.max(WORK_POLL_SECONDS, 2 * seconds));

/** How often an instance checks that a job run `every` `seconds` still has a run waiting or running (ms). */
export const everyWatchMs = (seconds: number): number => Math.min(60, Math.max(5, 3 * seconds)) * 1000;

const SCHEMA = "pnyx_jobs";

/**
 * pg-boss's database: a pool of its own (pg-boss's `db` option). pg-boss 10 completes (or fails) a
 * worker's batch without waiting for the statement, so a failure there is an unhandled rejection, which
 * ends the process: at a PostgreSQL restart, every instance whose job ended in the wrong second. Those
 * two statements never reject here: the completion (it only touches jobs still running: idempotent)
 * is tried again until the database answers; a failure, or a completion given up, leaves its jobs to
 * expire and run again, as a crashed instance's would. Every other statement fails as usual (pg-boss
 * waits for those).
 */
function jobsDatabase(connectionString: string, log: (m: string) => void, stopping: () => boolean) {
  const plans = createRequire(import.meta.url)("pg-boss/src/plans") as { completeJobs: (schema: string) => string; failJobsById: (schema: string) => string };
  const completion = plans.completeJobs(SCHEMA);
  const failure = plans.failJobsById(SCHEMA);
  const pool = new pg.Pool({ connectionString, max: 4, application_name: "pgboss" });
  pool.on("error", (error) => log(`jobs: database pool error: ${error.message}`));
  pool.on("connect", (client) => client.on("error", (error) => log(`jobs: database connection lost: ${error.message}`)));
  /** What pg-boss reads of a completion or failure (`select count(*)`): nothing done. */
  const nothing = { rows: [{ count: "0" }] };
  return {
    pool,
    executeSql: async (text: string, values: unknown[] = []): Promise<{ rows: unknown[] }> => {
      if (text !== completion && text !== failure) return pool.query(text, values);
      for (let attempt = 0; ; attempt++) {
        try {
          return await pool.query(text, values);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          if (text === failure || !databaseUnavailable(error) || stopping() || attempt >= 60) {
            log(`jobs: finished jobs left to expire and run again (${message})`);
            return nothing;
          }
          await new Promise((r) => setTimeout(r, Math.min(5_000, 250 * 2 ** Math.min(attempt, 5))));
        }
      }
    },
  };
}

export async function startJobs(connectionString: string, log: (m: string) => void): Promise<Jobs> {
  let stopping = false;
  const database = jobsDatabase(connectionString, log, () => stopping);
  const boss = new PgBoss({ db: { executeSql: database.executeSql }, schema: SCHEMA, ...RETENTION, ...MAINTENANCE });
  boss.on("error", (error: Error) => log(`jobs: ${error.message}`));
  await boss.start();
  const created = new Set<string>();
  const watches: NodeJS.Timeout[] = [];
  /** This instance's worker of each queue: a job sent here is fetched at once, not at the next poll. */
  const localWorkers = new Map<string, string>();
  const wake = (name: string) => {
    const id = localWorkers.get(name);
    if (id && !stopping) boss.notifyWorker(id);
  };
  const ensureQueue = async (name: string, policy?: "stately") => {
    if (created.has(name)) return;
    await boss.createQueue(name, policy ? { name, policy } : undefined).catch(() => {});
    created.add(name);
  };
  return {
    send: async (name, data, options = {}) => {
      await ensureQueue(name);
      const id = options.key ? jobIdForKey(name, options.key) : undefined;
      // A job with this id still queued or done: pg-boss's insert skips it (ON CONFLICT DO NOTHING);
      // one already archived is looked up, since the insert cannot see the archive.
      if (id && (await boss.getJobById(name, id, { includeArchive: true }))) return;
      await boss.send(name, data, {
        retryLimit: 5,
        retryDelay: 10,
        retryBackoff: true,
        ...(id ? { id } : {}),
        ...(options.startAfterSeconds ? { startAfter: options.startAfterSeconds } : {}),
      });
      if (!options.startAfterSeconds) wake(name);
    },
    sendMany: async (name, items) => {
      if (items.length === 0) return;
      await ensureQueue(name);
      const ids = items.map((i) => jobIdForKey(name, i.key));
      // Keys already archived (the insert below skips those still in the job table by itself).
      const archived = await boss.getDb().executeSql("select id from pnyx_jobs.archive where name = $1 and id = any($2::uuid[])", [name, ids]);
      const skip = new Set((archived.rows as Array<{ id: string }>).map((r) => r.id));
      const jobs = items.flatMap((item, i) => (skip.has(ids[i] ?? "") ? [] : [{ id: ids[i], name, data: item.data, retryLimit: 5, retryDelay: 10, retryBackoff: true }]));
      if (jobs.length > 0) await boss.insert(jobs);
      if (jobs.length > 0) wake(name);
    },
    every: async (name, seconds, handler) => {
      await ensureQueue(name, "stately");
      // A short expiry: a run left active by a crashed instance must not hold the queue for long.
      // The instance that queues the next run wakes its own worker when it is due (the others poll).
      const queueNext = async (startAfter: number) => {
        await boss.send(name, {}, { singletonKey: name, retryLimit: 0, expireInSeconds: 60, ...(startAfter > 0 ? { startAfter } : {}) });
        if (startAfter > 0) setTimeout(() => wake(name), startAfter * 1000 + 20).unref();
        else wake(name);
      };
      const id = await boss.work(name, { pollingIntervalSeconds: everyPollSeconds(seconds) }, async () => {
        try {
          await handler();
        } finally {
          // The next run must be queued, or the chain ends on every instance: while the database is
          // unreachable (a restart), keep trying; the run is completed only after, so no other run
          // starts meanwhile.
          for (let attempt = 0; !stopping; attempt++) {
            const queued = await queueNext(seconds).then(
              () => true,
              (e: unknown) => (attempt === 0 && log(`jobs: ${name}: ${e instanceof Error ? e.message : String(e)}; trying again`), false),
            );
            if (queued) break;
            await new Promise((r) => setTimeout(r, Math.min(5_000, 250 * 2 ** Math.min(attempt, 5))));
          }
        }
      });
      localWorkers.set(name, id);
      await queueNext(0);
      // A run killed with its instance (kill -9) queues no next one: each instance looks now and then
      // and queues one when none is waiting or running (the stately queue keeps it to one).
      const watch = setInterval(() => {
        void boss
          .getDb()
          .executeSql("select 1 from pnyx_jobs.job where name = $1 and state < 'completed' limit 1", [name])
          .then((r) => ((r.rows as unknown[]).length === 0 && !stopping ? queueNext(0) : null))
          .catch(() => {}); // the database away: the next look
      }, everyWatchMs(seconds));
      watch.unref();
      watches.push(watch);
    },
    work: async <T extends object>(name: string, handler: JobHandler<T>, options: WorkOptions = {}) => {
      await ensureQueue(name);
      const batchSize = options.batchSize ?? 5;
      const concurrency = Math.max(1, options.concurrency ?? 1);
      const worker: { id?: string } = {};
      // Jobs that finish together are marked completed by one statement (src/db/batcher.ts: the next
      // batch gathers while one is written); each job's lane waits for its own completion, as before.
      const completions = new Batcher<string, null>(
        async (ids) => {
          await boss.complete(name, ids);
          return ids.map(() => null);
        },
        { maxBatch: 200, maxInFlight: 1 },
      );
      // pg-boss completes (or, if the callback throws, fails) the whole batch once the callback ends; its
      // completion only touches jobs still active, so those completed or failed here one by one stay as
      // they are. The callback never throws: a job already done is never sent back with a failed one.
      const runOne = async (job: PgBoss.Job<T>) => {
        try {
          await handler(job.data);
        } catch (error) {
          const e = error instanceof Error ? { message: error.message, stack: error.stack } : { message: String(error) };
          await boss.fail(name, job.id, e).catch((f: unknown) => log(`jobs: ${name}: ${f instanceof Error ? f.message : String(f)}`));
          return;
        }
        await completions.submit(job.id).catch((f: unknown) => log(`jobs: ${name}: ${f instanceof Error ? f.message : String(f)}`));
      };
      worker.id = await boss.work<T>(name, { pollingIntervalSeconds: WORK_POLL_SECONDS, batchSize }, async (jobs) => {
        let next = 0;
        const lane = async () => {
          for (let job = jobs[next++]; job; job = jobs[next++]) await runOne(job);
        };
        await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, lane));
        // A full batch: more are probably waiting, fetch them now rather than after the polling interval.
        if (jobs.length >= batchSize && worker.id) boss.notifyWorker(worker.id);
      });
      localWorkers.set(name, worker.id);
    },
    schedule: async (name, cron) => {
      await ensureQueue(name);
      await boss.schedule(name, cron, {}, { tz: "UTC" });
    },
    stop: async () => {
      stopping = true;
      for (const w of watches) clearInterval(w);
      await boss.stop({ graceful: true, timeout: 5_000 });
      await database.pool.end();
    },
  };
}
