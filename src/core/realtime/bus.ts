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

/** Publishes an event to every instance (call with the transaction's client to publish on commit). */
export async function publish(client: Queryable, topic: string, data: unknown): Promise<void> {
  const payload = JSON.stringify({ topic, data } satisfies LiveEvent);
  if (Buffer.byteLength(payload) > MAX_PAYLOAD) throw new Error(`live event too large for topic ${topic}`);
  await client.query("select pg_notify($1, $2)", [CHANNEL, payload]);
}

export interface EventBus {
  subscribe: (topic: string, listener: (data: unknown) => void) => () => void;
  close: () => Promise<void>;
}

/** Opens this instance's LISTEN connection; reconnects if it drops. */
export async function startEventBus(url: string, log: (m: string) => void): Promise<EventBus> {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  let client: pg.Client | null = null;
  let closed = false;

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    c.on("notification", (msg) => {
      if (msg.channel !== CHANNEL || !msg.payload) return;
      try {
        const event = JSON.parse(msg.payload) as LiveEvent;
        emitter.emit(event.topic, event.data);
      } catch {
        log("realtime: ignored a malformed event");
      }
    });
    c.on("error", (error) => {
      if (closed) return;
      log(`realtime: connection lost (${error.message}); reconnecting`);
      client = null;
      setTimeout(() => void connect().catch((e: unknown) => log(`realtime: ${String(e)}`)), 1_000);
    });
    await c.connect();
    await c.query(`listen ${CHANNEL}`);
    client = c;
  };
  await connect();

  return {
    subscribe: (topic, listener) => {
      emitter.on(topic, listener);
      return () => emitter.off(topic, listener);
    },
    close: async () => {
      closed = true;
      emitter.removeAllListeners();
      await client?.end().catch(() => {});
    },
  };
}
