import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../accounts/users";
import { createTestPlatform, csrfFrom, type TestPlatform } from "../../test/platform";

let p: TestPlatform;
let dataDir: string;
const jar = new Map<string, string>();
const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

/** A raw request keeping cookies (multipart bodies are beyond the form-posting test client). */
async function inject(method: "GET" | "POST", url: string, payload?: string | Buffer, contentType?: string) {
  const res = await p.app.inject({ method, url, payload, headers: { cookie: cookie(), "accept-language": "en", ...(contentType ? { "content-type": contentType } : {}) } });
  for (const c of res.cookies) jar.set(c.name, c.value);
  return res;
}

function multipart(fields: Record<string, string>, file: { name: string; filename: string; type: string; data: Buffer }) {
  const boundary = "----pnyxtestboundary";
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.data, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

// The smallest valid PNG: 1x1 transparent pixel.
const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082", "hex");

beforeAll(async () => {
  // Uploads go to the data folder: a temporary one, so tests leave nothing behind.
  dataDir = await mkdtemp(path.join(tmpdir(), "pnyx-uploads-"));
  p = await createTestPlatform({ PNYX_DATA_DIR: dataDir });
  await createUser(p.deps.db, { email: "uploader@example.org", password: "correct horse battery", name: "Uploader", isAdmin: true, confirmed: true });
  const form = await inject("GET", "/users/sign-in");
  const body = new URLSearchParams({ email: "uploader@example.org", password: "correct horse battery", _csrf: csrfFrom(form.body) }).toString();
  const res = await inject("POST", "/users/sign-in", body, "application/x-www-form-urlencoded");
  if (res.statusCode !== 303) throw new Error(`sign-in ${res.statusCode}`);
});
afterAll(async () => {
  await p.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe("hero images", () => {
  it("stores an uploaded image in the database (not an instance's data folder) and shows it with its alternative text", async () => {
    const page = await inject("GET", "/admin/spaces/new?type=process");
    const { body, type } = multipart(
      { _csrf: csrfFrom(page.body), slug: "with-hero", "title.en": "With a hero", "heroImageAlt.en": "Pupils voting in the school hall" },
      { name: "heroImageFile", filename: "hero.png", type: "image/png", data: PNG },
    );
    const res = await inject("POST", "/admin/spaces/new?type=process", body, type);
    expect(res.statusCode).toBe(303);
    const edit = await inject("GET", String(res.headers.location));
    const src = /src="(\/uploads\/[a-f0-9]{32}\.png)"/.exec(edit.body)?.[1];
    expect(src).toBeDefined();
    const image = await inject("GET", src ?? "");
    expect(image.statusCode).toBe(200);
    expect(image.headers["content-type"]).toBe("image/png");
    expect(image.rawPayload.equals(PNG)).toBe(true);
    // Any instance serves it: nothing was written to this one's data folder.
    expect(await readdir(dataDir, { recursive: true })).not.toContainEqual(expect.stringContaining(".png"));
    const id = /\/admin\/spaces\/(\d+)\/edit/.exec(String(res.headers.location))?.[1];
    await inject("POST", `/admin/spaces/${id}/publish`, new URLSearchParams({ _csrf: csrfFrom(edit.body) }).toString(), "application/x-www-form-urlencoded");
    const publicPage = await inject("GET", "/processes/with-hero");
    expect(publicPage.body).toContain(`<img class="space-hero-image" src="${src}" alt="Pupils voting in the school hall"/>`);
  });

  it("refuses a file that is not an image, with the error next to the field", async () => {
    const page = await inject("GET", "/admin/spaces/new?type=process");
    const { body, type } = multipart({ _csrf: csrfFrom(page.body), slug: "bad-hero", "title.en": "Bad" }, { name: "heroImageFile", filename: "hero.png", type: "image/png", data: Buffer.from("<svg onload=alert(1)>") });
    const res = await inject("POST", "/admin/spaces/new?type=process", body, type);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('href="#field-heroImageFile"');
    expect(res.body).toContain("Choose a PNG, JPEG, GIF or WebP image.");
  });

  it("serves only names it could have written", async () => {
    expect((await inject("GET", "/uploads/..%2F..%2Fetc%2Fpasswd")).statusCode).toBe(404);
    expect((await inject("GET", `/uploads/${"a".repeat(32)}.png`)).statusCode).toBe(404);
  });
});
