import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { run } from "./cli";
import { buildPool, parseQuotas } from "./input";
import { SortitionCancelledError } from "./model";
import { sha256Hex } from "./prng";
import { selectInWorker } from "./runner";
import { syntheticPool } from "./synthetic";

const dir = mkdtempSync(join(tmpdir(), "pnyx-sortition-"));
const pool = syntheticPool({ people: 60, k: 8, values: [2, 3], margin: 1, seed: "cli-test", sharedAddressRate: 0.3 });
const quotas = join(dir, "quotas.csv");
const people = join(dir, "people.csv");
writeFileSync(quotas, pool.quotasCsv);
writeFileSync(people, pool.peopleCsv);

/** Captures standard output (console.log and direct writes, as printJson does) and console.error. */
function capture(): { out: () => string; err: () => string } {
  let out = "";
  vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void (out += `${a.join(" ")}\n`));
  vi.spyOn(process.stdout, "write").mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
  return { out: () => out.trimEnd(), err: () => error.mock.calls.map((c) => String(c[0])).join("\n") };
}

afterEach(() => vi.restoreAllMocks());

describe("pnyx sortition select / verify (through the worker thread)", () => {
  it("prints the contract JSON, writes a record, and verify replays it", async () => {
    const record = join(dir, "record.json");
    const io = capture();
    const code = await run(["select", "--categories", quotas, "--people", people, "--k", "8", "--algorithm", "leximin", "--household", "address,zip", "--beacon", "b-1", "--record", record, "--json"]);
    expect(code).toBe(0);
    const out = JSON.parse(io.out()) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(["algorithm", "panel", "probabilities", "minProbability", "gini", "lottery", "ms"]);
    expect(out.panel).toHaveLength(8);
    vi.restoreAllMocks();
    const v = capture();
    expect(await run(["verify", record, "--categories", quotas, "--people", people])).toBe(0);
    expect(v.out()).toContain("verified: same panel");
    const tampered = JSON.parse(readFileSync(record, "utf8")) as { panel: string[]; inputs: { beacon: string } };
    tampered.inputs.beacon = "b-2";
    writeFileSync(record, JSON.stringify(tampered));
    vi.restoreAllMocks();
    const t = capture();
    expect(await run(["verify", record, "--categories", quotas, "--people", people, "--json"])).toBe(1);
    const verdict = JSON.parse(t.out()) as { ok: boolean; verified: boolean; checks: { check: string; ok: boolean }[] };
    expect(verdict.ok).toBe(false);
    expect(verdict.verified).toBe(false);
    expect(verdict.checks.find((c) => c.check.startsWith("seed"))?.ok).toBe(false);
  }, 60_000);

  it("verifies a record that embeds its files with the record alone, and says what is missing otherwise", async () => {
    const record = join(dir, "embedded.json");
    const io = capture();
    expect(await run(["select", "--categories", quotas, "--people", people, "--k", "8", "--algorithm", "leximin", "--beacon", "e-1", "--record", record, "--json"])).toBe(0);
    const probabilities = (JSON.parse(io.out()) as { probabilities: Record<string, number> }).probabilities;
    vi.restoreAllMocks();
    const plain = JSON.parse(readFileSync(record, "utf8")) as Record<string, unknown>;
    const n = capture();
    expect(await run(["verify", record])).toBe(1);
    expect(n.err()).toContain("does not embed its files");
    vi.restoreAllMocks();
    writeFileSync(record, JSON.stringify({ ...plain, probabilities, files: { categories: pool.quotasCsv, people: pool.peopleCsv } }));
    const v = capture();
    expect(await run(["verify", record])).toBe(0);
    expect(v.out()).toContain("replayed selection probabilities equal the recorded ones");
    vi.restoreAllMocks();
    // Other probabilities are another lottery, even with the same panel.
    const first = Object.keys(probabilities)[0] ?? "";
    writeFileSync(record, JSON.stringify({ ...plain, probabilities: { ...probabilities, [first]: (probabilities[first] ?? 0) + 0.01 }, files: { categories: pool.quotasCsv, people: pool.peopleCsv } }));
    const w = capture();
    expect(await run(["verify", record])).toBe(1);
    expect(w.out()).toContain("NOT verified");
  }, 60_000);

  it("marks LEGACY probabilities as estimated", async () => {
    const io = capture();
    expect(await run(["select", "--categories", quotas, "--people", people, "--k", "8", "--algorithm", "legacy", "--runs", "200", "--beacon", "x", "--json"])).toBe(0);
    expect((JSON.parse(io.out()) as { estimated?: boolean }).estimated).toBe(true);
  }, 60_000);

  it("reports input problems with exit code 1 and usage errors with 2", async () => {
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "person_id,cat1,cat2\np1,v1,nope\n");
    const io = capture();
    expect(await run(["select", "--categories", quotas, "--people", bad, "--k", "1", "--algorithm", "leximin", "--json"])).toBe(1);
    expect(io.err()).toContain('value "nope"');
    expect(await run(["select", "--k", "x"])).toBe(2);
  });

  it("bad usage (unknown flag or subcommand) is exit 2 with a message on stderr and nothing on stdout", async () => {
    for (const argv of [["select", "--categories", quotas, "--people", people, "--k", "8", "--algorithm", "leximin", "--frobnicate"], ["frobnicate"], [], ["verify", "r.json", "--categories", quotas, "--people", people, "--colour"]]) {
      const io = capture();
      expect(await run(argv), argv.join(" ")).toBe(2);
      expect(io.out(), argv.join(" ")).toBe("");
      expect(io.err(), argv.join(" ")).toMatch(/^pnyx sortition/);
      vi.restoreAllMocks();
    }
  });
});

describe("worker runner", () => {
  it("reports progress while it works", async () => {
    const small = syntheticPool({ people: 120, k: 12, values: [2, 3, 2], margin: 2, seed: "progress-test" });
    const p = buildPool(parseQuotas(small.quotasCsv), small.peopleCsv, 12);
    const seen: string[] = [];
    const handle = selectInWorker(p, { algorithm: "leximin", seed: sha256Hex("p") }, (pr) => seen.push(pr.phase));
    await handle.result;
    expect(seen.length).toBeGreaterThan(0);
    expect(seen).toContain("leximin");
  }, 60_000);

  it("can be cancelled: the computation stops by itself at the cancel flag", async () => {
    // Cancelled at its first progress report, once the worker is computing. The pool is large enough
    // that the computation lasts far longer than the cancel takes to reach it (at 400 people it sometimes
    // ended first on a loaded machine).
    const big = syntheticPool({ people: 2000, k: 150, values: [2, 3, 4, 3, 5], margin: 2, seed: "cancel-test" });
    const p = buildPool(parseQuotas(big.quotasCsv), big.peopleCsv, 150);
    const handle = selectInWorker(p, { algorithm: "leximin", seed: sha256Hex("c") }, () => handle.cancel());
    const error: unknown = await handle.result.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SortitionCancelledError);
    // Not the runner's forced termination.
    expect((error as SortitionCancelledError).forced).toBe(false);
  }, 60_000);
});
