/**
 * The LISTEN connection comes back after the database's connections are cut for longer than one
 * reconnection attempt (a PostgreSQL restart): live events flow again without restarting the instance.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../db/test-db";
import { startTcpCut, type TcpCut } from "../../test/tcp-cut";
import { until } from "../../test/until";
import { publish, startEventBus, type EventBus } from "./bus";
import pg from "pg";

let database: TestDatabase;
let cut: TcpCut;
let bus: EventBus;
const logged: string[] = [];
beforeAll(async () => {
  database = await createTestDatabase();
  cut = await startTcpCut(database.url);
  bus = await startEventBus(cut.url, (m) => logged.push(m));
});
afterAll(async () => {
  await bus.close();
  await cut.close();
  await database.drop();
});

it("hears events again after the database was unreachable for several seconds", async () => {
  const received: unknown[] = [];
  bus.subscribe("test:reconnect", (d) => received.push(d));
  const before = cut.connections();
  await cut.cut(3_500);
  // The bus noticed the cut and tried at least once while the database was unreachable.
  expect(logged.some((m) => m.includes("connection lost"))).toBe(true);
  const direct = new pg.Client({ connectionString: database.url });
  await direct.connect();
  try {
    // Publish until one is heard: the bus listens again only once its next attempt has connected.
    let n = 0;
    await until(async () => {
      await publish(direct, "test:reconnect", { n: ++n });
      return received.length > 0;
    }, 30_000, 250);
  } finally {
    await direct.end();
  }
  expect(cut.connections()).toBeGreaterThan(before);
});
