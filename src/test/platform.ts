/**
 * A whole Pnyx for an integration test: its own fresh database, a real SMTP server capturing mail,
 * background jobs running, and helpers to speak to it as a browser would (cookies, CSRF tokens).
 */
import type { LightMyRequestResponse } from "fastify";
import { loadConfig } from "../config";
import { startPlatform, type Platform } from "../runtime";
import { createTestDatabase } from "../db/test-db";
import { startSmtpCapture, type SmtpCapture } from "./smtp";

export interface TestPlatform extends Platform {
  smtp: SmtpCapture;
  /** A browser-like client keeping cookies between requests (from 127.0.0.1 unless told). */
  client: (options?: ClientOptions) => TestClient;
  stop: () => Promise<void>;
}

export async function createTestPlatform(env: Record<string, string> = {}): Promise<TestPlatform> {
  const database = await createTestDatabase();
  const smtp = await startSmtpCapture();
  const config = loadConfig({
    NODE_ENV: "test",
    DATABASE_URL: database.url,
    SMTP_URL: smtp.url,
    LOG_LEVEL: "silent",
    PUBLIC_URL: "http://pnyx.test",
    SESSION_SECRET: "test-secret-test-secret-test-secret-0123",
    ...env,
  });
  const platform = await startPlatform(config, () => {});
  return {
    ...platform,
    smtp,
    client: (options) => new TestClient(platform, options),
    stop: async () => {
      await platform.close();
      await smtp.close();
      await database.drop();
    },
  };
}

/** Extracts the CSRF token of the first form on a page. */
export function csrfFrom(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m?.[1]) throw new Error("no CSRF token on the page");
  return m[1];
}

export interface ClientOptions {
  /** The connection's address, as the server sees it (another person, another network). */
  remoteAddress?: string;
  /** Sent with every request (e.g. an X-Forwarded-For a client forges). */
  headers?: Record<string, string>;
}

export class TestClient {
  private cookies = new Map<string, string>();
  constructor(
    private readonly platform: Platform,
    private readonly options: ClientOptions = {},
  ) {}

  private remember(res: LightMyRequestResponse) {
    for (const c of res.cookies) {
      if (c.value === "" || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  private cookieHeader() {
    // light-my-request hands cookies back decoded; a browser sends them as the server encoded them.
    return [...this.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("; ");
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const res = await this.platform.app.inject({ method: "GET", url, remoteAddress: this.options.remoteAddress, headers: { ...this.options.headers, cookie: this.cookieHeader(), ...headers } });
    this.remember(res);
    return res;
  }

  /** Posts a form as a browser would: first GETs `formPage` for its CSRF token (unless given). */
  async post(url: string, fields: Record<string, string | string[]>, opts: { formPage?: string; csrf?: string } = {}): Promise<LightMyRequestResponse> {
    const csrf = opts.csrf ?? csrfFrom((await this.get(opts.formPage ?? url)).body);
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...fields, _csrf: csrf })) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    const res = await this.platform.app.inject({
      method: "POST",
      url,
      remoteAddress: this.options.remoteAddress,
      headers: { ...this.options.headers, cookie: this.cookieHeader(), "content-type": "application/x-www-form-urlencoded" },
      payload: body.toString(),
    });
    this.remember(res);
    return res;
  }

  /** Posts a multipart form as a browser would (a file is `{ filename, type, data }`), with the CSRF token of `formPage`. */
  async postMultipart(url: string, fields: Record<string, string | string[] | MultipartFile>, opts: { formPage?: string; csrf?: string } = {}): Promise<LightMyRequestResponse> {
    const csrf = opts.csrf ?? csrfFrom((await this.get(opts.formPage ?? url)).body);
    const boundary = `----pnyx${Math.random().toString(16).slice(2)}`;
    const parts: Buffer[] = [];
    for (const [k, v] of Object.entries({ ...fields, _csrf: csrf })) {
      for (const x of Array.isArray(v) ? v : [v]) {
        if (typeof x === "string") parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${x}\r\n`));
        else parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"; filename="${x.filename}"\r\nContent-Type: ${x.type}\r\n\r\n`), x.data, Buffer.from("\r\n"));
      }
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    const res = await this.platform.app.inject({
      method: "POST",
      url,
      remoteAddress: this.options.remoteAddress,
      headers: { ...this.options.headers, cookie: this.cookieHeader(), "content-type": `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat(parts),
    });
    this.remember(res);
    return res;
  }
}

export interface MultipartFile {
  filename: string;
  type: string;
  data: Buffer;
}
