import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../app";
import { createTestPlatform, csrfFrom, TestClient, type TestPlatform } from "../../test/platform";
import { pairKey } from "./throttle";
import { createUser } from "./users";

let p: TestPlatform;
beforeAll(async () => {
  // One proxy in front, as in production: a client's own X-Forwarded-For entries are not its address.
  p = await createTestPlatform({ TRUST_PROXY: "1" });
});
afterAll(() => p.stop());

/** A browser speaking English from `address`. */
async function browserAt(address: string, headers: Record<string, string> = {}): Promise<TestClient> {
  const c = p.client({ remoteAddress: address, headers });
  await c.get("/locale/en");
  return c;
}
const signIn = (c: TestClient, email: string, password: string) => c.post("/users/sign-in", { email, password }, { formPage: "/users/sign-in" });
const delay = async (email: string, ip: string) =>
  (await p.deps.pool.query<{ hits: number; seconds: number }>("select hits, extract(epoch from locked_until - now())::float as seconds from auth_throttles where key = $1", [pairKey(email, ip)])).rows[0];
/** Lets the running delay end now, as if the person had waited. */
const waitOut = (email: string, ip: string) => p.deps.pool.query("update auth_throttles set locked_until = now() - interval '1 second' where key = $1", [pairKey(email, ip)]);

describe("failed sign-ins from one address", () => {
  it("slow down that address only: the administrator still signs in from elsewhere with the right password", async () => {
    await createUser(p.deps.db, { email: "chief@example.org", password: "chief password 1", name: "Chief", confirmed: true, isAdmin: true });
    const attacker = await browserAt("203.0.113.66");
    for (let i = 0; i < 4; i++) expect((await signIn(attacker, "chief@example.org", `guess number ${i}`)).statusCode).toBe(422);
    const fifth = await signIn(attacker, "chief@example.org", "guess number 5");
    expect(fifth.statusCode).toBe(429);
    expect(fifth.body).toContain("Too many failed attempts. For your security, signing in is paused for 1 minute.");
    // While the delay runs, not even the right password is tried from there.
    expect((await signIn(attacker, "chief@example.org", "chief password 1")).statusCode).toBe(429);

    const owner = await browserAt("198.51.100.7");
    const res = await signIn(owner, "chief@example.org", "chief password 1");
    expect(res.statusCode).toBe(303);
    expect((await owner.get("/admin")).statusCode).toBe(200);
  });

  it("wait twice as long after each further failure, up to an hour, and are forgiven by the right password", async () => {
    await createUser(p.deps.db, { email: "slow@example.org", password: "slow password 1", name: "Slow", confirmed: true });
    const ip = "203.0.113.70";
    const c = await browserAt(ip);
    for (let i = 0; i < 5; i++) await signIn(c, "slow@example.org", `wrong guess ${i}`);
    expect((await delay("slow@example.org", ip))?.seconds).toBeGreaterThan(50);
    await waitOut("slow@example.org", ip);
    const sixth = await signIn(c, "slow@example.org", "wrong guess 6");
    expect(sixth.statusCode).toBe(429);
    expect(sixth.body).toContain("paused for 2 minutes");
    await waitOut("slow@example.org", ip);
    expect((await signIn(c, "slow@example.org", "wrong guess 7")).body).toContain("paused for 4 minutes");
    // Far along, the wait stops growing at an hour.
    await p.deps.pool.query("update auth_throttles set hits = 400, locked_until = null where key = $1", [pairKey("slow@example.org", ip)]);
    expect((await signIn(c, "slow@example.org", "wrong guess 401")).body).toContain("paused for 60 minutes");
    const capped = await delay("slow@example.org", ip);
    expect(capped?.seconds).toBeLessThanOrEqual(3600);
    expect(capped?.seconds).toBeGreaterThan(3500);

    await waitOut("slow@example.org", ip);
    expect((await signIn(c, "slow@example.org", "slow password 1")).statusCode).toBe(303);
    expect(await delay("slow@example.org", ip)).toBeUndefined();
  });

  it("sent all at once try at most five passwords, and the delay holds on every instance", async () => {
    await createUser(p.deps.db, { email: "raced@example.org", password: "raced password", name: "Raced", confirmed: true });
    const c = await browserAt("203.0.113.80");
    const csrf = csrfFrom((await c.get("/users/sign-in")).body);
    const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => c.post("/users/sign-in", { email: "raced@example.org", password: `burst ${i} guess` }, { csrf })));
    expect(burst.filter((r) => r.statusCode === 422).length).toBeLessThanOrEqual(4);
    expect(burst.filter((r) => r.statusCode === 429).length).toBeGreaterThanOrEqual(8);
    expect((await delay("raced@example.org", "203.0.113.80"))?.hits).toBe(5);

    // A second instance (its own process memory, the same PostgreSQL) refuses that address too.
    const second = await buildApp(p.deps);
    try {
      const other = new TestClient({ app: second, deps: p.deps, close: async () => {} }, { remoteAddress: "203.0.113.80" });
      await other.get("/locale/en");
      const there = await signIn(other, "raced@example.org", "raced password");
      expect(there.statusCode).toBe(429);
      expect(there.body).toContain("Too many failed attempts");
    } finally {
      await second.close();
    }
  });

  it("are counted for the address the proxy saw, not the one the client wrote in X-Forwarded-For", async () => {
    const c = await browserAt("10.0.0.2", { "x-forwarded-for": "6.6.6.6, 203.0.113.90" });
    expect((await signIn(c, "nobody@example.org", "not the password")).statusCode).toBe(422);
    const keys = await p.deps.pool.query<{ key: string }>("select key from auth_throttles where key like 'signin:ip:%'");
    expect(keys.rows.map((r) => r.key)).toContain("signin:ip:203.0.113.90");
    expect(keys.rows.map((r) => r.key)).not.toContain("signin:ip:6.6.6.6");
    expect(await delay("nobody@example.org", "203.0.113.90")).toMatchObject({ hits: 1 });
  });
});

describe("choosing a common password", () => {
  it("is refused on the sign-up form with a translated message", async () => {
    const c = await browserAt("198.51.100.20");
    const res = await c.post("/users/sign-up", { name: "Pat", email: "pat@example.org", password: "password12", terms: "on" });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("This password is too easy to guess");
    const fr = p.client({ remoteAddress: "198.51.100.21" });
    await fr.get("/locale/fr");
    expect((await fr.post("/users/sign-up", { name: "Pat", email: "pat@example.org", password: "1234567890", terms: "on" })).body).toContain("Ce mot de passe est trop facile à deviner");
  });
});
