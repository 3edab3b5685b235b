#!/usr/bin/env node
// `npm run smoke:built` (CI, after `npm run build`): the built server as an operator runs it,
// `node dist/main.js start` in production mode on a temporary data folder and free ports, must serve the
// home page (naming its content-hashed stylesheet, served for a year), a petition page (the first one
// /api/petitions lists), and sign the demo administrator in through the real form with its CSRF token.
// Stops the server and ends with one plain line; exit code 1 on the first failure.
/* global fetch, URLSearchParams */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TIMEOUT_MS = 90_000;
const started = performance.now();

function fail(message) {
  console.error(`smoke: FAILED: ${message}`);
  process.exitCode = 1;
  throw new Error(message);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer().once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** The cookies a response sets, merged into `jar` (name -> value). */
function keepCookies(res, jar) {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const i = pair.indexOf("=");
    jar.set(pair.slice(0, i).trim(), pair.slice(i + 1));
  }
}
const cookieHeader = (jar) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

if (!existsSync(path.join(root, "dist/build.json"))) {
  console.error("smoke: no build in dist/: run `npm run build` first");
  process.exit(1);
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), "pnyx-smoke-"));
const [port, pgPort] = [await freePort(), await freePort()];
const base = `http://127.0.0.1:${port}`;
const env = {
  ...process.env,
  NODE_ENV: "production",
  PORT: String(port),
  HOST: "127.0.0.1",
  PUBLIC_URL: base,
  PNYX_DATA_DIR: dataDir,
  PNYX_PG_PORT: String(pgPort),
  SESSION_SECRET: randomBytes(24).toString("hex"),
  LOG_LEVEL: "warn",
};
delete env.DATABASE_URL;
delete env.SMTP_URL;
const server = spawn(process.execPath, ["--enable-source-maps", path.join(root, "dist/main.js"), "start"], { cwd: os.tmpdir(), env, stdio: ["ignore", "pipe", "pipe"], detached: true });
let output = "";
server.stdout.on("data", (d) => (output += d));
server.stderr.on("data", (d) => (output += d));
const exited = new Promise((resolve) => server.once("exit", resolve));
let running = true;
void exited.then(() => (running = false));

try {
  // Up: the first start creates, migrates and seeds the database.
  let home = null;
  while (!home && running && performance.now() - started < TIMEOUT_MS) {
    home = await fetch(`${base}/`).catch(() => null);
    if (!home) await new Promise((r) => setTimeout(r, 100));
  }
  if (!home) fail(running ? "no answer on / in time" : "the server exited before serving /");
  if (home.status !== 200) fail(`GET / answered ${home.status}`);
  const homeHtml = await home.text();
  const manifest = JSON.parse(readFileSync(path.join(root, "dist/assets.json"), "utf8"));
  const css = `/assets/${manifest["app.css"]}`;
  if (!homeHtml.includes(`href="${css}"`)) fail(`the home page does not name the built stylesheet ${css}`);
  const cssRes = await fetch(`${base}${css}`);
  if (cssRes.status !== 200 || !/immutable/.test(cssRes.headers.get("cache-control") ?? "")) fail(`${css}: ${cssRes.status}, cache-control ${cssRes.headers.get("cache-control")}`);
  console.log(`smoke: GET / 200, ${css} cached as "${cssRes.headers.get("cache-control")}"`);

  const list = await fetch(`${base}/api/petitions`);
  if (list.status !== 200) fail(`GET /api/petitions answered ${list.status}`);
  const first = (await list.json()).data?.[0];
  if (!first) fail("/api/petitions lists no petition (demo seed missing?)");
  const petitionPath = new URL(first.url).pathname;
  const petition = await fetch(`${base}${petitionPath}`);
  if (petition.status !== 200) fail(`GET ${petitionPath} answered ${petition.status}`);
  if (!(await petition.text()).includes(first.title)) fail(`${petitionPath} does not show its title`);
  console.log(`smoke: GET ${petitionPath} 200`);

  const jar = new Map();
  const form = await fetch(`${base}/users/sign-in`);
  if (form.status !== 200) fail(`GET /users/sign-in answered ${form.status}`);
  keepCookies(form, jar);
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  if (!token) fail("the sign-in form carries no CSRF token");
  const signIn = await fetch(`${base}/users/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
    body: new URLSearchParams({ _csrf: token, email: "admin@pnyx.example", password: "pnyx-demo-admin" }).toString(),
  });
  if (signIn.status !== 303) fail(`POST /users/sign-in answered ${signIn.status} (expected 303)`);
  keepCookies(signIn, jar);
  const admin = await fetch(`${base}/admin`, { redirect: "manual", headers: { cookie: cookieHeader(jar) } });
  if (admin.status !== 200) fail(`GET /admin once signed in answered ${admin.status}`);
  console.log("smoke: POST /users/sign-in 303, GET /admin 200 as the demo administrator");
} catch (error) {
  if (!process.exitCode) console.error(`smoke: FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
  console.error(`--- server output ---\n${output.slice(-4000)}`);
} finally {
  if (running) process.kill(-server.pid, "SIGINT");
  const stopped = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 15_000))]);
  if (!stopped) process.kill(-server.pid, "SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(process.exitCode ? `smoke: built server FAILED (${seconds} s)` : `smoke: built server ok: home page, a petition page, a sign-in (${seconds} s)`);
