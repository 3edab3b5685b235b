/**
 * Background jobs in PostgreSQL (pg-boss): mail, notifications, counts, math ticks. They survive
 * restarts and spread over every running instance.
 */
import PgBoss from "pg-boss";

export type JobHandler<T> = (data: T) => Promise<void>;

export interface Jobs {
  /** Queues a job; resolves once it is stored (so a crash after this loses nothing). */
  send: <T extends object>(name: string, data: T) => Promise<void>;
  /** Registers the handler of a queue (created if missing). */
  work: <T extends object>(name: string, handler: JobHandler<T>) => Promise<void>;
  /** Runs a queue on a cron schedule (once per tick across all instances). */
  schedule: (name: string, cron: string) => Promise<void>;
  stop: () => Promise<void>;
}

export async function startJobs(connectionString: string, log: (m: string) => void): Promise<Jobs> {
  const boss = new PgBoss({ connectionString, schema: "pnyx_jobs", max: 4 });
  boss.on("error", (error: Error) => log(`jobs: ${error.message}`));
  await boss.start();
  const created = new Set<string>();
  const ensureQueue = async (name: string) => {
    if (created.has(name)) return;
    await boss.createQueue(name).catch(() => {});
    created.add(name);
  };
  return {
    send: async (name, data) => {
      await ensureQueue(name);
      await boss.send(name, data, { retryLimit: 5, retryDelay: 10, retryBackoff: true });
    },
    work: async <T extends object>(name: string, handler: JobHandler<T>) => {
      await ensureQueue(name);
      await boss.work<T>(name, { pollingIntervalSeconds: 0.5, batchSize: 5 }, async (jobs) => {
        for (const job of jobs) await handler(job.data);
      });
    },
    schedule: async (name, cron) => {
      await ensureQueue(name);
      await boss.schedule(name, cron, {}, { tz: "UTC" });
    },
    stop: () => boss.stop({ graceful: true, timeout: 5_000 }),
  };
}
