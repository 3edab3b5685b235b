/** A browser's side of the form posts the benchmarks make: keep-alive requests, CSRF sessions, flash messages. */
import http from "node:http";

/** Keep-alive connections on loopback, shared by every request of the benchmark process. */
export const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });

export interface Res {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export function request(port: number, method: "GET" | "POST", urlPath: string, headers: Record<string, string>, body?: string): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method, path: urlPath, headers: body ? { ...headers, "content-length": String(Buffer.byteLength(body)) } : headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    if (body) req.write(body);
    req.end();
  });
}

/** The flash message's kind ("success", "info", "error") a redirect sets, if any. */
export function flashKind(res: Res): string | null {
  const cookies = res.headers["set-cookie"] ?? [];
  const flash = cookies.find((c) => c.startsWith("pnyx_flash="));
  if (!flash) return null;
  const raw = decodeURIComponent(flash.slice("pnyx_flash=".length).split(";")[0] ?? "");
  const m = /"kind":"(\w+)"/.exec(raw);
  return m?.[1] ?? null;
}

/** What a browser holds to post a page's forms: its cookies (with the CSRF secret) and the form's token. */
export interface FormSession {
  port: number;
  cookie: string;
  csrf: string;
}

/** Opens `page` as a browser holding `cookie` (e.g. a signed-in session) would, for its first form's CSRF token. */
export async function openFormSession(port: number, page: string, cookie = ""): Promise<FormSession> {
  const res = await request(port, "GET", page, cookie ? { cookie } : {});
  const csrf = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
  const set = (res.headers["set-cookie"] ?? []).map((c) => c.split(";")[0] ?? "");
  if (!csrf) throw new Error(`no CSRF token on ${page} (status ${res.status})`);
  return { port, cookie: [cookie, ...set].filter(Boolean).join("; "), csrf };
}
