/**
 * A browser for the security tests: a cookie jar that can be read and forged (a planted cookie, another
 * session's token), requests from any address, forms posted with or without a CSRF token. Unlike
 * `TestClient` it never fetches a token by itself: what the attacker sends is exactly what the test says.
 */
import type { LightMyRequestResponse } from "fastify";
import { createUser } from "../../core/accounts/users";
import { csrfFrom, type TestPlatform } from "../../test/platform";

export type Fields = Record<string, string | string[]>;

export class Browser {
  readonly cookies = new Map<string, string>();
  constructor(
    private readonly p: TestPlatform,
    public remoteAddress = "127.0.0.1",
  ) {}

  private remember(res: LightMyRequestResponse) {
    for (const c of res.cookies) {
      if (c.value === "" || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("; ");
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    const res = await this.p.app.inject({ method: "GET", url, remoteAddress: this.remoteAddress, headers: { cookie: this.cookieHeader(), "accept-language": "en" } });
    this.remember(res);
    return res;
  }

  /** A fresh token of this browser's CSRF secret, from a page carrying a form. */
  async token(page = "/users/password/forgot"): Promise<string> {
    return csrfFrom((await this.get(page)).body);
  }

  /** Sends a form as is: `_csrf` only if `fields` holds it. */
  async send(method: string, url: string, fields: Fields = {}): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    const res = await this.p.app.inject({
      method: method as "POST",
      url,
      remoteAddress: this.remoteAddress,
      headers: { cookie: this.cookieHeader(), "content-type": "application/x-www-form-urlencoded", "accept-language": "en" },
      payload: body.toString(),
    });
    this.remember(res);
    return res;
  }

  /** Posts a form with a token of this browser's own secret, as its page would. */
  async post(url: string, fields: Fields = {}, page = "/users/password/forgot"): Promise<LightMyRequestResponse> {
    return this.send("POST", url, { ...fields, _csrf: await this.token(page) });
  }

  async signIn(email: string, password: string): Promise<LightMyRequestResponse> {
    return this.post("/users/sign-in", { email, password });
  }
}

let counter = 0;

/** A confirmed account (an org admin if asked) and a browser signed in as it. */
export async function signedIn(p: TestPlatform, opts: { isAdmin?: boolean; remoteAddress?: string } = {}): Promise<{ browser: Browser; userId: number; email: string; password: string }> {
  counter += 1;
  const email = `sec${counter}-${Date.now()}@example.org`;
  const password = "correct horse battery staple";
  const userId = await createUser(p.deps.db, { email, password, name: `Person ${counter}`, confirmed: true, isAdmin: opts.isAdmin ?? false });
  const browser = new Browser(p, opts.remoteAddress);
  const res = await browser.signIn(email, password);
  if (res.statusCode !== 303) throw new Error(`sign-in failed with ${res.statusCode}`);
  return { browser, userId, email, password };
}
