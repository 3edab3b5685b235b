/**
 * The static assets served under /assets/. From the build, dist/public/ holds each file of public/
 * under its plain name and under a content-hashed one (`app.3f9c0a1b2d.css`), and dist/assets.json maps
 * the first to the second (scripts/build.mjs); pages name the hashed file, which is cached for a year.
 * From the sources, public/ is served as it is, under the plain names.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { distDir, rootDir, runsBuild } from "../install-paths";

/** The folder served under /assets/. */
export const assetsDir = runsBuild ? path.join(distDir, "public") : path.join(rootDir, "public");

const hashedNames: Record<string, string> = runsBuild ? (JSON.parse(readFileSync(path.join(distDir, "assets.json"), "utf8")) as Record<string, string>) : {};
const hashedFiles = new Set(Object.values(hashedNames));

/** The URL of a file of public/: its content-hashed name when running the build, else its plain name. */
export function assetUrl(name: string): string {
  return `/assets/${hashedNames[name] ?? name}`;
}

/** Whether a served file (its name under /assets/) is content-hashed, so never changes. */
export function isContentHashed(file: string): boolean {
  return hashedFiles.has(file);
}
