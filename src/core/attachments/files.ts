/**
 * What an attached file is, read from its first bytes, never from its name or what the browser says:
 * images (PNG, JPEG, GIF, WebP) and PDF documents. Anything else (SVG, HTML, scripts, archives...) is
 * refused, since a browser might run it in our origin.
 */
export type AttachmentType = "image" | "pdf";

export interface FileKind {
  type: AttachmentType;
  ext: string;
  contentType: string;
}

const SIGNATURES: Array<FileKind & { test: (b: Buffer) => boolean }> = [
  { type: "image", ext: "png", contentType: "image/png", test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: "image", ext: "jpg", contentType: "image/jpeg", test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: "image", ext: "gif", contentType: "image/gif", test: (b) => ["GIF87a", "GIF89a"].includes(b.subarray(0, 6).toString("latin1")) },
  { type: "image", ext: "webp", contentType: "image/webp", test: (b) => b.subarray(0, 4).toString("latin1") === "RIFF" && b.subarray(8, 12).toString("latin1") === "WEBP" },
  { type: "pdf", ext: "pdf", contentType: "application/pdf", test: (b) => b.subarray(0, 5).toString("latin1") === "%PDF-" },
];

/** The file's kind, or null when it is none we accept. */
export function detectFile(file: Buffer): FileKind | null {
  const found = SIGNATURES.find((s) => s.test(file));
  return found ? { type: found.type, ext: found.ext, contentType: found.contentType } : null;
}

/** The content type a stored name's extension stands for (served names are ours: random hex and one of these). */
export function kindOfName(name: string): FileKind | null {
  const m = /^[a-f0-9]{32}\.([a-z]{3,4})$/.exec(name);
  const found = m ? SIGNATURES.find((s) => s.ext === m[1]) : undefined;
  return found ? { type: found.type, ext: found.ext, contentType: found.contentType } : null;
}

/** "1.2 MB", "340 kB": a file's size for people. */
export function formatSize(bytes: number, locale: string): string {
  const mb = bytes / (1024 * 1024);
  const nf = (n: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(n);
  return mb >= 1 ? `${nf(mb)} MB` : `${nf(Math.max(1, Math.round(bytes / 1024)))} kB`;
}

/** What a resource kind takes (`ResourceKind.attachments`); a component's setting may lower `max`. */
export interface AttachmentRules {
  types: AttachmentType[];
  /** The largest file, in bytes (at most the multipart limit, 10 MB). */
  maxBytes: number;
  /** Files one resource may hold. */
  max: number;
}
