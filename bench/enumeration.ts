/**
 * Account enumeration by the clock: for each form that takes an email (sign-in, sign-up, password
 * reset, a petition's signature), the median time of the answer for an address that has an account
 * (or has signed) and for one that has not. The target (issue 18): medians within 20 % or 10 ms. Its
 * own embedded PostgreSQL and a `pnyx start` server (production mode, mail to an SMTP sink); every
 * request comes from its own address (X-Forwarded-For behind TRUST_PROXY) and every address is used
 * once, so no throttle or rate limit answers instead of the form. Known and unknown requests alternate,
 * so a drift of the machine weighs on both. Prints one JSON line per form; never asserts.
 *
 * Options: --samples N (40 per side and form), --keep (keep the database folder).
 */
import { performance } from "node:perf_hooks";
import { openFormSession, request } from "./lib/http";
import { percentile } from "./lib/load";
import { runBench } from "./lib/report";
import { loadavg, log, option, round1, startServer } from "./lib/server";
import { openRig } from "./lib/rig";
import { startSmtpSink } from "./lib/smtp-sink";

const samples = option("--samples", 40);
const keep = process.argv.includes("--keep");

interface Form {
  name: string;
  /** The page holding the form (for its CSRF token). */
  page: string;
  url: string;
  fields: (email: string) => Record<string, string>;
}

let ipCounter = 0;
/** A new client address for every request (10.x.y.z), so no per-address limit is shared. */
const nextIp = () => {
  ipCounter += 1;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
};

/** Posts `fields` as a new browser from a new address; resolves to the milliseconds the POST took. */
async function timePost(port: number, form: Form, email: string): Promise<number> {
  const ip = nextIp();
  const session = await openFormSession(port, form.page);
  const body = new URLSearchParams({ ...form.fields(email), _csrf: session.csrf }).toString();
  const headers = { cookie: session.cookie, "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": ip, "accept-language": "en" };
  const started = performance.now();
  const res = await request(port, "POST", form.url, headers, body);
  const ms = performance.now() - started;
  if (res.status >= 400 && form.name !== "signIn") log(`[${form.name}] ${email}: ${res.status}`);
  return ms;
}

function figures(form: string, known: number[], unknown: number[]) {
  const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);
  const k = median(known);
  const u = median(unknown);
  const diff = Math.abs(k - u);
  return { form, knownMedianMs: round1(k), unknownMedianMs: round1(u), diffMs: round1(diff), withinTarget: diff <= 10 || diff <= 0.2 * Math.min(k, u), samples: known.length, loadAvg1: loadavg()[0] };
}

async function main(): Promise<number> {
  const sink = await startSmtpSink();
  const rig = await openRig("enumeration", keep, () => sink.close());
  try {
    rig.server = await startServer(rig.database.url, { PNYX_SEED_DEMO: "false", SMTP_URL: sink.url, TRUST_PROXY: "loopback" });
    const port = Number(new URL(rig.server.base).port);
    const { db, petitionId } = await fixtures(rig.database.url);

    const known = (tag: string, i: number) => `known-${tag}-${i}@example.org`;
    const unknown = (tag: string, i: number) => `nobod-${tag}-${i}@example.org`;
    const { createUser } = await import("../src/core/accounts/users");
    for (const tag of ["in", "up", "reset"]) {
      for (let i = 0; i < samples + 2; i++) await createUser(db.db, { email: known(tag, i), password: "the right password", name: `Known ${i}`, confirmed: true });
    }
    const forms: Form[] = [
      { name: "signIn", page: "/users/sign-in", url: "/users/sign-in", fields: (email) => ({ email, password: "a wrong password" }) },
      { name: "signUp", page: "/users/sign-up", url: "/users/sign-up", fields: (email) => ({ name: "Someone", email, password: "a long enough password", terms: "on" }) },
      { name: "passwordReset", page: "/users/password/forgot", url: "/users/password/forgot", fields: (email) => ({ email }) },
      { name: "signature", page: `/petitions/${petitionId}`, url: `/petitions/${petitionId}/sign`, fields: (email) => ({ name: "Sam Signer", email, showName: "on" }) },
    ];
    const tags: Record<string, string> = { signIn: "in", signUp: "up", passwordReset: "reset", signature: "sig" };
    // The addresses that "already signed" sign once first.
    const signature = forms[3];
    if (signature) for (let i = 0; i < samples + 2; i++) await timePost(port, signature, known("sig", i));

    for (const form of forms) {
      const tag = tags[form.name] ?? form.name;
      // Two warm-up rounds (first argon2 use, first queries' plans), not counted.
      for (let i = samples; i < samples + 2; i++) {
        await timePost(port, form, known(tag, i));
        await timePost(port, form, unknown(tag, i));
      }
      const k: number[] = [];
      const u: number[] = [];
      for (let i = 0; i < samples; i++) {
        // Alternate which goes first, so neither side always follows the other.
        if (i % 2 === 0) {
          k.push(await timePost(port, form, known(tag, i)));
          u.push(await timePost(port, form, unknown(tag, i)));
        } else {
          u.push(await timePost(port, form, unknown(tag, i)));
          k.push(await timePost(port, form, known(tag, i)));
        }
      }
      console.log(JSON.stringify(figures(form.name, k, u)));
    }
    await db.close();
    return 0;
  } finally {
    await rig.stop();
  }
}

/** A published space with a petitions component and one published petition open for signatures. */
async function fixtures(url: string) {
  const { openDatabase } = await import("../src/db/client");
  const { loadConfig } = await import("../src/config");
  const { registerComponent, getComponentManifest } = await import("../src/core/components/registry");
  const { installedComponents } = await import("../src/modules");
  const { addComponent } = await import("../src/core/components/service");
  const { createSpace, setSpacePublished } = await import("../src/core/spaces/service");
  const { createUser } = await import("../src/core/accounts/users");
  const { saveType } = await import("../src/modules/petitions/types-service");
  const { createPetition, transition } = await import("../src/modules/petitions/workflow");
  for (const m of installedComponents) if (!getComponentManifest(m.name)) registerComponent(m);
  const manifest = getComponentManifest("petitions");
  if (!manifest) throw new Error("petitions not installed");
  const db = openDatabase(url, 2);
  const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: "silent" });
  const deps = { db: db.db, config };
  const adminId = await createUser(db.db, { email: "bench-admin@example.org", password: "an administrator's password", name: "Admin", confirmed: true, isAdmin: true });
  const authorId = await createUser(db.db, { email: "bench-author@example.org", password: "an author's password", name: "Author", confirmed: true });
  const actor = { id: adminId, ip: null };
  const space = await createSpace(db.db, actor, "process", { slug: "enumeration", title: { en: "Enumeration" }, subtitle: {}, shortDescription: {}, description: {}, heroImage: undefined, heroImageAlt: {}, groupId: undefined, startDate: undefined, endDate: undefined, purpose: {}, composition: {}, isPrivate: false, isTransparent: false, promoted: false, weight: 0 }, null);
  if (!space.ok) throw new Error("space");
  await setSpacePublished(db.db, actor, space.value.id, true);
  const component = await addComponent(db.db, actor, space.value.id, manifest, { en: "Petitions" }, { published: true });
  const type = await saveType(db.db, actor, component.id, null, { title: { en: "Open petition" }, threshold: 100_000, regionThresholds: {}, minAge: 0, residenceRegions: [], signingDays: 30, coSponsorsRequired: 0, allowWithdrawal: true, verification: "email", criteria: [], reviewDays: 30, answerDays: 180, signerFields: ["name"] });
  if (!type.ok) throw new Error(JSON.stringify(type.errors));
  const created = await createPetition(db.db, { id: authorId, ip: null }, component.id, { typeId: type.value.id, title: "More benches", summary: "", body: "A petition body long enough to be accepted by the form rules.", language: "en" });
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  for (const [to, role] of [["submitted", "author"], ["under_review", "services"], ["published", "services"]] as const) {
    const moved = await transition(deps, { id: role === "author" ? authorId : adminId, ip: null }, created.value.id, { to }, role);
    if (!moved.ok) throw new Error(`${to}: ${JSON.stringify(moved.errors)}`);
  }
  return { db, petitionId: created.value.id };
}

runBench(main);
