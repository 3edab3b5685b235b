/**
 * Images uploaded by admins (hero images), stored in PostgreSQL (`uploaded_images`) under a random name
 * and served at /uploads/<name>, so every instance serves them and backups hold them. The type is read
 * from the file's first bytes, never from its name or the browser. Images saved in the data folder by
 * earlier versions are still served from there (a single-instance install's existing addresses).
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { Db } from "../../db/client";
import { fail, ok, type FieldErrors, type Result } from "../http/result";
import { uploadedImages } from "./schema";

const SIGNATURES: Array<{ ext: string; type: string; test: (b: Buffer) => boolean }> = [
  { ext: "png", type: "image/png", test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { ext: "jpg", type: "image/jpeg", test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { ext: "gif", type: "image/gif", test: (b) => b.subarray(0, 4).toString("latin1") === "GIF8" },
  { ext: "webp", type: "image/webp", test: (b) => b.subarray(0, 4).toString("latin1") === "RIFF" && b.subarray(8, 12).toString("latin1") === "WEBP" },
];

const MAX_BYTES = 5 * 1024 * 1024;
const NAME = /^([a-f0-9]{32})\.(png|jpg|gif|webp)$/;

export const uploadsDir = (dataDir: string) => path.join(dataDir, "uploads");

/** A multipart file field, if one was chosen (an empty part means "no file"). */
export function uploadedFile(value: unknown): Buffer | null {
  return Buffer.isBuffer(value) && value.length > 0 ? value : null;
}

/** The error for `field` if `file` is not an image we accept, else null. */
export function checkImage(file: Buffer, field: string): FieldErrors | null {
  if (file.length > MAX_BYTES) return { [field]: { key: "spaces.validation.imageTooLarge" } };
  if (!SIGNATURES.some((s) => s.test(file))) return { [field]: { key: "spaces.validation.imageType" } };
  return null;
}

/** Stores an image; returns its public path, or an error for `field`. */
export async function saveImage(db: Db, file: Buffer, field: string): Promise<Result<string>> {
  const error = checkImage(file, field);
  if (error) return fail(error);
  const kind = SIGNATURES.find((s) => s.test(file));
  if (!kind) return fail({ [field]: { key: "spaces.validation.imageType" } });
  const name = `${randomBytes(16).toString("hex")}.${kind.ext}`;
  await db.insert(uploadedImages).values({ name, contentType: kind.type, data: file });
  return ok(`/uploads/${name}`);
}

export async function uploadRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { name: string } }>("/uploads/:name", async (req, reply) => {
    const m = NAME.exec(req.params.name);
    const kind = m ? SIGNATURES.find((s) => s.ext === m[2]) : undefined;
    if (!m || !kind) return reply.callNotFound();
    const [row] = await app.deps.db.select({ data: uploadedImages.data }).from(uploadedImages).where(eq(uploadedImages.name, req.params.name));
    const file = row?.data ?? (await fs.readFile(path.join(uploadsDir(app.deps.config.PNYX_DATA_DIR), req.params.name)).catch(() => null));
    if (!file) return reply.callNotFound();
    return reply.header("content-type", kind.type).header("cache-control", "public, max-age=31536000, immutable").send(file);
  });
}
