/**
 * Faults under load (issue 18), at CI size: 3 instances behind nginx on Debian's PostgreSQL 15, with
 * signatures (50/s), budget ballots and conversation votes sent at fixed rates through nginx; one
 * instance is killed (-9) mid-load, then PostgreSQL is restarted (every connection cut, 5 s down). Requests
 * that fail meanwhile are fine (not acknowledged); afterwards every acknowledged item is in the database
 * exactly once and as sent, nothing is doubled, the pages show the database's counts, every instance
 * serves again without being restarted (the killed one once started again), and live counts reach
 * every instance again. `npm run bench:cluster` runs the same at full size (350 signatures/s).
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startCluster, type Cluster } from "../../src/cluster/cluster";
import { ballotSender, closeConnections, liveCountsAcross, openLoop, request, signatureSender, voteSender } from "../../src/cluster/load";
import { createLoadFixture, type LoadFixture } from "../../src/cluster/load-fixture";
import { verifyLoads } from "../../src/cluster/verify";
import { until } from "../../src/test/until";

const SECRET = randomBytes(32).toString("hex");
const SECONDS = 30;
const RATES = { signatures: 50, ballots: 5, votes: 10 };

let cluster: Cluster;
let db: pg.Pool;
let fixture: LoadFixture;
const lines: string[] = [];

beforeAll(async () => {
  cluster = await startCluster({ instances: 3, env: { SESSION_SECRET: SECRET }, unsafeFastStorage: true, log: (l) => lines.push(l) });
  db = new pg.Pool({ connectionString: cluster.databaseUrl, max: 2 });
  // The restart cuts this pool's idle connections too: the next query opens new ones.
  db.on("error", () => {});
  fixture = await createLoadFixture(db, { petitions: 2, voters: RATES.ballots * SECONDS, participants: 100, statements: 10 });
});

afterAll(async () => {
  closeConnections();
  await db?.end().catch(() => {});
  await cluster?.stop();
});

/** An instance serves again: its own address answers a page read from the database. */
const serves = (url: string) => request(url, "GET", `/api/petitions/${fixture.petitionIds[0]}`, { accept: "application/json" }, undefined, 5_000).then((r) => r.status === 200, () => false);

it("loses and doubles nothing acknowledged when an instance is killed and PostgreSQL restarts mid-load", { timeout: 300_000 }, async () => {
  expect(cluster.postgres.canRestart).toBe(true);
  const senders = {
    signatures: await signatureSender(cluster.url, fixture, SECRET, { prefix: "fault" }),
    ballots: await ballotSender(cluster.url, fixture),
    votes: await voteSender(cluster.url, fixture),
  };
  const loops = [openLoop(senders.signatures, { rate: RATES.signatures, seconds: SECONDS }), openLoop(senders.ballots, { rate: RATES.ballots, seconds: SECONDS }), openLoop(senders.votes, { rate: RATES.votes, seconds: SECONDS })];
  const victim = cluster.instances[1]!;
  await new Promise((r) => setTimeout(r, 5_000));
  await victim.kill("SIGKILL");
  expect(victim.running).toBe(false);
  await new Promise((r) => setTimeout(r, 5_000));
  await cluster.postgres.restart(5_000);
  // The killed instance comes back while the load goes on.
  const restarted = victim.start();
  const runs = await Promise.all(loops.map((l) => l.done));
  await restarted;

  // Every instance serves again; the two that stayed up were never restarted.
  for (const instance of cluster.instances) {
    await until(() => serves(instance.url), 60_000, 250).catch((e: unknown) => {
      throw new Error(`instance ${instance.index} does not serve again (${String(e)}); the cluster's last lines:\n${lines.filter((l) => !l.includes('"level":')).slice(-80).join("\n")}`);
    });
  }
  expect(cluster.instances.every((i) => i.running)).toBe(true);

  const report = await verifyLoads(db, cluster.url, fixture, { signatures: senders.signatures.ledger, ballots: senders.ballots.ledger, votes: senders.votes.ledger });
  const context = JSON.stringify({ runs, report, failures: Object.fromEntries(Object.entries(senders).map(([k, s]) => [k, Object.fromEntries(s.ledger.causes)])) });
  // Some of each were acknowledged (the faults do not stop the load for good).
  for (const kind of ["signatures", "ballots", "votes"] as const) {
    const r = report[kind];
    expect(r.acknowledged, `${kind}: ${context}`).toBeGreaterThan(0);
    expect(r.counted, `${kind}: ${context}`).toBe(r.acknowledged);
    expect(r.lost, `${kind}: ${context}`).toBe(0);
    expect(r.doubled, `${kind}: ${context}`).toBe(0);
    expect(r.shownEqualsDatabase, `${kind}: ${context}`).toBe(true);
  }
  expect(report.countsCaughtUp, context).toBe(true);

  // Live counts reach every instance again, whichever instance the signature went through.
  expect(await liveCountsAcross(cluster.instances.map((i) => i.url), fixture, SECRET, { prefix: "live" })).toEqual([]);
});
