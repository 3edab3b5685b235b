/**
 * Where Pnyx's own files are at run time, from the TypeScript sources (tsx, vitest: this file is
 * src/install-paths.ts) or from the build (esbuild bundles it into a file directly in dist/; the build
 * writes no code in subfolders). Either way, this module sits one level below the installation's root.
 */
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

/** Whether this process runs the built code in dist/ (else the sources in src/). */
export const runsBuild = !import.meta.url.endsWith(".ts");

/** The installation's root: the folder holding package.json, src/ and dist/. */
export const rootDir = path.dirname(here);

/** The build's output folder (scripts/build.mjs). */
export const distDir = path.join(rootDir, "dist");

/**
 * The file a worker thread runs: from the build, the worker's own entry point in dist/ (`<name>.js`);
 * from the sources, the engine's plain-JavaScript bootstrap, which registers tsx in the thread and then
 * loads the TypeScript worker (Node 20 does not pass the parent's loader hooks to a worker).
 */
export function workerEntry(name: "opinion-worker" | "sortition-worker" | "budgets-outcome-worker", sourceBootstrap: URL): URL {
  return runsBuild ? pathToFileURL(path.join(distDir, `${name}.js`)) : sourceBootstrap;
}
