/**
 * Live events across instances: a publisher calls `pg_notify` (inside its transaction, so listeners
 * hear of a change only once it is committed), and every instance's single LISTEN connection fans the
 * event out to its local subscribers (SSE streams).
 */
import { EventEmitter } from "node:events";
import pg from "pg";

export const CHANNEL = "pnyx_events";
/** PostgreSQL caps a NOTIFY payload at 8000 bytes; events carry ids and counts, never documents. */
const MAX_PAYLOAD = 7_900;

export interface LiveEvent {
  topic: string;
  data: unknown;
}

export interface Queryable {
  query: (text: string, values?: unknown[]) => Promise<unknown>;
}

/** An event as NOTIFY carries it; refused when over PostgreSQL's payload cap. */
export function eventPayload(topic: string, data: unknown): string {
  const payload = JSON.stringify({ topic, data } satisfies LiveEvent);
  if (Buffer.byteLength(payload) > MAX_PAYLOAD) throw new Error(`live event too large for topic ${topic}`);
  return payload;
}

/**
 * Publishes an event to every instance (call with the transaction's client to publish on commit; on a
 * path where many commits contend, `publishAfterCommit` in after-commit.ts publishes once committed).
 */
export async function publish(client: Queryable, topic: string, data: unknown): Promise<void> {
  await client.query("select pg_notify($1, $2)", [CHANNEL, eventPayload(topic, data)]);
}

export interface EventBus {
  subscribe: (topic: string, listener: (data: unknown) => void) => () => void;
  close: () => Promise<void>;
}

/** How long the bus waits before its next attempt to listen again (ms): 0.5 s, doubling up to 5 s. */
export const reconnectDelay = (attempt: number): number => Math.min(5_000, 500 * 2 ** Math.min(attempt, 4));

/**
 * Opens this instance's LISTEN connection; if it drops (a database restart, a network cut) it tries
 * again until it listens again, however long the database stays away. Events published meanwhile are
 * not heard (pages stay correct without them: they only spare a reload).
 */
export async function startEventBus(url: string, log: (m: string) => void): Promise<EventBus> {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  let client: pg.Client | null = null;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    // Until it listens, a failure is this attempt's (its caller decides what comes next); after, a loss.
    let listening = false;
    let lost = false;
    const onLost = (why: string) => {
      if (!listening || lost) return;
      lost = true;
      if (client === c) client = null;
      c.end().catch(() => {});
      if (closed) return;
      log(`realtime: connection lost (${why}); reconnecting`);
      retry(0);
    };
    c.on("notification", (msg) => {
      if (msg.channel !== CHANNEL || !msg.payload) return;
      try {
        const event = JSON.parse(msg.payload) as LiveEvent;
        emitter.emit(event.topic, event.data);
      } catch {
        log("realtime: ignored a malformed event");
      }
    });
    c.on("error", (error) => onLost(error.message));
    c.on("end", () => onLost("closed"));
    try {
      await c.connect();
      await c.query(`listen ${CHANNEL}`);
    } catch (error) {
      c.end().catch(() => {});
      throw error;
    }
    if (closed) {
      await c.end().catch(() => {});
      return;
    }
    listening = true;
    client = c;
  };
  /** The next attempt after `reconnectDelay(attempt)`; a failed attempt schedules the one after it. */
  const retry = (attempt: number) => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = null;
      if (closed) return;
      connect().then(
        () => {
          if (attempt > 0) log(`realtime: listening again after ${attempt + 1} attempts`);
        },
        (e: unknown) => {
          log(`realtime: ${e instanceof Error ? e.message : String(e)}`);
          retry(attempt + 1);
        },
      );
    }, reconnectDelay(attempt));
  };
  await connect();

  return {
    subscribe: (topic, listener) => {
      emitter.on(topic, listener);
      return () => emitter.off(topic, listener);
    },
    close: async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      emitter.removeAllListeners();
      await client?.end().catch(() => {});
    },
  };
}
