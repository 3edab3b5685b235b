/**
 * Test helpers for any area's integration tests: a confirmed account, signed in on a client, in a few
 * lines. Goes through the real routes and the real mail, so it also exercises them.
 */
import { createUser } from "./users";
import type { TestClient, TestPlatform } from "../../test/platform";

let counter = 0;

/** A confirmed account (created directly) and a client signed in as it, speaking English. */
export async function signedInClient(p: TestPlatform, opts: { email?: string; password?: string; name?: string; isAdmin?: boolean } = {}) {
  counter += 1;
  const email = opts.email ?? `person${counter}-${Date.now()}@example.org`;
  const password = opts.password ?? "correct horse battery";
  const userId = await createUser(p.deps.db, { email, password, name: opts.name ?? `Person ${counter}`, confirmed: true, isAdmin: opts.isAdmin ?? false });
  const client = await englishClient(p);
  const res = await client.post("/users/sign-in", { email, password }, { formPage: "/users/sign-in" });
  if (res.statusCode !== 303) throw new Error(`sign-in failed with ${res.statusCode}`);
  return { client, userId, email, password };
}

/** A fresh client whose pages are in English. */
export async function englishClient(p: TestPlatform): Promise<TestClient> {
  const client = p.client();
  await client.get("/locale/en");
  return client;
}

/** The path and query of an absolute link from a mail (the test app is reached by inject, not by host). */
export function pathOf(link: string): string {
  const u = new URL(link);
  return `${u.pathname}${u.search}`;
}
