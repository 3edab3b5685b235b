/**
 * `npm run conformance:opinion -- <path to ../shared/data/polis>`: checks every math fixture (warm
 * start from its stripped blob) and every openData conversation (cold, ARI against the export).
 * Prints a per-fixture report; exits 1 when a criterion fails, 2 on bad usage.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { checkFixture } from "./conformance/fixture";
import { checkOpenData } from "./conformance/opendata";

/** Conversations whose ARI is a pass/fail criterion (others are reported only). */
const ARI_REQUIRED: Record<string, number> = { "vtaiwan.uberx": 0.9 };

function subdirs(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort() : [];
}

function main(argv: string[]): number {
  const root = argv.find((a) => !a.startsWith("-"));
  if (!root || !existsSync(root)) {
    console.error("Usage: npm run conformance:opinion -- <path to the polis data folder>");
    return 2;
  }
  let failures = 0;
  const fixtures = subdirs(join(root, "math-fixtures"));
  for (const name of fixtures) {
    console.log(`math fixture ${name}`);
    for (const c of checkFixture(join(root, "math-fixtures", name))) {
      if (!c.ok) failures++;
      console.log(`  ${c.ok ? "ok  " : "FAIL"} ${c.name}: ${c.detail}`);
    }
    // The engine stops the power iteration on a tolerance; Pol.is's own rule must pass too.
    const exact = checkFixture(join(root, "math-fixtures", name), { exactIterations: true }).filter((c) => !c.ok);
    if (exact.length > 0) failures++;
    console.log(`  ${exact.length === 0 ? "ok  " : "FAIL"} all of the above with Pol.is's exact stopping rule${exact.length ? `: ${exact.map((c) => c.name).join(", ")}` : ""}`);
  }
  for (const name of subdirs(join(root, "opendata"))) {
    const t0 = performance.now();
    const r = checkOpenData(join(root, "opendata", name));
    const need = ARI_REQUIRED[name];
    const ok = need === undefined || r.ari >= need;
    if (!ok) failures++;
    const verdict = need === undefined ? "info" : ok ? "ok  " : "FAIL";
    console.log(
      `opendata ${name}\n  ${verdict} ARI ${r.ari.toFixed(4)}${need === undefined ? "" : ` (>= ${need})`} over ${r.compared} participants; k ${r.ourK} (export ${r.theirK}); ${Math.round(performance.now() - t0)} ms`,
    );
  }
  if (fixtures.length === 0) {
    console.log("FAIL no math fixtures found");
    failures++;
  }
  console.log(failures === 0 ? "conformance: all criteria met" : `conformance: ${failures} criteria failed`);
  return failures === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
