/**
 * Serving attachments: GET /attachments/<random name>. The resource is resolved for the reader first
 * (`resolveResource`), so a hidden, unpublished or private space's resource keeps its files to those
 * who may see it; everyone else gets the same 404 as for a name that never existed.
 *
 * Headers: the type read from the bytes when stored (never the uploader's word), `nosniff`, and a CSP
 * of `default-src 'none'; sandbox` so nothing in a file could run as our origin. Images are shown
 * inline (the proposal's page shows them). PDF documents are downloaded (`Content-Disposition:
 * attachment`), not shown inline: browsers' PDF viewers run scripts and forms of their own and do
 * not all honour a CSP sandbox, so a document is opened by the reader's own viewer, outside the site.
 * `private`: a shared cache never keeps a file that may become hidden or belongs to a private space.
 */
import type { FastifyInstance } from "fastify";
import { notFound } from "../http/result";
import { resolveResource } from "../resources/access";
import { kindOfName } from "./files";
import { findStored, readContent } from "./service";
// Registers the attachments' part of "download my data" with the routes, as the kit's other areas do.
import "./personal-data";

/** A file name for the download: the title, without what a header or a file system would choke on. */
export function downloadName(title: string, ext: string): string {
  const printable = [...title.normalize("NFC")].map((ch) => (ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127 ? " " : ch)).join("");
  const base = printable.replace(/["\\/:*?<>|]+/g, " ").replace(/\s+/g, " ").trim().slice(0, 100) || "attachment";
  const ascii = base.normalize("NFD").replace(/[^\x20-\x7e]/g, "").trim() || "attachment";
  // RFC 5987: encodeURIComponent leaves ' ( ) * as they are, which the header's syntax does not allow.
  const encoded = encodeURIComponent(`${base}.${ext}`).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `filename="${ascii}.${ext}"; filename*=UTF-8''${encoded}`;
}

export async function attachmentRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;
  app.get<{ Params: { name: string } }>("/attachments/:name", async (req, reply) => {
    const kind = kindOfName(req.params.name);
    const stored = kind ? await findStored(db, req.params.name) : null;
    if (!kind || !stored || stored.contentType !== kind.contentType) throw notFound();
    const resolved = await resolveResource(db, stored.ref, req.ctx.user);
    if (!resolved) throw notFound();
    const data = await readContent(db, stored.id);
    if (!data) throw notFound();
    const disposition = kind.type === "pdf" ? "attachment" : "inline";
    return reply
      .header("content-type", stored.contentType)
      .header("x-content-type-options", "nosniff")
      .header("content-security-policy", "default-src 'none'; sandbox")
      .header("content-disposition", `${disposition}; ${downloadName(stored.title, kind.ext)}`)
      .header("cache-control", "private, max-age=300")
      .send(data);
  });
}
